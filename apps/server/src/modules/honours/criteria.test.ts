import { describe, expect, it } from 'vitest';
import { deriveFacts, evaluate, type RuleSet, ruleSetFor, summarise } from './criteria';

const srdi2022: RuleSet = {
  title: 'provincial_srdi',
  regime: '2022',
  effectiveFrom: '2022-06-01',
  effectiveTo: '2026-03-31',
  source: '工信部企业〔2022〕63号',
  criteria: [
    { key: 'niche', zh: '从事细分市场 ≥ 2 年', en: 'Niche ≥ 2 yrs', fact: 'nicheYears', op: '>=', value: 2 },
    { key: 'rd', zh: '上年研发费用 ≥ 100 万元', en: 'R&D ≥ 1M', fact: 'rdSpendLastYear', op: '>=', value: 1_000_000 },
    { key: 'rdRatio', zh: '研发费用占营收 ≥ 3%', en: 'R&D ≥ 3% of revenue', fact: 'rdRatio', op: '>=', value: 0.03 },
    {
      key: 'revenue',
      zh: '上年营收 ≥ 1000 万元',
      en: 'Revenue ≥ 10M',
      fact: 'revenueLastYear',
      op: '>=',
      value: 10_000_000,
    },
  ],
};
const srdi2026: RuleSet = {
  ...srdi2022,
  regime: '2026',
  effectiveFrom: '2026-04-01',
  effectiveTo: null,
  source: '工信部企业〔2026〕2号',
  criteria: [
    {
      key: 'title',
      zh: '已获科技和创新型中小企业',
      en: 'Holds the innovative-SME title',
      fact: 'holds_innovative_sme',
      op: 'true',
    },
    { key: 'niche', zh: '从事细分市场 ≥ 3 年', en: 'Niche ≥ 3 yrs', fact: 'nicheYears', op: '>=', value: 3 },
    {
      key: 'revenue',
      zh: '上年营收 ≥ 1500 万元',
      en: 'Revenue ≥ 15M',
      fact: 'revenueLastYear',
      op: '>=',
      value: 15_000_000,
    },
    { key: 'debt', zh: '资产负债率 ≤ 80%', en: 'Debt ratio ≤ 80%', fact: 'debtRatio', op: '<=', value: 0.8 },
  ],
};

describe('honour criteria checklists', () => {
  it('chooses the regime by application date', () => {
    expect(ruleSetFor([srdi2022, srdi2026], 'provincial_srdi', '2025-09-01')?.regime).toBe('2022');
    expect(ruleSetFor([srdi2022, srdi2026], 'provincial_srdi', '2026-04-01')?.regime).toBe('2026');
    expect(ruleSetFor([srdi2022, srdi2026], 'little_giant', '2026-04-01')).toBeNull();
  });

  it('reports met, missing and unknown criteria', () => {
    const facts = deriveFacts({
      facts: { nicheYears: 4, rdSpendLastYear: 1_200_000 },
      revenueByYear: { '2025': 30_000_000, '2024': 25_000_000 },
      asOfYear: 2026,
      establishedOn: '2015-03-01',
      titles: [],
      employees: 80,
    });
    expect(facts.revenueLastYear).toBe(30_000_000);
    expect(facts.rdRatio).toBeCloseTo(0.04);
    expect(facts.revenueGrowth).toBeCloseTo(0.2);
    expect(facts.yearsRegistered).toBe(11);
    const items = evaluate(srdi2022, facts);
    expect(items.map((i) => i.status)).toEqual(['met', 'met', 'met', 'met']);
    expect(summarise(items).eligible).toBe(true);
    const items26 = evaluate(srdi2026, facts);
    expect(items26.map((i) => [i.key, i.status])).toEqual([
      ['title', 'unknown'],
      ['niche', 'met'],
      ['revenue', 'met'],
      ['debt', 'unknown'],
    ]);
    expect(summarise(items26)).toEqual({ met: 2, missing: 0, unknown: 2, eligible: null });
    const poor = evaluate(srdi2026, {
      ...facts,
      revenueLastYear: 9_000_000,
      debtRatio: 0.9,
      holds_innovative_sme: true,
    });
    expect(poor.filter((i) => i.status === 'missing').map((i) => i.key)).toEqual(['revenue', 'debt']);
    expect(summarise(poor).eligible).toBe(false);
  });
});
