import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Flex, Result, Row, Segmented, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { DictTag } from '../../shared/dicts';
import { formatNumber, formatPercent } from '../../shared/format';
import { useIsMobile } from '../../shared/useIsMobile';
import type { TicketStats } from './api';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type By = 'department' | 'category' | 'town';
const BYS: By[] = ['department', 'category', 'town'];

/** Rates arrive as ratios (0–1). */
const pct = (v: number | null) => formatPercent(v, true);
const days = (v: number | null) => (v === null ? '—' : formatNumber(v, 1));

/** 服务统计: KPIs, a grouped table and chart, and problems several enterprises share. Period and grouping live in the URL. */
export default function TicketStatsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [sp, setSp] = useSearchParams();
  const from = sp.get('from') ?? dayjs().startOf('year').format('YYYY-MM-DD');
  const to = sp.get('to') ?? dayjs().format('YYYY-MM-DD');
  const by = (BYS as string[]).includes(sp.get('by') ?? '') ? (sp.get('by') as By) : 'department';
  const stats = useQuery({
    queryKey: ['tickets', 'stats', from, to, by],
    queryFn: ({ signal }) => api.get<TicketStats>('/tickets/stats', { from, to, by }, { signal }),
  });
  const set = (next: Record<string, string>) => {
    const out = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(next)) out.set(k, v);
    setSp(out, { replace: true });
  };

  const byLabel: Record<By, string> = {
    department: t('svc.stats.byDepartment'),
    category: t('svc.stats.byCategory'),
    town: t('svc.stats.byTown'),
  };

  const s = stats.data;
  const groupName = (g: TicketStats['groups'][number]) =>
    by === 'category' ? <DictTag type="ticket_category" value={g.key} fallback={g.name} /> : g.name;

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex wrap gap={12} align="center">
          <Typography.Text>{t('svc.stats.range')}</Typography.Text>
          <DatePicker.RangePicker
            value={[dayjs(from), dayjs(to)]}
            allowClear={false}
            inputReadOnly={isMobile}
            onChange={(v) => {
              const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
              if (a && b) set({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
            }}
            style={{ maxWidth: '100%' }}
          />
          <Segmented<By>
            value={by}
            onChange={(v) => set({ by: v })}
            options={BYS.map((b) => ({ value: b, label: byLabel[b] }))}
          />
        </Flex>
      </Card>
      {stats.isError && !s ? (
        <Card>
          <Result
            status="warning"
            title={t('pageTable.loadFailed')}
            subTitle={(stats.error as Error).message}
            extra={
              <Button type="primary" onClick={() => stats.refetch()}>
                {t('common.retry')}
              </Button>
            }
          />
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {(
              [
                ['total', formatNumber(s?.totals.total ?? null)],
                ['open', formatNumber(s?.totals.open ?? null)],
                ['overdue', formatNumber(s?.totals.overdue ?? null)],
                ['onTimeRate', pct(s?.totals.onTimeRate ?? null)],
                ['solvedRate', pct(s?.totals.solvedRate ?? null)],
                ['satisfactionRate', pct(s?.totals.satisfactionRate ?? null)],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} sm={8} xl={4}>
                <Card size="small" loading={stats.isLoading}>
                  <Statistic
                    title={t(`svc.stats.${k}`)}
                    value={v}
                    valueStyle={k === 'overdue' && (s?.totals.overdue ?? 0) > 0 ? { color: '#cf1322' } : undefined}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={24}>
              <Card size="small" loading={stats.isLoading} title={t('svc.stats.avgDays')}>
                <Flex wrap gap={24}>
                  <Statistic title={t('svc.stats.avgSign')} value={days(s?.totals.avgDaysToSign ?? null)} />
                  <Statistic title={t('svc.stats.avgAnswer')} value={days(s?.totals.avgDaysToAnswer ?? null)} />
                  <Statistic title={t('svc.stats.avgClose')} value={days(s?.totals.avgDaysToClose ?? null)} />
                </Flex>
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`${t('svc.stats.chart')} · ${byLabel[by]}`}>
            {s && s.groups.length > 0 ? (
              <ReactEChartsCore
                echarts={echarts}
                style={{ height: Math.max(260, Math.min(s.groups.length, 12) * (isMobile ? 36 : 28) + 80) }}
                notMerge
                option={{
                  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                  legend: { top: 0 },
                  grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
                  xAxis: { type: 'value', minInterval: 1 },
                  yAxis: {
                    type: 'category',
                    inverse: true,
                    data: s.groups.slice(0, 12).map((g) => g.name),
                    axisLabel: { width: isMobile ? 90 : 160, overflow: 'truncate' },
                  },
                  series: [
                    { name: t('svc.stats.total'), type: 'bar', data: s.groups.slice(0, 12).map((g) => g.total) },
                    { name: t('svc.stats.open'), type: 'bar', data: s.groups.slice(0, 12).map((g) => g.open) },
                    {
                      name: t('svc.stats.overdue'),
                      type: 'bar',
                      itemStyle: { color: '#cf1322' },
                      data: s.groups.slice(0, 12).map((g) => g.overdue),
                    },
                  ],
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={stats.isLoading ? ' ' : t('svc.stats.empty')} />
            )}
          </Card>
          <Card size="small">
            <Table
              size="small"
              rowKey="key"
              loading={stats.isFetching}
              dataSource={s?.groups ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: byLabel[by], key: 'name', render: (_v, g) => groupName(g) },
                { title: t('svc.stats.total'), dataIndex: 'total', align: 'right' },
                { title: t('svc.stats.open'), dataIndex: 'open', align: 'right' },
                {
                  title: t('svc.stats.overdue'),
                  dataIndex: 'overdue',
                  align: 'right',
                  render: (v: number) => <span style={v > 0 ? { color: '#cf1322' } : undefined}>{v}</span>,
                },
                { title: t('svc.stats.onTimeRate'), dataIndex: 'onTimeRate', align: 'right', render: pct },
                { title: t('svc.stats.solvedRate'), dataIndex: 'solvedRate', align: 'right', render: pct },
                { title: t('svc.stats.satisfactionRate'), dataIndex: 'satisfactionRate', align: 'right', render: pct },
              ]}
              locale={{ emptyText: t('svc.stats.empty') }}
            />
          </Card>
          <Card size="small" title={t('svc.stats.recurring')}>
            <Table
              size="small"
              rowKey="category"
              dataSource={s?.recurring ?? []}
              pagination={false}
              columns={[
                {
                  title: t('svc.fields.category'),
                  dataIndex: 'category',
                  render: (v: string) => <DictTag type="ticket_category" value={v} />,
                },
                { title: t('svc.stats.enterprises'), dataIndex: 'enterprises', align: 'right' },
                { title: t('svc.stats.tickets'), dataIndex: 'tickets', align: 'right' },
              ]}
              locale={{ emptyText: t('svc.stats.recurringEmpty') }}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
