import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { indicatorUpsert, money, nonNegativeMoney } from '@beizeng/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { feedback, showError } from '../../shared/feedback';
import { formatNumber, formatWan } from '../../shared/format';
import { handleSaveError } from '../../shared/stale';
import { unfixOnMobile, useIsMobile } from '../../shared/useIsMobile';
import { zodRule } from '../../shared/zodRule';
import { ENTERPRISES_KEY, type IndicatorRow } from './api';
import { Growth } from './shared';

const IndicatorChart = lazy(() => import('./IndicatorChart'));

interface ReportValues {
  month: Dayjs;
  revenue?: string | null;
  output?: string | null;
  profit?: string | null;
  employees?: number | null;
  electricity?: string | null;
  tax?: string | null;
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** 填报: one month's figures, amounts in 元 as strings. */
function ReportModal({
  enterpriseId,
  row: initialRow,
  rows,
  onClose,
  onSaved,
}: {
  enterpriseId: number;
  row: IndicatorRow | null;
  /** Months already on file: picking one of them edits it (with its version) instead of overwriting it blindly. */
  rows: IndicatorRow[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReportValues>();
  const [saving, setSaving] = useState(false);
  const defaultMonth = dayjs().subtract(1, 'month');
  const [row, setRow] = useState<IndicatorRow | null>(
    initialRow ?? rows.find((r) => r.month === defaultMonth.format('YYYY-MM')) ?? null,
  );
  const fill = (r: IndicatorRow | null) => {
    setRow(r);
    form.setFieldsValue({
      revenue: r?.revenue ?? null,
      output: r?.output ?? null,
      profit: r?.profit ?? null,
      employees: r?.employees ?? null,
      electricity: r?.electricity ?? null,
      tax: r?.tax ?? null,
    });
  };
  const submit = async (v: ReportValues) => {
    setSaving(true);
    try {
      await api.put(`/enterprises/${enterpriseId}/indicators`, {
        month: v.month.format('YYYY-MM'),
        revenue: blankToNull(v.revenue),
        output: blankToNull(v.output),
        profit: blankToNull(v.profit),
        employees: v.employees ?? null,
        electricity: blankToNull(v.electricity),
        tax: blankToNull(v.tax),
        ...(row ? { version: row.version } : {}),
      });
      feedback.message.success(t('ent.ind.reported', { month: v.month.format('YYYY-MM') }));
      onSaved();
    } catch (e) {
      handleSaveError(e, { form, reload: onSaved });
    } finally {
      setSaving(false);
    }
  };
  const yuan = (name: keyof ReportValues, label: string, allowNegative = false, unit = t('ent.yuan')) => (
    <Form.Item
      name={name}
      label={label}
      rules={[zodRule(allowNegative ? money : nonNegativeMoney)]}
      style={{ marginBottom: 12 }}
    >
      <Input inputMode="decimal" suffix={unit} maxLength={20} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={initialRow ? t('ent.ind.editTitle', { month: initialRow.month }) : t('ent.ind.reportTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('ent.ind.reportHint')}</Typography.Paragraph>
      {row && !initialRow && (
        <Alert
          type="info"
          showIcon
          title={t('ent.ind.existingMonth', { month: row.month })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<ReportValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          row
            ? {
                month: dayjs(`${row.month}-01`),
                revenue: row.revenue,
                output: row.output,
                profit: row.profit,
                employees: row.employees,
                electricity: row.electricity,
                tax: row.tax,
              }
            : { month: defaultMonth }
        }
        onValuesChange={(changed: Partial<ReportValues>) => {
          if ('month' in changed && !initialRow) {
            const m = changed.month ? changed.month.format('YYYY-MM') : null;
            fill(rows.find((r) => r.month === m) ?? null);
          }
        }}
      >
        <Form.Item
          name="month"
          label={t('ent.ind.month')}
          rules={[{ required: true, message: t('form.required') }]}
          style={{ marginBottom: 12 }}
        >
          <DatePicker
            picker="month"
            disabled={!!initialRow}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          />
        </Form.Item>
        {yuan('revenue', t('ent.ind.revenue'))}
        {yuan('output', t('ent.ind.output'))}
        {yuan('profit', t('ent.ind.profit'), true)}
        <Form.Item
          name="employees"
          label={t('ent.ind.employees')}
          rules={[zodRule(indicatorUpsert.shape.employees)]}
          style={{ marginBottom: 12 }}
        >
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        {yuan('electricity', t('ent.ind.electricity'), false, t('ent.ind.kwh'))}
        {yuan('tax', t('ent.ind.tax'))}
      </Form>
    </Modal>
  );
}

export function IndicatorsTab({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [editing, setEditing] = useState<{ row: IndicatorRow | null } | null>(null);
  const key = [ENTERPRISES_KEY, 'indicators', enterpriseId];
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.get<{ items: IndicatorRow[] }>(`/enterprises/${enterpriseId}/indicators`, undefined, { signal }),
  });
  const rows = list.data?.items ?? [];
  const refresh = () => {
    qc.invalidateQueries({ queryKey: [ENTERPRISES_KEY] });
  };

  const confirm = async (r: IndicatorRow) => {
    try {
      await api.post(`/enterprises/${enterpriseId}/indicators/${r.month}/confirm`);
      feedback.message.success(t('ent.ind.confirmed', { month: r.month }));
    } catch (e) {
      showError(e);
    }
    refresh();
  };

  const money = (v: string | null) => <span className="bz-mono">{formatWan(v)}</span>;
  const columns: TableColumnsType<IndicatorRow> = [
    { title: t('ent.ind.month'), dataIndex: 'month', fixed: 'left', width: 90 },
    { title: t('ent.ind.revenueWan'), dataIndex: 'revenue', align: 'right', render: money },
    { title: t('ent.ind.revenueYtd'), dataIndex: 'revenueYtd', align: 'right', render: money },
    {
      title: t('ent.ind.yoy'),
      dataIndex: 'revenueYoy',
      align: 'right',
      render: (v: number | null) => <Growth ratio={v} />,
    },
    {
      title: t('ent.ind.mom'),
      dataIndex: 'revenueMom',
      align: 'right',
      render: (v: number | null) => <Growth ratio={v} />,
    },
    { title: t('ent.ind.outputWan'), dataIndex: 'output', align: 'right', render: money },
    { title: t('ent.ind.profitWan'), dataIndex: 'profit', align: 'right', render: money },
    {
      title: t('ent.ind.employees'),
      dataIndex: 'employees',
      align: 'right',
      render: (v: number | null) => formatNumber(v),
    },
    {
      title: t('ent.ind.electricityKwh'),
      dataIndex: 'electricity',
      align: 'right',
      render: (v: string | null) => <span className="bz-mono">{formatNumber(v)}</span>,
    },
    { title: t('ent.ind.taxWan'), dataIndex: 'tax', align: 'right', render: money },
    {
      title: t('ent.ind.status'),
      key: 'status',
      render: (_v, r) => (
        <Space size={4} wrap={false}>
          {r.status === 'pending' ? (
            <Tag color="orange">{t('ent.ind.pending')}</Tag>
          ) : (
            <Tag color="green">{t('ent.ind.confirmedTag')}</Tag>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`ent.ind.source.${r.source}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, r) => (
        <Space size={0} wrap={false}>
          {r.status === 'pending' && (
            <Can perm="indicator:confirm">
              <Popconfirm title={t('ent.ind.confirmQ', { month: r.month })} onConfirm={() => confirm(r)}>
                <Button type="link" size="small">
                  {t('ent.ind.confirm')}
                </Button>
              </Popconfirm>
            </Can>
          )}
          <Can perm="indicator:report">
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              onClick={() => setEditing({ row: r })}
            />
          </Can>
        </Space>
      ),
    },
  ];

  const ordered = [...rows].sort((a, b) => (a.month < b.month ? 1 : -1));

  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title={t('ent.ind.chartTitle')}
        extra={
          <Can perm="indicator:report">
            <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing({ row: null })}>
              {t('ent.ind.report')}
            </Button>
          </Can>
        }
      >
        {list.isLoading ? (
          <Skeleton active />
        ) : rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ent.ind.empty')} />
        ) : (
          <Suspense fallback={<Skeleton active />}>
            <IndicatorChart rows={rows} />
          </Suspense>
        )}
      </Card>
      <Card size="small" title={t('ent.ind.tableTitle')} styles={{ body: { padding: 0 } }}>
        <div data-testid="indicator-table">
          <Table<IndicatorRow>
            rowKey="id"
            size="small"
            columns={unfixOnMobile(columns, isMobile)}
            dataSource={ordered}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={ordered.length > 12 ? { pageSize: 12, size: 'small' } : false}
            locale={{ emptyText: t('ent.ind.empty') }}
          />
        </div>
      </Card>
      {editing && (
        <ReportModal
          enterpriseId={enterpriseId}
          row={editing.row}
          rows={rows}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </Flex>
  );
}
