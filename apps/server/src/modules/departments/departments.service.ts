import type { departmentCreate, departmentUpdate } from '@beizeng/contract';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { regionWithin } from '../../core/scope';
import { regions } from '../regions/regions.tables';
import { users } from '../users/users.tables';
import { departments } from './departments.tables';

const cols = {
  id: departments.id,
  name: departments.name,
  code: departments.code,
  parentId: departments.parentId,
  regionCode: departments.regionCode,
  regionName: sql<string | null>`(select r.name from region r where r.code = "department"."region_code")`,
  kind: departments.kind,
  leader: departments.leader,
  phone: departments.phone,
  sort: departments.sort,
  status: departments.status,
  version: departments.version,
};

/** The department directory is readable as a whole: towns hand tickets to district departments. */
export async function listDepartments(ctx: AuthedCtx) {
  return {
    items: await ctx.db
      .select(cols)
      .from(departments)
      .where(isNull(departments.deletedAt))
      .orderBy(asc(departments.regionCode), asc(departments.sort), asc(departments.id)),
  };
}

async function find(ctx: AuthedCtx, id: number) {
  const [d] = await ctx.db
    .select(cols)
    .from(departments)
    .where(and(eq(departments.id, id), isNull(departments.deletedAt)));
  if (!d) throw notFound();
  return d;
}

function mayEdit(ctx: AuthedCtx, regionCode: string) {
  if (ctx.actor.scope.kind !== 'all' && !regionWithin(regionCode, ctx.actor.regionCode)) throw notFound();
}

async function checkRefs(ctx: AuthedCtx, v: { regionCode?: string; parentId?: number | null }, selfId?: number) {
  const errs: { path: string; message: string }[] = [];
  if (v.regionCode) {
    const [r] = await ctx.db.select({ c: regions.code }).from(regions).where(eq(regions.code, v.regionCode));
    if (!r)
      errs.push({ path: 'body.regionCode', message: ctx.lang === 'en' ? 'Unknown region code' : '行政区划代码不存在' });
  }
  if (v.parentId != null) {
    if (v.parentId === selfId)
      errs.push({
        path: 'body.parentId',
        message: ctx.lang === 'en' ? 'A department cannot be its own parent' : '上级部门不能是自身',
      });
    else {
      const [p] = await ctx.db
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.id, v.parentId), isNull(departments.deletedAt)));
      if (!p) errs.push({ path: 'body.parentId', message: ctx.lang === 'en' ? 'Unknown parent' : '上级部门不存在' });
    }
  }
  if (errs.length) throw new AppError('VALIDATION', errs);
}

export async function createDepartment(ctx: AuthedCtx, body: z.infer<typeof departmentCreate>) {
  mayEdit(ctx, body.regionCode);
  await checkRefs(ctx, body);
  const [d] = await ctx.db
    .insert(departments)
    .values({ ...body, createdBy: ctx.actor.id, updatedBy: ctx.actor.id })
    .returning({ id: departments.id });
  const after = await find(ctx, d!.id);
  await audit(ctx, { entity: 'department', entityId: d!.id, after });
  return after;
}

export async function updateDepartment(ctx: AuthedCtx, id: number, body: z.infer<typeof departmentUpdate>) {
  const before = await find(ctx, id);
  mayEdit(ctx, before.regionCode);
  if (body.regionCode) mayEdit(ctx, body.regionCode);
  if (before.version !== body.version) throw stale(before);
  await checkRefs(ctx, body, id);
  const { version, ...fields } = body;
  await ctx.db
    .update(departments)
    .set({ ...fields, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${departments.version} + 1` })
    .where(eq(departments.id, id));
  const after = await find(ctx, id);
  await audit(ctx, { entity: 'department', entityId: id, before, after });
  return after;
}

export async function deleteDepartment(ctx: AuthedCtx, id: number) {
  const before = await find(ctx, id);
  mayEdit(ctx, before.regionCode);
  const [child] = await ctx.db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.parentId, id), isNull(departments.deletedAt)));
  const [member] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.departmentId, id), isNull(users.deletedAt)));
  if (child || member)
    throw new AppError(
      'CONFLICT',
      undefined,
      undefined,
      ctx.lang === 'en' ? 'The department still has sub-departments or users' : '该部门下仍有下级部门或用户，不能删除',
    );
  await ctx.db
    .update(departments)
    .set({ deletedAt: new Date(), updatedBy: ctx.actor.id })
    .where(eq(departments.id, id));
  await audit(ctx, { entity: 'department', entityId: id, before });
}
