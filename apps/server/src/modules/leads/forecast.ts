/**
 * Forecast of ≥ 1亿 signings: each open lead signs by year end with its stage's probability; the count of
 * signings is Poisson-binomial. Pure functions, exact for small cases.
 */

/** P(K = k) for k = 0..n, where K is the number of successes of independent trials with probabilities ps. */
export function poissonBinomial(ps: number[]): number[] {
  let dist = [1];
  for (const p of ps) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probability out of range: ${p}`);
    const next = new Array(dist.length + 1).fill(0);
    for (let k = 0; k < dist.length; k++) {
      next[k] += dist[k]! * (1 - p);
      next[k + 1] += dist[k]! * p;
    }
    dist = next;
  }
  return dist;
}

/** P(K ≥ k). */
export function probAtLeast(ps: number[], k: number): number {
  if (k <= 0) return 1;
  const d = poissonBinomial(ps);
  let s = 0;
  for (let i = k; i < d.length; i++) s += d[i]!;
  return Math.min(1, Math.max(0, s));
}

export const DEFAULT_STAGE_PROBABILITY: Record<string, number> = {
  lead: 0.05,
  contact: 0.1,
  inspection: 0.25,
  negotiation: 0.5,
  signed: 1,
  landed: 1,
};

export const LEAD_FLOW = ['lead', 'contact', 'inspection', 'negotiation', 'signed', 'landed'] as const;

/**
 * Stage probabilities learned from closed leads (signed/landed = success, abandoned = failure): for each
 * stage, the share of closed leads that reached it and then signed. Falls back per stage to the configured
 * value when fewer than `minSample` closed leads reached that stage.
 */
export function learnedProbabilities(
  closed: { maxStage: string; signed: boolean }[],
  fallback: Record<string, number>,
  minSample = 10,
): Record<string, number> {
  const out: Record<string, number> = { ...fallback };
  for (const s of LEAD_FLOW.slice(0, 4)) {
    const idx = LEAD_FLOW.indexOf(s);
    const reached = closed.filter((c) => LEAD_FLOW.indexOf(c.maxStage as any) >= idx);
    if (reached.length >= minSample) out[s] = reached.filter((c) => c.signed).length / reached.length;
  }
  return out;
}

export interface ForecastLead {
  id: number;
  name: string;
  p: number;
}

/**
 * Expected signings, probability of reaching the target, and each lead's weight for the target: how much
 * P(reach) changes between the lead signing and not signing.
 */
export function forecast(already: number, leads: ForecastLead[], target: number) {
  const need = Math.max(0, target - already);
  const ps = leads.map((l) => l.p);
  const pReach = probAtLeast(ps, need);
  const expected = already + ps.reduce((a, b) => a + b, 0);
  const impact = leads
    .map((l, i) => {
      const others = ps.filter((_, j) => j !== i);
      const withIt = probAtLeast(others, need - 1);
      const without = probAtLeast(others, need);
      return { ...l, impact: withIt - without };
    })
    .sort((a, b) => b.impact - a.impact || b.p - a.p);
  return { target, already, expected, pReach, leads: impact };
}
