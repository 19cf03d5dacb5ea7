import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Flex, Input, List, Row, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { regionAncestors, useLazyRegionTree, useRegionLevelLabel } from '../../shared/regions';
import { useCurrentUser } from '../../shared/session';
import type { Region } from '../../shared/types';

const LEVEL_COLORS = ['', 'red', 'volcano', 'gold', 'green', 'cyan'];

interface Meta {
  vintage: string;
  source: string;
  count: number;
}

/** Flat region rows → nested tree nodes (children only where loaded). */
export function nestRegions(nodes: Region[], render: (r: Region) => React.ReactNode): DataNode[] {
  const byParent = new Map<string, Region[]>();
  const codes = new Set(nodes.map((n) => n.code));
  for (const n of nodes) {
    const p = n.parentCode && codes.has(n.parentCode) ? n.parentCode : '';
    const list = byParent.get(p) ?? [];
    list.push(n);
    byParent.set(p, list);
  }
  const build = (parent: string): DataNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((r) => ({
        key: r.code,
        title: render(r),
        isLeaf: !r.hasChildren,
        children: byParent.has(r.code) ? build(r.code) : undefined,
      }));
  return build('');
}

export default function RegionsPage() {
  const { t } = useTranslation();
  const levelLabel = useRegionLevelLabel();
  const [q, setQ] = useState('');
  const [focus, setFocus] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const meta = useQuery({ queryKey: ['regions', 'meta'], queryFn: () => api.get<Meta>('/regions/meta') });
  const search = useQuery({
    queryKey: ['regions', 'search', q],
    queryFn: ({ signal }) => api.get<{ items: Region[] }>('/regions/search', { q }, { signal }).then((r) => r.items),
    enabled: q.trim().length > 0,
  });
  const me = useCurrentUser();
  // open at the user's own region (a district user sees its towns at once)
  const { nodes, load, loading } = useLazyRegionTree([focus], [me.regionCode]);

  // reveal the chosen search result: open its ancestors
  useEffect(() => {
    if (!focus) return;
    const path = regionAncestors(focus).filter((c): c is string => !!c);
    setExpanded((e) => [...new Set([...e.map(String), ...path])]);
  }, [focus]);

  useEffect(() => {
    const own = me.regionCode;
    const path = [...regionAncestors(own).filter((c): c is string => !!c), ...(own ? [own] : [])];
    setExpanded(path);
  }, [me.regionCode]);

  const render = (r: Region) => (
    <span id={`region-${r.code}`}>
      <Typography.Text strong={r.code === focus}>{r.name}</Typography.Text>{' '}
      <Typography.Text type="secondary" className="bz-mono" style={{ fontSize: 12 }}>
        {r.code}
      </Typography.Text>{' '}
      <Tag color={LEVEL_COLORS[r.level]} style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
        {levelLabel(r.level)}
      </Tag>
    </span>
  );
  const treeData = useMemo(() => nestRegions(nodes, render), [nodes, focus, levelLabel]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        <Card size="small" title={t('regions.tree')}>
          <Spin spinning={loading && nodes.length === 0}>
            {nodes.length === 0 && !loading ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regions.empty')} />
            ) : (
              <Tree
                treeData={treeData}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys)}
                selectedKeys={focus ? [focus] : []}
                onSelect={(keys) => setFocus(keys.length ? String(keys[0]) : null)}
                loadData={(node) => load(String(node.key))}
                height={620}
                blockNode
              />
            )}
          </Spin>
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <Flex vertical gap={16}>
          <Card size="small" title={t('regions.search')}>
            <Input.Search
              allowClear
              enterButton
              placeholder={t('regions.searchHint')}
              onSearch={(v) => setQ(v.trim())}
              maxLength={50}
            />
            {q && (
              <Spin spinning={search.isFetching}>
                <List<Region>
                  size="small"
                  style={{ marginTop: 8, maxHeight: 360, overflow: 'auto' }}
                  dataSource={search.data ?? []}
                  locale={{ emptyText: t('regions.noResults', { q }) }}
                  renderItem={(r) => (
                    <List.Item
                      onClick={() => setFocus(r.code)}
                      style={{ cursor: 'pointer', background: r.code === focus ? '#e6f0ff' : undefined }}
                    >
                      {render(r)}
                    </List.Item>
                  )}
                />
              </Spin>
            )}
          </Card>
          <Card size="small" title={t('regions.meta')}>
            {meta.data ? (
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'vintage', label: t('regions.vintage'), children: meta.data.vintage },
                  { key: 'count', label: t('regions.count'), children: formatNumber(meta.data.count) },
                  {
                    key: 'source',
                    label: t('regions.source'),
                    children: <span className="bz-break">{meta.data.source}</span>,
                  },
                ]}
              />
            ) : (
              <Spin spinning={meta.isLoading}>
                <div style={{ minHeight: 40 }} />
              </Spin>
            )}
            <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('regions.readOnly')} />
          </Card>
        </Flex>
      </Col>
    </Row>
  );
}
