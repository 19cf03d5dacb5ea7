import type { ticketStatsQuery } from '@beizeng/contract';
import { and, eq, gte, lte } from 'drizzle-orm';
import type { z } from 'zod';
import { today } from '../../core/dates';
import type { AuthedCtx } from '../../core/http';
import { workdaysBetween } from '../calendar/workdays';
import { departments } from '../departments/departments.tables';
import { dictItems } from '../dicts/dicts.tables';
import { regions } from '../regions/regions.tables';
import { loadClockBasis } from './tickets.clocks';
import { clocksForMany, ticketScope } from './tickets.service';
import { ticketDepartments, tickets } from './tickets.tables';

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);
const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

/**
 * 按期办结率 (closed within the resolve limit / closed), 实际解决率 (confirmed solved by the enterprise /
 * rated), 满意率 (satisfied + basically satisfied / rated), time per stage in working days, grouped by
 * department, category or town; and recurring problems (one category across many enterprises).
 */
export async function ticketStats(ctx: AuthedCtx, q: z.infer<typeof ticketStatsQuery>) {
  const to = q.to ?? today();
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  const rows = await ctx.db
    .select()
    .from(tickets)
    .where(and(ticketScope(ctx), gte(tickets.registeredOn, from), lte(tickets.registeredOn, to)));
  // red cards and the resolve clock from the stored summaries; rows that are stale or paused computed live
  const basis = await loadClockBasis(ctx.db);
  const cal = basis.cal;
  const day = today();
  const lead = rows.length
    ? await ctx.db
        .select({
          ticketId: ticketDepartments.ticketId,
          departmentId: ticketDepartments.departmentId,
          name: departments.name,
        })
        .from(ticketDepartments)
        .innerJoin(departments, eq(departments.id, ticketDepartments.departmentId))
        .where(and(eq(ticketDepartments.role, 'lead'), eq(ticketDepartments.active, true)))
    : [];
  const leadOf = new Map(lead.map((l) => [l.ticketId, l]));
  const cats = new Map(
    (
      await ctx.db
        .select({ v: dictItems.value, l: dictItems.label })
        .from(dictItems)
        .where(eq(dictItems.typeCode, 'ticket_category'))
    ).map((x) => [x.v, x.l]),
  );
  const towns = new Map(
    (await ctx.db.select({ c: regions.code, n: regions.name }).from(regions).where(eq(regions.level, 4))).map((x) => [
      x.c,
      x.n,
    ]),
  );

  type Fig = {
    total: number;
    open: number;
    overdue: number;
    closed: number;
    onTime: number;
    rated: number;
    solved: number;
    satisfied: number;
  };
  const blank = (): Fig => ({ total: 0, open: 0, overdue: 0, closed: 0, onTime: 0, rated: 0, solved: 0, satisfied: 0 });
  const totals = blank();
  const groups = new Map<string, { name: string; f: Fig }>();
  const sign: number[] = [];
  const answer: number[] = [];
  const close: number[] = [];
  const liveClocks = await clocksForMany(
    ctx.db,
    rows.filter((t) => t.clockRev !== basis.rev || t.paused),
    cal,
    { slas: basis.slas, today: day },
  );
  for (const t of rows) {
    const cs = liveClocks.get(t.id);
    const red = cs ? cs.some((c) => c.card === 'red') : t.nextDeadline !== null && t.nextDeadline < day;
    const met = cs ? cs.find((c) => c.key === 'resolve')?.card === 'met' : t.resolveMet === true;
    const open = t.state !== 'rating' && t.state !== 'archived';
    const f = (x: Fig) => {
      x.total++;
      if (open) x.open++;
      if (red) x.overdue++;
      if (t.closedOn) {
        x.closed++;
        if (met) x.onTime++;
      }
      if (t.rating) {
        x.rated++;
        if (t.solvedConfirmed) x.solved++;
        if (t.rating !== 'unsatisfied') x.satisfied++;
      }
    };
    f(totals);
    const key =
      q.by === 'category'
        ? t.category
        : q.by === 'town'
          ? `${t.regionCode.slice(0, 9)}000`
          : String(leadOf.get(t.id)?.departmentId ?? 'none');
    const name =
      q.by === 'category'
        ? (cats.get(t.category) ?? t.category)
        : q.by === 'town'
          ? (towns.get(key) ?? key)
          : (leadOf.get(t.id)?.name ?? '未交办');
    if (!groups.has(key)) groups.set(key, { name, f: blank() });
    f(groups.get(key)!.f);
    if (t.assignedOn && t.acceptedOn) sign.push(workdaysBetween(t.assignedOn, t.acceptedOn, cal));
    if (t.acceptedOn && t.answeredOn) answer.push(workdaysBetween(t.acceptedOn, t.answeredOn, cal));
    if (t.assignedOn && t.closedOn) close.push(workdaysBetween(t.assignedOn, t.closedOn, cal));
  }
  // recurring: one category raised by several enterprises in the period
  const byCat = new Map<string, Set<number>>();
  const countCat = new Map<string, number>();
  for (const t of rows) {
    if (!byCat.has(t.category)) byCat.set(t.category, new Set());
    byCat.get(t.category)!.add(t.enterpriseId);
    countCat.set(t.category, (countCat.get(t.category) ?? 0) + 1);
  }
  const recurring = [...byCat.entries()]
    .filter(([, s]) => s.size >= 3)
    .map(([category, s]) => ({ category, enterprises: s.size, tickets: countCat.get(category)! }))
    .sort((a, b) => b.enterprises - a.enterprises);
  const rates = (f: Fig) => ({
    onTimeRate: ratio(f.onTime, f.closed),
    solvedRate: ratio(f.solved, f.rated),
    satisfactionRate: ratio(f.satisfied, f.rated),
  });
  return {
    from,
    to,
    totals: {
      total: totals.total,
      open: totals.open,
      overdue: totals.overdue,
      closed: totals.closed,
      ...rates(totals),
      avgDaysToSign: avg(sign),
      avgDaysToAnswer: avg(answer),
      avgDaysToClose: avg(close),
    },
    groups: [...groups.entries()]
      .map(([key, g]) => ({ key, name: g.name, total: g.f.total, open: g.f.open, overdue: g.f.overdue, ...rates(g.f) }))
      .sort((a, b) => b.total - a.total),
    recurring,
  };
}
