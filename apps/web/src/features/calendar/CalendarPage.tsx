import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { feedback, showError } from '../../shared/feedback';
import { useCan } from '../../shared/session';
import type { Holiday } from '../../shared/types';
import { type DayCell, dayKind, monthWeeks, yearOptions } from './monthGrid';

const holidaysKey = (year: number) => ['calendar', 'holidays', year] as const;

const KIND_STYLE = {
  off: { background: '#fff1f0', color: '#cf1322', border: '1px solid #ffa39e' },
  workday: { background: '#e6f4ff', color: '#0958d9', border: '1px solid #91caff' },
  weekend: { color: '#8c8c8c' },
  normal: {},
} as const;

function MonthGrid({
  year,
  month,
  entries,
  onPick,
}: {
  year: number;
  month: number;
  entries: Map<string, Holiday>;
  onPick?: (date: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const weeks = useMemo(() => monthWeeks(year, month), [year, month]);
  const today = dayjs().format('YYYY-MM-DD');
  const weekdays = t('calendar.weekdaysShort').split(',');
  const cell = (c: DayCell) => {
    const kind = dayKind(c, entries);
    const e = entries.get(c.date);
    const mark = kind === 'off' ? t('calendar.offMark') : kind === 'workday' ? t('calendar.workMark') : null;
    const body = (
      <button
        type="button"
        onClick={onPick ? () => onPick(c.date) : undefined}
        disabled={!onPick}
        aria-label={`${c.date}${e ? ` ${e.name}` : ''}`}
        style={{
          all: 'unset',
          boxSizing: 'border-box',
          position: 'relative',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          width: '100%',
          height: 30,
          borderRadius: 4,
          fontSize: 13,
          cursor: onPick ? 'pointer' : 'default',
          outline: c.date === today ? `2px solid ${token.colorPrimary}` : undefined,
          outlineOffset: -2,
          ...KIND_STYLE[kind],
        }}
      >
        {c.day}
        {mark && (
          <span style={{ position: 'absolute', top: 0, right: 2, fontSize: 9, lineHeight: '12px', fontWeight: 600 }}>
            {mark}
          </span>
        )}
      </button>
    );
    return e ? <Tooltip title={`${e.name}${e.note ? `：${e.note}` : ''}`}>{body}</Tooltip> : body;
  };
  return (
    <Card
      size="small"
      title={
        i18n.language === 'en'
          ? dayjs(new Date(year, month - 1, 1))
              .locale('en')
              .format('MMMM')
          : t('calendar.monthTitle', { month })
      }
      styles={{ body: { padding: 8 } }}
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {weekdays.map((w, i) => (
          <div
            key={w}
            style={{ textAlign: 'center', fontSize: 12, color: i >= 5 ? '#cf1322' : token.colorTextSecondary }}
          >
            {w}
          </div>
        ))}
        {weeks
          .flat()
          .map((c, i) => (c ? <div key={c.date}>{cell(c)}</div> : <div key={`blank-${month}-${i}`} aria-hidden />))}
      </div>
    </Card>
  );
}

interface EntryValues {
  date: Dayjs;
  kind: 'off' | 'workday';
  name: string;
  note?: string | null;
}

function EntryModal({
  entry,
  date,
  onClose,
  onSaved,
}: {
  entry: Holiday | null;
  date: string | null;
  onClose: () => void;
  onSaved: (year: number) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EntryValues>();
  const [busy, setBusy] = useState(false);
  const initialDate = entry?.date ?? date;
  const submit = async (v: EntryValues) => {
    setBusy(true);
    const d = v.date.format('YYYY-MM-DD');
    try {
      await api.put(`/calendar/holidays/${d}`, {
        date: d,
        kind: v.kind,
        name: v.name.trim(),
        note: v.note?.trim() || null,
      });
      feedback.message.success(t('common.saved'));
      onSaved(v.date.year());
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={entry ? t('calendar.editEntry', { date: entry.date }) : t('calendar.addEntry')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<EntryValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          date: initialDate ? dayjs(initialDate) : undefined,
          kind: entry?.kind ?? (initialDate && [0, 6].includes(dayjs(initialDate).day()) ? 'workday' : 'off'),
          name: entry?.name,
          note: entry?.note,
        }}
      >
        <Form.Item
          name="date"
          label={t('calendar.fields.date')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker disabled={!!entry} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('calendar.fields.kind')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'off', label: t('calendar.kinds.off') },
              { value: 'workday', label: t('calendar.kinds.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.fields.name')}
          extra={t('calendar.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="note" label={t('calendar.fields.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const weekdayName = (date: string, lang: string) =>
  dayjs(date)
    .locale(lang === 'en' ? 'en' : 'zh-cn')
    .format('ddd');

function WorkdayCalculator() {
  const { t, i18n } = useTranslation();
  const [addForm] = Form.useForm<{ from: Dayjs; days: number }>();
  const [countForm] = Form.useForm<{ range: [Dayjs, Dayjs] }>();
  const [added, setAdded] = useState<{ from: string; days: number; date: string } | null>(null);
  const [counted, setCounted] = useState<{ from: string; to: string; workdays: number } | null>(null);
  const [busy, setBusy] = useState<'add' | 'count' | null>(null);

  const add = async (v: { from: Dayjs; days: number }) => {
    setBusy('add');
    try {
      const from = v.from.format('YYYY-MM-DD');
      const r = await api.get<{ date: string }>('/calendar/workdays', { from, days: v.days });
      setAdded({ from, days: v.days, date: r.date });
    } catch (e) {
      showError(e, addForm);
    } finally {
      setBusy(null);
    }
  };
  const count = async (v: { range: [Dayjs, Dayjs] }) => {
    setBusy('count');
    try {
      const from = v.range[0].format('YYYY-MM-DD');
      const to = v.range[1].format('YYYY-MM-DD');
      const r = await api.get<{ workdays: number }>('/calendar/workdays', { from, to });
      setCounted({ from, to, workdays: r.workdays });
    } catch (e) {
      showError(e, countForm);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <CalculatorOutlined />
          {t('calendar.calculator')}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('calendar.calculatorHint')}
      </Typography.Paragraph>
      <Form
        form={addForm}
        layout="vertical"
        onFinish={add}
        initialValues={{ from: dayjs(), days: 5 }}
        style={{ marginBottom: 8 }}
      >
        <Flex gap={8} wrap align="end">
          <Form.Item
            name="from"
            label={t('calendar.startDate')}
            rules={[{ required: true, message: t('form.required') }]}
            style={{ marginBottom: 8 }}
          >
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item
            name="days"
            label={t('calendar.plusDays')}
            rules={[{ required: true, message: t('form.required') }]}
            style={{ marginBottom: 8 }}
          >
            <InputNumber min={-999} max={999} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" loading={busy === 'add'}>
              {t('calendar.calculate')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {added && (
        <Alert
          type="success"
          style={{ marginBottom: 16 }}
          data-testid="workday-result"
          title={t('calendar.addResult', {
            from: added.from,
            days: added.days,
            date: added.date,
            weekday: weekdayName(added.date, i18n.language),
          })}
        />
      )}
      <Form form={countForm} layout="vertical" onFinish={count}>
        <Flex gap={8} wrap align="end">
          <Form.Item
            name="range"
            label={t('calendar.dateRange')}
            rules={[{ required: true, message: t('form.required') }]}
            style={{ marginBottom: 8 }}
          >
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" loading={busy === 'count'}>
              {t('calendar.count')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {counted && (
        <Alert
          type="success"
          title={t('calendar.countResult', { from: counted.from, to: counted.to, n: counted.workdays })}
        />
      )}
    </Card>
  );
}

export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const [sp, setSp] = useSearchParams();
  const thisYear = dayjs().year();
  const yearParam = Number(sp.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 1990 && yearParam <= 2100 ? yearParam : thisYear;
  const [modal, setModal] = useState<{ entry: Holiday | null; date: string | null } | null>(null);
  const holidays = useQuery({
    queryKey: holidaysKey(year),
    queryFn: () => api.get<{ items: Holiday[] }>('/calendar/holidays', { year }).then((r) => r.items),
  });
  const entries = useMemo(() => new Map((holidays.data ?? []).map((h) => [h.date, h])), [holidays.data]);
  const editable = can('system:calendar:edit');

  const remove = async (h: Holiday) => {
    try {
      await api.del(`/calendar/holidays/${h.date}`);
      feedback.message.success(t('common.deleted'));
    } catch (e) {
      showError(e);
    }
    qc.invalidateQueries({ queryKey: ['calendar'] });
  };

  const pick = (date: string) => setModal({ entry: entries.get(date) ?? null, date });
  const offCount = (holidays.data ?? []).filter((h) => h.kind === 'off').length;
  const workCount = (holidays.data ?? []).filter((h) => h.kind === 'workday').length;

  const columns: TableColumnsType<Holiday> = [
    {
      title: t('calendar.fields.date'),
      dataIndex: 'date',
      render: (d: string) => (
        <span className="bz-mono">
          {d} <Typography.Text type="secondary">{weekdayName(d, i18n.language)}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('calendar.fields.kind'),
      dataIndex: 'kind',
      render: (k: Holiday['kind']) =>
        k === 'off' ? (
          <Tag color="red">{t('calendar.kinds.off')}</Tag>
        ) : (
          <Tag color="blue">{t('calendar.kinds.workday')}</Tag>
        ),
    },
    { title: t('calendar.fields.name'), dataIndex: 'name' },
    {
      title: t('calendar.fields.note'),
      dataIndex: 'note',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 320 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v: unknown, h: Holiday) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setModal({ entry: h, date: h.date })}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('calendar.confirmDelete', { date: h.date, name: h.name })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(h)}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap>
            <Select
              value={year}
              onChange={(y) => setSp({ year: String(y) }, { replace: true })}
              options={yearOptions(thisYear, year).map((y) => ({
                value: y,
                label: t('calendar.yearLabel', { year: y }),
              }))}
              style={{ width: 120 }}
              aria-label={t('calendar.year')}
            />
            <Can perm="system:calendar:edit">
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ entry: null, date: null })}>
                {t('calendar.addEntry')}
              </Button>
            </Can>
          </Space>
          <Space wrap size={12}>
            <Space size={4}>
              <span style={{ ...KIND_STYLE.off, padding: '0 6px', borderRadius: 4 }}>{t('calendar.offMark')}</span>
              {t('calendar.legendOff', { n: offCount })}
            </Space>
            <Space size={4}>
              <span style={{ ...KIND_STYLE.workday, padding: '0 6px', borderRadius: 4 }}>{t('calendar.workMark')}</span>
              {t('calendar.legendWork', { n: workCount })}
            </Space>
            <Typography.Text type="secondary">{t('calendar.legendWeekend')}</Typography.Text>
          </Space>
        </Flex>
        {holidays.data && holidays.data.length === 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t('calendar.emptyYear', { year })}
            description={editable ? t('calendar.emptyYearEdit') : t('calendar.emptyYearRead')}
          />
        )}
      </Card>
      <Spin spinning={holidays.isLoading}>
        <Row gutter={[12, 12]}>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <Col key={m} xs={12} lg={8} xxl={6}>
              <MonthGrid year={year} month={m} entries={entries} onPick={editable ? pick : undefined} />
            </Col>
          ))}
        </Row>
      </Spin>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('calendar.entries', { year })}>
            <Table<Holiday>
              rowKey="date"
              size="small"
              columns={columns}
              dataSource={holidays.data ?? []}
              loading={holidays.isFetching}
              pagination={{
                pageSize: 20,
                hideOnSinglePage: true,
                showTotal: (n) => t('pageTable.total', { count: n }),
              }}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <WorkdayCalculator />
        </Col>
      </Row>
      {modal && (
        <EntryModal
          key={modal.entry?.date ?? modal.date ?? 'new'}
          entry={modal.entry}
          date={modal.date}
          onClose={() => setModal(null)}
          onSaved={(y) => {
            setModal(null);
            qc.invalidateQueries({ queryKey: ['calendar'] });
            if (y !== year) setSp({ year: String(y) }, { replace: true });
          }}
        />
      )}
    </Flex>
  );
}
