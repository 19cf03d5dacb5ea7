import {
  type forecastResponse,
  type investmentPlan,
  LEAD_STAGE_LABELS,
  LEAD_STAGES,
  type leadDetail,
  type leadSummary,
} from '@beizeng/contract';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api';
import { formatWan, formatYi } from '../../shared/format';

export const LEADS_KEY = 'leads';
export const PLANS_KEY = 'investment-plans';

export type LeadSummary = z.infer<typeof leadSummary>;
export type LeadDetail = z.infer<typeof leadDetail>;
export type LeadStage = (typeof LEAD_STAGES)[number];
export type Forecast = z.infer<typeof forecastResponse>;
export type InvestmentPlan = z.infer<typeof investmentPlan>;
export type LeadWarning = LeadSummary['warnings'][number];

export interface LeadKanban {
  columns: { stage: string; count: number; intendedInvestment: string }[];
}

export { LEAD_STAGES };

/** Stages a lead moves to with POST /leads/:id/stage. */
export const MOVABLE_STAGES = ['lead', 'contact', 'inspection', 'negotiation', 'shelved', 'abandoned'] as const;
export type MovableStage = (typeof MOVABLE_STAGES)[number];
export const OPEN_STAGES: LeadStage[] = ['lead', 'contact', 'inspection', 'negotiation'];

export function leadStageLabel(stage: string, lang: string): string {
  const l = LEAD_STAGE_LABELS[stage as LeadStage];
  if (!l) return stage;
  return lang === 'en' ? l.en : l.zh;
}

export const LEAD_STAGE_COLORS: Record<LeadStage, string> = {
  lead: 'default',
  contact: 'cyan',
  inspection: 'blue',
  negotiation: 'geekblue',
  signed: 'purple',
  landed: 'green',
  shelved: 'orange',
  abandoned: 'red',
};

/** Where a lead may go from `stage`: moves, 签约 (a form) and 落地 (a form). */
export function moveTargets(stage: LeadStage): LeadStage[] {
  if (stage === 'signed') return ['landed'];
  if (stage === 'landed' || stage === 'abandoned') return [];
  const out: LeadStage[] = MOVABLE_STAGES.filter((s) => s !== stage);
  if (OPEN_STAGES.includes(stage)) out.splice(out.indexOf('shelved'), 0, 'signed');
  return out;
}

const YI = 100_000_000;

/** 元 → 万元, or 亿元 from 1亿 up. */
export function formatLeadMoney(yuan: string | null | undefined, units: { wan: string; yi: string }): string {
  if (yuan === null || yuan === undefined || yuan === '') return '—';
  const n = Number(yuan);
  if (Number.isFinite(n) && Math.abs(n) >= YI) return formatYi(yuan, true, units.yi);
  return formatWan(yuan, true, units.wan);
}

export function isBig(yuan: string | null | undefined): boolean {
  const n = Number(yuan ?? 0);
  return Number.isFinite(n) && n >= YI;
}

/** today as YYYY-MM-DD in local time. */
export function todayIso(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function useLead(id: number) {
  return useQuery({
    queryKey: [LEADS_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<LeadDetail>(`/leads/${id}`, undefined, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export interface UserOption {
  id: number;
  displayName: string;
  roles: string[];
  regionName: string | null;
}
