/**
 * 升规纳统 rules as pure functions: which threshold applies, trailing and year-to-date revenue, the gap,
 * and the month a run-rate projection crosses the threshold. Money is handled as numbers of 元 with two
 * decimals only for comparison and display; stored values stay numeric strings.
 */

export interface ThresholdRule {
  id: number;
  category: string;
  industryPrefixes: string[] | null;
  metric: 'main_revenue' | 'operating_revenue';
  amount: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
}

export interface IndustryRef {
  section: string | null; // 门类 letter
  code: string | null; // 小类 (or shorter)
}

/**
 * The rule in force on `date` for a category and industry: the most specific industry match wins
 * (longest prefix; a rule without prefixes matches any industry), then the latest effective date.
 */
export function thresholdFor(
  rules: ThresholdRule[],
  category: string,
  industry: IndustryRef,
  date: string,
): ThresholdRule | null {
  let best: { rule: ThresholdRule; specificity: number } | null = null;
  for (const r of rules) {
    if (r.category !== category) continue;
    if (r.effectiveFrom > date || (r.effectiveTo !== null && r.effectiveTo < date)) continue;
    let specificity = 0;
    if (r.industryPrefixes?.length) {
      const matches = r.industryPrefixes.filter((p) =>
        /^[A-T]$/.test(p) ? industry.section === p : !!industry.code && industry.code.startsWith(p),
      );
      if (!matches.length) continue;
      specificity = Math.max(...matches.map((p) => (/^[A-T]$/.test(p) ? 1 : p.length)));
    }
    if (
      !best ||
      specificity > best.specificity ||
      (specificity === best.specificity && r.effectiveFrom > best.rule.effectiveFrom)
    )
      best = { rule: r, specificity };
  }
  return best?.rule ?? null;
}

/** 'YYYY-MM-01' of the month `n` months after `month`. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}-01`;
}

export interface MonthValue {
  month: string; // YYYY-MM-01
  value: number;
}

export interface RadarFigures {
  trailing12: number;
  /** Months of data inside the trailing window (fewer than 12 = new enterprise or gaps). */
  monthsInWindow: number;
  ytd: number;
  threshold: number;
  gap: number; // threshold − trailing12, ≥ 0
  ratio: number; // trailing12 / threshold
  /** Average of the last three months with data. */
  runRate: number;
  /** First month whose projected trailing-12 total reaches the threshold (null: not within 36 months). */
  crossesIn: string | null;
  /** Month-on-month change of revenue over the last three months, e.g. [-0.1, -0.05, -0.2]. */
  falling3: boolean;
}

/**
 * Figures for one enterprise as of `asOf` (the latest complete month, YYYY-MM-01). Months without data
 * count as zero in the trailing window; the run-rate projection replaces the oldest month by the run rate
 * month after month.
 */
export function radarFigures(series: MonthValue[], asOf: string, threshold: number): RadarFigures {
  const byMonth = new Map(series.map((s) => [s.month, s.value]));
  const window: number[] = [];
  let monthsInWindow = 0;
  for (let i = 11; i >= 0; i--) {
    const m = addMonths(asOf, -i);
    const v = byMonth.get(m);
    if (v !== undefined) monthsInWindow++;
    window.push(v ?? 0);
  }
  const trailing12 = round2(window.reduce((a, b) => a + b, 0));
  const year = asOf.slice(0, 4);
  const ytd = round2(
    series.filter((s) => s.month.startsWith(year) && s.month <= asOf).reduce((a, s) => a + s.value, 0),
  );
  const recent = series
    .filter((s) => s.month <= asOf)
    .sort((a, b) => (a.month < b.month ? 1 : -1))
    .slice(0, 3);
  const runRate = recent.length ? round2(recent.reduce((a, s) => a + s.value, 0) / recent.length) : 0;
  let crossesIn: string | null = null;
  if (trailing12 >= threshold) crossesIn = asOf;
  else if (runRate > 0) {
    const w = [...window];
    let sum = trailing12;
    for (let k = 1; k <= 36; k++) {
      sum += runRate - w.shift()!;
      w.push(runRate);
      if (sum >= threshold - 0.005) {
        crossesIn = addMonths(asOf, k);
        break;
      }
    }
  }
  const falling3 = fallingThree(byMonth, asOf);
  return {
    trailing12,
    monthsInWindow,
    ytd,
    threshold,
    gap: round2(Math.max(0, threshold - trailing12)),
    ratio: threshold > 0 ? trailing12 / threshold : 0,
    runRate,
    crossesIn,
    falling3,
  };
}

/** Revenue fell three months running up to `asOf`: four months reported, each below the one before. */
export function fallingThree(byMonth: Map<string, number>, asOf: string): boolean {
  const last4 = [3, 2, 1, 0].map((i) => byMonth.get(addMonths(asOf, -i)));
  return last4.every((v) => v !== undefined) && last4[1]! < last4[0]! && last4[2]! < last4[1]! && last4[3]! < last4[2]!;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
