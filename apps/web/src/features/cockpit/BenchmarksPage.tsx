import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { feedback, showError } from '../../shared/feedback';
import { EMPTY, formatDate, formatNumber, formatPercent, formatYi } from '../../shared/format';
import { useCan } from '../../shared/session';
import { useIsMobile } from '../../shared/useIsMobile';
import { ChartCard } from './charts';

export interface BenchmarkValue {
  id: number;
  indicator: string;
  value: string;
  note: string | null;
  source: string;
  asOf: string;
}
export interface BenchmarkRegion {
  id: number;
  name: string;
  parentName: string | null;
  note: string | null;
  values: BenchmarkValue[];
}
export interface Comparison {
  indicator: string;
  zh: string;
  en: string;
  unit: string;
  ours: number | null;
  pipeline: number;
  peers: { region: string; value: number; gap: number | null; closedByPipeline: number | null }[];
}
interface Benchmarks {
  regions: BenchmarkRegion[];
  comparison: Comparison[];
}

/** Indicators the server can compare (its INDICATORS), for the edit form. */
const INDICATORS = [
  'equipment_makers',
  'food_enterprises',
  'foreign_funded',
  'park_projects',
  'expected_sales',
  'online_shops',
] as const;
/** Money indicators arrive in 元 and are shown in 亿元. */
const YUAN_UNIT = '元';
const BENCHMARKS_KEY = 'benchmarks';

interface ValueForm {
  regionId: number;
  indicator: string;
  value: string;
  note?: string;
  source: string;
  asOf: Dayjs;
}

/** A figure in its unit: 元 → 亿元 (exact), counts with up to two decimals. */
export function benchFigure(v: number | string | null | undefined, unit: string): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (unit === YUAN_UNIT) return formatYi(typeof v === 'number' ? String(v) : v);
  return formatNumber(v, 2).replace(/\.00$/, '');
}

/** For the chart: the figure as a number in the display unit. */
const chartNumber = (v: number | null, unit: string) =>
  v === null ? null : unit === YUAN_UNIT ? Math.round((v / 1e8) * 100) / 100 : v;

/** 对标: the town against the peers of the study tour, the gaps, and the pipeline's share of each gap. */
export default function BenchmarksPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [form] = Form.useForm<ValueForm>();
  const [editingId, setEditingId] = useState<number | null>(null);
  const isMobile = useIsMobile();
  const q = useQuery({
    queryKey: [BENCHMARKS_KEY],
    queryFn: ({ signal }) => api.get<Benchmarks>('/benchmarks', undefined, { signal }),
  });
  const save = useMutation({
    mutationFn: (v: ValueForm) =>
      api.put<{ id: number }>('/benchmarks/values', {
        ...(editingId ? { id: editingId } : {}),
        regionId: v.regionId,
        indicator: v.indicator,
        value: String(v.value).trim(),
        note: v.note?.trim() || null,
        source: v.source.trim(),
        asOf: v.asOf.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      feedback.message.success(t('bench.saved'));
      setEditingId(null);
      form.resetFields();
      qc.invalidateQueries({ queryKey: [BENCHMARKS_KEY] });
    },
    onError: (e) => showError(e, form),
  });

  const en = i18n.language === 'en';
  const indicatorLabel = (key: string, c?: Comparison) =>
    c ? (en ? c.en : c.zh) : t(`bench.ind.${key}` as 'bench.ind.online_shops', { defaultValue: key });
  const unitLabel = (unit: string) =>
    unit === YUAN_UNIT
      ? t('bench.yi')
      : unit === '家'
        ? t('bench.units.jia')
        : unit === '个'
          ? t('bench.units.ge')
          : unit;

  if (q.isError) {
    return (
      <Result
        status="warning"
        title={(q.error as Error).message}
        extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!q.data) return <Skeleton active />;
  const { regions, comparison } = q.data;
  const unitOfIndicator = (ind: string) => comparison.find((c) => c.indicator === ind)?.unit ?? '';
  // peers that have at least one figure, in the server's order
  const peerNames = regions.filter((r) => r.values.length > 0).map((r) => r.name);

  const columns: TableColumnsType<Comparison> = [
    {
      title: t('bench.indicator'),
      key: 'indicator',
      fixed: 'left',
      width: 150,
      render: (_v, c) => <Typography.Text strong>{indicatorLabel(c.indicator, c)}</Typography.Text>,
    },
    { title: t('bench.unit'), key: 'unit', width: 64, render: (_v, c) => unitLabel(c.unit) },
    {
      title: t('bench.ours'),
      key: 'ours',
      align: 'right',
      width: 110,
      render: (_v, c) =>
        c.ours === null ? (
          <Typography.Text type="secondary">{t('bench.noOurs')}</Typography.Text>
        ) : (
          <Space direction="vertical" size={0} style={{ alignItems: 'flex-end' }}>
            <Typography.Text strong>{benchFigure(c.ours, c.unit)}</Typography.Text>
            {c.pipeline > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('bench.pipeline', { value: benchFigure(c.pipeline, c.unit) })}
              </Typography.Text>
            )}
          </Space>
        ),
    },
    ...peerNames.map((name) => ({
      title: name,
      key: `peer:${name}`,
      width: 180,
      render: (_v: unknown, c: Comparison) => {
        const p = c.peers.find((x) => x.region === name);
        if (!p) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space direction="vertical" size={0} data-testid={`peer-cell-${c.indicator}`}>
            <Typography.Text strong>{benchFigure(p.value, c.unit)}</Typography.Text>
            <Typography.Text
              type={p.gap === null ? 'secondary' : p.gap > 0 ? 'danger' : 'success'}
              style={{ fontSize: 12 }}
            >
              {p.gap === null
                ? `${t('bench.gap')} —`
                : p.gap === 0
                  ? t('bench.reached')
                  : `${t('bench.gap')} ${benchFigure(p.gap, c.unit)}`}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('bench.closed')} {p.closedByPipeline === null ? '—' : formatPercent(p.closedByPipeline, true)}
            </Typography.Text>
          </Space>
        );
      },
    })),
  ];

  const chartRows = comparison.filter((c) => c.peers.length > 0);
  const chartCategories = chartRows.map((c) => `${indicatorLabel(c.indicator, c)}（${unitLabel(c.unit)}）`);
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    // on a phone the indicators run down the side so their names stay readable
    [isMobile ? 'yAxis' : 'xAxis']: {
      type: 'category',
      data: chartCategories,
      axisLabel: isMobile
        ? { width: 110, overflow: 'break', fontSize: 11 }
        : { interval: 0, width: 90, overflow: 'break', fontSize: 11 },
    },
    [isMobile ? 'xAxis' : 'yAxis']: { type: 'value' },
    series: [
      {
        name: t('bench.ours'),
        type: 'bar',
        data: chartRows.map((c) => chartNumber(c.ours, c.unit)),
        itemStyle: { color: '#c8102e' },
      },
      ...peerNames.map((name) => ({
        name,
        type: 'bar',
        data: chartRows.map((c) => {
          const p = c.peers.find((x) => x.region === name);
          return p ? chartNumber(p.value, c.unit) : null;
        }),
      })),
    ],
  };
  const sheet = () => ({
    fileName: t('menu.ck.benchmarks'),
    header: [
      t('bench.indicator'),
      t('bench.unit'),
      t('bench.ours'),
      ...peerNames.flatMap((n) => [n, `${n} ${t('bench.gap')}`, `${n} ${t('bench.closed')}`]),
    ],
    rows: comparison.map((c) => [
      indicatorLabel(c.indicator, c),
      unitLabel(c.unit),
      benchFigure(c.ours, c.unit),
      ...peerNames.flatMap((n) => {
        const p = c.peers.find((x) => x.region === n);
        return p
          ? [
              benchFigure(p.value, c.unit),
              benchFigure(p.gap, c.unit),
              p.closedByPipeline === null ? '—' : formatPercent(p.closedByPipeline, true),
            ]
          : ['', '', ''];
      }),
    ]),
  });

  const startEdit = (r: BenchmarkRegion, v: BenchmarkValue) => {
    setEditingId(v.id);
    form.setFieldsValue({
      regionId: r.id,
      indicator: v.indicator,
      value: v.value.replace(/\.?0+$/, ''),
      note: v.note ?? undefined,
      source: v.source,
      asOf: dayjs(v.asOf),
    });
    document.getElementById('bench-form')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const editing = editingId
    ? regions.flatMap((r) => r.values.map((v) => ({ r, v }))).find((x) => x.v.id === editingId)
    : undefined;

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('bench.intro')}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('bench.table')}>
        <Table<Comparison>
          size="small"
          rowKey="indicator"
          dataSource={comparison}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={q.isFetching}
          locale={{ emptyText: t('bench.empty') }}
          data-testid="bench-table"
        />
      </Card>
      <ChartCard
        title={t('bench.chart')}
        option={option}
        height={isMobile ? 120 + chartRows.length * (peerNames.length + 1) * 14 : 340}
        empty={chartRows.length === 0}
        data={sheet}
        testId="bench-chart"
      />
      <Card size="small" title={t('bench.peers')}>
        <Row gutter={[12, 12]}>
          {regions.map((r) => (
            <Col key={r.id} xs={24} md={12} xl={8}>
              <Card
                size="small"
                type="inner"
                data-testid={`bench-region-${r.id}`}
                title={
                  <Space size={4} wrap>
                    <span>{r.name}</span>
                    {r.parentName && <Typography.Text type="secondary">{r.parentName}</Typography.Text>}
                  </Space>
                }
              >
                {r.note && <Typography.Paragraph style={{ marginBottom: 8 }}>{r.note}</Typography.Paragraph>}
                {r.values.length === 0 ? (
                  <Typography.Text type="secondary">{t('bench.noValues')}</Typography.Text>
                ) : (
                  <Flex vertical gap={8}>
                    {r.values.map((v) => {
                      const unit = unitOfIndicator(v.indicator);
                      return (
                        <Descriptions
                          key={v.id}
                          size="small"
                          column={1}
                          bordered
                          title={
                            <Typography.Text>
                              {indicatorLabel(
                                v.indicator,
                                comparison.find((c) => c.indicator === v.indicator),
                              )}
                              ：{benchFigure(v.value, unit)} {unitLabel(unit)}
                            </Typography.Text>
                          }
                          extra={
                            can('target:edit') ? (
                              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => startEdit(r, v)}>
                                {t('bench.edit')}
                              </Button>
                            ) : undefined
                          }
                        >
                          {v.note && <Descriptions.Item label={t('bench.note')}>{v.note}</Descriptions.Item>}
                          <Descriptions.Item label={t('bench.source')}>
                            <span className="bz-break">{v.source}</span>
                          </Descriptions.Item>
                          <Descriptions.Item label={t('bench.asOf')}>{formatDate(v.asOf)}</Descriptions.Item>
                        </Descriptions>
                      );
                    })}
                  </Flex>
                )}
              </Card>
            </Col>
          ))}
          {regions.length === 0 && (
            <Col span={24}>
              <Empty description={t('bench.empty')} />
            </Col>
          )}
        </Row>
      </Card>
      <Can perm="target:edit">
        <Card
          size="small"
          id="bench-form"
          title={editingId ? t('bench.form') : t('bench.add')}
          extra={
            editingId ? (
              <Button
                size="small"
                onClick={() => {
                  setEditingId(null);
                  form.resetFields();
                }}
              >
                {t('bench.cancelEdit')}
              </Button>
            ) : (
              <PlusOutlined />
            )
          }
        >
          {editing && (
            <Typography.Paragraph type="secondary">
              {t('bench.editing', {
                region: editing.r.name,
                indicator: indicatorLabel(editing.v.indicator),
              })}
            </Typography.Paragraph>
          )}
          <Form<ValueForm>
            form={form}
            layout="vertical"
            onFinish={(v) => save.mutate(v)}
            style={{ maxWidth: 560 }}
            initialValues={{ asOf: dayjs() }}
          >
            <Form.Item
              name="regionId"
              label={t('bench.region')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                options={regions.map((r) => ({
                  value: r.id,
                  label: r.parentName ? `${r.name}（${r.parentName}）` : r.name,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="indicator"
              label={t('bench.indicator')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select options={INDICATORS.map((i) => ({ value: i, label: indicatorLabel(i) }))} />
            </Form.Item>
            <Form.Item
              name="value"
              label={t('bench.value')}
              extra={t('bench.valueHint')}
              rules={[
                { required: true, message: t('form.required') },
                { pattern: /^\d{1,16}(\.\d{1,4})?$/, message: t('bench.valueInvalid') },
              ]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="note" label={t('bench.note')} rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="source"
              label={t('bench.source')}
              rules={[
                { required: true, message: t('form.required') },
                { min: 2, max: 300 },
              ]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="asOf" label={t('bench.asOf')} rules={[{ required: true, message: t('form.required') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="bench-save">
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      </Can>
    </Flex>
  );
}
