import { type AnyColumn, and, asc, type SQL, sql } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { AppError } from './errors';

/** `sort=name` or `sort=-createdAt`, limited to the columns a list declares sortable. */
export function orderBy(sort: string | undefined, sortable: Record<string, AnyColumn>, fallback: SQL | SQL[]): SQL[] {
  if (!sort) return Array.isArray(fallback) ? fallback : [fallback];
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const col = sortable[key];
  if (!col) throw new AppError('VALIDATION', [{ path: 'querystring.sort', message: `cannot sort by ${key}` }]);
  return [descending ? sql`${col} desc nulls last` : asc(col)];
}

/** Runs a list query with its count; the caller passes the same where-clause to both. */
export async function paginate<T>(
  q: { page: number; pageSize: number },
  select: () => PgSelect,
  count: () => Promise<{ n: number }[]>,
): Promise<{ items: T[]; total: number; page: number; pageSize: number }> {
  const [rows, totals] = await Promise.all([
    select()
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize) as unknown as Promise<T[]>,
    count(),
  ]);
  return { items: rows, total: Number(totals[0]?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export const countAll = sql<number>`count(*)::int`;

/** `and` that ignores undefined parts. */
export const allOf = (...parts: (SQL | undefined)[]) => and(...parts.filter((p): p is SQL => !!p));

/** Escapes LIKE wildcards in user input. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
export const contains = (s: string) => `%${likeEscape(s)}%`;
