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
import i18next from 'i18next';
import type { z } from 'zod';
import { ApiError, api, type Page } from '../../shared/api';
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

/**
 * Uploads an .xlsx as multipart field "file" with XMLHttpRequest (fetch has no upload progress).
 * Resolves with the import report; rejects with an ApiError built from the problem+json answer.
 */
export function uploadXlsx(
  path: string,
  file: File,
  dryRun: boolean,
  onProgress: (percent: number) => void,
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}?dryRun=${dryRun ? 'true' : 'false'}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18next.language === 'en' ? 'en' : 'zh-CN');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK', message: i18next.t('errors.network') }));
    xhr.onload = () => {
      let body: any = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        onProgress(100);
        resolve(body as ImportReport);
        return;
      }
      reject(
        new ApiError({
          status: body?.status ?? xhr.status,
          code: typeof body?.code === 'string' ? body.code : xhr.status >= 500 ? 'UNAVAILABLE' : 'HTTP',
          message: body?.message ?? i18next.t('errors.http', { status: xhr.status }),
          requestId: body?.requestId ?? xhr.getResponseHeader('x-request-id'),
          errors: Array.isArray(body?.errors) ? body.errors : [],
          details: body?.details ?? null,
        }),
      );
    };
    const fd = new FormData();
    fd.append('file', file, file.name);
    xhr.send(fd);
  });
}

/** "仍有 ****" → the masked phone, as the server sends it to viewers without pii:view. */
export const isMasked = (phone: string | null | undefined) => !!phone && phone.includes('*');
