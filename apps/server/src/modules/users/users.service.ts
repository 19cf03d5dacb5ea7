import { maskPhone, type User, type userCreate, type userListQuery, type userUpdate } from '@beizeng/contract';
import { and, asc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { endUserSessions, hashPassword } from '../../core/auth';
import type { Db } from '../../core/db';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { allOf, contains, countAll, orderBy, paginate } from '../../core/list';
import { regionIn, regionWithin, scopeWhere } from '../../core/scope';
import { departments } from '../departments/departments.tables';
import { enterprises } from '../enterprises/enterprises.tables';
import { regions } from '../regions/regions.tables';
import { roles } from '../roles/roles.tables';
import { userRoles, users } from './users.tables';

const roleCodes = sql<
  string[]
>`coalesce((select json_agg(r.code order by r.code) from user_role ur join role r on r.id = ur.role_id where ur.user_id = "app_user"."id"), '[]'::json)`;

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  phone: users.phone,
  email: users.email,
  regionCode: users.regionCode,
  regionName: regions.name,
  departmentId: users.departmentId,
  departmentName: departments.name,
  enterpriseId: users.enterpriseId,
  enterpriseName: enterprises.name,
  roles: roleCodes,
  status: users.status,
  mustChangePassword: users.mustChangePassword,
  totpEnabled: sql<boolean>`(${users.totpEnabledAt} is not null)`,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  isDemo: users.isDemo,
  version: users.version,
  createdAt: users.createdAt,
};

type Row = { [K in keyof typeof columns]: any };

/** Phones are always masked here; the audited /users/:id/phone reveals one to holders of pii:view. */
function toUser(r: Row, _canSeePii = false): User {
  const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
  return {
    ...r,
    phone: maskPhone(r.phone),
    roles: typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles,
    lockedUntil: r.lockedUntil && new Date(r.lockedUntil).getTime() > Date.now() ? iso(r.lockedUntil) : null,
    lastLoginAt: iso(r.lastLoginAt),
    createdAt: iso(r.createdAt)!,
  };
}

function base(db: Db) {
  return db
    .select(columns)
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId));
}

const inScope = (ctx: AuthedCtx) =>
  scopeWhere(ctx.actor.scope, {
    region: users.regionCode,
    department: users.departmentId,
    enterprise: users.enterpriseId,
    owner: users.id,
  });

function filters(ctx: AuthedCtx, q: Partial<z.infer<typeof userListQuery>>): SQL | undefined {
  return allOf(
    isNull(users.deletedAt),
    inScope(ctx),
    q.q ? or(ilike(users.username, contains(q.q)), ilike(users.displayName, contains(q.q))) : undefined,
    q.status ? eq(users.status, q.status) : undefined,
    q.regionCode ? sql`${users.regionCode} like ${`${q.regionCode.replace(/0+$/, '')}%`}` : undefined,
    q.departmentId != null ? eq(users.departmentId, q.departmentId) : undefined,
    q.role
      ? sql`exists (select 1 from user_role ur join role r on r.id = ur.role_id where ur.user_id = "app_user"."id" and r.code = ${q.role})`
      : undefined,
  );
}

const SORTABLE = {
  username: users.username,
  displayName: users.displayName,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

export async function listUsers(ctx: AuthedCtx, q: z.infer<typeof userListQuery>) {
  const where = filters(ctx, q);
  const pii = ctx.actor.permissions.has('pii:view');
  const page = await paginate<Row>(
    q,
    () =>
      base(ctx.db)
        .where(where)
        .orderBy(...orderBy(q.sort, SORTABLE, asc(users.id)))
        .$dynamic(),
    () => ctx.db.select({ n: countAll }).from(users).where(where),
  );
  return { ...page, items: page.items.map((r) => toUser(r, pii)) };
}

export async function* exportUsers(ctx: AuthedCtx, q: z.infer<typeof userListQuery>) {
  const rows = await base(ctx.db).where(filters(ctx, q)).orderBy(asc(users.id)).limit(50_000);
  const pii = ctx.actor.permissions.has('pii:view');
  for (const r of rows) yield toUser(r as Row, pii);
}

async function findRow(ctx: AuthedCtx, id: number): Promise<Row> {
  const [r] = await base(ctx.db).where(and(eq(users.id, id), isNull(users.deletedAt), inScope(ctx)));
  if (!r) throw notFound();
  return r as Row;
}

export async function getUser(ctx: AuthedCtx, id: number): Promise<User> {
  return toUser(await findRow(ctx, id), ctx.actor.permissions.has('pii:view'));
}

export async function unmaskPhone(ctx: AuthedCtx, id: number): Promise<{ phone: string | null }> {
  const r = await findRow(ctx, id);
  await audit(ctx, { entity: 'user', entityId: id, action: 'unmask', after: { field: 'phone' } });
  return { phone: r.phone };
}

/** Validates references and that the actor may grant the roles and place the user in the region. */
async function checkRefs(
  ctx: AuthedCtx,
  v: { regionCode?: string; departmentId?: number | null; enterpriseId?: number | null; roles?: string[] },
): Promise<number[] | undefined> {
  const errs: { path: string; message: string }[] = [];
  const zh = ctx.lang !== 'en';
  if (v.regionCode) {
    const [r] = await ctx.db.select({ code: regions.code }).from(regions).where(eq(regions.code, v.regionCode));
    if (!r) errs.push({ path: 'body.regionCode', message: zh ? '行政区划代码不存在' : 'Unknown region code' });
    else if (ctx.actor.scope.kind !== 'all' && !regionWithin(v.regionCode, ctx.actor.regionCode))
      errs.push({ path: 'body.regionCode', message: zh ? '只能在本辖区内创建用户' : 'Region is outside your scope' });
  }
  if (v.departmentId != null) {
    const [d] = await ctx.db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.id, v.departmentId), isNull(departments.deletedAt)));
    if (!d) errs.push({ path: 'body.departmentId', message: zh ? '部门不存在' : 'Unknown department' });
  }
  if (v.enterpriseId != null) {
    const [e] = await ctx.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.id, v.enterpriseId), isNull(enterprises.deletedAt)));
    if (!e) errs.push({ path: 'body.enterpriseId', message: zh ? '企业不存在' : 'Unknown enterprise' });
  }
  let roleIds: number[] | undefined;
  if (v.roles) {
    const found = await ctx.db.select().from(roles).where(inArray(roles.code, v.roles));
    const missing = v.roles.filter((c) => !found.some((f) => f.code === c));
    if (missing.length)
      errs.push({ path: 'body.roles', message: `${zh ? '角色不存在' : 'Unknown role'}: ${missing.join(', ')}` });
    const beyond = found.flatMap((f) => f.permissions).filter((p) => !ctx.actor.permissions.has(p));
    if (beyond.length)
      errs.push({
        path: 'body.roles',
        message: zh ? '不能授予超出自身权限的角色' : 'You cannot grant a role with permissions you do not hold',
      });
    roleIds = found.map((f) => f.id);
  }
  if (errs.length) throw new AppError('VALIDATION', errs);
  return roleIds;
}

export async function createUser(ctx: AuthedCtx, body: z.infer<typeof userCreate>): Promise<User> {
  const [dup] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, body.username));
  if (dup)
    throw new AppError('DUPLICATE', [
      { path: 'body.username', message: ctx.lang === 'en' ? 'Username is taken' : '用户名已存在' },
    ]);
  const roleIds = (await checkRefs(ctx, body))!;
  const [u] = await ctx.db
    .insert(users)
    .values({
      username: body.username,
      displayName: body.displayName,
      phone: body.phone ?? null,
      email: body.email ?? null,
      regionCode: body.regionCode,
      departmentId: body.departmentId ?? null,
      enterpriseId: body.enterpriseId ?? null,
      passwordHash: await hashPassword(body.password),
      passwordChangedAt: new Date(),
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    })
    .returning({ id: users.id });
  await ctx.db.insert(userRoles).values(roleIds.map((roleId) => ({ userId: u!.id, roleId })));
  const created = await getUser(ctx, u!.id).catch(() => null);
  const after = created ?? { id: u!.id, username: body.username };
  await audit(ctx, { entity: 'user', entityId: u!.id, after });
  if (!created) {
    // created outside the actor's own scope is impossible (checkRefs), but never leak a row
    throw notFound();
  }
  return created;
}

export async function updateUser(ctx: AuthedCtx, id: number, body: z.infer<typeof userUpdate>): Promise<User> {
  const before = await findRow(ctx, id);
  if (before.version !== body.version) throw stale(toUser(before, ctx.actor.permissions.has('pii:view')));
  const roleIds = await checkRefs(ctx, body);
  const { version, roles: newRoles, ...fields } = body;
  await ctx.db
    .update(users)
    .set({ ...fields, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)));
  const oldRoles: string[] = typeof before.roles === 'string' ? JSON.parse(before.roles) : before.roles;
  const rolesChanged = newRoles && [...newRoles].sort().join() !== [...oldRoles].sort().join();
  if (rolesChanged) {
    if (id === ctx.actor.id && !newRoles!.some((r) => oldRoles.includes(r)))
      throw new AppError(
        'CONFLICT',
        undefined,
        undefined,
        ctx.lang === 'en' ? 'You cannot remove all your own roles' : '不能移除自己的全部角色',
      );
    await ctx.db.delete(userRoles).where(eq(userRoles.userId, id));
    await ctx.db.insert(userRoles).values(roleIds!.map((roleId) => ({ userId: id, roleId })));
  }
  const scopeChanged =
    (fields.regionCode && fields.regionCode !== before.regionCode) ||
    (fields.departmentId !== undefined && fields.departmentId !== before.departmentId) ||
    (fields.enterpriseId !== undefined && fields.enterpriseId !== before.enterpriseId);
  if (rolesChanged || scopeChanged) await endUserSessions(ctx.db, id);
  const after = await findRow(ctx, id).catch(() => null);
  await audit(ctx, { entity: 'user', entityId: id, before, after: after ?? { id } });
  if (!after) throw notFound();
  return toUser(after, ctx.actor.permissions.has('pii:view'));
}

export async function setStatus(
  ctx: AuthedCtx,
  id: number,
  status: 'active' | 'disabled',
  version: number,
): Promise<User> {
  const before = await findRow(ctx, id);
  if (before.version !== version) throw stale();
  if (id === ctx.actor.id && status === 'disabled')
    throw new AppError(
      'CONFLICT',
      undefined,
      undefined,
      ctx.lang === 'en' ? 'You cannot disable yourself' : '不能停用自己的账号',
    );
  await ctx.db
    .update(users)
    .set({ status, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${users.version} + 1` })
    .where(eq(users.id, id));
  if (status === 'disabled') await endUserSessions(ctx.db, id);
  await audit(ctx, { entity: 'user', entityId: id, before: { status: before.status }, after: { status } });
  return getUser(ctx, id);
}

export async function resetPassword(ctx: AuthedCtx, id: number, password: string): Promise<void> {
  await findRow(ctx, id);
  await ctx.db
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: new Date(),
      updatedAt: new Date(),
      updatedBy: ctx.actor.id,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, id));
  await endUserSessions(ctx.db, id);
  await audit(ctx, { entity: 'user', entityId: id, after: { passwordReset: true, mustChangePassword: true } });
}

/**
 * A colleague directory for pickers: active users in the actor's region subtree (or the whole district for
 * a town user, so district departments' people can be chosen), without contact details.
 */
export async function lookupUsers(ctx: AuthedCtx, q: { role?: string; q?: string }) {
  const region = ctx.actor.regionCode;
  const district = region ? `${region.slice(0, 6)}000000` : null;
  if (ctx.actor.scope.kind === 'enterprise' || ctx.actor.scope.kind === 'self') return { items: [] };
  const rows = await base(ctx.db)
    .where(
      allOf(
        isNull(users.deletedAt),
        eq(users.status, 'active'),
        ctx.actor.scope.kind === 'all' || !district ? undefined : regionIn(users.regionCode, district),
        q.q ? or(ilike(users.displayName, contains(q.q)), ilike(users.username, contains(q.q))) : undefined,
        q.role
          ? sql`exists (select 1 from user_role ur join role r on r.id = ur.role_id where ur.user_id = "app_user"."id" and r.code = ${q.role})`
          : undefined,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(200);
  return {
    items: rows.map((r) => ({
      id: r.id,
      displayName: r.displayName,
      roles: typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles,
      regionName: r.regionName,
    })),
  };
}

/** Turns a user's two-factor authentication off (lost phone); a role that requires it asks for a new enrolment. */
export async function resetTotp(ctx: AuthedCtx, id: number): Promise<void> {
  const before = await findRow(ctx, id);
  await ctx.db
    .update(users)
    .set({
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      updatedAt: new Date(),
      updatedBy: ctx.actor.id,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, id));
  await endUserSessions(ctx.db, id, id === ctx.actor.id ? ctx.actor.sessionId : undefined);
  await audit(ctx, {
    entity: 'user',
    entityId: id,
    before: { totpEnabled: Boolean(before.totpEnabled) },
    after: { totpEnabled: false, totpReset: true },
  });
}
