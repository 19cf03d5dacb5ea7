import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, List, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { EnterpriseSelect } from '../../shared/EnterpriseSelect';
import { feedback, showError } from '../../shared/feedback';
import { useCan } from '../../shared/session';
import { ENTERPRISES_KEY, HONOURS_KEY, type PoolRow } from '../enterprises/api';

const TIER_COLORS = ['red', 'orange', 'gold', 'blue', 'cyan'];

function AddMember({ pool }: { pool: PoolRow }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [enterpriseId, setEnterpriseId] = useState<number | undefined>();
  const [tier, setTier] = useState<string | undefined>(pool.tiers[pool.tiers.length - 1]?.code);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (!enterpriseId || !tier) return;
    setBusy(true);
    try {
      await api.put(`/honours/pools/${pool.id}/members/${enterpriseId}`, { tier });
      feedback.message.success(t('common.saved'));
      setEnterpriseId(undefined);
      qc.invalidateQueries({ queryKey: [HONOURS_KEY] });
      qc.invalidateQueries({ queryKey: [ENTERPRISES_KEY] });
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex gap={8} wrap>
      <EnterpriseSelect
        value={enterpriseId}
        onChange={(v) => setEnterpriseId(v ?? undefined)}
        style={{ flex: '1 1 240px' }}
      />
      <Select
        value={tier}
        onChange={setTier}
        options={pool.tiers.map((x) => ({ value: x.code, label: x.name }))}
        style={{ width: 140 }}
      />
      <Button type="primary" icon={<PlusOutlined />} disabled={!enterpriseId || !tier} loading={busy} onClick={add}>
        {t('ent.pools.addMember')}
      </Button>
    </Flex>
  );
}

export function PoolsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: [HONOURS_KEY, 'pools'],
    queryFn: ({ signal }) => api.get<{ items: PoolRow[] }>('/honours/pools', undefined, { signal }),
  });
  const setTier = async (pool: PoolRow, enterpriseId: number, tier: string | null) => {
    try {
      await api.put(`/honours/pools/${pool.id}/members/${enterpriseId}`, { tier });
      feedback.message.success(tier ? t('common.saved') : t('ent.pools.removed'));
    } catch (e) {
      showError(e);
    }
    qc.invalidateQueries({ queryKey: [HONOURS_KEY] });
    qc.invalidateQueries({ queryKey: [ENTERPRISES_KEY] });
  };
  if (q.isLoading) return <Skeleton active />;
  const pools = q.data?.items ?? [];
  if (pools.length === 0) return <Empty description={t('ent.pools.empty')} />;
  return (
    <Flex vertical gap={12}>
      {pools.map((pool) => (
        <Card key={pool.id} size="small" title={pool.name} extra={<Tag>{pool.code}</Tag>}>
          {pool.source && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('ent.pools.source', { source: pool.source })}
            </Typography.Paragraph>
          )}
          <Row gutter={[12, 12]}>
            {pool.tiers.map((tier, i) => {
              const members = pool.members.filter((m) => m.tier === tier.code);
              return (
                <Col key={tier.code} xs={24} md={24 / Math.min(3, pool.tiers.length || 1)}>
                  <Card
                    size="small"
                    type="inner"
                    title={
                      <Space size={4}>
                        <Tag color={TIER_COLORS[i % TIER_COLORS.length]}>{tier.name}</Tag>
                        <Typography.Text type="secondary">
                          {t('ent.pools.count', { n: members.length })}
                        </Typography.Text>
                      </Space>
                    }
                  >
                    <List
                      size="small"
                      dataSource={members}
                      locale={{ emptyText: t('ent.pools.tierEmpty') }}
                      renderItem={(m) => (
                        <List.Item
                          style={{ paddingInline: 0 }}
                          actions={
                            can('honour:edit')
                              ? [
                                  <Select
                                    key="tier"
                                    size="small"
                                    value={m.tier}
                                    style={{ width: 120 }}
                                    aria-label={t('ent.pools.tier')}
                                    onChange={(v) => setTier(pool, m.enterpriseId, v === '__none' ? null : v)}
                                    options={[
                                      ...pool.tiers.map((x) => ({ value: x.code, label: x.name })),
                                      { value: '__none', label: t('ent.pools.remove') },
                                    ]}
                                  />,
                                ]
                              : undefined
                          }
                        >
                          <div>
                            <Link to={`/enterprises/${m.enterpriseId}`}>{m.enterpriseName}</Link>
                            {m.since && (
                              <div>
                                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                  {t('ent.pools.since', { date: m.since })}
                                </Typography.Text>
                              </div>
                            )}
                          </div>
                        </List.Item>
                      )}
                    />
                  </Card>
                </Col>
              );
            })}
          </Row>
          <Can perm="honour:edit">
            <div style={{ marginTop: 12 }}>
              <AddMember pool={pool} />
            </div>
          </Can>
        </Card>
      ))}
    </Flex>
  );
}
