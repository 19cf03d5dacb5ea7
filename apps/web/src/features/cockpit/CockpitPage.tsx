import { FullscreenExitOutlined, FullscreenOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  ConfigProvider,
  DatePicker,
  Empty,
  Flex,
  Result,
  Row,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
  theme,
} from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { formatDateTime, formatNumber, formatPercent, growthColor } from '../../shared/format';
import { useRegionFilterOptions } from '../../shared/regions';
import { useCurrentUser } from '../../shared/session';
import { useIsMobile } from '../../shared/useIsMobile';
import { BriefMenu } from '../reports/BriefMenu';
import {
  type Cockpit,
  type DoublingPlan,
  drillUrl,
  formatMoney,
  formatValue,
  type Kpi,
  leadStageLabel,
  type MoneyUnits,
  projectStageLabel,
  unitOf,
} from './api';
import { ChartCard, type SheetData } from './charts';

const FIVE_MINUTES = 5 * 60_000;
const AHEAD = '#389e0d';
const BEHIND = '#cf1322';
const LIGHT_COLORS: Record<string, string> = { green: '#52c41a', amber: '#faad14', red: '#f5222d' };

export function useMoneyUnits(): MoneyUnits {
  const { t } = useTranslation();
  return { wan: t('ck.unit.wan'), yi: t('ck.unit.yi') };
}

/** 完成率 bar with a marker at 时序进度. */
function ProgressMarker({
  completion,
  time,
  dark,
}: {
  completion: number | null;
  time: number | null;
  dark?: boolean;
}) {
  const fill = Math.max(0, Math.min(1, completion ?? 0)) * 100;
  return (
    <div
      style={{
        position: 'relative',
        height: 8,
        borderRadius: 4,
        background: dark ? 'rgba(255,255,255,0.15)' : '#f0f0f0',
        margin: '8px 0 4px',
      }}
    >
      <div style={{ width: `${fill}%`, height: '100%', borderRadius: 4, background: '#1677ff' }} />
      {time !== null && (
        <div
          data-testid="time-marker"
          style={{
            position: 'absolute',
            top: -3,
            left: `calc(${Math.min(1, time) * 100}% - 1px)`,
            width: 2,
            height: 14,
            background: dark ? '#fff' : '#262626',
          }}
        />
      )}
    </div>
  );
}

function KpiCard({ k, period, region, dark }: { k: Kpi; period: string; region?: string; dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const units = useMoneyUnits();
  const label = i18n.language.startsWith('en') ? k.labelEn : k.label;
  const open = () => navigate(drillUrl({ metric: k.metric, period, region }));
  const muted = dark ? 'rgba(255,255,255,0.65)' : 'rgba(0,0,0,0.45)';
  return (
    <Card
      size="small"
      hoverable
      role="link"
      tabIndex={0}
      aria-label={t('ck.kpi.open', { label })}
      data-testid={`kpi-${k.metric}`}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') open();
      }}
      style={{ height: '100%', ...(dark ? { background: 'rgba(16, 42, 84, 0.6)', borderColor: '#1f4a8a' } : {}) }}
    >
      <Typography.Text style={{ color: muted }}>{label}</Typography.Text>
      <div data-testid="kpi-actual" style={{ fontSize: dark ? 30 : 24, fontWeight: 600, lineHeight: 1.4 }}>
        {formatValue(k.actual, k.unit, units)}
      </div>
      <div style={{ color: muted, fontSize: 13 }}>
        {t('ck.kpi.target')}：{k.target === null ? t('ck.kpi.noTarget') : formatValue(k.target, k.unit, units)}
      </div>
      {k.completion !== null && (
        <>
          <ProgressMarker completion={k.completion} time={k.timeProgress} dark={dark} />
          <div style={{ fontSize: 13 }}>
            {t('ck.kpi.completion')} {formatPercent(k.completion, true)}
            {k.timeProgress !== null && (
              <span style={{ color: muted }}>
                {' · '}
                {t('ck.kpi.timeProgress')} {formatPercent(k.timeProgress, true)}
              </span>
            )}
          </div>
        </>
      )}
      {k.aheadPoints !== null && (
        <div
          data-testid="kpi-ahead"
          style={{ fontSize: 13, color: k.aheadPoints > 0 ? AHEAD : k.aheadPoints < 0 ? BEHIND : undefined }}
        >
          {k.aheadPoints > 0
            ? t('ck.kpi.ahead', { n: formatNumber(k.aheadPoints, 1) })
            : k.aheadPoints < 0
              ? t('ck.kpi.behind', { n: formatNumber(-k.aheadPoints, 1) })
              : t('ck.kpi.onPace')}
        </div>
      )}
      {k.yoy !== null && (
        <div style={{ fontSize: 13 }}>
          {t('ck.kpi.yoy')}{' '}
          <span style={{ color: growthColor(k.yoy) }}>
            {k.yoy > 0 ? '+' : ''}
            {formatPercent(k.yoy, true)}
          </span>
        </div>
      )}
      <div style={{ fontSize: 12, color: muted, marginTop: 4 }}>{t('ck.kpi.source', { source: k.source })}</div>
    </Card>
  );
}

/** The chart options and their downloadable data, shared by the page and the big screen. */
function useCharts(d: Cockpit | undefined, dark: boolean) {
  const { t, i18n } = useTranslation();
  const units = useMoneyUnits();
  const isMobile = useIsMobile();
  const lang = i18n.language;
  const year = Number((d?.period ?? dayjs().format('YYYY-MM')).slice(0, 4));
  const month = Number((d?.period ?? dayjs().format('YYYY-MM')).slice(5, 7));
  const money = (v: unknown) => formatMoney(typeof v === 'number' ? v : null, units);
  const byMonth = d?.outputByMonth ?? [];
  const thisName = t('ck.charts.year', { year });
  const lastName = t('ck.charts.year', { year: year - 1 });
  const output = {
    option: {
      tooltip: { trigger: 'axis', valueFormatter: money },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: byMonth.map((m) => t('ck.charts.monthN', { n: Number(m.month) })) },
      yAxis: {
        type: 'value',
        name: units.wan,
        axisLabel: { formatter: (v: number) => formatNumber(v / 1e4, 0) },
      },
      series: [
        {
          name: thisName,
          type: 'bar',
          data: byMonth.map((m) => (Number(m.month) <= month ? m.thisYear : null)),
        },
        { name: lastName, type: 'line', smooth: true, data: byMonth.map((m) => m.lastYear) },
      ],
    },
    data: (): SheetData => ({
      fileName: `${t('ck.charts.output')}-${d?.period ?? ''}`,
      header: [
        t('ck.charts.month'),
        `${thisName} ${t('ck.charts.valueYuan')}`,
        `${lastName} ${t('ck.charts.valueYuan')}`,
      ],
      rows: byMonth.map((m) => [m.month, m.thisYear, m.lastYear]),
    }),
  };
  const pc = d?.projects?.columns ?? [];
  const projects = {
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: pc.map((c) => projectStageLabel(c.stage, lang)),
        axisLabel: { interval: 0, rotate: isMobile ? 40 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('ck.charts.count'),
          type: 'bar',
          data: pc.map((c) => c.count),
          label: { show: true, position: 'top' },
        },
      ],
    },
    data: (): SheetData => ({
      fileName: t('ck.charts.projects'),
      header: [t('ck.charts.stage'), t('ck.charts.count'), t('ck.charts.investment')],
      rows: [
        ...pc.map((c) => [projectStageLabel(c.stage, lang), c.count, Number(c.totalInvestment)]),
        ...Object.entries(d?.projects?.lights ?? {}).map(([k, v]) => [
          t(`ck.charts.light.${k as 'green' | 'amber' | 'red'}`, { defaultValue: k }),
          v,
          null,
        ]),
      ],
    }),
  };
  const lc = d?.leads?.columns ?? [];
  const funnelCols = lc.filter((c) => c.stage !== 'shelved' && c.stage !== 'abandoned');
  const leads = {
    option: {
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          name: t('ck.charts.leads'),
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          top: 8,
          bottom: 8,
          minSize: '20%',
          label: { show: true, position: 'inside', formatter: '{b} {c}', color: '#fff' },
          data: funnelCols.map((c) => ({ name: leadStageLabel(c.stage, lang), value: c.count })),
        },
      ],
    },
    data: (): SheetData => ({
      fileName: t('ck.charts.leads'),
      header: [t('ck.charts.stage'), t('ck.charts.count'), t('ck.charts.intended')],
      rows: lc.map((c) => [leadStageLabel(c.stage, lang), c.count, Number(c.intendedInvestment)]),
    }),
  };
  const tk = d?.tickets;
  const tickets = {
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: [t('ck.charts.open'), t('ck.charts.overdue')] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('ck.charts.tickets'),
          type: 'bar',
          barMaxWidth: 64,
          label: { show: true, position: 'top' },
          data: [
            { value: tk?.open ?? 0, itemStyle: { color: '#1677ff' } },
            { value: tk?.overdue ?? 0, itemStyle: { color: BEHIND } },
          ],
        },
      ],
    },
    data: (): SheetData => ({
      fileName: t('ck.charts.tickets'),
      header: [t('ck.charts.kind'), t('ck.charts.count')],
      rows: [
        [t('ck.charts.open'), tk?.open ?? 0],
        [t('ck.charts.overdue'), tk?.overdue ?? 0],
      ],
    }),
  };
  const lights = d?.projects?.lights ?? {};
  const projectsFooter = d?.projects ? (
    <Flex wrap gap={6} style={{ marginTop: 8 }}>
      {(['red', 'amber', 'green'] as const).map((k) => (
        <Tag key={k} color={LIGHT_COLORS[k]} data-testid={`light-${k}`}>
          {t(`ck.charts.light.${k}`)} {lights[k] ?? 0}
        </Tag>
      ))}
      {d.projects.suspended > 0 && <Tag>{t('ck.charts.suspended', { n: d.projects.suspended })}</Tag>}
    </Flex>
  ) : null;
  const shelved = lc.find((c) => c.stage === 'shelved')?.count ?? 0;
  const abandoned = lc.find((c) => c.stage === 'abandoned')?.count ?? 0;
  const leadsFooter = (
    <Typography.Text type={dark ? undefined : 'secondary'} style={{ fontSize: 12 }}>
      {t('ck.charts.leadsOff', { shelved, abandoned })}
    </Typography.Text>
  );
  return { output, projects, leads, tickets, projectsFooter, leadsFooter };
}

function doublingOption(plan: DoublingPlan, t: TFunction, units: MoneyUnits) {
  const unit = unitOf(plan.metric);
  const fmt = (v: unknown) => formatValue(typeof v === 'number' ? v : null, unit, units);
  const years = plan.path.map((p) => p.year);
  return {
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: {
      type: 'value',
      name: unit === 'yuan' ? units.yi : undefined,
      axisLabel: { formatter: (v: number) => (unit === 'yuan' ? formatNumber(v / 1e8, 1) : formatNumber(v, 0)) },
    },
    series: [
      {
        name: t('ck.doubling.path'),
        type: 'line',
        lineStyle: { type: 'dashed' },
        data: plan.path.map((p) => p.value),
      },
      {
        name: t('ck.doubling.actual'),
        type: 'line',
        data: years.map((y) => plan.actual.find((a) => a.year === y)?.value ?? null),
      },
    ],
  };
}

function DoublingPanel({
  plans,
  loading,
  dark,
}: {
  plans: DoublingPlan[] | undefined;
  loading: boolean;
  dark?: boolean;
}) {
  const { t } = useTranslation();
  const units = useMoneyUnits();
  if (!loading && (plans ?? []).length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ck.doubling.empty')} />;
  return (
    <Flex vertical gap={12}>
      {(plans ?? []).map((plan) => {
        const unit = unitOf(plan.metric);
        const metric = t(`ck.metric.${plan.metric}` as 'ck.metric.industrial_output', { defaultValue: plan.metric });
        return (
          <ChartCard
            key={`${plan.metric}-${plan.baseYear}`}
            dark={dark}
            testId={`doubling-${plan.metric}`}
            height={dark ? 250 : 300}
            title={
              <Space wrap size={12}>
                <span>
                  {t('ck.doubling.plan', {
                    metric,
                    base: plan.baseYear,
                    target: plan.targetYear,
                    multiple: formatNumber(plan.multiple, 2).replace(/\.?0+$/, ''),
                  })}
                </span>
                <Tag color="red" data-testid="required-growth">
                  {t('ck.doubling.required', { pct: formatPercent(plan.requiredGrowth, true) })}
                </Tag>
              </Space>
            }
            option={doublingOption(plan, t, units)}
            data={() => ({
              fileName: `${t('ck.doubling.path')}-${metric}`,
              header: [t('ck.doubling.year'), t('ck.doubling.path'), t('ck.doubling.actual')],
              rows: plan.path.map((p) => [p.year, p.value, plan.actual.find((a) => a.year === p.year)?.value ?? null]),
            })}
            footer={
              <Typography.Text type={dark ? undefined : 'secondary'} style={{ fontSize: 12 }}>
                {t('ck.doubling.base', { value: formatValue(plan.baseValue, unit, units) })}
                {plan.source ? ` · ${t('ck.kpi.source', { source: plan.source })}` : ''}
              </Typography.Text>
            }
          />
        );
      })}
    </Flex>
  );
}

/** 驾驶舱: KPIs against targets and 时序进度, charts, the doubling path; ?screen=1 is the big screen. */
export default function CockpitPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const screen = sp.get('screen') === '1';
  const periodParam = /^\d{4}-(0[1-9]|1[0-2])$/.test(sp.get('period') ?? '') ? (sp.get('period') as string) : undefined;
  const tab = sp.get('tab') === 'doubling' ? 'doubling' : 'overview';
  const region = /^\d{12}$/.test(sp.get('region') ?? '') ? (sp.get('region') as string) : undefined;
  const me = useCurrentUser();
  const regionOptions = useRegionFilterOptions(me.regionCode);
  const q = useQuery({
    queryKey: ['cockpit', periodParam ?? '', region ?? ''],
    queryFn: ({ signal }) => api.get<Cockpit>('/cockpit', { period: periodParam, region }, { signal }),
    refetchInterval: screen ? FIVE_MINUTES : false,
  });
  const dq = useQuery({
    queryKey: ['cockpit', 'doubling', periodParam ?? '', region ?? ''],
    queryFn: ({ signal }) =>
      api.get<{ items: DoublingPlan[] }>('/cockpit/doubling', { period: periodParam, region }, { signal }),
    enabled: screen || tab === 'doubling',
    refetchInterval: screen ? FIVE_MINUTES : false,
  });
  const d = q.data;
  const period = d?.period ?? periodParam ?? dayjs().subtract(1, 'month').format('YYYY-MM');
  const charts = useCharts(d, screen);
  const set = (next: Record<string, string | null>) => {
    const out = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) out.delete(k);
      else out.set(k, v);
    }
    setSp(out, { replace: true });
  };

  const picker = (
    <DatePicker
      picker="month"
      value={dayjs(`${period}-01`)}
      allowClear={false}
      inputReadOnly={isMobile}
      format="YYYY-MM"
      aria-label={t('ck.period')}
      onChange={(v) => v && set({ period: v.format('YYYY-MM') })}
    />
  );
  const asOf = d ? (
    <Typography.Text type={screen ? undefined : 'secondary'} data-testid="as-of">
      {t('ck.asOf', { time: formatDateTime(d.asOf, false) })}
    </Typography.Text>
  ) : null;
  const failed =
    q.isError && !d ? (
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
    ) : null;

  const kpiCards = (span: { xs: number; sm: number; lg: number; xl: number }, dark?: boolean) => (
    <Row gutter={[12, 12]}>
      {(d?.kpis ?? []).map((k) => (
        <Col key={k.metric} {...span}>
          <KpiCard k={k} period={period} region={region} dark={dark} />
        </Col>
      ))}
      {!d &&
        q.isLoading &&
        [1, 2, 3].map((i) => (
          <Col key={i} {...span}>
            <Card size="small" loading />
          </Col>
        ))}
    </Row>
  );

  if (screen) {
    return (
      <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
        <div
          data-testid="cockpit-screen"
          style={{
            position: 'fixed',
            inset: 0,
            zIndex: 1000,
            overflow: 'auto',
            background: 'radial-gradient(ellipse at top, #0f2a55 0%, #061229 70%)',
            color: '#fff',
            padding: 16,
          }}
        >
          <Flex vertical gap={12} style={{ minHeight: '100%', maxWidth: 1920, margin: '0 auto' }}>
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Typography.Title level={2} style={{ margin: 0, color: '#fff', letterSpacing: 4 }}>
                {t('ck.screenTitle')}
              </Typography.Title>
              <Space wrap>
                {picker}
                {asOf}
                <Typography.Text type="secondary">{t('ck.refreshHint')}</Typography.Text>
                <Button icon={<ReloadOutlined />} onClick={() => q.refetch()} loading={q.isFetching} />
                <Button icon={<FullscreenExitOutlined />} onClick={() => set({ screen: null })}>
                  {t('ck.exitScreen')}
                </Button>
              </Space>
            </Flex>
            {failed}
            {kpiCards({ xs: 24, sm: 12, lg: 8, xl: 4 }, true)}
            <Row gutter={[12, 12]}>
              <Col xs={24} xl={16}>
                <ChartCard
                  dark
                  title={t('ck.charts.output')}
                  height={280}
                  option={charts.output.option}
                  data={charts.output.data}
                  empty={!d}
                />
              </Col>
              <Col xs={24} xl={8}>
                <DoublingPanel dark plans={dq.data?.items} loading={dq.isLoading} />
              </Col>
              {d?.projects && (
                <Col xs={24} xl={8}>
                  <ChartCard
                    dark
                    title={t('ck.charts.projects')}
                    height={230}
                    option={charts.projects.option}
                    data={charts.projects.data}
                    footer={charts.projectsFooter}
                  />
                </Col>
              )}
              {d?.leads && (
                <Col xs={24} xl={8}>
                  <ChartCard
                    dark
                    title={t('ck.charts.leads')}
                    height={250}
                    option={charts.leads.option}
                    data={charts.leads.data}
                    footer={charts.leadsFooter}
                  />
                </Col>
              )}
              {d?.tickets && (
                <Col xs={24} xl={8}>
                  <ChartCard
                    dark
                    title={t('ck.charts.tickets')}
                    height={250}
                    option={charts.tickets.option}
                    data={charts.tickets.data}
                  />
                </Col>
              )}
            </Row>
          </Flex>
        </div>
      </ConfigProvider>
    );
  }

  const overview = (
    <Flex vertical gap={12}>
      {failed}
      {kpiCards({ xs: 24, sm: 12, lg: 8, xl: 8 })}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <ChartCard
            testId="chart-output"
            title={t('ck.charts.output')}
            option={charts.output.option}
            data={charts.output.data}
            empty={!d}
          />
        </Col>
        {d?.projects && (
          <Col xs={24} xl={12}>
            <ChartCard
              testId="chart-projects"
              title={t('ck.charts.projects')}
              height={268}
              option={charts.projects.option}
              data={charts.projects.data}
              footer={charts.projectsFooter}
            />
          </Col>
        )}
        {d?.leads && (
          <Col xs={24} xl={12}>
            <ChartCard
              testId="chart-leads"
              title={t('ck.charts.leads')}
              height={280}
              option={charts.leads.option}
              data={charts.leads.data}
              footer={charts.leadsFooter}
            />
          </Col>
        )}
        {d?.tickets && (
          <Col xs={24} xl={12}>
            <ChartCard
              testId="chart-tickets"
              title={t('ck.charts.tickets')}
              height={280}
              option={charts.tickets.option}
              data={charts.tickets.data}
            />
          </Col>
        )}
      </Row>
    </Flex>
  );

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex wrap gap={12} align="center" justify="space-between">
          <Space wrap>
            <Typography.Text>{t('ck.period')}</Typography.Text>
            {picker}
            <Select
              allowClear
              style={{ minWidth: 160 }}
              placeholder={t('ck.regionAll')}
              aria-label={t('ck.region')}
              data-testid="cockpit-region"
              value={region}
              options={regionOptions}
              onChange={(v?: string) => set({ region: v ?? null })}
            />
            {asOf}
          </Space>
          <Space wrap>
            <BriefMenu period={period} region={region} />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => q.refetch()}
              loading={q.isFetching}
              aria-label={t('common.refresh')}
            />
            <Button
              icon={<FullscreenOutlined />}
              onClick={() => navigate(`/cockpit?screen=1&period=${period}${region ? `&region=${region}` : ''}`)}
              data-testid="open-screen"
            >
              {t('ck.screen')}
            </Button>
          </Space>
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'overview' ? null : k })}
        items={[
          { key: 'overview', label: t('ck.tabs.overview'), children: overview },
          {
            key: 'doubling',
            label: t('ck.tabs.doubling'),
            children: <DoublingPanel plans={dq.data?.items} loading={dq.isLoading} />,
          },
        ]}
      />
    </Flex>
  );
}
