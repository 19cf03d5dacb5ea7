import { type SQL, sql } from 'drizzle-orm';
import { today } from '../../core/dates';
import { type Db, rowsOf } from '../../core/db';
import type { AuthedCtx } from '../../core/http';
import { regionPrefix } from '../../core/scope';
import { addDays } from '../calendar/workdays';
import { tallies } from './tallies.tables';

/**
 * The condition on tally_ledger for the reader's scope and region (the rows kept for exactly that region), or
 * null when the ledger cannot express the scope (a department's projects and tickets, a cadre's own, an enterprise's): the caller counts live then.
 * `departmentByRegion`: the table's scope for department users is their region too (the enterprise registry).
 */
export function tallyScope(ctx: AuthedCtx, region: string | null, departmentByRegion = false): SQL | undefined | null {
  const s = ctx.actor.scope;
  if (!(s.kind === 'all' || s.kind === 'region' || (s.kind === 'department' && departmentByRegion))) return null;
  // the narrower of the reader's region and the chosen one (parsePeriod keeps the chosen one inside the reader's)
  const at = region ?? (s.kind === 'all' ? null : s.regionCode);
  if (s.kind !== 'all' && !at) return sql`false`;
  if (!at) return sql`${tallies.span} = 2`;
  const p = regionPrefix(at);
  return sql`${tallies.span} = ${p.length} and ${tallies.regionCode} = ${p.padEnd(12, '0')}`;
}

export interface Tally {
  n: number;
  /** Exact decimal string. */
  amount: string;
}

interface Pending {
  facts: string[];
  byDay: boolean;
  where: SQL | undefined;
  days?: { from: string; to: string };
  resolve: (m: Map<string, Tally>) => void;
  reject: (e: unknown) => void;
}

/** Sums asked for in the same turn of the event loop on the same handle go to the database as one statement. */
const queued = new Map<Db, Pending[]>();

/**
 * Sums of the ledger per fact, for the facts named, within `where` (see tallyScope) and days [from, to]. Calls
 * made together (a cockpit asks for ten) are answered by one `union all` statement.
 */
export function sumTallies(
  db: Db,
  facts: string[],
  where: SQL | undefined,
  days?: { from: string; to: string },
): Promise<Map<string, Tally>> {
  return queue(db, { facts, where, days, byDay: false });
}

/** Sums of one fact per day (YYYY-MM-DD → sums), within `where` and days [from, to]. */
export function sumTalliesByDay(
  db: Db,
  fact: string,
  where: SQL | undefined,
  days: { from: string; to: string },
): Promise<Map<string, Tally>> {
  return queue(db, { facts: [fact], where, days, byDay: true });
}

function queue(db: Db, item: Omit<Pending, 'resolve' | 'reject'>): Promise<Map<string, Tally>> {
  return new Promise((resolve, reject) => {
    let q = queued.get(db);
    if (!q) {
      q = [];
      queued.set(db, q);
      setImmediate(() => {
        const batch = queued.get(db)!;
        queued.delete(db);
        flush(db, batch).catch((e) => {
          for (const x of batch) x.reject(e);
        });
      });
    }
    q.push({ ...item, resolve, reject });
  });
}

async function flush(db: Db, batch: Pending[]): Promise<void> {
  const parts = batch.map((x, i) => {
    const day = x.byDay ? sql`${tallies.day}::text` : sql`null::text`;
    return sql`(select ${i}::int as k, ${tallies.fact} as fact, ${day} as day, coalesce(sum(${tallies.n}), 0)::int as n,
      coalesce(sum(${tallies.amount}), 0)::text as amount from ${tallies}
      where ${tallies.fact} = any(${`{${x.facts.map((f) => `"${f}"`).join(',')}}`}::text[])${x.where ? sql` and ${x.where}` : sql``}${
        x.days ? sql` and ${tallies.day} between ${x.days.from} and ${x.days.to}` : sql``
      }
      group by ${tallies.fact}${x.byDay ? sql`, ${tallies.day}` : sql``})`;
  });
  const rows = rowsOf<{ k: number; fact: string; day: string | null; n: number; amount: string }>(
    await db.execute(sql.join(parts, sql` union all `)),
  );
  const out = batch.map(() => new Map<string, Tally>());
  for (const r of rows) out[Number(r.k)]!.set(r.day ?? r.fact, { n: Number(r.n), amount: r.amount });
  for (const [i, x] of batch.entries()) x.resolve(out[i]!);
}

/** Sums per fact of days before `before` (the overdue deadlines). */
export async function sumTalliesBefore(
  db: Db,
  facts: string[],
  where: SQL | undefined,
  before: string,
): Promise<Map<string, Tally>> {
  return sumTallies(db, facts, where, { from: '0001-01-01', to: addDays(before, -1) });
}

/**
 * Dates the past rows of `tkt_due` and `light` 1970-01-01 (see tallies.tables.ts), then folds the ledger's rows into
 * one per region, fact and day (netted rows that sum to nothing disappear). Only
 * the rows it deletes are summed into the rows it inserts, so concurrent writers never lose a change.
 * Returns the number of rows folded away.
 */
export async function compactTallies(db: Db, day = today()): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      update tally_ledger set day = date '1970-01-01'
      where day < ${day}::date and day > date '1970-01-01' and (left(fact, 8) = 'tkt_due:' or left(fact, 6) = 'light:')`);
    const r = await tx.execute(sql`
      with folded as (
        delete from tally_ledger l
        using (select region_code, span, fact, day from tally_ledger group by region_code, span, fact, day having count(*) > 1) g
        where l.region_code = g.region_code and l.span = g.span and l.fact = g.fact and l.day = g.day
        returning l.region_code, l.span, l.fact, l.day, l.n, l.amount
      ), added as (
        insert into tally_ledger (region_code, span, fact, day, n, amount)
        select region_code, span, fact, day, sum(n), sum(amount) from folded group by region_code, span, fact, day
        having sum(n) <> 0 or sum(amount) <> 0
        returning 1
      )
      select (select count(*) from folded)::int - (select count(*) from added)::int as n`);
    return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
  });
}
