import { PlusOutlined } from '@ant-design/icons';
import { nonNegativeMoney, thresholdCreate } from '@beizeng/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { DictTag, useDictOptions } from '../../shared/dicts';
import { feedback, showError } from '../../shared/feedback';
import { formatDate, formatWan } from '../../shared/format';
import { zodRule } from '../../shared/zodRule';
import { CULTIVATION_KEY, type ThresholdRow } from '../enterprises/api';

interface ThresholdValues {
  category: string;
  industryPrefixes?: string[];
  metric: 'main_revenue' | 'operating_revenue';
  amount: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  source: string;
}

function ThresholdModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<ThresholdValues>();
  const [saving, setSaving] = useState(false);
  const statOptions = useDictOptions('stat_category');
  const submit = async (v: ThresholdValues) => {
    setSaving(true);
    try {
      await api.post('/cultivation/thresholds', {
        category: v.category,
        industryPrefixes: v.industryPrefixes?.length ? v.industryPrefixes : null,
        metric: v.metric,
        amount: v.amount.trim(),
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
        source: v.source.trim(),
      });
      feedback.message.success(t('common.saved'));
      qc.invalidateQueries({ queryKey: [CULTIVATION_KEY] });
      onClose();
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('ent.thresholds.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('ent.thresholds.addHint')}</Typography.Paragraph>
      <Form<ThresholdValues> form={form} layout="vertical" onFinish={submit} initialValues={{ metric: 'main_revenue' }}>
        <Form.Item
          name="category"
          label={t('ent.radar.category')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={statOptions} />
        </Form.Item>
        <Form.Item
          name="industryPrefixes"
          label={t('ent.thresholds.industryPrefixes')}
          extra={t('ent.thresholds.prefixHint')}
        >
          <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="metric" label={t('ent.thresholds.metric')} rules={[{ required: true }]}>
          <Select
            options={(['main_revenue', 'operating_revenue'] as const).map((m) => ({
              value: m,
              label: t(`ent.thresholds.metrics.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('ent.thresholds.amountYuan')}
          rules={[{ required: true, message: t('form.required') }, zodRule(nonNegativeMoney)]}
        >
          <Input inputMode="decimal" suffix={t('ent.yuan')} />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('ent.thresholds.effectiveFrom')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="effectiveTo" label={t('ent.thresholds.effectiveTo')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('ent.thresholds.source')}
          extra={t('ent.thresholds.sourceHint')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            zodRule(thresholdCreate.shape.source),
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ThresholdsTab() {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const q = useQuery({
    queryKey: [CULTIVATION_KEY, 'thresholds'],
    queryFn: ({ signal }) => api.get<{ items: ThresholdRow[] }>('/cultivation/thresholds', undefined, { signal }),
  });
  return (
    <Card
      size="small"
      title={t('ent.thresholds.title')}
      extra={
        <Can perm="cultivation:edit">
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('ent.thresholds.add')}
          </Button>
        </Can>
      }
    >
      <Alert type="info" showIcon title={t('ent.thresholds.readOnly')} style={{ marginBottom: 12 }} />
      <Table<ThresholdRow>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('ent.radar.category'),
            dataIndex: 'category',
            render: (v: string) => <DictTag type="stat_category" value={v} />,
          },
          {
            title: t('ent.thresholds.industryPrefixes'),
            dataIndex: 'industryPrefixes',
            render: (v: string[] | null) =>
              v?.length ? v.map((p) => <Tag key={p}>{p}</Tag>) : t('ent.thresholds.allIndustries'),
          },
          {
            title: t('ent.thresholds.metric'),
            dataIndex: 'metric',
            render: (v: ThresholdRow['metric']) => t(`ent.thresholds.metrics.${v}`),
          },
          {
            title: t('ent.thresholds.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: string) => <span className="bz-mono">{formatWan(v)}</span>,
          },
          {
            title: t('ent.thresholds.period'),
            key: 'period',
            render: (_v, r) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {formatDate(r.effectiveFrom)} ~ {r.effectiveTo ? formatDate(r.effectiveTo) : t('ent.thresholds.now')}
              </span>
            ),
          },
          {
            title: t('ent.thresholds.source'),
            dataIndex: 'source',
            render: (v: string) => (
              <Typography.Paragraph
                style={{ marginBottom: 0, minWidth: 240, maxWidth: 520 }}
                ellipsis={{ rows: 2, expandable: true }}
              >
                {v}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
      {adding && <ThresholdModal onClose={() => setAdding(false)} />}
    </Card>
  );
}
