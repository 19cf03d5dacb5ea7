import type { ReactNode } from 'react';
import { useCan } from './session';

/** Renders its children only when the user holds `perm` (or every permission in an array). */
export function Can({
  perm,
  children,
  fallback = null,
}: {
  perm: string | string[];
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const can = useCan();
  const ok = Array.isArray(perm) ? perm.every((p) => can(p)) : can(perm);
  return <>{ok ? children : fallback}</>;
}
