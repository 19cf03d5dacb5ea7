import { z } from 'zod';
export const settings = z.object({
  auditRetentionDays: z.number().int().min(190).max(3650),
});
export const settingsUpdate = settings.partial();
