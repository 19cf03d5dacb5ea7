import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { Department } from '../../shared/types';

export const DEPARTMENTS_KEY = ['departments'] as const;

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: DEPARTMENTS_KEY,
    queryFn: () => api.get<{ items: Department[] }>('/departments').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export interface DepartmentNode extends Department {
  children?: DepartmentNode[];
}

/** Flat list → tree by parentId, keeping `sort` then name order; orphans become roots. */
export function buildDepartmentTree(list: Department[]): DepartmentNode[] {
  const byId = new Map<number, DepartmentNode>();
  for (const d of list) byId.set(d.id, { ...d });
  const roots: DepartmentNode[] = [];
  // a parent chain that loops back (bad data) would hide rows: such rows become roots
  const loops = (d: Department) => {
    const seen = new Set<number>([d.id]);
    let p = d.parentId !== null ? byId.get(d.parentId) : undefined;
    while (p) {
      if (seen.has(p.id)) return true;
      seen.add(p.id);
      p = p.parentId !== null ? byId.get(p.parentId) : undefined;
    }
    return false;
  };
  for (const d of byId.values()) {
    const parent = d.parentId !== null ? byId.get(d.parentId) : undefined;
    if (parent && !loops(d)) {
      parent.children ??= [];
      parent.children.push(d);
    } else roots.push(d);
  }
  const order = (a: DepartmentNode, b: DepartmentNode) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN');
  const sortDeep = (nodes: DepartmentNode[]) => {
    nodes.sort(order);
    for (const n of nodes) if (n.children) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}
