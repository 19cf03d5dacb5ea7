import { z } from 'zod';
import { isoDate, listQuery, nameField, patchOf, regionCode } from './common';
import { nonNegativeMoney } from './enterprises';

export const LEAD_STAGES = [
  'lead',
  'contact',
  'inspection',
  'negotiation',
  'signed',
  'landed',
  'shelved',
  'abandoned',
] as const;
export const LEAD_STAGE_LABELS: Record<(typeof LEAD_STAGES)[number], { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'Lead' },
  contact: { zh: '接洽', en: 'In contact' },
  inspection: { zh: '考察', en: 'Site visit' },
  negotiation: { zh: '洽谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  landed: { zh: '落地', en: 'Landed' },
  shelved: { zh: '搁置', en: 'Shelved' },
  abandoned: { zh: '放弃', en: 'Abandoned' },
};

const idFilter = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const leadListQuery = listQuery.extend({
  stage: z.enum(LEAD_STAGES).optional(),
  source: z.string().max(32).optional(),
  chain: z.string().max(32).optional(),
  ownerId: idFilter.optional(),
  big: z.enum(['true', 'false']).optional(),
  warning: z.enum(['true', 'false']).optional(),
});

export const leadWarning = z.object({ rule: z.string(), zh: z.string(), en: z.string() });

export const leadSummary = z.object({
  id: z.number().int(),
  investorName: z.string(),
  projectName: z.string(),
  chain: z.string().nullable(),
  intendedInvestment: z.string().nullable(),
  source: z.string(),
  introducer: z.string().nullable(),
  stage: z.enum(LEAD_STAGES),
  ownerId: z.number().int(),
  ownerName: z.string().nullable(),
  groupMemberName: z.string().nullable(),
  nextAction: z.string().nullable(),
  nextActionOn: z.string().nullable(),
  lastFollowupOn: z.string().nullable(),
  regionCode: z.string(),
  projectId: z.number().int().nullable(),
  warnings: z.array(leadWarning),
  isDemo: z.boolean(),
  version: z.number().int(),
});

export const leadDetail = leadSummary.extend({
  investorEnterpriseId: z.number().int().nullable(),
  industryCode: z.string().nullable(),
  groupMemberId: z.number().int().nullable(),
  closedReason: z.string().nullable(),
  assessment: z
    .object({ scores: z.record(z.string(), z.number()), total: z.number(), conclusion: z.string(), on: z.string() })
    .nullable(),
  registeredOn: z.string(),
  followups: z.array(
    z.object({
      id: z.number().int(),
      on: z.string(),
      mode: z.string(),
      content: z.string(),
      people: z.string().nullable(),
      by: z.string().nullable(),
    }),
  ),
  history: z.array(
    z.object({ stage: z.string(), on: z.string(), note: z.string().nullable(), by: z.string().nullable() }),
  ),
  signings: z.array(
    z.object({
      id: z.number().int(),
      signedOn: z.string(),
      amount: z.string(),
      terms: z.string().nullable(),
      event: z.string().nullable(),
      duplicateOfId: z.number().int().nullable(),
      duplicateReason: z.string().nullable(),
    }),
  ),
});

const leadFields = {
  investorName: nameField,
  investorEnterpriseId: z.number().int().nullish(),
  projectName: nameField,
  industryCode: z
    .string()
    .regex(/^[A-T]$|^\d{2,4}$/)
    .nullish(),
  chain: z.string().max(32).nullish(),
  intendedInvestment: nonNegativeMoney.nullish(),
  source: z.string().max(32),
  introducer: z.string().trim().max(100).nullish(),
  regionCode,
  ownerId: z.number().int().optional(),
  groupMemberId: z.number().int().nullish(),
  nextAction: z.string().trim().max(500).nullish(),
  nextActionOn: isoDate.nullish(),
};
export const leadCreate = z.object(leadFields);
export const leadUpdate = patchOf(z.object(leadFields)).extend({ version: z.number().int().min(1) });

export const leadStageBody = z.object({
  stage: z.enum(['lead', 'contact', 'inspection', 'negotiation', 'shelved', 'abandoned']),
  note: z.string().trim().max(500).nullish(),
  version: z.number().int().min(1),
});
export const followupCreate = z.object({
  on: isoDate,
  mode: z.string().max(32),
  content: z.string().trim().min(2).max(3000),
  people: z.string().trim().max(300).nullish(),
});
export const assessmentBody = z.object({
  scores: z
    .record(z.string().regex(/^[a-z_]{2,32}$/), z.number().min(0).max(100))
    .refine((o) => Object.keys(o).length >= 1 && Object.keys(o).length <= 12),
  conclusion: z.string().trim().min(2).max(1000),
});
export const signBody = z.object({
  signedOn: isoDate,
  amount: nonNegativeMoney,
  terms: z.string().trim().max(3000).nullish(),
  event: z.string().trim().max(200).nullish(),
  /** Required when the guard finds the same deal signed before. */
  duplicateReason: z.string().trim().min(2).max(500).nullish(),
  version: z.number().int().min(1),
});
export const landBody = z.object({
  /** The local enterprise that carries the project; created from the investor's name when absent. */
  enterpriseId: z.number().int().nullish(),
  enterpriseRegionCode: regionCode.optional(),
  responsibleUserId: z.number().int(),
  plannedStart: isoDate.nullish(),
  version: z.number().int().min(1),
});

export const forecastResponse = z.object({
  year: z.number().int(),
  target: z.number().int(),
  already: z.number().int(),
  expected: z.number(),
  pReach: z.number(),
  probabilities: z.record(z.string(), z.number()),
  learned: z.boolean(),
  leads: z.array(z.object({ id: z.number().int(), name: z.string(), p: z.number(), impact: z.number() })),
});

export const investmentPlan = z.object({
  id: z.number().int(),
  year: z.number().int(),
  regionCode: z.string(),
  title: z.string(),
  bigSigningsTarget: z.number().int(),
  signedAmountTarget: z.string().nullable(),
  landedTarget: z.number().int().nullable(),
  fundsInPlaceTarget: z.string().nullable(),
  leadingGroup: z.array(z.object({ userId: z.number().int().nullable(), name: z.string(), role: z.string() })),
  note: z.string().nullable(),
  progress: z.object({ bigSignings: z.number().int(), signedAmount: z.string(), landed: z.number().int() }),
  version: z.number().int(),
});
export const investmentPlanCreate = z.object({
  year: z.number().int().min(2000).max(2100),
  regionCode,
  title: nameField,
  bigSigningsTarget: z.number().int().min(0).max(1000),
  signedAmountTarget: nonNegativeMoney.nullish(),
  landedTarget: z.number().int().min(0).max(1000).nullish(),
  fundsInPlaceTarget: nonNegativeMoney.nullish(),
  leadingGroup: z
    .array(
      z.object({
        userId: z.number().int().nullable(),
        name: z.string().trim().min(1).max(50),
        role: z.string().trim().min(1).max(50),
      }),
    )
    .max(50)
    .default([]),
  note: z.string().max(2000).nullish(),
});
export const investmentPlanUpdate = patchOf(investmentPlanCreate).extend({ version: z.number().int().min(1) });
