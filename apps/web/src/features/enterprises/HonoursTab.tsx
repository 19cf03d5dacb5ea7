import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, List, Row, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../shared/api';
import { DictTag } from '../../shared/dicts';
import { formatDate, formatNumber } from '../../shared/format';
import { type Checklist, HONOURS_KEY, type HonourRow } from './api';
import { useDictLabel } from './shared';

const STATUS_ICON = {
  met: <CheckCircleFilled style={{ color: '#389e0d' }} />,
  missing: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  unknown: <QuestionCircleFilled style={{ color: '#8c8c8c' }} />,
};

/** An honour's expiry: red when past, orange within the warning window. */
export function ExpiryCell({ h }: { h: Pick<HonourRow, 'expiresOn' | 'expired' | 'expiringSoon'> }) {
  const { t } = useTranslation();
  if (!h.expiresOn) return <>—</>;
  return (
    <Space size={4} wrap={false}>
      <span>{formatDate(h.expiresOn)}</span>
      {h.expired ? (
        <Tag color="red">{t('ent.honours.expired')}</Tag>
      ) : h.expiringSoon ? (
        <Tag color="orange">{t('ent.honours.expiringSoon')}</Tag>
      ) : null}
    </Space>
  );
}

export function HonoursTab({ enterpriseId }: { enterpriseId: number }) {
  const { t, i18n } = useTranslation();
  const dictLabel = useDictLabel();
  const honours = useQuery({
    queryKey: [HONOURS_KEY, 'of', enterpriseId],
    queryFn: ({ signal }) => api.get<Page<HonourRow>>('/honours', { enterpriseId, pageSize: 100 }, { signal }),
  });
  const check = useQuery({
    queryKey: [HONOURS_KEY, 'checklist', enterpriseId],
    queryFn: ({ signal }) => api.get<Checklist>(`/honours/checklist/${enterpriseId}`, undefined, { signal }),
  });
  const en = i18n.language === 'en';

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('ent.honours.held')} styles={{ body: { padding: 0 } }}>
        <Table<HonourRow>
          rowKey="id"
          size="small"
          loading={honours.isLoading}
          dataSource={honours.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('ent.honours.none') }}
          columns={[
            {
              title: t('ent.honours.title'),
              dataIndex: 'title',
              render: (v: string) => <DictTag type="honour_level" value={v} />,
            },
            {
              title: t('ent.honours.level'),
              dataIndex: 'level',
              render: (v: HonourRow['level']) => t(`ent.honours.levels.${v}`),
            },
            { title: t('ent.honours.year'), dataIndex: 'year' },
            { title: t('ent.honours.expiresOn'), key: 'expiresOn', render: (_v, h) => <ExpiryCell h={h} /> },
            {
              title: t('ent.honours.certificateNo'),
              dataIndex: 'certificateNo',
              render: (v: string | null) => v ?? '—',
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('ent.honours.checklist')}
        extra={
          check.data && (
            <Typography.Text type="secondary">{t('ent.honours.asOf', { date: check.data.date })}</Typography.Text>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('ent.honours.checklistHint')}</Typography.Paragraph>
        {check.isLoading ? (
          <Skeleton active />
        ) : !check.data || check.data.titles.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />
        ) : (
          <Row gutter={[12, 12]}>
            {check.data.titles.map((c) => (
              <Col key={c.title} xs={24} lg={12}>
                <Card
                  size="small"
                  type="inner"
                  title={
                    <Space size={4} wrap>
                      <span>{dictLabel('honour_level', c.title)}</span>
                      {c.held ? (
                        <Tag color="green">{t('ent.honours.heldTag')}</Tag>
                      ) : c.eligible === true ? (
                        <Tag color="blue">{t('ent.honours.eligible')}</Tag>
                      ) : c.eligible === false ? (
                        <Tag>{t('ent.honours.notEligible')}</Tag>
                      ) : (
                        <Tag color="default">{t('ent.honours.undetermined')}</Tag>
                      )}
                    </Space>
                  }
                  extra={
                    <Space size={8}>
                      <Tooltip title={t('ent.honours.met')}>
                        <span>
                          {STATUS_ICON.met} {c.met}
                        </span>
                      </Tooltip>
                      <Tooltip title={t('ent.honours.missing')}>
                        <span>
                          {STATUS_ICON.missing} {c.missing}
                        </span>
                      </Tooltip>
                      <Tooltip title={t('ent.honours.unknown')}>
                        <span>
                          {STATUS_ICON.unknown} {c.unknown}
                        </span>
                      </Tooltip>
                    </Space>
                  }
                >
                  <List
                    size="small"
                    dataSource={c.items}
                    renderItem={(it) => (
                      <List.Item style={{ paddingInline: 0 }}>
                        <Space align="start" size={8}>
                          <Tooltip title={t(`ent.honours.${it.status}`)}>{STATUS_ICON[it.status]}</Tooltip>
                          <div>
                            <div>{en ? it.en : it.zh}</div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {t('ent.honours.actual', {
                                value:
                                  it.actual === null
                                    ? t('ent.honours.noFigure')
                                    : typeof it.actual === 'number'
                                      ? formatNumber(it.actual, 2)
                                      : typeof it.actual === 'boolean'
                                        ? t(it.actual ? 'ent.radar.yes' : 'ent.radar.no')
                                        : it.actual,
                              })}
                            </Typography.Text>
                          </div>
                        </Space>
                      </List.Item>
                    )}
                  />
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, marginTop: 8 }}>
                    {t('ent.honours.regime', { regime: c.regime })} · {c.source}
                  </Typography.Paragraph>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Flex>
  );
}
