import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { today } from '../../core/dates';
import type { Db } from '../../core/db';
import { notify } from '../../core/notify';
import { regionWithin } from '../../core/scope';
import { roles } from '../roles/roles.tables';
import { userRoles, users } from '../users/users.tables';
import { invalidClocks, loadClockBasis, validClocks, yellowUntil } from './tickets.clocks';
import { clocksForMany } from './tickets.service';
import { ticketDepartments, tickets } from './tickets.tables';

const CLOCK_ZH: Record<string, string> = { sign: '签收', answer: '答复', resolve: '办结', supervise: '督办' };

/**
 * Daily: a notice for every clock on a yellow or red card (to the handling department and the
 * dispatchers), and one digest per dispatcher. Idempotent per day through dedupe keys, so any number of
 * instances may run it. Returns the number of notices written.
 */
export async function dailyTicketNotices(db: Db, day = today()): Promise<number> {
  // only tickets with a yellow or red clock: by the stored summaries (earliest open deadline by the last yellow
  // day), plus the rows computed live (tickets.clocks.ts)
  const basis = await loadClockBasis(db);
  const cal = basis.cal;
  const now = today();
  const open = await db
    .select()
    .from(tickets)
    .where(
      and(
        sql`${tickets.state} not in ('rating', 'archived')`,
        or(
          and(validClocks(basis.rev), sql`${tickets.nextDeadline} <= ${yellowUntil(now, cal)}::date`),
          invalidClocks(basis.rev),
        ),
      ),
    );
  if (!open.length) return 0;
  const staff = await db
    .select({
      id: users.id,
      region: users.regionCode,
      departmentId: users.departmentId,
      perms: roles.permissions,
      scope: roles.dataScope,
    })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(isNull(users.deletedAt), eq(users.status, 'active')));
  // active departments per open ticket, read in slices of 10,000 ids (PostgreSQL allows 65,535 parameters)
  const depsOf = new Map<number, Set<number>>();
  for (let i = 0; i < open.length; i += 10_000) {
    const rows = await db
      .select({ ticketId: ticketDepartments.ticketId, departmentId: ticketDepartments.departmentId })
      .from(ticketDepartments)
      .where(
        and(
          eq(ticketDepartments.active, true),
          inArray(
            ticketDepartments.ticketId,
            open.slice(i, i + 10_000).map((t) => t.id),
          ),
        ),
      );
    for (const r of rows) {
      if (!depsOf.has(r.ticketId)) depsOf.set(r.ticketId, new Set());
      depsOf.get(r.ticketId)!.add(r.departmentId);
    }
  }
  const dispatchersByRegion = new Map<string, number[]>();
  const dispatchersOf = (region: string) => {
    let ids = dispatchersByRegion.get(region);
    if (!ids) {
      ids = staff
        .filter(
          (s) => s.perms.includes('ticket:edit') && s.scope === 'region' && s.region && regionWithin(region, s.region),
        )
        .map((s) => s.id);
      dispatchersByRegion.set(region, ids);
    }
    return ids;
  };
  const staffByDepartment = new Map<number, number[]>();
  for (const s of staff)
    if (s.departmentId != null)
      staffByDepartment.set(s.departmentId, [...(staffByDepartment.get(s.departmentId) ?? []), s.id]);
  const digest = new Map<number, { yellow: number; red: number }>();
  let written = 0;
  const ctx = { db, afterCommit: [] as (() => void | Promise<void>)[] };
  const allClocks = await clocksForMany(db, open, cal, { slas: basis.slas, today: now });
  for (const t of open) {
    const cs = allClocks.get(t.id)!.filter((c) => !c.doneOn && (c.card === 'yellow' || c.card === 'red'));
    if (!cs.length) continue;
    const dispatchers = dispatchersOf(t.ownerRegion);
    const handlers = [...(depsOf.get(t.id) ?? [])].flatMap((d) => staffByDepartment.get(d) ?? []);
    for (const c of cs) {
      const red = c.card === 'red';
      written += await notify(ctx, [...new Set([...handlers, ...dispatchers])], {
        kind: red ? 'ticket.overdue' : 'ticket.dueSoon',
        title: `${red ? '红牌：已超期' : '黄牌：即将到期'}｜诉求 ${t.code} ${CLOCK_ZH[c.key]}期限 ${c.deadline}`,
        body: t.title,
        link: `/tickets/${t.id}`,
        dedupeKey: `${red ? 'overdue' : 'due'}:${t.id}:${c.key}:${day}`,
      });
    }
    for (const d of dispatchers) {
      const x = digest.get(d) ?? { yellow: 0, red: 0 };
      if (cs.some((c) => c.card === 'red')) x.red++;
      else x.yellow++;
      digest.set(d, x);
    }
  }
  for (const [userId, x] of digest) {
    await notify(ctx, [userId], {
      kind: 'digest',
      title: `今日诉求提醒：${x.red} 件超期，${x.yellow} 件临期`,
      link: '/tickets?open=true',
      dedupeKey: `digest:${day}`,
    });
  }
  for (const fn of ctx.afterCommit)
    Promise.resolve()
      .then(fn)
      .catch(() => {});
  return written;
}
