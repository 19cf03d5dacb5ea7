import { ROLE_CODES, ROLE_LABELS } from '@beizeng/contract';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { Role } from '../../shared/types';

export const ROLES_KEY = ['roles'] as const;

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: () => api.get<{ items: Role[] }>('/roles').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

/** Role options for pickers and filters; falls back to the built-in roles when the list is not readable. */
export function useRoleOptions(enabled = true): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const { data } = useRoles(enabled);
  const en = i18n.language === 'en';
  if (data) return data.map((r) => ({ value: r.code, label: en ? r.nameEn || r.name : r.name }));
  return ROLE_CODES.map((c) => ({ value: c, label: en ? ROLE_LABELS[c].en : ROLE_LABELS[c].zh }));
}

/** code → label, from the role list or the built-in labels. */
export function useRoleLabel(): (code: string) => string {
  const options = useRoleOptions();
  return (code) => options.find((o) => o.value === code)?.label ?? code;
}
