/**
 * Stored clock summaries: every write that changes a ticket's clock inputs stores, on the ticket row, what
 * its clocks look like apart from today (the earliest open deadline, whether some done clock was late or met,
 * whether the resolve clock was met), stamped with a revision of the calendar and the SLA table it was computed
 * with. Card filters and counts are then SQL over the valid rows (revision current, not paused: a paused ticket's
 * deadline moves with today), plus a live computation of the few invalid rows in scope — always exact.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { today } from '../../core/dates';
import type { Db } from '../../core/db';
import type { AuthedCtx } from '../../core/http';
import { allOf } from '../../core/list';
import { memo } from '../../core/memo';
import { regionIn } from '../../core/scope';
import { loadCalendar } from '../calendar/calendar.service';
import { addDays, type CalendarOverrides, workdaysBetween } from '../calendar/workdays';
import { sumTallies, sumTalliesBefore, tallyScope } from '../tallies/tallies.service';
import { type Card, type Clock, worstCard } from './clock';
import { clocksForMany, type SlaRow, type TicketRow, ticketScope } from './tickets.service';
import { ticketSlas, tickets } from './tickets.tables';

/** Everything besides a ticket's own rows that its clocks depend on, and its revision. */
export interface ClockBasis {
  cal: CalendarOverrides;
  slas: SlaRow[];
  rev: string;
}

function revOf(cal: CalendarOverrides, slas: SlaRow[]): string {
  const h = createHash('sha1');
  for (const [d, k] of [...cal].sort((a, b) => (a[0] < b[0] ? -1 : 1))) h.update(`${d}=${k};`);
  h.update('|');
  for (const r of [...slas].sort((a, b) => a.id - b.id))
    h.update(
      `${JSON.stringify([r.id, r.category, r.level, r.sign, r.answer, r.resolve, r.complexResolve, r.effectiveFrom, r.effectiveTo])};`,
    );
  return h.digest('hex').slice(0, 12);
}

/** The calendar and SLA rows (two small tables, read each time: never stale) with their revision. */
export function loadClockBasis(db: Db): Promise<ClockBasis> {
  return memo(db, 'clockBasis', async () => {
    const cal = await loadCalendar(db);
    const slas = await db.select().from(ticketSlas).orderBy(asc(ticketSlas.id));
    return { cal, slas, rev: revOf(cal, slas) };
  });
}

export async function currentClockRev(db: Db): Promise<string> {
  return (await loadClockBasis(db)).rev;
}

/** Rows whose stored summary holds. Its exact complement is `invalidClocks` (written to use the indexes). */
export const validClocks = (rev: string): SQL => sql`(${tickets.clockRev} = ${rev} and not ${tickets.paused})`;
export const invalidClocks = (rev: string): SQL =>
  sql`(${tickets.clockRev} is null or ${tickets.clockRev} < ${rev} or ${tickets.clockRev} > ${rev} or ${tickets.paused})`;

/** The last day D with workdaysBetween(day, D) ≤ 1: an open clock due in [day, D] is on a yellow card. */
export function yellowUntil(day: string, cal: CalendarOverrides): string {
  let d = day;
  for (let i = 0; i < 400; i++) {
    const next = addDays(d, 1);
    if (workdaysBetween(day, next, cal) > 1) return d;
    d = next;
  }
  return d;
}

/**
 * The worst card (clock.ts `worstCard`) of a valid row from its stored summary and today: red when the earliest
 * open deadline has passed, yellow when it is due by `yellowTo`, then late, green (some clock open), met.
 */
export function storedCard(card: Card, day: string, yellowTo: string): SQL {
  const nd = tickets.nextDeadline;
  switch (card) {
    case 'red':
      return sql`${nd} < ${day}::date`;
    case 'yellow':
      return sql`(${nd} >= ${day}::date and ${nd} <= ${yellowTo}::date)`;
    case 'late':
      return sql`((${nd} is null or ${nd} > ${yellowTo}::date) and ${tickets.lateClock})`;
    case 'green':
      return sql`(${nd} > ${yellowTo}::date and not ${tickets.lateClock})`;
    case 'met':
      return sql`(${nd} is null and not ${tickets.lateClock} and ${tickets.metClock})`;
  }
}

/** The stored summary of one ticket's clocks. */
export function summaryOf(t: Pick<TicketRow, 'closedOn'>, cs: Clock[]) {
  const open = cs.filter((c) => !c.doneOn).map((c) => c.deadline);
  const resolve = cs.find((c) => c.key === 'resolve');
  return {
    nextDeadline: open.length ? open.sort()[0]! : null,
    lateClock: cs.some((c) => c.doneOn && c.card === 'late'),
    metClock: cs.some((c) => c.doneOn && c.card === 'met'),
    resolveMet: t.closedOn ? resolve?.card === 'met' : null,
  };
}

const SLICE = 10_000;
/** A PostgreSQL array literal as one parameter (values are ids, dates and booleans only). */
const arr = (xs: (string | number | boolean | null)[]) =>
  `{${xs.map((x) => (x === null ? 'NULL' : typeof x === 'boolean' ? (x ? 't' : 'f') : String(x))).join(',')}}`;
export const idIn = (ids: number[]): SQL => sql`${tickets.id} = any(${arr(ids)}::int[])`;

/**
 * Computes and stores the clock summaries of these tickets. Call it at the end of every write that changes
 * clock inputs, in the same transaction. Leaves `version` and `updated_at` alone; a row changed since it was
 * read (its version moved) is left for that write's own call.
 */
export async function storeClocks(db: Db, ids: number[], basis?: ClockBasis): Promise<number> {
  if (!ids.length) return 0;
  const b = basis ?? (await loadClockBasis(db));
  const day = today();
  let stored = 0;
  for (let i = 0; i < ids.length; i += SLICE) {
    const rows = await db
      .select()
      .from(tickets)
      .where(inArray(tickets.id, ids.slice(i, i + SLICE)));
    if (!rows.length) continue;
    const all = await clocksForMany(db, rows, b.cal, { slas: b.slas, today: day });
    const s = rows.map((t) => summaryOf(t, all.get(t.id)!));
    const res = await db.execute(sql`
      update ticket set clock_rev = ${b.rev}, next_deadline = v.nd, late_clock = v.late, met_clock = v.met,
        resolve_met = v.rm
      from unnest(${arr(rows.map((t) => t.id))}::int[], ${arr(rows.map((t) => t.version))}::int[],
        ${arr(s.map((x) => x.nextDeadline))}::date[], ${arr(s.map((x) => x.lateClock))}::boolean[],
        ${arr(s.map((x) => x.metClock))}::boolean[], ${arr(s.map((x) => x.resolveMet))}::boolean[])
        as v(id, ver, nd, late, met, rm)
      where ticket.id = v.id and ticket.version = v.ver
      returning ticket.id`);
    stored += (res as unknown as { rows: unknown[] }).rows.length;
  }
  return stored;
}

/**
 * Stores the summaries of all rows whose stored revision is not the current one (never computed, or the calendar
 * or SLA table changed since), in slices of 10,000 by id. Paused rows are left: they are always computed live.
 * A housekeeping job; returns the number of rows stored.
 */
export async function refreshStaleClocks(db: Db): Promise<number> {
  const basis = await loadClockBasis(db);
  let after = 0;
  let stored = 0;
  for (;;) {
    const ids = (
      await db
        .select({ id: tickets.id })
        .from(tickets)
        .where(
          and(
            gt(tickets.id, after),
            eq(tickets.paused, false),
            sql`(${tickets.clockRev} is null or ${tickets.clockRev} < ${basis.rev} or ${tickets.clockRev} > ${basis.rev})`,
          ),
        )
        .orderBy(asc(tickets.id))
        .limit(SLICE)
    ).map((r) => r.id);
    if (!ids.length) return stored;
    stored += await storeClocks(db, ids, basis);
    after = ids.at(-1)!;
  }
}

/** The rows matching `where` that must be computed live, with their clocks. */
async function liveRows(db: Db, where: SQL | undefined, basis: ClockBasis, day: string) {
  const rows = await db
    .select()
    .from(tickets)
    .where(allOf(where, invalidClocks(basis.rev)));
  return { rows, clocks: await clocksForMany(db, rows, basis.cal, { slas: basis.slas, today: day }) };
}

/**
 * The condition "the worst card is `card`" for a query over tickets: SQL over the valid rows, and the ids of the
 * invalid rows (among those matching `invalid`, which must select the same rows as the caller's query) whose live
 * card is `card`. Exact at any scale.
 */
export async function cardCondition(db: Db, card: Card, invalid: (rev: string) => Promise<TicketRow[]>): Promise<SQL> {
  const basis = await loadClockBasis(db);
  const day = today();
  const rows = await invalid(basis.rev);
  const live = await clocksForMany(db, rows, basis.cal, { slas: basis.slas, today: day });
  const hits = rows.filter((t) => worstCard(live.get(t.id)!) === card).map((t) => t.id);
  const stored = and(validClocks(basis.rev), storedCard(card, day, yellowUntil(day, basis.cal)))!;
  return hits.length ? or(stored, idIn(hits))! : stored;
}

const within = (region: string | null) => (region ? regionIn(tickets.regionCode, region) : undefined);

/**
 * Tickets closed with closed_on in [from, before) within ticketScope(ctx) and the region (prefix match on
 * ticket.region_code), tallied per ticket.region_code: how many closed, how many met the resolve clock.
 */
export async function onTimeByRegion(
  ctx: AuthedCtx,
  from: string,
  before: string,
  region: string | null,
): Promise<Map<string, { closed: number; met: number }>> {
  const db = ctx.read;
  const basis = await loadClockBasis(db);
  const where = allOf(
    ticketScope(ctx),
    within(region),
    sql`${tickets.closedOn} >= ${from}::date and ${tickets.closedOn} < ${before}::date`,
  );
  const out = new Map<string, { closed: number; met: number }>();
  const stored = await db
    .select({
      region: tickets.regionCode,
      closed: sql<number>`count(*)::int`,
      met: sql<number>`(count(*) filter (where ${tickets.resolveMet}))::int`,
    })
    .from(tickets)
    .where(allOf(where, validClocks(basis.rev)))
    .groupBy(tickets.regionCode);
  for (const r of stored) out.set(r.region, { closed: Number(r.closed), met: Number(r.met) });
  const live = await liveRows(db, where, basis, today());
  for (const t of live.rows) {
    const x = out.get(t.regionCode) ?? { closed: 0, met: 0 };
    x.closed++;
    if (summaryOf(t, live.clocks.get(t.id)!).resolveMet) x.met++;
    out.set(t.regionCode, x);
  }
  return out;
}

/**
 * How many tickets closed with closed_on in [from, before) within ticketScope(ctx) and the region met the resolve
 * clock. Valid rows come from the tally ledger (`tkt_closed:<rev>`) when the scope is a region, the rest live.
 */
export async function onTimeTotal(
  ctx: AuthedCtx,
  from: string,
  before: string,
  region: string | null,
): Promise<{ closed: number; met: number }> {
  const scope = tallyScope(ctx, region);
  if (scope === null) {
    let closed = 0;
    let met = 0;
    for (const x of (await onTimeByRegion(ctx, from, before, region)).values()) {
      closed += x.closed;
      met += x.met;
    }
    return { closed, met };
  }
  const db = ctx.read;
  const basis = await loadClockBasis(db);
  const fact = `tkt_closed:${basis.rev}`;
  const t = (await sumTallies(db, [fact], scope, { from, to: dayBefore(before) })).get(fact);
  let closed = t?.n ?? 0;
  let met = Math.round(Number(t?.amount ?? 0));
  const where = allOf(
    ticketScope(ctx),
    within(region),
    sql`${tickets.closedOn} >= ${from}::date and ${tickets.closedOn} < ${before}::date`,
  );
  const live = await liveRows(db, where, basis, today());
  for (const r of live.rows) {
    closed++;
    if (summaryOf(r, live.clocks.get(r.id)!).resolveMet) met++;
  }
  return { closed, met };
}

const dayBefore = (d: string) => addDays(d, -1);

/**
 * Open tickets (state not rating/archived, as the list's open=true) and overdue tickets (worst card red, as the
 * list's card=red: any state) within ticketScope(ctx) and the region. Exact at any scale: for a region scope the
 * valid rows are counted from the tally ledger (`tkt_open`, `tkt_due:<rev>` before today), the rest live.
 */
export async function openAndOverdue(
  ctx: AuthedCtx,
  region: string | null,
): Promise<{ open: number; overdue: number }> {
  const db = ctx.read;
  const basis = await loadClockBasis(db);
  const day = today();
  const where = allOf(ticketScope(ctx), within(region));
  const scope = tallyScope(ctx, region);
  let open: number;
  let red: number;
  if (scope === null) {
    const [o] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(tickets)
      .where(allOf(where, sql`${tickets.state} not in ('rating', 'archived')`));
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(tickets)
      .where(allOf(where, validClocks(basis.rev), storedCard('red', day, day)));
    open = Number(o?.n ?? 0);
    red = Number(r?.n ?? 0);
  } else {
    const due = `tkt_due:${basis.rev}`;
    open = (await sumTallies(db, ['tkt_open'], scope)).get('tkt_open')?.n ?? 0;
    red = (await sumTalliesBefore(db, [due], scope, day)).get(due)?.n ?? 0;
  }
  const live = await liveRows(db, where, basis, day);
  const liveRed = live.rows.filter((t) => worstCard(live.clocks.get(t.id)!) === 'red').length;
  return { open, overdue: red + liveRed };
}
