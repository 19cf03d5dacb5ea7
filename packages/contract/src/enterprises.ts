import { z } from 'zod';
import { isoDate, listQuery, nameField, patchOf, phone, queryInt, regionCode } from './common';

export const REGISTER_STATUSES = ['below', 'in', 'out'] as const;
export const REGISTER_STATUS_LABELS = {
  below: { zh: '规下', en: 'Below threshold' },
  in: { zh: '在库', en: 'In register' },
  out: { zh: '退库', en: 'Left register' },
} as const;

/** Money in 元 as a decimal string with up to 2 decimals (never a float). */
export const money = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,2})?$/, {
    message: '金额须为以元为单位的数字，最多两位小数 / amount in yuan, up to 2 decimals',
  });
export const nonNegativeMoney = money.refine((v) => !v.startsWith('-'), {
  message: '金额不能为负 / must not be negative',
});
/** YYYY-MM */
export const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式为 YYYY-MM / month as YYYY-MM' });

const idFilter = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const enterpriseListQuery = listQuery.extend({
  regionCode: regionCode.optional(),
  industrySection: z
    .string()
    .regex(/^[A-T]$/)
    .optional(),
  industryDivision: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  statCategory: z.string().max(32).optional(),
  registerStatus: z.enum(REGISTER_STATUSES).optional(),
  chain: z.string().max(32).optional(),
  tag: z.string().max(32).optional(),
  honour: z.string().max(32).optional(),
  cadreId: idFilter.optional(),
  pool: z.string().max(32).optional(),
  demo: z.enum(['true', 'false']).optional(),
});
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;

export const enterpriseSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string().nullable(),
  uscc: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  chain: z.string().nullable(),
  tags: z.array(z.string()),
  statCategory: z.string().nullable(),
  registerStatus: z.enum(REGISTER_STATUSES),
  targetRegister: z.string().nullable(),
  honours: z.array(z.string()),
  cadreId: z.number().int().nullable(),
  cadreName: z.string().nullable(),
  /** Revenue of the latest 12 months with data, 元. */
  revenue12: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type EnterpriseSummary = z.infer<typeof enterpriseSummary>;

export const enterpriseDetail = enterpriseSummary.extend({
  usccOverride: z.string().nullable(),
  address: z.string().nullable(),
  industrySection: z.string().nullable(),
  industryDivision: z.string().nullable(),
  registerDate: z.string().nullable(),
  exitDate: z.string().nullable(),
  legalPerson: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  establishedOn: z.string().nullable(),
  registeredCapital: z.string().nullable(),
  facts: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  note: z.string().nullable(),
  registrationRegion: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetail>;

const factsSchema = z
  .record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/),
    z.union([z.number().finite(), z.string().max(200), z.boolean(), z.null()]),
  )
  .refine((o) => Object.keys(o).length <= 50, { message: 'too many facts' });

export const enterpriseCreate = z.object({
  name: nameField,
  shortName: z.string().trim().max(50).nullish(),
  uscc: z.string().trim().max(30).nullish(),
  /** Admin only: accept a USCC that fails its checksum, with the reason. */
  usccOverride: z.string().trim().min(4).max(200).nullish(),
  regionCode,
  address: z.string().trim().max(200).nullish(),
  industryCode: z
    .string()
    .regex(/^[A-T]$|^\d{2,4}$/, { message: '行业代码为门类字母或 2–4 位数字 / GB/T 4754 code' })
    .nullish(),
  chain: z.string().max(32).nullish(),
  tags: z.array(z.string().max(32)).max(20).default([]),
  statCategory: z.string().max(32).nullish(),
  registerStatus: z.enum(REGISTER_STATUSES).default('below'),
  registerDate: isoDate.nullish(),
  exitDate: isoDate.nullish(),
  targetRegister: z.string().max(32).nullish(),
  legalPerson: z.string().trim().max(50).nullish(),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: phone.nullish(),
  establishedOn: isoDate.nullish(),
  registeredCapital: nonNegativeMoney.nullish(),
  facts: factsSchema.default({}),
  note: z.string().max(2000).nullish(),
});
export const enterpriseUpdate = patchOf(enterpriseCreate).extend({ version: z.number().int().min(1) });

// ---------- indicators ----------
export const indicatorRow = z.object({
  id: z.number().int(),
  month: z.string(),
  revenue: z.string().nullable(),
  output: z.string().nullable(),
  profit: z.string().nullable(),
  employees: z.number().int().nullable(),
  electricity: z.string().nullable(),
  tax: z.string().nullable(),
  status: z.enum(['pending', 'confirmed']),
  source: z.enum(['cadre', 'enterprise', 'import']),
  /** Year to date (累计), same-month-last-year growth (同比) and previous-month growth (环比) of revenue. */
  revenueYtd: z.string().nullable(),
  revenueYoy: z.number().nullable(),
  revenueMom: z.number().nullable(),
  outputYtd: z.string().nullable(),
  outputYoy: z.number().nullable(),
  version: z.number().int(),
});
export const indicatorQuery = z.object({
  from: yearMonth.optional(),
  to: yearMonth.optional(),
});
export const indicatorUpsert = z.object({
  month: yearMonth,
  revenue: nonNegativeMoney.nullish(),
  output: nonNegativeMoney.nullish(),
  profit: money.nullish(),
  employees: z.number().int().min(0).max(1_000_000).nullish(),
  electricity: nonNegativeMoney.nullish(),
  tax: nonNegativeMoney.nullish(),
  version: z.number().int().min(1).optional(),
});

export const timelineItem = z.object({
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  by: z.string().nullable(),
  link: z.string().nullable(),
});

export const importRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const importReport = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(importRowError),
});
export const importQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true') });

// ---------- cultivation (升规纳统) ----------
export const radarQuery = listQuery.extend({
  asOf: yearMonth.optional(),
  category: z.string().max(32).optional(),
  regionCode: regionCode.optional(),
  near: z.enum(['true', 'false']).optional(),
  pooled: z.enum(['true', 'false']).optional(),
});
export const radarRow = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  regionName: z.string().nullable(),
  category: z.string(),
  threshold: z.string(),
  thresholdSource: z.string(),
  trailing12: z.string(),
  ytd: z.string(),
  gap: z.string(),
  ratio: z.number(),
  monthsInWindow: z.number().int(),
  runRate: z.string(),
  crossesIn: z.string().nullable(),
  near: z.boolean(),
  falling3: z.boolean(),
  pool: z
    .object({
      id: z.number().int(),
      cadreName: z.string().nullable(),
      targetYear: z.number().int(),
      status: z.string(),
    })
    .nullable(),
});
export const radarResponse = z.object({
  asOf: z.string(),
  nearShare: z.number(),
  items: z.array(radarRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const thresholdRow = z.object({
  id: z.number().int(),
  category: z.string(),
  industryPrefixes: z.array(z.string()).nullable(),
  metric: z.enum(['main_revenue', 'operating_revenue']),
  amount: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  source: z.string(),
  version: z.number().int(),
});
export const thresholdCreate = z.object({
  category: z.string().max(32),
  industryPrefixes: z
    .array(z.string().regex(/^[A-T]$|^\d{2,4}$/))
    .max(20)
    .nullish(),
  metric: z.enum(['main_revenue', 'operating_revenue']),
  amount: nonNegativeMoney,
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullish(),
  source: z.string().trim().min(2).max(500),
});
export const poolEntry = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  targetRegister: z.string(),
  cadreId: z.number().int().nullable(),
  cadreName: z.string().nullable(),
  targetYear: z.number().int(),
  status: z.enum(['cultivating', 'entered', 'dropped']),
  note: z.string().nullable(),
  version: z.number().int(),
});
export const poolEntryCreate = z.object({
  enterpriseId: z.number().int(),
  targetRegister: z.string().max(32),
  cadreId: z.number().int().nullish(),
  targetYear: z.number().int().min(2000).max(2100),
  note: z.string().max(1000).nullish(),
});
export const poolEntryUpdate = patchOf(poolEntryCreate.omit({ enterpriseId: true })).extend({
  status: z.enum(['cultivating', 'entered', 'dropped']).optional(),
  version: z.number().int().min(1),
});

// ---------- honours ----------
export const HONOUR_LEVELS = ['national', 'provincial', 'city', 'district'] as const;
export const honourRow = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  title: z.string(),
  level: z.enum(HONOUR_LEVELS),
  year: z.number().int(),
  awardedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  certificateNo: z.string().nullable(),
  expiringSoon: z.boolean(),
  expired: z.boolean(),
  version: z.number().int(),
});
export const honourListQuery = listQuery.extend({
  title: z.string().max(32).optional(),
  enterpriseId: idFilter.optional(),
  expiring: z.enum(['true', 'false']).optional(),
});
export const honourCreate = z.object({
  enterpriseId: z.number().int(),
  title: z.string().max(32),
  level: z.enum(HONOUR_LEVELS),
  year: z.number().int().min(1990).max(2100),
  awardedOn: isoDate.nullish(),
  expiresOn: isoDate.nullish(),
  certificateNo: z.string().trim().max(100).nullish(),
});
export const honourUpdate = patchOf(honourCreate.omit({ enterpriseId: true })).extend({
  version: z.number().int().min(1),
});
export const checklistItem = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  status: z.enum(['met', 'missing', 'unknown']),
  actual: z.union([z.number(), z.boolean(), z.string(), z.null()]),
  required: z.string(),
});
export const checklist = z.object({
  enterpriseId: z.number().int(),
  date: z.string(),
  titles: z.array(
    z.object({
      title: z.string(),
      regime: z.string(),
      source: z.string(),
      held: z.boolean(),
      items: z.array(checklistItem),
      met: z.number().int(),
      missing: z.number().int(),
      unknown: z.number().int(),
      eligible: z.boolean().nullable(),
    }),
  ),
});
export const poolRow = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  tiers: z.array(z.object({ code: z.string(), name: z.string() })),
  source: z.string().nullable(),
  members: z.array(
    z.object({
      enterpriseId: z.number().int(),
      enterpriseName: z.string(),
      tier: z.string(),
      since: z.string().nullable(),
    }),
  ),
});
export const monthParam = z.object({ id: queryInt(1, 2_147_483_647), month: yearMonth });
