import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import type { Region } from './types';

/** Parent of a 12-digit 统计用区划代码 (village → town → county → city → province → null). */
export function regionParentOf(code: string): string | null {
  if (!/^\d{12}$/.test(code)) return null;
  if (code.slice(9) !== '000') return `${code.slice(0, 9)}000`;
  if (code.slice(6, 9) !== '000') return `${code.slice(0, 6)}000000`;
  if (code.slice(4, 6) !== '00') return `${code.slice(0, 4)}00000000`;
  if (code.slice(2, 4) !== '00') return `${code.slice(0, 2)}0000000000`;
  return null;
}

/** The parents whose child lists must be loaded to show `code` in a tree: top level first. */
export function regionAncestors(code: string | null | undefined): (string | null)[] {
  const out: (string | null)[] = [];
  let p = code ? regionParentOf(code) : null;
  while (p) {
    out.unshift(p);
    p = regionParentOf(p);
  }
  return [null, ...out];
}

export const regionChildrenQuery = (parent: string | null) => ({
  queryKey: ['regions', 'children', parent ?? ''] as const,
  queryFn: () => api.get<{ items: Region[] }>('/regions', parent ? { parent } : undefined).then((r) => r.items),
  staleTime: Number.POSITIVE_INFINITY,
});

export function useRegionChildren(parent: string | null, enabled = true) {
  return useQuery({ ...regionChildrenQuery(parent), enabled });
}

/** The name of a region code, looked up in its parent's child list (cached). */
export function useRegionName(code: string | null | undefined): string | null {
  const parent = code ? regionParentOf(code) : null;
  const { data } = useQuery({ ...regionChildrenQuery(parent), enabled: !!code });
  if (!code) return null;
  return data?.find((r) => r.code === code)?.name ?? null;
}

export function RegionName({ code, fallback }: { code: string | null | undefined; fallback?: string | null }) {
  const name = useRegionName(fallback ? null : code);
  if (!code) return <>—</>;
  return <>{fallback ?? name ?? code}</>;
}

/** Level 1–5 of the statistical codes: 省 / 市 / 县区 / 乡镇街道 / 村居. */
const LEVEL_KEYS = ['province', 'city', 'county', 'town', 'village'] as const;

export function useRegionLevelLabel() {
  const { t } = useTranslation();
  return (level: number) => {
    const key = LEVEL_KEYS[level - 1];
    return key ? t(`regions.levels.${key}`) : String(level);
  };
}

/**
 * Lazily loaded region tree data: always the top level, the chains leading to `reveal` codes, and
 * whatever the user opened. Shared by the region page and the region pickers.
 */
export function useLazyRegionTree(reveal: (string | null | undefined)[], open: (string | null | undefined)[] = []) {
  const qc = useQueryClient();
  const [opened, setOpened] = useState<string[]>([]);
  const revealKey = [...reveal, '|', ...open].join(',');
  const parents = useMemo(() => {
    const set = new Set<string | null>([null]);
    for (const c of [...reveal, ...open]) for (const a of regionAncestors(c)) set.add(a);
    for (const c of open) if (c) set.add(c);
    for (const o of opened) set.add(o);
    return [...set];
  }, [revealKey, opened]);
  const results = useQueries({ queries: parents.map((p) => regionChildrenQuery(p)) });
  const nodes = useMemo(() => {
    const map = new Map<string, Region>();
    for (const r of results) for (const n of r.data ?? []) map.set(n.code, n);
    return [...map.values()];
  }, [results]);
  const load = async (code: string) => {
    await qc.fetchQuery(regionChildrenQuery(code));
    setOpened((o) => (o.includes(code) ? o : [...o, code]));
  };
  const loading = results.some((r) => r.isLoading);
  return { nodes, load, loading, parents };
}

type RegionTreeSelectProps = Omit<TreeSelectProps<string>, 'treeData' | 'loadData'> & {
  /** Regions shown opened up front (the user's own region: a district user sees its towns at once). */
  home?: (string | null | undefined)[];
  /** Label of the current value, when it is known before the tree is loaded. */
  valueLabel?: string | null;
};

/** A region picker that loads children on expand (GET /api/v1/regions?parent=CODE). */
export function RegionTreeSelect({ home = [], valueLabel, value, ...rest }: RegionTreeSelectProps) {
  const { t } = useTranslation();
  const current = typeof value === 'string' ? value : null;
  const { nodes, load, loading } = useLazyRegionTree([current], home);
  const [expanded, setExpanded] = useState<(string | number)[] | null>(null);
  const homeKey = home.join(',');
  const defaultExpanded = useMemo(() => {
    const keys = new Set<string>();
    for (const c of [...home, current]) for (const a of regionAncestors(c)) if (a) keys.add(a);
    for (const c of home) if (c) keys.add(c);
    return [...keys];
  }, [homeKey, current]);
  const treeData = useMemo(() => {
    const data = nodes.map((n) => ({
      id: n.code,
      pId: n.parentCode ?? 0,
      value: n.code,
      title: n.name,
      isLeaf: !n.hasChildren,
    }));
    if (typeof value === 'string' && valueLabel && !nodes.some((n) => n.code === value)) {
      data.push({ id: value, pId: -1, value, title: valueLabel, isLeaf: true });
    }
    return data;
  }, [nodes, value, valueLabel]);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={t('common.selectRegion')}
      loading={loading}
      {...rest}
      value={value}
      treeDataSimpleMode
      treeData={treeData}
      treeExpandedKeys={expanded ?? defaultExpanded}
      onTreeExpand={(keys) => setExpanded(keys as (string | number)[])}
      loadData={(node) => load(String(node.value))}
    />
  );
}

/**
 * A filter over the user's own region and the regions directly below it (for a district user: the
 * district and its towns). Values are region codes.
 */
export function useRegionFilterOptions(root: string | null | undefined): { value: string; label: string }[] {
  const own = useRegionName(root);
  const { data } = useRegionChildren(root ?? null);
  const out: { value: string; label: string }[] = [];
  if (root) out.push({ value: root, label: own ?? root });
  for (const r of data ?? []) out.push({ value: r.code, label: r.name });
  return out;
}
