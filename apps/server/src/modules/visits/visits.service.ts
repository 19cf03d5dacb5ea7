import type { visitCreate, visitQuery } from '@beizeng/contract';
import { and, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { today as todayCst } from '../../core/dates';
import { AppError } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { allOf, countAll, paginate } from '../../core/list';
import { departments } from '../departments/departments.tables';
import { dictItems } from '../dicts/dicts.tables';
import { assertEnterpriseInScope, enterpriseScope } from '../enterprises/enterprises.service';
import { enterprises } from '../enterprises/enterprises.tables';
import { getSetting } from '../settings/settings.service';
import { createTicket } from '../tickets/tickets.service';
import { users } from '../users/users.tables';
import { visits } from './visits.tables';

const cols = {
  id: visits.id,
  enterpriseId: visits.enterpriseId,
  enterpriseName: enterprises.name,
  visitedOn: visits.visitedOn,
  visitorId: visits.visitorId,
  visitorName: users.displayName,
  departmentName: departments.name,
  mode: visits.mode,
  people: visits.people,
  content: visits.content,
  needs: visits.needs,
};

/** Visits in scope; a department user sees its own department's visits. The shared calendar of an enterprise shows every department's. */
function visitScope(ctx: AuthedCtx) {
  const s = ctx.actor.scope;
  if (s.kind === 'department') return s.departmentId != null ? eq(visits.departmentId, s.departmentId) : sql`false`;
  return enterpriseScope(ctx);
}

export async function listVisits(ctx: AuthedCtx, q: z.infer<typeof visitQuery>) {
  const where = allOf(
    visitScope(ctx),
    isNull(enterprises.deletedAt),
    q.enterpriseId != null ? eq(visits.enterpriseId, q.enterpriseId) : undefined,
    q.from ? gte(visits.visitedOn, q.from) : undefined,
    q.to ? lte(visits.visitedOn, q.to) : undefined,
    q.q ? sql`(position(${q.q} in ${enterprises.name}) > 0 or position(${q.q} in ${visits.content}) > 0)` : undefined,
  );
  return paginate<any>(
    q,
    () =>
      ctx.db
        .select(cols)
        .from(visits)
        .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
        .leftJoin(users, eq(users.id, visits.visitorId))
        .leftJoin(departments, eq(departments.id, visits.departmentId))
        .where(where)
        .orderBy(desc(visits.visitedOn), desc(visits.id))
        .$dynamic(),
    () =>
      ctx.db
        .select({ n: countAll })
        .from(visits)
        .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
        .where(where),
  );
}

/**
 * Records a visit. 无事不扰: if anyone visited the enterprise within the configured number of days, the
 * caller must acknowledge it (409 with the last visit) before another visit is recorded.
 */
export async function createVisit(ctx: AuthedCtx, body: z.infer<typeof visitCreate>) {
  const zh = ctx.lang !== 'en';
  if (ctx.actor.scope.kind === 'department') {
    const [e] = await ctx.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.id, body.enterpriseId), isNull(enterprises.deletedAt)));
    if (!e) throw new AppError('NOT_FOUND');
  } else await assertEnterpriseInScope(ctx, body.enterpriseId);
  const today = todayCst();
  if (body.visitedOn > today)
    throw new AppError('VALIDATION', [
      { path: 'body.visitedOn', message: zh ? '走访日期不能晚于今天' : 'The date is in the future' },
    ]);
  const [mode] = await ctx.db
    .select({ v: dictItems.value })
    .from(dictItems)
    .where(and(eq(dictItems.typeCode, 'visit_mode'), eq(dictItems.value, body.mode)));
  if (!mode)
    throw new AppError('VALIDATION', [
      { path: 'body.mode', message: zh ? '走访方式不在字典中' : 'Unknown visit mode' },
    ]);
  const minDays = await getSetting(ctx.db, 'visitMinDays');
  if (minDays > 0 && !body.acknowledgeRecent) {
    const [last] = await ctx.db
      .select({ visitedOn: visits.visitedOn, visitor: users.displayName, department: departments.name })
      .from(visits)
      .leftJoin(users, eq(users.id, visits.visitorId))
      .leftJoin(departments, eq(departments.id, visits.departmentId))
      .where(
        and(
          eq(visits.enterpriseId, body.enterpriseId),
          sql`${visits.visitedOn} > ${body.visitedOn}::date - ${minDays}::int`,
        ),
      )
      .orderBy(desc(visits.visitedOn))
      .limit(1);
    if (last)
      throw new AppError(
        'CONFLICT',
        undefined,
        { recentVisit: last, minDays },
        zh
          ? `该企业 ${last.visitedOn} 刚被走访过（${last.department ?? last.visitor ?? ''}），${minDays} 天内再次走访请确认确有必要（无事不扰）`
          : `The enterprise was visited on ${last.visitedOn}; confirm that another visit within ${minDays} days is needed`,
      );
  }
  const [e] = await ctx.db
    .select({ regionCode: enterprises.regionCode })
    .from(enterprises)
    .where(eq(enterprises.id, body.enterpriseId));
  const [row] = await ctx.db
    .insert(visits)
    .values({
      enterpriseId: body.enterpriseId,
      regionCode: e!.regionCode,
      visitedOn: body.visitedOn,
      visitorId: ctx.actor.id,
      departmentId: ctx.actor.departmentId,
      mode: body.mode,
      people: body.people ?? null,
      content: body.content,
      needs: [],
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    })
    .returning({ id: visits.id });
  const needs: { text: string; category: string; ticketId: number | null }[] = [];
  for (const n of body.needs) {
    let ticketId: number | null = null;
    if (n.createTicket) {
      if (!ctx.actor.permissions.has('ticket:edit')) throw new AppError('FORBIDDEN');
      const tk = await createTicket(ctx, {
        enterpriseId: body.enterpriseId,
        category: n.category,
        title: n.text.slice(0, 60),
        description: n.text,
        source: 'visit',
        priority: 'normal',
        complex: false,
        visitId: row!.id,
      });
      ticketId = tk.id;
    }
    needs.push({ text: n.text, category: n.category, ticketId });
  }
  await ctx.db.update(visits).set({ needs }).where(eq(visits.id, row!.id));
  await audit(ctx, {
    entity: 'visit',
    entityId: row!.id,
    after: {
      enterpriseId: body.enterpriseId,
      visitedOn: body.visitedOn,
      mode: body.mode,
      summary: body.content.slice(0, 100),
      needs: needs.length,
    },
  });
  const [created] = await ctx.db
    .select(cols)
    .from(visits)
    .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .leftJoin(users, eq(users.id, visits.visitorId))
    .leftJoin(departments, eq(departments.id, visits.departmentId))
    .where(eq(visits.id, row!.id));
  return created!;
}
