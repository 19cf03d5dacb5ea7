import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import type { DictItem } from './types';

export const DICTS_KEY = ['dicts', 'all'] as const;

/** Every dictionary, by type code (GET /api/v1/dicts/all); cached for the session. */
export function useDicts() {
  return useQuery({
    queryKey: DICTS_KEY,
    queryFn: () => api.get<Record<string, DictItem[]>>('/dicts/all'),
    staleTime: 10 * 60_000,
  });
}

export function dictLabel(item: Pick<DictItem, 'label' | 'labelEn'>, lang: string): string {
  return lang === 'en' ? item.labelEn || item.label : item.label;
}

/** Options for a Select fed by a dictionary (active items only). */
export function useDictOptions(type: string): { value: string; label: string }[] {
  const { data } = useDicts();
  const { i18n } = useTranslation();
  return (data?.[type] ?? [])
    .filter((i) => i.status === 'active')
    .map((i) => ({ value: i.value, label: dictLabel(i, i18n.language) }));
}

/**
 * A dictionary value as a coloured tag: label in the current language, colour from the dictionary.
 * Falls back to `fallback` (or the raw value) when the dictionary has no such item.
 */
export function DictTag({
  type,
  value,
  fallback,
  fallbackColor,
}: {
  type: string;
  value: string | null | undefined;
  fallback?: ReactNode;
  fallbackColor?: string;
}) {
  const { data } = useDicts();
  const { i18n } = useTranslation();
  if (value === null || value === undefined || value === '') return <>—</>;
  const item = data?.[type]?.find((i) => i.value === value);
  if (!item) return <Tag color={fallbackColor}>{fallback ?? value}</Tag>;
  return <Tag color={item.color ?? fallbackColor ?? undefined}>{dictLabel(item, i18n.language)}</Tag>;
}
