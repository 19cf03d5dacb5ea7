/**
 * Invented monthly figures for the demo enterprises (24 complete months before the install date),
 * deterministic (seeded), shaped so the 升规纳统 radar has a story: some candidates close to their
 * thresholds and growing, one already over, one falling three months running.
 */
import { addMonths } from '../modules/cultivation/radar';

/** Annual revenue level (元) and monthly trend per enterprise short name; others get a small default. */
const PROFILES: Record<string, { annual: number; growth: number; startMonthsAgo?: number; fallLast3?: boolean }> = {
  华沃水泥: { annual: 260_000_000, growth: 0.004 },
  卜珂食品: { annual: 68_000_000, growth: 0.008 },
  金正石膏: { annual: 45_000_000, growth: 0.002 },
  中岩重科: { annual: 52_000_000, growth: 0.01 },
  金煜建材: { annual: 31_000_000, growth: -0.002 },
  中广核风电: { annual: 30_000_000, growth: 0.01, startMonthsAgo: 8 },
  勇辰食品: { annual: 17_500_000, growth: 0.012 },
  乾德源新材料: { annual: 14_000_000, growth: 0.015 },
  鸿泰昆仑: { annual: 18_500_000, growth: 0.006 },
  亭好电商: { annual: 4_300_000, growth: 0.014 },
  老峄县餐饮: { annual: 2_150_000, growth: 0.004 },
  欣源日用品: { annual: 4_100_000, growth: 0.0, fallLast3: true },
  凫山源食品: { annual: 9_000_000, growth: 0.01 },
  鑫磊石材: { annual: 36_000_000, growth: 0.001 },
  凫城新能源: { annual: 12_000_000, growth: 0.02 },
  鲁凫机械: { annual: 27_000_000, growth: 0.003 },
  凫城冷链: { annual: 8_500_000, growth: 0.01 },
  华盛杂粮: { annual: 24_000_000, growth: 0.0 },
  福源包装: { annual: 16_000_000, growth: 0.004 },
};

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface DemoIndicator {
  month: string;
  revenue: string;
  output: string | null;
  profit: string;
  employees: number;
  electricity: string;
  tax: string;
}

/** The first day of the last complete month before `today` (YYYY-MM-DD). */
export function lastCompleteMonth(today: string): string {
  return addMonths(`${today.slice(0, 7)}-01`, -1);
}

export function demoIndicators(shortName: string, index: number, industrial: boolean, today: string): DemoIndicator[] {
  const p = PROFILES[shortName] ?? { annual: 6_000_000 + index * 700_000, growth: 0.005 };
  const rand = rng(1000 + index * 7919);
  const last = lastCompleteMonth(today);
  const months = Math.min(24, p.startMonthsAgo ?? 24);
  const out: DemoIndicator[] = [];
  const base = p.annual / 12;
  for (let k = months - 1; k >= 0; k--) {
    const month = addMonths(last, -k);
    const t = months - 1 - k; // 0 … months-1
    // level at the end equals the profile's annual/12; earlier months discounted by the growth rate
    let v = base * (1 + p.growth) ** (t - (months - 1));
    const mm = Number(month.slice(5, 7));
    v *= mm === 2 ? 0.82 : mm === 1 ? 0.9 : mm === 12 ? 1.08 : 1; // Spring Festival dip, year-end push
    v *= 0.96 + rand() * 0.08;
    if (p.fallLast3 && k < 3) v *= 0.9 - (2 - k) * 0.07;
    const revenue = Math.round(v * 100) / 100;
    out.push({
      month,
      revenue: revenue.toFixed(2),
      output: industrial ? (revenue * (1.02 + rand() * 0.06)).toFixed(2) : null,
      profit: (revenue * (0.03 + rand() * 0.06)).toFixed(2),
      employees: Math.max(6, Math.round(p.annual / 600_000 + rand() * 5)),
      electricity: (industrial ? revenue * 0.012 : revenue * 0.002).toFixed(2),
      tax: (revenue * (0.025 + rand() * 0.02)).toFixed(2),
    });
  }
  return out;
}
