import type { settingsUpdate } from '@beizeng/contract';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import type { Db } from '../../core/db';
import type { AuthedCtx } from '../../core/http';
import { memo } from '../../core/memo';
import { settings } from './settings.tables';

export const DEFAULT_SETTINGS = {
  auditRetentionDays: 190,
  radarNearShare: 0.8,
  honourExpiryDays: 90,
  /** 无事不扰: warn when an enterprise is visited again within this many days. */
  visitMinDays: 14,
  /** Outbound notifications (DingTalk/WeCom-style JSON); null = off. */
  webhookUrl: null as string | null,
  /** Project light thresholds; null = the defaults of projects/rules.ts. */
  /** Lead time limits in working days; null = respond 1, assess 3, report every 10. */
  leadLimits: null as null | Partial<{ respond: number; assess: number; report: number }>,
  /** Probability that an open lead signs by year end, per stage; null = the defaults of leads/forecast.ts. */
  leadStageProbabilities: null as null | Partial<Record<'lead' | 'contact' | 'inspection' | 'negotiation', number>>,
  projectLightRules: null as null | Partial<{
    startRedMonths: number;
    investmentAmberPoints: number;
    investmentRedPoints: number;
    nodeRedDays: number;
  }>,
};
export type Settings = typeof DEFAULT_SETTINGS;

export async function readSettings(db: Db): Promise<Settings> {
  const rows = await db.select().from(settings);
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) out[r.key] = r.value;
  return out as Settings;
}

export async function updateSettings(ctx: AuthedCtx, body: z.infer<typeof settingsUpdate>): Promise<Settings> {
  const before = await readSettings(ctx.db);
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (value === null) {
      // null means "back to the default"
      await ctx.db.delete(settings).where(eq(settings.key, key));
      continue;
    }
    await ctx.db
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
  }
  const after = await readSettings(ctx.db);
  await audit(ctx, { entity: 'setting', entityId: Object.keys(body).join(','), before, after });
  return after;
}

export function getSetting<K extends keyof Settings>(db: Db, key: K): Promise<Settings[K]> {
  return memo(db, `setting:${key}`, async () => {
    const [r] = await db.select().from(settings).where(eq(settings.key, key));
    return (r?.value as Settings[K]) ?? DEFAULT_SETTINGS[key];
  });
}
