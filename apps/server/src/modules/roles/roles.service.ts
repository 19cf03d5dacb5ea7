import { ALL_PERMISSIONS, type roleCreate, type roleUpdate } from '@beizeng/contract';
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { sessions } from '../auth/auth.tables';
import { userRoles } from '../users/users.tables';
import { roles } from './roles.tables';

const cols = {
  id: roles.id,
  code: roles.code,
  name: roles.name,
  nameEn: roles.nameEn,
  dataScope: roles.dataScope,
  permissions: roles.permissions,
  builtin: roles.builtin,
  requireTotp: roles.requireTotp,
  version: roles.version,
  userCount: sql<number>`(select count(*)::int from user_role ur where ur.role_id = "role"."id")`,
};

export async function listRoles(ctx: AuthedCtx) {
  return { items: await ctx.db.select(cols).from(roles).orderBy(asc(roles.id)) };
}

async function find(ctx: AuthedCtx, id: number) {
  const [r] = await ctx.db.select(cols).from(roles).where(eq(roles.id, id));
  if (!r) throw notFound();
  return r;
}

function checkPermissions(ctx: AuthedCtx, perms: string[]) {
  const unknown = perms.filter((p) => !ALL_PERMISSIONS.includes(p));
  if (unknown.length)
    throw new AppError('VALIDATION', [{ path: 'body.permissions', message: `unknown: ${unknown.join(', ')}` }]);
  const beyond = perms.filter((p) => !ctx.actor.permissions.has(p));
  if (beyond.length)
    throw new AppError('VALIDATION', [
      {
        path: 'body.permissions',
        message:
          ctx.lang === 'en' ? `You do not hold: ${beyond.join(', ')}` : `不能授予自身没有的权限：${beyond.join('、')}`,
      },
    ]);
}

export async function createRole(ctx: AuthedCtx, body: z.infer<typeof roleCreate>) {
  checkPermissions(ctx, body.permissions);
  const [dup] = await ctx.db.select({ id: roles.id }).from(roles).where(eq(roles.code, body.code));
  if (dup)
    throw new AppError('DUPLICATE', [
      { path: 'body.code', message: ctx.lang === 'en' ? 'Code is taken' : '角色编码已存在' },
    ]);
  const [r] = await ctx.db
    .insert(roles)
    .values({ ...body, permissions: [...new Set(body.permissions)], createdBy: ctx.actor.id, updatedBy: ctx.actor.id })
    .returning({ id: roles.id });
  const after = await find(ctx, r!.id);
  await audit(ctx, { entity: 'role', entityId: r!.id, after });
  return after;
}

export async function updateRole(ctx: AuthedCtx, id: number, body: z.infer<typeof roleUpdate>) {
  const before = await find(ctx, id);
  if (before.version !== body.version) throw stale(before);
  if (body.permissions) checkPermissions(ctx, body.permissions);
  const { version, ...fields } = body;
  await ctx.db
    .update(roles)
    .set({
      ...fields,
      ...(fields.permissions ? { permissions: [...new Set(fields.permissions)] } : {}),
      updatedAt: new Date(),
      updatedBy: ctx.actor.id,
      version: sql`${roles.version} + 1`,
    })
    .where(eq(roles.id, id));
  const changed =
    (fields.dataScope && fields.dataScope !== before.dataScope) ||
    (fields.permissions && [...fields.permissions].sort().join() !== [...before.permissions].sort().join());
  if (changed) {
    // Holders of a changed role log in again, so no session keeps the old rights.
    await ctx.db
      .delete(sessions)
      .where(
        sql`${sessions.userId} in (select user_id from user_role where role_id = ${id}) and ${sessions.id} <> ${ctx.actor.sessionId}`,
      );
  }
  const after = await find(ctx, id);
  await audit(ctx, { entity: 'role', entityId: id, before, after });
  return after;
}

export async function deleteRole(ctx: AuthedCtx, id: number) {
  const before = await find(ctx, id);
  if (before.builtin)
    throw new AppError(
      'CONFLICT',
      undefined,
      undefined,
      ctx.lang === 'en' ? 'Built-in roles cannot be deleted' : '内置角色不能删除',
    );
  if (before.userCount > 0)
    throw new AppError(
      'CONFLICT',
      undefined,
      undefined,
      ctx.lang === 'en' ? 'The role still has users' : '该角色下仍有用户，不能删除',
    );
  await ctx.db.delete(userRoles).where(eq(userRoles.roleId, id));
  await ctx.db.delete(roles).where(eq(roles.id, id));
  await audit(ctx, { entity: 'role', entityId: id, before });
}
