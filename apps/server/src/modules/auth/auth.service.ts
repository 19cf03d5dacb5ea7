import type { Me } from '@beizeng/contract';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../core/audit';
import {
  createSession,
  dummyPasswordHash,
  endSession,
  endUserSessions,
  hashPassword,
  loadActor,
  verifyPassword,
} from '../../core/auth';
import type { Db } from '../../core/db';
import { AppError } from '../../core/errors';
import type { Actor, AuthedCtx, Ctx } from '../../core/http';
import { departments } from '../departments/departments.tables';
import { enterprises } from '../enterprises/enterprises.tables';
import { regions } from '../regions/regions.tables';
import { users } from '../users/users.tables';
import { loginLog } from './auth.tables';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const IP_WINDOW_MINUTES = 15;
export const IP_MAX_ATTEMPTS = 30;

async function logAttempt(ctx: Ctx, username: string, userId: number | null, success: boolean, reason: string | null) {
  await ctx.db.insert(loginLog).values({
    username: username.slice(0, 64),
    userId,
    success,
    reason,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
  });
  ctx.audited = true; // the login log is the audit trail of authentication
}

/** Counts an attempt for the client's IP in a shared table, so every app instance enforces one limit. */
async function throttle(db: Db, ip: string): Promise<boolean> {
  const rows = await db.execute(sql`
    insert into login_throttle (ip, window_start, attempts) values (${ip}, now(), 1)
    on conflict (ip) do update set
      attempts = case when login_throttle.window_start < now() - make_interval(mins => ${IP_WINDOW_MINUTES})
                      then 1 else login_throttle.attempts + 1 end,
      window_start = case when login_throttle.window_start < now() - make_interval(mins => ${IP_WINDOW_MINUTES})
                      then now() else login_throttle.window_start end
    returning attempts`);
  const attempts = Number(((rows as any).rows ?? rows)[0]?.attempts ?? 0);
  return attempts <= IP_MAX_ATTEMPTS;
}

export async function login(ctx: Ctx, username: string, password: string): Promise<{ token: string; actor: Actor }> {
  if (!(await throttle(ctx.db, ctx.ip))) {
    await logAttempt(ctx, username, null, false, 'rate_limited');
    throw new AppError('RATE_LIMITED');
  }
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.username, username), isNull(users.deletedAt)));
  if (!u) {
    await verifyPassword(await dummyPasswordHash(), password);
    await logAttempt(ctx, username, null, false, 'unknown_user');
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (u.lockedUntil && u.lockedUntil.getTime() > Date.now()) {
    await logAttempt(ctx, username, u.id, false, 'locked');
    throw new AppError('ACCOUNT_LOCKED', undefined, { lockedUntil: u.lockedUntil.toISOString() });
  }
  if (!(await verifyPassword(u.passwordHash, password))) {
    const failed = u.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await ctx.db
      .update(users)
      .set(
        lock
          ? { failedLogins: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60_000) }
          : { failedLogins: failed },
      )
      .where(eq(users.id, u.id));
    await logAttempt(ctx, username, u.id, false, lock ? 'bad_password_locked' : 'bad_password');
    throw new AppError(lock ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  if (u.status !== 'active') {
    await logAttempt(ctx, username, u.id, false, 'disabled');
    throw new AppError('ACCOUNT_DISABLED');
  }
  await ctx.db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(eq(users.id, u.id));
  const token = await createSession(ctx.db, ctx.config, u.id, ctx.ip, ctx.userAgent);
  await logAttempt(ctx, username, u.id, true, null);
  const loaded = await loadActor(ctx.db, ctx.config, token);
  if (!loaded || !('actor' in loaded)) throw new AppError('INTERNAL');
  return { token, actor: loaded.actor };
}

export async function logout(ctx: AuthedCtx, token: string): Promise<void> {
  await endSession(ctx.db, token);
  await audit(ctx, { entity: 'user', entityId: ctx.actor.id });
}

export async function changePassword(ctx: AuthedCtx, oldPassword: string, newPassword: string): Promise<void> {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.id));
  if (!u || !(await verifyPassword(u.passwordHash, oldPassword))) {
    throw new AppError('VALIDATION', [
      { path: 'body.oldPassword', message: ctx.lang === 'en' ? 'Current password is wrong' : '原密码不正确' },
    ]);
  }
  if (oldPassword === newPassword) {
    throw new AppError('VALIDATION', [
      {
        path: 'body.newPassword',
        message: ctx.lang === 'en' ? 'The new password must differ from the old one' : '新密码不能与原密码相同',
      },
    ]);
  }
  await ctx.db
    .update(users)
    .set({
      passwordHash: await hashPassword(newPassword),
      mustChangePassword: false,
      passwordChangedAt: new Date(),
      updatedAt: new Date(),
      updatedBy: ctx.actor.id,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, u.id));
  // Other sessions of this user end; this one stays.
  await endUserSessions(ctx.db, u.id, ctx.actor.sessionId);
  await audit(ctx, { entity: 'user', entityId: u.id, after: { passwordChanged: true } });
}

export async function setLocale(ctx: AuthedCtx, locale: 'zh-CN' | 'en'): Promise<void> {
  await ctx.db.update(users).set({ locale }).where(eq(users.id, ctx.actor.id));
  await audit(ctx, { entity: 'user', entityId: ctx.actor.id, after: { locale } });
}

export async function describeMe(db: Db, actor: Actor): Promise<Me> {
  const [region] = actor.regionCode
    ? await db.select({ name: regions.name }).from(regions).where(eq(regions.code, actor.regionCode))
    : [];
  const [dept] =
    actor.departmentId != null
      ? await db
          .select({ id: departments.id, name: departments.name })
          .from(departments)
          .where(eq(departments.id, actor.departmentId))
      : [];
  const [ent] =
    actor.enterpriseId != null
      ? await db
          .select({ id: enterprises.id, name: enterprises.name })
          .from(enterprises)
          .where(eq(enterprises.id, actor.enterpriseId))
      : [];
  const { userId: _u, ...scope } = actor.scope;
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    regionCode: actor.regionCode,
    regionName: region?.name ?? null,
    department: dept ?? null,
    enterprise: ent ?? null,
    scope,
    mustChangePassword: actor.mustChangePassword,
    locale: actor.locale,
  };
}
