import type { DataScope, Scope } from '@beizeng/contract';
import { type AnyColumn, eq, type SQL, sql } from 'drizzle-orm';

const RANK: Record<DataScope, number> = { all: 5, region: 4, department: 3, enterprise: 2, self: 1 };

/** The widest scope among a user's roles. */
export function widestScope(scopes: DataScope[]): DataScope {
  return scopes.reduce<DataScope>((w, s) => (RANK[s] > RANK[w] ? s : w), 'self');
}

/**
 * The significant prefix of a 12-digit region code: 370000000000 → 37, 370400000000 → 3704,
 * 370406000000 → 370406, 370406109000 → 370406109, a village → all 12 digits.
 */
export function regionPrefix(code: string): string {
  if (/^\d{2}0{10}$/.test(code)) return code.slice(0, 2);
  if (/^\d{4}0{8}$/.test(code)) return code.slice(0, 4);
  if (/^\d{6}0{6}$/.test(code)) return code.slice(0, 6);
  if (/^\d{9}0{3}$/.test(code)) return code.slice(0, 9);
  return code;
}

/**
 * Rows whose region code lies within `code` (or is it), as a range over the 12 digits: a plain btree index on the
 * column serves it under any collation, where `like 'prefix%'` is index-assisted only under the C collation (a
 * database created with C.UTF-8 or zh_CN scanned every row of the table for each scoped query).
 */
export function regionIn(col: AnyColumn | SQL, code: string): SQL {
  const p = regionPrefix(code);
  return sql`${col} between ${p.padEnd(12, '0')} and ${p.padEnd(12, '9')}`;
}

export function regionLevel(code: string): number {
  return [2, 4, 6, 9, 12].indexOf(regionPrefix(code).length) + 1;
}

/** Whether a region code lies within (or is) the actor's scope region. */
export function regionWithin(code: string | null | undefined, scopeRegion: string | null): boolean {
  if (!code || !scopeRegion) return false;
  return code.startsWith(regionPrefix(scopeRegion));
}

export interface ScopeColumns {
  region?: AnyColumn;
  department?: AnyColumn;
  enterprise?: AnyColumn;
  owner?: AnyColumn;
}

/**
 * The data-scope condition for a query, as a parameterised SQL fragment. Returns undefined for `all`.
 * A scope kind the table has no column for matches nothing.
 */
export function scopeWhere(scope: Scope & { userId: number }, cols: ScopeColumns): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'region':
      return cols.region && scope.regionCode ? regionIn(cols.region, scope.regionCode) : sql`false`;
    case 'department':
      return cols.department && scope.departmentId != null ? eq(cols.department, scope.departmentId) : sql`false`;
    case 'enterprise':
      return cols.enterprise && scope.enterpriseId != null ? eq(cols.enterprise, scope.enterpriseId) : sql`false`;
    case 'self':
      return cols.owner ? eq(cols.owner, scope.userId) : sql`false`;
  }
}
