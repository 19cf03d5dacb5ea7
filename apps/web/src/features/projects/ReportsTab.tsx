import { PlusOutlined } from '@ant-design/icons';
import { reportCreate } from '@beizeng/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { useDictOptions } from '../../shared/dicts';
import { feedback, showError } from '../../shared/feedback';
import { formatDateTime } from '../../shared/format';
import { useCan } from '../../shared/session';
import { zodRule } from '../../shared/zodRule';
import { currentPeriod, PROJECTS_KEY, type ProjectDetail, type ProjectReport, useReports } from './api';
import { ModalForm, Money } from './parts';

interface Values {
  period: string;
  progress: string;
  investment: string;
  problems?: string;
  toTicket?: boolean;
  category?: string;
  nextSteps?: string;
}

const multiline = (v: string | null) =>
  v ? (
    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', maxWidth: 360 }}>{v}</Typography.Paragraph>
  ) : (
    '—'
  );

export function ReportsTab({ p, onChanged }: { p: ProjectDetail; onChanged: (fresh?: ProjectDetail) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const reports = useReports(p.id);
  const categories = useDictOptions('ticket_category');
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const toTicket = Form.useWatch('toTicket', form);
  // a problem becomes a ticket only for a project with an enterprise, by someone who may file tickets
  const ticketable = !!p.enterpriseId && can('ticket:edit');
  const required = { required: true, message: t('form.required') };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await api.post<ProjectReport>(`/projects/${p.id}/reports`, {
        period: v.period.trim(),
        progress: v.progress.trim(),
        investment: v.investment.trim(),
        problems: v.problems?.trim() || null,
        nextSteps: v.nextSteps?.trim() || null,
        problemToTicket: v.toTicket && v.category ? { category: v.category } : null,
      });
      feedback.message.success(t('prj.reports.saved', { period: r.period }));
      setOpen(false);
      qc.invalidateQueries({ queryKey: [PROJECTS_KEY, 'reports', p.id] });
      onChanged();
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('prj.detail.tabs.reports')}
      extra={
        <Can perm="project:report">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('prj.reports.create')}
          </Button>
        </Can>
      }
    >
      <Table<ProjectReport>
        size="small"
        rowKey="id"
        loading={reports.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={reports.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('prj.reports.empty')} /> }}
        columns={[
          {
            title: t('prj.reports.period'),
            dataIndex: 'period',
            render: (v: string) => <span className="bz-mono">{v}</span>,
          },
          { title: t('prj.reports.progress'), dataIndex: 'progress', render: multiline },
          {
            title: t('prj.reports.investmentShort'),
            dataIndex: 'investment',
            align: 'right',
            render: (v: string) => <Money yuan={v} />,
          },
          { title: t('prj.reports.problems'), dataIndex: 'problems', render: multiline },
          {
            title: t('prj.reports.ticket'),
            dataIndex: 'ticketId',
            render: (v: number | null) => (v ? <Link to={`/tickets/${v}`}>#{v}</Link> : '—'),
          },
          { title: t('prj.reports.nextSteps'), dataIndex: 'nextSteps', render: multiline },
          { title: t('prj.reports.reportedBy'), dataIndex: 'reportedBy', render: (v: string | null) => v ?? '—' },
          {
            title: t('prj.reports.reportedAt'),
            dataIndex: 'reportedAt',
            render: (v: string) => formatDateTime(v, false),
          },
        ]}
      />
      {open && (
        <ModalForm<Values>
          title={t('prj.reports.createTitle')}
          form={form}
          saving={saving}
          onCancel={() => setOpen(false)}
          onSubmit={submit}
          initialValues={{ period: currentPeriod(p.reportCycle), investment: '0' }}
          testId="report-modal"
        >
          <Form.Item
            name="period"
            label={t('prj.reports.period')}
            extra={p.reportCycle === 'weekly' ? t('prj.reports.periodHintWeekly') : t('prj.reports.periodHintMonthly')}
            rules={[required, zodRule(reportCreate.shape.period)]}
          >
            <Input className="bz-mono" maxLength={8} />
          </Form.Item>
          <Form.Item
            name="progress"
            label={t('prj.reports.progress')}
            rules={[{ ...required, whitespace: true }, zodRule(reportCreate.shape.progress)]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="investment"
            label={t('prj.reports.investment')}
            extra={t('prj.yuanHint')}
            rules={[required, zodRule(reportCreate.shape.investment)]}
          >
            <Input inputMode="decimal" maxLength={18} />
          </Form.Item>
          <Form.Item
            name="problems"
            label={t('prj.reports.problems')}
            dependencies={['toTicket']}
            rules={[
              ({ getFieldValue }) => ({
                required: !!getFieldValue('toTicket'),
                whitespace: true,
                message: t('form.required'),
              }),
            ]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {ticketable && (
            <Form.Item name="toTicket" valuePropName="checked" style={{ marginBottom: toTicket ? 8 : undefined }}>
              <Checkbox>{t('prj.reports.toTicket')}</Checkbox>
            </Form.Item>
          )}
          {ticketable && toTicket && (
            <Form.Item name="category" label={t('prj.reports.category')} rules={[required]}>
              <Select options={categories} />
            </Form.Item>
          )}
          <Form.Item name="nextSteps" label={t('prj.reports.nextSteps')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </ModalForm>
      )}
    </Card>
  );
}
