import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Result, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { type Drill, type DrillRow, drillTotal, formatMoney, formatValue, METRICS, unitOf } from './api';
import { useMoneyUnits } from './CockpitPage';
import { DownloadButton } from './charts';

/** 下钻: the rows a KPI is computed from, with a 合计 row equal to the KPI. */
export default function DrillPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const units = useMoneyUnits();
  const [sp] = useSearchParams();
  const metric = sp.get('metric') ?? '';
  const period = /^\d{4}-(0[1-9]|1[0-2])$/.test(sp.get('period') ?? '') ? (sp.get('period') as string) : undefined;
  const known = METRICS.some((m) => m.metric === metric);
  const unit = unitOf(metric);
  const q = useQuery({
    queryKey: ['cockpit', 'drill', metric, period ?? ''],
    queryFn: ({ signal }) => api.get<Drill>('/cockpit/drill', { metric, period }, { signal }),
    enabled: known,
  });
  const back = () => navigate(period ? `/cockpit?period=${period}` : '/cockpit');
  if (!known)
    return (
      <Card>
        <Result
          status="info"
          title={t('ck.drill.noMetric')}
          extra={<Button onClick={back}>{t('ck.drill.back')}</Button>}
        />
      </Card>
    );
  const label = t(`ck.metric.${metric}` as 'ck.metric.industrial_output');
  const d = q.data;
  const sum = d ? drillTotal(unit, d.rows) : null;
  const sumText = sum === null ? '' : formatValue(sum, unit, units);
  const totalText = d ? formatValue(d.total, unit, units) : '';
  const mismatch = d && sum !== null && Math.abs(Number(sum) - d.total) > 0.005;
  const valueCell = (r: DrillRow) =>
    unit === 'rate' ? (
      <Tag color={r.value === '1' ? 'green' : 'red'}>{r.value === '1' ? t('ck.drill.met') : t('ck.drill.missed')}</Tag>
    ) : (
      formatValue(r.value, unit, units)
    );
  const hasAmount = d?.rows.some((r) => r.extra && typeof r.extra.amount === 'string');
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex wrap gap={12} align="center" justify="space-between">
          <Flex wrap gap={12} align="center">
            <Button icon={<ArrowLeftOutlined />} onClick={back}>
              {t('ck.drill.back')}
            </Button>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="drill-title">
              {t('ck.drill.title', { label })}
              {d?.metric ? '' : ''}
            </Typography.Title>
            {period && <Tag>{period}</Tag>}
            {d && (
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="drill-total">
                {totalText}
              </Typography.Text>
            )}
          </Flex>
          {d && (
            <DownloadButton
              data={() => ({
                fileName: `${label}-${period ?? ''}`,
                header: [t('ck.drill.name'), t('ck.drill.value')],
                rows: [
                  ...d.rows.map((r) => [r.name, unit === 'rate' ? Number(r.value) : Number(r.value)]),
                  [t('ck.drill.total'), d.total],
                ],
              })}
            />
          )}
        </Flex>
      </Card>
      {mismatch && <Alert type="warning" showIcon message={t('ck.drill.mismatch', { total: totalText })} />}
      {q.isError && !d ? (
        <Card>
          <Result
            status="warning"
            title={t('pageTable.loadFailed')}
            subTitle={(q.error as Error).message}
            extra={
              <Button type="primary" onClick={() => q.refetch()}>
                {t('common.retry')}
              </Button>
            }
          />
        </Card>
      ) : (
        <Card size="small">
          <Table<DrillRow>
            size="small"
            rowKey="id"
            loading={q.isFetching}
            dataSource={d?.rows ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('ck.drill.rows', { n }) }}
            locale={{ emptyText: t('ck.drill.empty') }}
            columns={[
              {
                title: t('ck.drill.name'),
                key: 'name',
                render: (_v, r) => <Link to={r.link}>{r.name}</Link>,
              },
              ...(hasAmount
                ? [
                    {
                      title: t('ck.drill.amount'),
                      key: 'amount',
                      align: 'right' as const,
                      render: (_v: unknown, r: DrillRow) => formatMoney(r.extra?.amount as string | undefined, units),
                    },
                  ]
                : []),
              { title: t('ck.drill.value'), key: 'value', align: 'right', render: (_v, r) => valueCell(r) },
            ]}
            summary={() =>
              d && d.rows.length > 0 ? (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={hasAmount ? 2 : 1}>
                      <Typography.Text strong>{t('ck.drill.total')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <Typography.Text strong data-testid="drill-sum">
                        {sumText}
                      </Typography.Text>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        </Card>
      )}
    </Flex>
  );
}
