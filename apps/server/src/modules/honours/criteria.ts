/**
 * Honour criteria checklists: a versioned rule set (data) evaluated against what is known of an enterprise.
 * A criterion whose fact is unknown is reported as such, never as met or missing.
 */
export interface Criterion {
  key: string;
  zh: string;
  en: string;
  fact: string;
  op: '>=' | '<=' | '>' | '<' | '==' | 'true';
  value?: number;
}

export interface RuleSet {
  title: string;
  regime: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
  criteria: Criterion[];
}

export type Facts = Record<string, number | string | boolean | null | undefined>;

export interface CheckItem {
  key: string;
  zh: string;
  en: string;
  status: 'met' | 'missing' | 'unknown';
  actual: number | boolean | string | null;
  required: string;
}

/** The rule set of a title in force on a date (the latest effective one). */
export function ruleSetFor(sets: RuleSet[], title: string, date: string): RuleSet | null {
  return (
    sets
      .filter((s) => s.title === title && s.effectiveFrom <= date && (s.effectiveTo === null || s.effectiveTo >= date))
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null
  );
}

export function evaluate(set: RuleSet, facts: Facts): CheckItem[] {
  return set.criteria.map((c) => {
    const v = facts[c.fact];
    const required = c.op === 'true' ? '是' : `${c.op} ${c.value}`;
    if (v === undefined || v === null || v === '') return { ...pick(c), status: 'unknown', actual: null, required };
    let ok: boolean;
    if (c.op === 'true') ok = v === true || v === 'true' || v === 1;
    else {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n)) return { ...pick(c), status: 'unknown', actual: null, required };
      const x = c.value ?? 0;
      ok = c.op === '>=' ? n >= x : c.op === '<=' ? n <= x : c.op === '>' ? n > x : c.op === '<' ? n < x : n === x;
    }
    return { ...pick(c), status: ok ? 'met' : 'missing', actual: typeof v === 'string' ? Number(v) : v, required };
  });
}

const pick = (c: Criterion) => ({ key: c.key, zh: c.zh, en: c.en });

export function summarise(items: CheckItem[]): {
  met: number;
  missing: number;
  unknown: number;
  eligible: boolean | null;
} {
  const met = items.filter((i) => i.status === 'met').length;
  const missing = items.filter((i) => i.status === 'missing').length;
  const unknown = items.length - met - missing;
  return { met, missing, unknown, eligible: missing > 0 ? false : unknown > 0 ? null : true };
}

/**
 * Facts derived from indicators and the registry, merged with the enterprise's recorded facts.
 * `revenueByYear`: calendar-year revenue in 元 (full years only).
 */
export function deriveFacts(input: {
  facts: Facts;
  revenueByYear: Record<string, number>;
  asOfYear: number;
  establishedOn: string | null;
  titles: string[];
  employees: number | null;
}): Facts {
  const last = input.revenueByYear[String(input.asOfYear - 1)];
  const prev = input.revenueByYear[String(input.asOfYear - 2)];
  const prev2 = input.revenueByYear[String(input.asOfYear - 3)];
  const out: Facts = { ...input.facts };
  if (last !== undefined) out.revenueLastYear = last;
  if (last !== undefined && prev) out.revenueGrowth = (last - prev) / prev;
  const prev3 = input.revenueByYear[String(input.asOfYear - 4)];
  if (last !== undefined && prev2) out.revenueCagr2 = Math.sqrt(last / prev2) - 1;
  if (last !== undefined && prev3) out.revenueCagr3 = Math.cbrt(last / prev3) - 1;
  const rd = Number(input.facts.rdSpendLastYear);
  if (last && Number.isFinite(rd) && input.facts.rdSpendLastYear != null) out.rdRatio = rd / last;
  if (input.establishedOn) out.yearsRegistered = input.asOfYear - Number(input.establishedOn.slice(0, 4));
  if (input.employees != null) out.employees = input.employees;
  for (const t of input.titles) out[`holds_${t}`] = true;
  return out;
}
