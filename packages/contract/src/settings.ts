import { z } from 'zod';

export const settings = z.object({
  /** Audit and login logs are kept at least this long (等保: ≥ 6 months). */
  auditRetentionDays: z.number().int().min(190).max(3650),
  /** 临规: an enterprise whose trailing-12-month revenue reaches this share of its threshold. */
  radarNearShare: z.number().min(0.5).max(0.99),
  /** Honours expiring within this many days are flagged. */
  honourExpiryDays: z.number().int().min(7).max(365),
});
export const settingsUpdate = settings.partial();
