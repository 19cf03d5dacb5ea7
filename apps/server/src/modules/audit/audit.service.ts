import type { auditQuery, loginLogQuery } from '@beizeng/contract';
import { desc, eq, gte, ilike, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../core/db';
import type { AuthedCtx } from '../../core/http';
import { allOf, contains, countAll, orderBy, paginate } from '../../core/list';
import { regionPrefix, scopeWhere } from '../../core/scope';
import { loginLog } from '../auth/auth.tables';
import { addDays } from '../calendar/workdays';
import { auditLog } from './audit.tables';

const TZ = 'Asia/Shanghai';
/** Date filters are calendar days in China Standard Time. */
const dayStart = (d: string) => sql`(${d}::date)::timestamp at time zone ${TZ}`;

function auditWhere(ctx: AuthedCtx, q: Partial<z.infer<typeof auditQuery>>): SQL | undefined {
  return allOf(
    scopeWhere(ctx.actor.scope, { region: auditLog.regionCode, owner: auditLog.userId }),
    q.username ? ilike(auditLog.username, contains(q.username)) : undefined,
    q.module ? eq(auditLog.module, q.module) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.entity ? eq(auditLog.entity, q.entity) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.from ? gte(auditLog.at, dayStart(q.from)) : undefined,
    q.to ? lt(auditLog.at, dayStart(addDays(q.to, 1))) : undefined,
    q.q
      ? sql`(${auditLog.username} ilike ${contains(q.q)} or ${auditLog.entityId} = ${q.q} or ${auditLog.module} ilike ${contains(q.q)})`
      : undefined,
  );
}

const auditCols = {
  id: auditLog.id,
  at: auditLog.at,
  userId: auditLog.userId,
  username: auditLog.username,
  ip: auditLog.ip,
  module: auditLog.module,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  requestId: auditLog.requestId,
};
const iso = <T extends { at: Date }>(r: T) => ({ ...r, at: new Date(r.at).toISOString() });

export async function listAudit(ctx: AuthedCtx, q: z.infer<typeof auditQuery>) {
  const where = auditWhere(ctx, q);
  const p = await paginate<any>(
    q,
    () =>
      ctx.db
        .select(auditCols)
        .from(auditLog)
        .where(where)
        .orderBy(...orderBy(q.sort, { at: auditLog.at, id: auditLog.id }, desc(auditLog.id)))
        .$dynamic(),
    () => ctx.db.select({ n: countAll }).from(auditLog).where(where),
  );
  return { ...p, items: p.items.map(iso) };
}

export async function* exportAudit(ctx: AuthedCtx, q: z.infer<typeof auditQuery>) {
  const rows = await ctx.db
    .select(auditCols)
    .from(auditLog)
    .where(auditWhere(ctx, q))
    .orderBy(desc(auditLog.id))
    .limit(100_000);
  for (const r of rows) yield iso(r);
}

function loginWhere(ctx: AuthedCtx, q: Partial<z.infer<typeof loginLogQuery>>): SQL | undefined {
  const s = ctx.actor.scope;
  const scope =
    s.kind === 'all'
      ? undefined
      : s.kind === 'region' && s.regionCode
        ? sql`${loginLog.userId} in (select id from app_user where region_code like ${`${regionPrefix(s.regionCode)}%`})`
        : eq(loginLog.userId, ctx.actor.id);
  return allOf(
    scope,
    q.username ? ilike(loginLog.username, contains(q.username)) : undefined,
    q.success ? eq(loginLog.success, q.success === 'true') : undefined,
    q.from ? gte(loginLog.at, dayStart(q.from)) : undefined,
    q.to ? lt(loginLog.at, dayStart(addDays(q.to, 1))) : undefined,
    q.q ? sql`(${loginLog.username} ilike ${contains(q.q)} or ${loginLog.ip} = ${q.q})` : undefined,
  );
}

const loginCols = {
  id: loginLog.id,
  at: loginLog.at,
  username: loginLog.username,
  userId: loginLog.userId,
  success: loginLog.success,
  reason: loginLog.reason,
  ip: loginLog.ip,
  userAgent: loginLog.userAgent,
};

export async function listLogins(ctx: AuthedCtx, q: z.infer<typeof loginLogQuery>) {
  const where = loginWhere(ctx, q);
  const p = await paginate<any>(
    q,
    () =>
      ctx.db
        .select(loginCols)
        .from(loginLog)
        .where(where)
        .orderBy(...orderBy(q.sort, { at: loginLog.at }, desc(loginLog.id)))
        .$dynamic(),
    () => ctx.db.select({ n: countAll }).from(loginLog).where(where),
  );
  return { ...p, items: p.items.map(iso) };
}

export async function* exportLogins(ctx: AuthedCtx, q: z.infer<typeof loginLogQuery>) {
  const rows = await ctx.db
    .select(loginCols)
    .from(loginLog)
    .where(loginWhere(ctx, q))
    .orderBy(desc(loginLog.id))
    .limit(100_000);
  for (const r of rows) yield iso(r);
}

/** Deletes audit and login rows older than the retention setting (never less than 190 days). */
export async function purgeOldLogs(db: Db, retentionDays: number): Promise<void> {
  const days = Math.max(190, retentionDays);
  await db.delete(auditLog).where(lt(auditLog.at, sql`now() - make_interval(days => ${days})`));
  await db.delete(loginLog).where(lt(loginLog.at, sql`now() - make_interval(days => ${days})`));
}
