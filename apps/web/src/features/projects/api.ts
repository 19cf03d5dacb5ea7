import {
  LIGHTS,
  type nodeTemplate,
  PROJECT_STAGE_LABELS,
  PROJECT_STAGES,
  type projectDetail,
  type projectNode,
  type projectReport,
  type projectSummary,
} from '@beizeng/contract';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../shared/api';
import { formatWan, formatYi } from '../../shared/format';

export const PROJECTS_KEY = 'projects';

export type ProjectSummary = z.infer<typeof projectSummary>;
export type ProjectDetail = z.infer<typeof projectDetail>;
export type ProjectNode = z.infer<typeof projectNode>;
export type ProjectReport = z.infer<typeof projectReport>;
export type NodeTemplate = z.infer<typeof nodeTemplate>;
export type Stage = (typeof PROJECT_STAGES)[number];
export type Light = (typeof LIGHTS)[number];

export interface Kanban {
  columns: { stage: string; count: number; totalInvestment: string }[];
  suspended: number;
}

export interface MissingReport {
  projectId: number;
  name: string;
  period: string;
  responsibleUserId: number | null;
}

export { LIGHTS, PROJECT_STAGES };

export const APPROVAL_TYPES = ['approval', 'filing', 'government'] as const;

export function stageLabel(stage: string, lang: string): string {
  const l = PROJECT_STAGE_LABELS[stage as Stage];
  if (!l) return stage;
  return lang === 'en' ? l.en : l.zh;
}

export const STAGE_COLORS: Record<Stage, string> = {
  planning: 'default',
  negotiating: 'cyan',
  signed: 'blue',
  started: 'geekblue',
  building: 'processing',
  producing: 'green',
  full_production: 'success',
};

export const LIGHT_COLORS: Record<Light, string> = { red: '#cf1322', amber: '#faad14', green: '#52c41a' };

const YI = 100_000_000;

/** 元 → 万元, or 亿元 from 1亿 up; `units` are the translated unit names. */
export function formatMoney(yuan: string | null | undefined, units: { wan: string; yi: string }): string {
  if (yuan === null || yuan === undefined || yuan === '') return '—';
  const n = Number(yuan);
  if (Number.isFinite(n) && Math.abs(n) >= YI) return formatYi(yuan, true, units.yi);
  return formatWan(yuan, true, units.wan);
}

/** Completed / planned in percent (0–100+, one decimal), or null without a plan. */
export function completionRate(completed: string | null | undefined, plan: string | null | undefined): number | null {
  const p = Number(plan ?? 0);
  if (!plan || !Number.isFinite(p) || p <= 0) return null;
  const c = Number(completed ?? 0);
  return Math.round((c / p) * 1000) / 10;
}

/** The current report period of a cycle: 2026-11 (monthly) or 2026-W48 (ISO week), like the server. */
export function currentPeriod(cycle: 'weekly' | 'monthly', on: Date = new Date()): string {
  const y = on.getFullYear();
  const m = String(on.getMonth() + 1).padStart(2, '0');
  if (cycle === 'monthly') return `${y}-${m}`;
  const d = new Date(Date.UTC(y, on.getMonth(), on.getDate()));
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A money amount typed in 元: digits with up to two decimals. */
export const YUAN_PATTERN = /^\d{1,14}(\.\d{1,2})?$/;

export function useProject(id: number) {
  return useQuery({
    queryKey: [PROJECTS_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<ProjectDetail>(`/projects/${id}`, undefined, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useNodes(id: number) {
  return useQuery({
    queryKey: [PROJECTS_KEY, 'nodes', id],
    queryFn: ({ signal }) => api.get<{ items: ProjectNode[] }>(`/projects/${id}/nodes`, undefined, { signal }),
  });
}

export function useReports(id: number) {
  return useQuery({
    queryKey: [PROJECTS_KEY, 'reports', id],
    queryFn: ({ signal }) => api.get<{ items: ProjectReport[] }>(`/projects/${id}/reports`, undefined, { signal }),
  });
}

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: [PROJECTS_KEY, 'templates'],
    queryFn: () => api.get<{ items: NodeTemplate[] }>('/projects/templates').then((r) => r.items),
    staleTime: 10 * 60_000,
    enabled,
  });
}

interface UserOption {
  id: number;
  displayName: string;
  roles: string[];
  regionName: string | null;
}

/** Colleagues for a picker (GET /users/lookup: id, name, roles; any signed-in user). */
export function useUserOptions(role: string | undefined) {
  return useQuery({
    queryKey: ['users', 'lookup', role ?? ''],
    queryFn: () =>
      api
        .get<{ items: UserOption[] }>('/users/lookup', { role })
        .then((r) => r.items.map((u) => ({ value: u.id, label: u.displayName }))),
    staleTime: 60_000,
    meta: { silent: true },
  });
}
