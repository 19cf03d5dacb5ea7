import type { assignmentCreate, assignmentQuery } from '@beizeng/contract';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { today } from '../../core/dates';
import { AppError, notFound } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { allOf, countAll, paginate } from '../../core/list';
import { notify } from '../../core/notify';
import { assertEnterpriseInScope, enterpriseScope } from '../enterprises/enterprises.service';
import { enterprises } from '../enterprises/enterprises.tables';
import { users } from '../users/users.tables';
import { pairings } from './assignments.tables';

const cols = {
  id: pairings.id,
  enterpriseId: pairings.enterpriseId,
  enterpriseName: enterprises.name,
  cadreId: pairings.cadreId,
  cadreName: users.displayName,
  primary: pairings.primary,
  startedOn: pairings.startedOn,
  endedOn: pairings.endedOn,
  note: pairings.note,
};

/** 帮包 pairings in scope, current or with their history. */
export async function listAssignments(ctx: AuthedCtx, q: z.infer<typeof assignmentQuery>) {
  const where = allOf(
    enterpriseScope(ctx),
    isNull(enterprises.deletedAt),
    q.enterpriseId != null ? eq(pairings.enterpriseId, q.enterpriseId) : undefined,
    q.cadreId != null ? eq(pairings.cadreId, q.cadreId) : undefined,
    q.current === 'true'
      ? isNull(pairings.endedOn)
      : q.current === 'false'
        ? sql`${pairings.endedOn} is not null`
        : undefined,
    q.q ? sql`position(${q.q} in ${enterprises.name}) > 0` : undefined,
  );
  return paginate<any>(
    q,
    () =>
      ctx.db
        .select(cols)
        .from(pairings)
        .innerJoin(enterprises, eq(enterprises.id, pairings.enterpriseId))
        .innerJoin(users, eq(users.id, pairings.cadreId))
        .where(where)
        .orderBy(asc(enterprises.pinyinKey), desc(pairings.startedOn))
        .$dynamic(),
    () =>
      ctx.db
        .select({ n: countAll })
        .from(pairings)
        .innerJoin(enterprises, eq(enterprises.id, pairings.enterpriseId))
        .where(where),
  );
}

/**
 * Pairs a cadre with an enterprise. A new primary hands over: the current primary pairing ends today
 * (history kept) and both cadres are told.
 */
export async function createAssignment(ctx: AuthedCtx, body: z.infer<typeof assignmentCreate>) {
  await assertEnterpriseInScope(ctx, body.enterpriseId);
  const [cadre] = await ctx.db
    .select({ id: users.id, name: users.displayName, status: users.status })
    .from(users)
    .where(and(eq(users.id, body.cadreId), isNull(users.deletedAt)));
  if (cadre?.status !== 'active')
    throw new AppError('VALIDATION', [
      { path: 'body.cadreId', message: ctx.lang === 'en' ? 'Unknown or disabled user' : '干部不存在或已停用' },
    ]);
  const start = body.startedOn ?? today();
  const current = await ctx.db
    .select()
    .from(pairings)
    .where(and(eq(pairings.enterpriseId, body.enterpriseId), isNull(pairings.endedOn)));
  if (current.some((p) => p.cadreId === body.cadreId))
    throw new AppError('DUPLICATE', [
      { path: 'body.cadreId', message: ctx.lang === 'en' ? 'Already paired' : '该干部已在帮包此企业' },
    ]);
  const handedFrom = body.primary ? current.filter((p) => p.primary) : [];
  for (const p of handedFrom)
    await ctx.db
      .update(pairings)
      .set({ endedOn: start, updatedAt: new Date(), updatedBy: ctx.actor.id })
      .where(eq(pairings.id, p.id));
  const [row] = await ctx.db
    .insert(pairings)
    .values({
      enterpriseId: body.enterpriseId,
      cadreId: body.cadreId,
      primary: body.primary,
      startedOn: start,
      note: body.note ?? null,
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    })
    .returning({ id: pairings.id });
  const [e] = await ctx.db
    .select({ name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.id, body.enterpriseId));
  await audit(ctx, {
    entity: 'pairing',
    entityId: row!.id,
    before: handedFrom.length ? handedFrom : null,
    after: {
      enterpriseId: body.enterpriseId,
      cadreId: body.cadreId,
      primary: body.primary,
      startedOn: start,
      name: `帮包：${cadre.name}`,
    },
  });
  await notify(ctx, [body.cadreId], {
    kind: 'assignment.new',
    title: `您已被安排帮包 ${e!.name}`,
    link: `/enterprises/${body.enterpriseId}`,
  });
  if (handedFrom.length)
    await notify(
      ctx,
      handedFrom.map((p) => p.cadreId),
      {
        kind: 'assignment.handover',
        title: `${e!.name} 的帮包工作已移交给 ${cadre.name}`,
        link: `/enterprises/${body.enterpriseId}`,
      },
    );
  const [created] = await ctx.db
    .select(cols)
    .from(pairings)
    .innerJoin(enterprises, eq(enterprises.id, pairings.enterpriseId))
    .innerJoin(users, eq(users.id, pairings.cadreId))
    .where(eq(pairings.id, row!.id));
  return created!;
}

export async function endAssignment(ctx: AuthedCtx, id: number) {
  const [p] = await ctx.db.select().from(pairings).where(eq(pairings.id, id));
  if (!p) throw notFound();
  await assertEnterpriseInScope(ctx, p.enterpriseId);
  if (p.endedOn) throw new AppError('INVALID_TRANSITION');
  await ctx.db
    .update(pairings)
    .set({ endedOn: today(), updatedAt: new Date(), updatedBy: ctx.actor.id })
    .where(eq(pairings.id, id));
  await audit(ctx, {
    entity: 'pairing',
    entityId: id,
    before: p,
    after: { enterpriseId: p.enterpriseId, endedOn: today() },
  });
}
