import type { Me } from '@beizeng/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './api';

export const ME_KEY = ['auth', 'me'] as const;

/** The logged-in user, or an ApiError (401) when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => api.get<Me>('/auth/me', undefined, { noAuthRedirect: true }),
    staleTime: 5 * 60_000,
    retry: false,
    refetchOnWindowFocus: true,
  });
}

/** The user when the page is inside the authenticated layout (which has loaded it). */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the authenticated layout');
  return data;
}

export function hasPerm(me: Pick<Me, 'permissions'> | null | undefined, perm: string | null | undefined): boolean {
  if (!perm) return !!me;
  return !!me?.permissions.includes(perm);
}

/** `can('system:user:edit')` — whether the current user holds a permission (null = any logged-in user). */
export function useCan(): (perm: string | null | undefined) => boolean {
  const { data } = useMe();
  return useCallback((perm) => hasPerm(data, perm), [data]);
}

export function useSetMe() {
  const qc = useQueryClient();
  return useCallback((me: Me | undefined) => qc.setQueryData(ME_KEY, me), [qc]);
}
