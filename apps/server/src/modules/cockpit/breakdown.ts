/**
 * Region arithmetic of the cockpit's breakdown (district → town → rows), as pure functions.
 * 统计用区划代码 have 12 digits; the significant prefix grows 2 → 4 → 6 → 9 → 12 digits from province to village.
 */
const PREFIX_LENGTHS = [2, 4, 6, 9, 12] as const;

/** Level 1 (province) … 5 (village) of a 12-digit code; 0 for "no region" (everything in scope). */
export function levelOf(code: string | null): number {
  if (!code) return 0;
  for (let i = 0; i < 4; i++) {
    const n = PREFIX_LENGTHS[i]!;
    if (/^0+$/.test(code.slice(n))) return i + 1;
  }
  return 5;
}

const prefixOf = (code: string | null) => (code ? code.slice(0, PREFIX_LENGTHS[levelOf(code) - 1]) : '');

/**
 * The child region of `parent` (null = above the provinces) that holds `code`, as a 12-digit code;
 * null when `code` is the parent itself (a row filed at the parent's own level) or lies outside it.
 */
export function childOf(code: string, parent: string | null): string | null {
  const level = levelOf(parent);
  if (level >= 5 || !code.startsWith(prefixOf(parent))) return null;
  const n = PREFIX_LENGTHS[level]!;
  const from = level === 0 ? 0 : PREFIX_LENGTHS[level - 1]!;
  if (/^0+$/.test(code.slice(from, n))) return null;
  return code.slice(0, n).padEnd(12, '0');
}

/** The ancestors of a region, widest first, not including the region itself. */
export function ancestorsOf(code: string): string[] {
  const level = levelOf(code);
  return PREFIX_LENGTHS.slice(0, level - 1).map((n) => code.slice(0, n).padEnd(12, '0'));
}

/** Rows grouped by the child region of `parent` they lie in; rows at the parent itself go under null. */
export function groupByChild<T extends { regionCode: string }>(
  rows: T[],
  parent: string | null,
): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const r of rows) {
    const k = childOf(r.regionCode, parent);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
