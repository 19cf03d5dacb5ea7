import type {
  checklist,
  enterpriseDetail,
  enterpriseSummary,
  honourRow,
  importReport,
  indicatorRow,
  poolEntry,
  poolRow,
  radarResponse,
  radarRow,
  thresholdRow,
  timelineItem,
} from '@beizeng/contract';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Page } from '../../shared/api';
import type { Industry, User } from '../../shared/types';

export type EnterpriseSummary = z.infer<typeof enterpriseSummary>;
export type EnterpriseDetail = z.infer<typeof enterpriseDetail>;
export type IndicatorRow = z.infer<typeof indicatorRow>;
export type TimelineItem = z.infer<typeof timelineItem>;
export type ImportReport = z.infer<typeof importReport>;
export type HonourRow = z.infer<typeof honourRow>;
export type Checklist = z.infer<typeof checklist>;
export type PoolRow = z.infer<typeof poolRow>;
export type RadarRow = z.infer<typeof radarRow>;
export type RadarResponse = z.infer<typeof radarResponse>;
export type ThresholdRow = z.infer<typeof thresholdRow>;
export type PoolEntry = z.infer<typeof poolEntry>;

/** react-query keys: invalidate `[ENTERPRISES_KEY]` after any write to an enterprise. */
export const ENTERPRISES_KEY = 'enterprises';
export const HONOURS_KEY = 'honours';
export const CULTIVATION_KEY = 'cultivation';

export function useEnterprise(id: number) {
  return useQuery({
    queryKey: [ENTERPRISES_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<EnterpriseDetail>(`/enterprises/${id}`, undefined, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** GB/T 4754 门类 (no parent) or a search over codes and names. */
export function useIndustries(q?: string) {
  return useQuery({
    queryKey: ['industries', q ?? ''],
    queryFn: ({ signal }) =>
      api.get<{ items: Industry[] }>('/industries', q ? { q } : undefined, { signal }).then((r) => r.items),
    staleTime: 60 * 60_000,
  });
}

/** Cadres (帮包干部) for a filter; only for users who may list users. */
export function useCadreOptions(enabled: boolean) {
  const { data } = useQuery({
    queryKey: ['users', 'cadres'],
    queryFn: () => api.get<Page<User>>('/users', { role: 'cadre', pageSize: 200 }),
    enabled,
    staleTime: 5 * 60_000,
  });
  return (data?.items ?? []).map((u) => ({ value: String(u.id), label: u.displayName }));
}

/** "仍有 ****" → the masked phone, as the server sends it to viewers without pii:view. */
export const isMasked = (phone: string | null | undefined) => !!phone && phone.includes('*');
