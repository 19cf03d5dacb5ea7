import { auditLog } from '../modules/audit/audit.tables';
import type { Ctx } from './http';

export interface AuditEntry {
  entity?: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the action of the route's audit tag (e.g. `unmask` on a read). */
  action?: string;
}

const SECRET_KEYS = new Set(['passwordHash', 'password', 'oldPassword', 'newPassword', 'token']);

function scrub(v: unknown): unknown {
  if (v == null || typeof v !== 'object') return v ?? null;
  if (Array.isArray(v)) return v.map(scrub);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v))
    out[k] = SECRET_KEYS.has(k) ? '***' : val instanceof Date ? val.toISOString() : scrub(val);
  return out;
}

/**
 * Writes one audit row in the caller's transaction (ctx.db is the route's transaction for writes).
 * The module and action come from the route's `audit` tag, e.g. `users.create`.
 */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  const [module, action] = (ctx.auditTag ?? 'unknown.unknown').split('.');
  await ctx.db.insert(auditLog).values({
    userId: ctx.actor?.id ?? null,
    username: ctx.actor?.username ?? null,
    regionCode: ctx.actor?.regionCode ?? null,
    ip: ctx.ip,
    module: module!,
    action: entry.action ?? action!,
    entity: entry.entity ?? module!,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: scrub(entry.before) as any,
    after: scrub(entry.after) as any,
    requestId: ctx.requestId,
  });
  ctx.audited = true;
}
