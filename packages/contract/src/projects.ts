import { z } from 'zod';
import { isoDate, listQuery, nameField, patchOf, regionCode } from './common';
import { nonNegativeMoney, yearMonth } from './enterprises';

export const PROJECT_STAGES = [
  'planning',
  'negotiating',
  'signed',
  'started',
  'building',
  'producing',
  'full_production',
] as const;
export const PROJECT_STAGE_LABELS: Record<(typeof PROJECT_STAGES)[number], { zh: string; en: string }> = {
  planning: { zh: '谋划', en: 'Planning' },
  negotiating: { zh: '洽谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  started: { zh: '开工', en: 'Started' },
  building: { zh: '建设', en: 'Under construction' },
  producing: { zh: '投产', en: 'In production' },
  full_production: { zh: '达产', en: 'Full production' },
};
export const LIGHTS = ['green', 'amber', 'red'] as const;

/** 投资项目代码 (GB/T 40058-2021): 24 characters, e.g. 2024-370406-30-03-012345. */
export const projectCode = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/, {
    message:
      '投资项目代码为 24 位，格式如 2024-370406-30-03-012345 / a 24-character project code like 2024-370406-30-03-012345',
  })
  .refine((s) => Number(s.slice(0, 4)) >= 2014 && Number(s.slice(0, 4)) <= 2100, {
    message: '投资项目代码的年份不正确 / bad year',
  });

const idFilter = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const projectListQuery = listQuery.extend({
  stage: z.enum(PROJECT_STAGES).optional(),
  light: z.enum(LIGHTS).optional(),
  chain: z.string().max(32).optional(),
  nature: z.string().max(32).optional(),
  leaderId: idFilter.optional(),
  regionCode: regionCode.optional(),
  big: z.enum(['true', 'false']).optional(),
  suspended: z.enum(['true', 'false']).optional(),
});

export const lightReason = z.object({ rule: z.string(), light: z.enum(LIGHTS), zh: z.string(), en: z.string() });

export const projectSummary = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  chain: z.string().nullable(),
  chainRole: z.string().nullable(),
  nature: z.string().nullable(),
  totalInvestment: z.string(),
  stage: z.enum(PROJECT_STAGES),
  suspended: z.boolean(),
  light: z.enum(LIGHTS),
  lightReasons: z.array(lightReason),
  leaderName: z.string().nullable(),
  responsibleDept: z.string().nullable(),
  responsibleName: z.string().nullable(),
  yearPlan: z.string().nullable(),
  yearCompleted: z.string(),
  sinceStartCompleted: z.string(),
  inStats: z.boolean(),
  isDemo: z.boolean(),
  version: z.number().int(),
});

export const projectDetail = projectSummary.extend({
  industryCode: z.string().nullable(),
  approvalType: z.string().nullable(),
  constructionContent: z.string().nullable(),
  expectedOutput: z.string().nullable(),
  expectedTax: z.string().nullable(),
  expectedJobs: z.number().int().nullable(),
  plannedStart: z.string().nullable(),
  plannedProduction: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualProduction: z.string().nullable(),
  suspendReason: z.string().nullable(),
  leaderId: z.number().int().nullable(),
  responsibleDeptId: z.number().int().nullable(),
  responsibleUserId: z.number().int().nullable(),
  reportCycle: z.enum(['weekly', 'monthly']),
  stageHistory: z.array(
    z.object({ stage: z.string(), on: z.string(), note: z.string().nullable(), by: z.string().nullable() }),
  ),
  plans: z.array(z.object({ year: z.number().int(), amount: z.string() })),
  investments: z.array(z.object({ month: z.string(), amount: z.string() })),
});

const projectFields = {
  name: nameField,
  code: projectCode.nullish(),
  enterpriseId: z.number().int().nullish(),
  regionCode,
  industryCode: z
    .string()
    .regex(/^[A-T]$|^\d{2,4}$/)
    .nullish(),
  chain: z.string().max(32).nullish(),
  chainRole: z.string().max(32).nullish(),
  nature: z.string().max(32).nullish(),
  approvalType: z.enum(['approval', 'filing', 'government']).nullish(),
  totalInvestment: nonNegativeMoney,
  constructionContent: z.string().max(2000).nullish(),
  expectedOutput: nonNegativeMoney.nullish(),
  expectedTax: nonNegativeMoney.nullish(),
  expectedJobs: z.number().int().min(0).max(1_000_000).nullish(),
  plannedStart: isoDate.nullish(),
  plannedProduction: isoDate.nullish(),
  leaderId: z.number().int().nullish(),
  responsibleDeptId: z.number().int().nullish(),
  responsibleUserId: z.number().int().nullish(),
  reportCycle: z.enum(['weekly', 'monthly']).default('monthly'),
};
export const projectCreate = z.object({ ...projectFields, stage: z.enum(PROJECT_STAGES).default('planning') });
export const projectUpdate = patchOf(z.object(projectFields)).extend({
  version: z.number().int().min(1),
  /** Required when the total is lowered (调整), kept in the history. */
  adjustReason: z.string().trim().min(2).max(500).optional(),
});

export const stageChange = z.object({
  stage: z.enum(PROJECT_STAGES).optional(),
  suspended: z.boolean().optional(),
  on: isoDate,
  note: z.string().trim().max(500).nullish(),
  version: z.number().int().min(1),
});

export const investmentUpsert = z.object({ month: yearMonth, amount: nonNegativeMoney });
export const planUpsert = z.object({ year: z.number().int().min(2000).max(2100), amount: nonNegativeMoney });

export const projectNode = z.object({
  id: z.number().int(),
  key: z.string(),
  name: z.string(),
  departmentName: z.string().nullable(),
  after: z.array(z.string()),
  days: z.number().int(),
  gate: z.string().nullable(),
  plannedStart: z.string(),
  dueDate: z.string(),
  actualStart: z.string().nullable(),
  actualDone: z.string().nullable(),
  overdueDays: z.number().int(),
  light: z.enum(LIGHTS),
  note: z.string().nullable(),
});
export const nodeTemplate = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nodes: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      department: z.string().nullable(),
      days: z.number().int(),
      after: z.array(z.string()),
      gate: z.string().nullable(),
    }),
  ),
});
export const applyTemplate = z.object({ templateId: z.number().int(), startDate: isoDate });
export const nodeUpdate = z.object({
  actualStart: isoDate.nullish(),
  actualDone: isoDate.nullish(),
  note: z.string().max(500).nullish(),
});

export const projectReport = z.object({
  id: z.number().int(),
  period: z.string(),
  progress: z.string(),
  investment: z.string(),
  problems: z.string().nullable(),
  nextSteps: z.string().nullable(),
  reportedBy: z.string().nullable(),
  reportedAt: z.string(),
  ticketId: z.number().int().nullable(),
});
export const reportCreate = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$|^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, {
    message: '周期为 2026-11 或 2026-W47 / period like 2026-11 or 2026-W47',
  }),
  progress: z.string().trim().min(2).max(2000),
  investment: nonNegativeMoney,
  problems: z.string().trim().max(2000).nullish(),
  nextSteps: z.string().trim().max(2000).nullish(),
  /** Turn the problem into a service ticket (needs the project's enterprise). */
  problemToTicket: z.object({ category: z.string().max(32) }).nullish(),
});
export const missingQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$|^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/)
    .optional(),
});
