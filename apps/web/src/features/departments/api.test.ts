import { describe, expect, it } from 'vitest';
import type { Department } from '../../shared/types';
import { buildDepartmentTree } from './api';

const d = (id: number, parentId: number | null, name: string, sort = 0): Department => ({
  id,
  name,
  code: null,
  parentId,
  regionCode: '370406109000',
  regionName: '凫城镇',
  kind: 'town_office',
  leader: null,
  phone: null,
  sort,
  status: 'active',
  version: 1,
});

describe('department tree', () => {
  it('nests by parentId and orders by sort', () => {
    const tree = buildDepartmentTree([
      d(1, null, '党政办', 2),
      d(2, null, '经发办', 1),
      d(3, 2, '招商科'),
      d(4, 3, '一组'),
    ]);
    expect(tree.map((n) => n.name)).toEqual(['经发办', '党政办']);
    expect(tree[0].children?.[0].name).toBe('招商科');
    expect(tree[0].children?.[0].children?.[0].name).toBe('一组');
    expect(tree[1].children).toBeUndefined();
  });
  it('keeps orphans and loops visible as roots', () => {
    const tree = buildDepartmentTree([d(1, 99, '孤儿'), d(2, 3, '甲'), d(3, 2, '乙')]);
    expect(tree.map((n) => n.name).sort()).toEqual(['乙', '孤儿', '甲'].sort());
  });
});
