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
import { newTotpSecret, openSecret, otpauthUri, sealSecret, verifyTotp } from './totp';

/** The key TOTP secrets are encrypted with at rest (unset: stored unencrypted, still never returned). */
export const totpKey = () => process.env.BEIZENG_TOTP_KEY || undefined;

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

export async function login(
  ctx: Ctx,
  username: string,
  password: string,
  totp?: string,
): Promise<{ token: string; actor: Actor }> {
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
  /** A wrong password or second factor: counts toward the lockout. */
  const fail = async (reason: string, code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID'): Promise<never> => {
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
    await logAttempt(ctx, username, u.id, false, lock ? `${reason}_locked` : reason);
    throw new AppError(lock ? 'ACCOUNT_LOCKED' : code);
  };
  if (!(await verifyPassword(u.passwordHash, password))) await fail('bad_password', 'INVALID_CREDENTIALS');
  if (u.status !== 'active') {
    await logAttempt(ctx, username, u.id, false, 'disabled');
    throw new AppError('ACCOUNT_DISABLED');
  }
  let totpStep: number | null = null;
  if (u.totpEnabledAt && u.totpSecret) {
    if (!totp) {
      await logAttempt(ctx, username, u.id, false, 'totp_required');
      throw new AppError('TOTP_REQUIRED');
    }
    totpStep = verifyTotp(openSecret(u.totpSecret, totpKey()), totp, Date.now(), u.totpLastStep);
    if (totpStep == null) await fail('bad_totp', 'TOTP_INVALID');
  }
  const accepted = await ctx.db
    .update(users)
    .set({
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: new Date(),
      ...(totpStep != null ? { totpLastStep: totpStep } : {}),
    })
    // Two logins racing with one code: only the first moves the last used step forward.
    .where(
      totpStep != null
        ? and(eq(users.id, u.id), sql`coalesce(${users.totpLastStep}, -1) < ${totpStep}`)
        : eq(users.id, u.id),
    )
    .returning({ id: users.id });
  if (!accepted.length) await fail('bad_totp', 'TOTP_INVALID');
  const token = await createSession(ctx.db, ctx.config, u.id, ctx.ip, ctx.userAgent);
  await logAttempt(ctx, username, u.id, true, totpStep != null ? 'totp' : null);
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
    totpEnabled: actor.totpEnabled,
    totpRequired: actor.totpRequired,
    mustEnrolTotp: actor.mustEnrolTotp,
    locale: actor.locale,
  };
}

const codeError = (ctx: AuthedCtx) =>
  new AppError('VALIDATION', [
    {
      path: 'body.code',
      message:
        ctx.lang === 'en'
          ? 'The code is wrong, expired or already used; enter the current code from your authenticator app'
          : '验证码错误、已过期或已使用过，请输入身份验证器中当前的验证码',
    },
  ]);

/** Starts enrolment: a new secret, kept pending until confirmed with a code; shown this once. */
export async function totpSetup(ctx: AuthedCtx): Promise<{ secret: string; uri: string }> {
  if (ctx.actor.totpEnabled)
    throw new AppError(
      'CONFLICT',
      undefined,
      undefined,
      ctx.lang === 'en' ? 'Two-factor authentication is already on' : '已启用双因素认证',
    );
  const secret = newTotpSecret();
  await ctx.db
    .update(users)
    .set({ totpPendingSecret: sealSecret(secret, totpKey()) })
    .where(eq(users.id, ctx.actor.id));
  await audit(ctx, { entity: 'user', entityId: ctx.actor.id, after: { totpSetupStarted: true } });
  return { secret, uri: otpauthUri(secret, ctx.actor.username) };
}

/** Confirms enrolment with a code from the app; the user's other sessions end. */
export async function totpEnable(ctx: AuthedCtx, code: string): Promise<void> {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.id));
  if (!u?.totpPendingSecret)
    throw new AppError(
      'CONFLICT',
      undefined,
      undefined,
      ctx.lang === 'en' ? 'Start the set-up first' : '请先生成二维码再输入验证码',
    );
  if (u.totpEnabledAt) throw new AppError('CONFLICT');
  const step = verifyTotp(openSecret(u.totpPendingSecret, totpKey()), code, Date.now(), null);
  if (step == null) throw codeError(ctx);
  await ctx.db
    .update(users)
    .set({ totpSecret: u.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step })
    .where(eq(users.id, u.id));
  await endUserSessions(ctx.db, u.id, ctx.actor.sessionId);
  await audit(ctx, { entity: 'user', entityId: u.id, after: { totpEnabled: true } });
}

/** Turns TOTP off with the password and a current code; refused while a role requires it. */
export async function totpDisable(ctx: AuthedCtx, password: string, code: string): Promise<void> {
  if (ctx.actor.totpRequired)
    throw new AppError(
      'CONFLICT',
      undefined,
      undefined,
      ctx.lang === 'en'
        ? 'Your role requires two-factor authentication; it cannot be turned off'
        : '您的角色要求双因素认证，不能停用',
    );
  const [u] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.id));
  if (!u?.totpEnabledAt || !u.totpSecret) throw new AppError('CONFLICT');
  if (!(await verifyPassword(u.passwordHash, password)))
    throw new AppError('VALIDATION', [
      { path: 'body.password', message: ctx.lang === 'en' ? 'Password is wrong' : '密码不正确' },
    ]);
  const step = verifyTotp(openSecret(u.totpSecret, totpKey()), code, Date.now(), u.totpLastStep);
  if (step == null) throw codeError(ctx);
  await ctx.db
    .update(users)
    .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, u.id));
  await audit(ctx, { entity: 'user', entityId: u.id, before: { totpEnabled: true }, after: { totpEnabled: false } });
}
