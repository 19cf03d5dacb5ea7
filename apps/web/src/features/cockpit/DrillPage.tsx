import { ArrowLeftOutlined } from '@ant-design/icons';
import type { CockpitBreakdown, CockpitBreakdownPart } from '@beizeng/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Flex, Result, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { formatPercent } from '../../shared/format';
import {
  type Drill,
  type DrillRow,
  drillTotal,
  drillUrl,
  formatMoney,
  formatValue,
  METRICS,
  sumYuan,
  unitOf,
} from './api';
import { useMoneyUnits } from './CockpitPage';
import { ChartCard, DownloadButton } from './charts';

/**
 * 下钻: a KPI broken down district → town (each part adds up to the whole, a click goes one level down),
 * and at a town (or for the rows filed at a region itself) the rows it is computed from, with a 合计 equal
 * to the figure.
 */
export default function DrillPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const units = useMoneyUnits();
  const [sp] = useSearchParams();
  const metric = sp.get('metric') ?? '';
  const period = /^\d{4}-(0[1-9]|1[0-2])$/.test(sp.get('period') ?? '') ? (sp.get('period') as string) : undefined;
  const region = /^\d{12}$/.test(sp.get('region') ?? '') ? (sp.get('region') as string) : undefined;
  const direct = sp.get('direct') === '1' && !!region;
  const known = METRICS.some((m) => m.metric === metric);
  const unit = unitOf(metric);
  const bq = useQuery({
    queryKey: ['cockpit', 'breakdown', metric, period ?? '', region ?? ''],
    queryFn: ({ signal }) => api.get<CockpitBreakdown>('/cockpit/breakdown', { metric, period, region }, { signal }),
    enabled: known,
  });
  const b = bq.data;
  const listRows = !!b && (b.leaf || direct);
  const rowsRegion = direct ? region : b?.region?.code;
  const q = useQuery({
    queryKey: ['cockpit', 'drill', metric, period ?? '', rowsRegion ?? '', direct],
    queryFn: ({ signal }) =>
      api.get<Drill>(
        '/cockpit/drill',
        { metric, period, region: rowsRegion, direct: direct ? 'true' : undefined },
        { signal },
      ),
    enabled: known && listRows,
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
  const d = listRows ? q.data : undefined;
  const total = d ? d.total : b?.total;
  const totalText = total === undefined ? '' : formatValue(total, unit, units);
  const to = (code: string | null, own = false) => drillUrl({ metric, period, region: code ?? undefined, direct: own });
  const partName = (p: CockpitBreakdownPart) =>
    p.code === null ? t('ck.drill.direct', { name: b?.region?.name }) : p.name;
  const error = (bq.isError && !b ? bq.error : null) ?? (q.isError && !d ? q.error : null);

  const crumbs = b
    ? [
        ...b.path.map((x) => ({ key: x.code ?? 'all', title: <Link to={to(x.code)}>{x.name}</Link> })),
        ...(b.region
          ? [
              {
                key: b.region.code,
                title: direct ? (
                  <Link to={to(b.region.code)}>{b.region.name}</Link>
                ) : (
                  <span data-testid="drill-region">{b.region.name}</span>
                ),
              },
            ]
          : [{ key: 'all', title: t('ck.drill.all') }]),
        ...(direct
          ? [{ key: 'direct', title: <span data-testid="drill-region">{t('ck.drill.directShort')}</span> }]
          : []),
      ]
    : [];

  const header = (
    <Card size="small">
      <Flex wrap gap={12} align="center" justify="space-between">
        <Flex wrap gap={12} align="center">
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('ck.drill.back')}
          </Button>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="drill-title">
            {t('ck.drill.title', { label })}
          </Typography.Title>
          {period && <Tag>{period}</Tag>}
          {total !== undefined && (
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="drill-total">
              {totalText}
            </Typography.Text>
          )}
        </Flex>
        {d && (
          <DownloadButton
            data={() => ({
              fileName: `${label}-${b?.region?.name ?? ''}-${period ?? ''}`,
              header: [t('ck.drill.name'), t('ck.drill.value')],
              rows: [...d.rows.map((r) => [r.name, Number(r.value)]), [t('ck.drill.total'), d.total]],
            })}
          />
        )}
      </Flex>
      {crumbs.length > 0 && <Breadcrumb style={{ marginTop: 8 }} items={crumbs} data-testid="drill-path" />}
    </Card>
  );

  if (error)
    return (
      <Flex vertical gap={12}>
        {header}
        <Card>
          <Result
            status="warning"
            title={t('pageTable.loadFailed')}
            subTitle={(error as Error).message}
            extra={
              <Button
                type="primary"
                onClick={() => {
                  bq.refetch();
                  if (listRows) q.refetch();
                }}
              >
                {t('common.retry')}
              </Button>
            }
          />
        </Card>
      </Flex>
    );

  if (b && !listRows) {
    // the 合计 is added up from the parts, so a reader sees that they make the whole
    const met = b.parts.reduce((a, p) => a + Number(p.sum), 0);
    const counted = b.parts.reduce((a, p) => a + p.rows, 0);
    const partsSum = b.unit === 'rate' ? (counted ? met / counted : 0) : sumYuan(b.parts.map((p) => p.sum));
    const share = (p: CockpitBreakdownPart) =>
      b.unit === 'rate' ? (b.rows ? p.rows / b.rows : null) : Number(b.sum) ? Number(p.sum) / Number(b.sum) : null;
    const named = b.parts.map((p) => ({ ...p, label: partName(p) }));
    return (
      <Flex vertical gap={12}>
        {header}
        <Card size="small" title={t('ck.drill.byRegion', { name: b.region?.name ?? t('ck.drill.all') })}>
          <Table<CockpitBreakdownPart & { label: string }>
            size="small"
            rowKey={(p) => p.code ?? 'direct'}
            loading={bq.isFetching}
            dataSource={named}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('ck.drill.empty') }}
            data-testid="drill-parts"
            columns={[
              {
                title: t('ck.drill.region'),
                key: 'name',
                render: (_v, p) => (
                  <Link
                    to={to(p.code ?? b.region?.code ?? null, p.code === null)}
                    data-testid={`part-${p.code ?? 'direct'}`}
                  >
                    {p.label}
                  </Link>
                ),
              },
              {
                title: t('ck.drill.value'),
                key: 'value',
                align: 'right',
                render: (_v, p) => formatValue(b.unit === 'rate' ? p.value : p.sum, unit, units),
              },
              {
                title: b.unit === 'rate' ? t('ck.drill.shareOfTickets') : t('ck.drill.share'),
                key: 'share',
                align: 'right',
                render: (_v, p) => formatPercent(share(p), true),
              },
              {
                title: b.unit === 'rate' ? t('ck.drill.metOfRows') : t('ck.drill.rowCount'),
                key: 'rows',
                align: 'right',
                render: (_v, p) => (b.unit === 'rate' ? `${p.sum} / ${p.rows}` : p.rows),
              },
            ]}
            summary={() =>
              b.parts.length > 0 ? (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t('ck.drill.total')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <Typography.Text strong data-testid="drill-sum">
                        {formatValue(partsSum, unit, units)}
                      </Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {formatPercent(b.parts.length ? 1 : null, true)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      {b.unit === 'rate' ? `${b.sum} / ${b.rows}` : b.rows}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        </Card>
        {b.parts.length > 1 && (
          <ChartCard
            title={t('ck.drill.chart', { label })}
            height={Math.max(200, 36 * b.parts.length)}
            option={{
              tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
              grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
              xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatValue(v, unit, units) } },
              yAxis: { type: 'category', inverse: true, data: named.map((p) => p.label) },
              series: [{ type: 'bar', data: named.map((p) => p.value), name: label }],
            }}
            data={() => ({
              fileName: `${label}-${b.region?.name ?? ''}-${period ?? ''}`,
              header: [t('ck.drill.region'), t('ck.drill.value'), t('ck.drill.rowCount')],
              rows: [...named.map((p) => [p.label, p.value, p.rows]), [t('ck.drill.total'), b.total, b.rows]],
            })}
          />
        )}
      </Flex>
    );
  }

  const sum = d ? drillTotal(unit, d.rows) : null;
  const sumText = sum === null ? '' : formatValue(sum, unit, units);
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
      {header}
      {mismatch && <Alert type="warning" showIcon message={t('ck.drill.mismatch', { total: totalText })} />}
      <Card size="small">
        <Table<DrillRow>
          size="small"
          rowKey="id"
          loading={bq.isFetching || q.isFetching}
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
    </Flex>
  );
}
