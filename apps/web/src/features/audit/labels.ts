import i18next from 'i18next';

/** A module/action/entity code of the audit log in words, or the code itself when it has no label yet. */
export function auditLabel(kind: 'modules' | 'actions' | 'entities', code: string | null): string | null {
  if (!code) return null;
  const key = `audit.${kind}.${code}`;
  return i18next.exists(key) ? i18next.t(key as 'audit.modules.auth') : code;
}

/** Suggestions for the filter inputs: label and code. */
export function auditOptions(kind: 'modules' | 'actions' | 'entities'): { value: string; label: string }[] {
  const tree = i18next.t(`audit.${kind}` as 'audit.modules', { returnObjects: true }) as unknown as Record<
    string,
    string
  >;
  return Object.entries(tree ?? {}).map(([value, label]) => ({ value, label: `${label} · ${value}` }));
}
