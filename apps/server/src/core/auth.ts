import { createHash, randomBytes } from 'node:crypto';
import type { DataScope } from '@beizeng/contract';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Config } from '../config';
import { sessions } from '../modules/auth/auth.tables';
import { roles } from '../modules/roles/roles.tables';
import { users } from '../modules/users/users.tables';
import type { Db } from './db';
import type { Actor } from './http';
import { widestScope } from './scope';

export const SESSION_COOKIE = 'bz_sid';
const ARGON = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 }; // argon2id, OWASP minimum

export const hashPassword = (pw: string) => hash(pw, ARGON);

export async function verifyPassword(hashed: string, pw: string): Promise<boolean> {
  try {
    return await verify(hashed, pw);
  } catch {
    return false; // malformed hash
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | null = null;
export const dummyPasswordHash = () => {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
};

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Db,
  config: Config,
  userId: number,
  ip: string,
  userAgent: string | null,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    id: digest(token),
    userId,
    ip,
    userAgent: userAgent?.slice(0, 500) ?? null,
    expiresAt: new Date(Date.now() + config.sessionMaxHours * 3600_000),
  });
  return token;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, digest(token)));
}

/** Ends every session of a user (disable, role change, password change). */
export async function endUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptSessionId}`)
        : eq(sessions.userId, userId),
    );
}

export type SessionResult = { actor: Actor } | { expired: true } | null;

/** Looks up the cookie's session and builds the actor; enforces idle and absolute limits. */
export async function loadActor(db: Db, config: Config, token: string): Promise<SessionResult> {
  const id = digest(token);
  // one round trip per request: the session, its user and the user's roles
  const [s] = await db
    .select({
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      user: users,
      roles: sql<unknown>`coalesce((select json_agg(json_build_object('code', r.code, 'dataScope', r.data_scope, 'permissions', r.permissions, 'requireTotp', r.require_totp)) from user_role ur join role r on r.id = ur.role_id where ur.user_id = ${sessions.userId}), '[]'::json)`,
    })
    .from(sessions)
    .leftJoin(users, and(eq(users.id, sessions.userId), isNull(users.deletedAt)))
    .where(eq(sessions.id, id));
  if (!s) return null;
  const now = Date.now();
  if (s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000 <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { expired: true };
  }
  const u = s.user;
  if (u?.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now - s.lastSeenAt.getTime() > 30_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  const rs = (typeof s.roles === 'string' ? JSON.parse(s.roles) : s.roles) as {
    code: string;
    dataScope: DataScope;
    permissions: string[];
    requireTotp: boolean;
  }[];
  const permissions = new Set(rs.flatMap((r) => r.permissions));
  const kind = rs.length ? widestScope(rs.map((r) => r.dataScope as DataScope)) : 'self';
  const totpEnabled = u.totpEnabledAt != null;
  const totpRequired = rs.some((r) => r.requireTotp);
  return {
    actor: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: rs.map((r) => r.code),
      permissions,
      regionCode: u.regionCode,
      departmentId: u.departmentId,
      enterpriseId: u.enterpriseId,
      scope: {
        kind,
        regionCode: u.regionCode,
        departmentId: u.departmentId,
        enterpriseId: u.enterpriseId,
        userId: u.id,
      },
      mustChangePassword: u.mustChangePassword,
      totpEnabled,
      totpRequired,
      mustEnrolTotp: totpRequired && !totpEnabled,
      sessionId: id,
      locale: u.locale === 'en' ? 'en' : 'zh-CN',
    },
  };
}

export async function purgeExpiredSessions(db: Db, config: Config): Promise<void> {
  const idleCutoff = new Date(Date.now() - config.sessionIdleMinutes * 60_000);
  await db.delete(sessions).where(lt(sessions.lastSeenAt, idleCutoff));
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

export async function roleIdsByCode(db: Db, codes: string[]): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ id: roles.id, code: roles.code }).from(roles).where(inArray(roles.code, codes));
  return new Map(rows.map((r) => [r.code, r.id]));
}
