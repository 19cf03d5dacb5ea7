import { describe, expect, it } from 'vitest';
import { addMonths, radarFigures, type ThresholdRule, thresholdFor } from './radar';

const rule = (over: Partial<ThresholdRule>): ThresholdRule => ({
  id: 1,
  category: 'industry_above',
  industryPrefixes: null,
  metric: 'main_revenue',
  amount: '20000000',
  effectiveFrom: '2011-01-01',
  effectiveTo: null,
  source: 'test',
  ...over,
});

describe('register thresholds across effective dates', () => {
  const rules = [
    rule({ id: 1, amount: '5000000', effectiveFrom: '2007-01-01', effectiveTo: '2010-12-31' }),
    rule({ id: 2, amount: '20000000', effectiveFrom: '2011-01-01' }),
    rule({
      id: 3,
      category: 'services_above',
      industryPrefixes: ['G', 'I', 'N', '84'],
      amount: '20000000',
      metric: 'operating_revenue',
    }),
    rule({
      id: 4,
      category: 'services_above',
      industryPrefixes: ['L', 'M', 'P', '7020'],
      amount: '10000000',
      metric: 'operating_revenue',
    }),
    rule({
      id: 5,
      category: 'services_above',
      industryPrefixes: ['O', 'R', '85'],
      amount: '5000000',
      metric: 'operating_revenue',
    }),
  ];

  it('picks the rule in force on the date', () => {
    expect(thresholdFor(rules, 'industry_above', { section: 'C', code: '1432' }, '2009-06-30')?.amount).toBe('5000000');
    expect(thresholdFor(rules, 'industry_above', { section: 'C', code: '1432' }, '2011-01-01')?.amount).toBe(
      '20000000',
    );
    expect(thresholdFor(rules, 'industry_above', { section: 'C', code: '1432' }, '2006-12-31')).toBeNull();
  });

  it('picks the services tier by industry, the most specific prefix first', () => {
    expect(thresholdFor(rules, 'services_above', { section: 'G', code: '5432' }, '2026-01-01')?.amount).toBe(
      '20000000',
    );
    expect(thresholdFor(rules, 'services_above', { section: 'L', code: '7212' }, '2026-01-01')?.amount).toBe(
      '10000000',
    );
    // 物业管理 7020 is in 门类 K but tier 2 by its 小类
    expect(thresholdFor(rules, 'services_above', { section: 'K', code: '7020' }, '2026-01-01')?.amount).toBe(
      '10000000',
    );
    expect(thresholdFor(rules, 'services_above', { section: 'K', code: '7010' }, '2026-01-01')).toBeNull();
    expect(thresholdFor(rules, 'services_above', { section: 'Q', code: '8510' }, '2026-01-01')?.amount).toBe('5000000');
  });
});

describe('radar figures and the run-rate projection', () => {
  const months = (from: string, values: number[]) => values.map((value, i) => ({ month: addMonths(from, i), value }));

  it('adds months across years', () => {
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01');
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addMonths('2026-03-01', -27)).toBe('2023-12-01');
  });

  it('computes trailing-12, year to date, the gap and the crossing month', () => {
    // 1.5 million a month for 12 months = 18 million; threshold 20 million; run rate 1.5 → never… unless growing
    const flat = months('2025-11-01', Array(12).fill(1_500_000));
    const f = radarFigures(flat, '2026-10-01', 20_000_000);
    expect(f.trailing12).toBe(18_000_000);
    expect(f.ytd).toBe(15_000_000);
    expect(f.gap).toBe(2_000_000);
    expect(f.crossesIn).toBeNull(); // a flat 1.5 million never reaches 20 million a year
    // growing: last three months at 2 million each replace 1.5 million months at +0.5 million a month
    const growing = months('2025-11-01', [...Array(9).fill(1_500_000), 2_000_000, 2_000_000, 2_000_000]);
    const g = radarFigures(growing, '2026-10-01', 20_000_000);
    expect(g.trailing12).toBe(19_500_000);
    expect(g.runRate).toBe(2_000_000);
    expect(g.crossesIn).toBe('2026-11-01'); // one more month at 2 million replacing 1.5 million
  });

  it('counts missing months as zero and reports how many months it had', () => {
    const young = months('2026-05-01', [3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000]);
    const f = radarFigures(young, '2026-10-01', 20_000_000);
    expect(f.monthsInWindow).toBe(6);
    expect(f.trailing12).toBe(18_000_000);
    expect(f.crossesIn).toBe('2026-11-01');
  });

  it('reports an enterprise already over the threshold as crossing now, and a three-month fall', () => {
    const big = months('2025-11-01', [...Array(8).fill(2_500_000), 2_400_000, 2_300_000, 2_200_000, 2_100_000]);
    const f = radarFigures(big, '2026-10-01', 20_000_000);
    expect(f.gap).toBe(0);
    expect(f.crossesIn).toBe('2026-10-01');
    expect(f.falling3).toBe(true);
  });
});
