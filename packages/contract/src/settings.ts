import { z } from 'zod';
import { patchOf } from './common';

export const settings = z.object({
  /** Audit and login logs are kept at least this long (等保: ≥ 6 months). */
  auditRetentionDays: z.number().int().min(190).max(3650),
  /** 临规: an enterprise whose trailing-12-month revenue reaches this share of its threshold. */
  radarNearShare: z.number().min(0.5).max(0.99),
  /** Honours expiring within this many days are flagged. */
  honourExpiryDays: z.number().int().min(7).max(365),
  /** 无事不扰: warn before an enterprise is visited again within this many days. */
  visitMinDays: z.number().int().min(0).max(180),
  /** Outbound notifications as DingTalk/WeCom-style JSON; null switches them off. */
  webhookUrl: z
    .string()
    .url()
    .max(500)
    .regex(/^https?:\/\//)
    .nullable(),
  leadLimits: z
    .object({
      respond: z.number().int().min(1).max(30),
      assess: z.number().int().min(1).max(60),
      report: z.number().int().min(1).max(60),
    })
    .partial()
    .nullable(),
  leadStageProbabilities: z
    .object({
      lead: z.number().min(0).max(1),
      contact: z.number().min(0).max(1),
      inspection: z.number().min(0).max(1),
      negotiation: z.number().min(0).max(1),
    })
    .partial()
    .nullable(),
  /** Project light thresholds (months late to start → red; points behind time → amber/red; node days overdue → red). */
  projectLightRules: z
    .object({
      startRedMonths: z.number().int().min(1).max(24),
      investmentAmberPoints: z.number().min(1).max(100),
      investmentRedPoints: z.number().min(1).max(100),
      nodeRedDays: z.number().int().min(1).max(100),
    })
    .partial()
    .nullable(),
});
export const settingsUpdate = patchOf(settings);
