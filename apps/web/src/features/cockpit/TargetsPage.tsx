import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, InputNumber, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { feedback, showError } from '../../shared/feedback';
import { RegionName, RegionTreeSelect } from '../../shared/regions';
import { useCan, useCurrentUser } from '../../shared/session';
import { formatValue, METRICS, type Target, unitOf } from './api';
import { useMoneyUnits } from './CockpitPage';

interface TargetForm {
  regionCode: string;
  year: number;
  metric: string;
  value: string;
  source?: string;
}

/** 目标: targets per region, year and indicator; target:edit sets one (PUT /targets). */
export default function TargetsPage() {
  const { t } = useTranslation();
  const units = useMoneyUnits();
  const me = useCurrentUser();
  const can = useCan();
  const qc = useQueryClient();
  const [year, setYear] = useState<number | null>(null);
  const [form] = Form.useForm<TargetForm>();
  const q = useQuery({
    queryKey: ['targets', year ?? ''],
    queryFn: ({ signal }) => api.get<{ items: Target[] }>('/targets', { year }, { signal }),
  });
  const save = useMutation({
    mutationFn: (v: TargetForm) =>
      api.put<Target>('/targets', {
        regionCode: v.regionCode,
        year: v.year,
        metric: v.metric,
        value: String(v.value).trim(),
        source: v.source?.trim() || null,
      }),
    onSuccess: () => {
      feedback.message.success(t('ck.targets.saved'));
      qc.invalidateQueries({ queryKey: ['targets'] });
      qc.invalidateQueries({ queryKey: ['cockpit'] });
    },
    onError: (e) => showError(e, form),
  });
  const metricLabel = (m: string) => t(`ck.metric.${m}` as 'ck.metric.industrial_output', { defaultValue: m });
  const thisYear = dayjs().year();
  const yearOptions = [thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }));
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Select<number | null>
          value={year}
          onChange={setYear}
          style={{ width: 160 }}
          aria-label={t('ck.targets.year')}
          options={[{ value: null, label: t('ck.targets.allYears') }, ...yearOptions]}
        />
      </Card>
      <Card size="small">
        <Table<Target>
          size="small"
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('ck.targets.empty') }}
          columns={[
            {
              title: t('ck.targets.region'),
              key: 'region',
              render: (_v, r) => <RegionName code={r.regionCode} fallback={r.regionCode} />,
            },
            { title: t('ck.targets.year'), dataIndex: 'year' },
            { title: t('ck.targets.metric'), key: 'metric', render: (_v, r) => metricLabel(r.metric) },
            {
              title: t('ck.targets.value'),
              key: 'value',
              align: 'right',
              render: (_v, r) => formatValue(r.value, unitOf(r.metric), units),
            },
            { title: t('ck.targets.source'), dataIndex: 'source', render: (v: string | null) => v ?? '—' },
            ...(can('target:edit')
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_v: unknown, r: Target) => (
                      <Button
                        type="link"
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() =>
                          form.setFieldsValue({
                            regionCode: r.regionCode,
                            year: r.year,
                            metric: r.metric,
                            value: r.value.replace(/\.?0+$/, ''),
                            source: r.source ?? undefined,
                          })
                        }
                      >
                        {t('ck.targets.fill')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Can perm="target:edit">
        <Card size="small" title={t('ck.targets.form')}>
          <Form<TargetForm>
            form={form}
            layout="vertical"
            initialValues={{ regionCode: me.regionCode ?? undefined, year: thisYear, metric: METRICS[0].metric }}
            onFinish={(v) => save.mutate(v)}
            style={{ maxWidth: 560 }}
          >
            <Form.Item
              name="regionCode"
              label={t('ck.targets.region')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <RegionTreeSelect home={[me.regionCode]} />
            </Form.Item>
            <Form.Item
              name="year"
              label={t('ck.targets.year')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="metric"
              label={t('ck.targets.metric')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select options={METRICS.map((m) => ({ value: m.metric, label: metricLabel(m.metric) }))} />
            </Form.Item>
            <Form.Item
              name="value"
              label={t('ck.targets.value')}
              extra={t('ck.targets.valueHint')}
              rules={[
                { required: true, message: t('form.required') },
                { pattern: /^\d{1,16}(\.\d{1,4})?$/, message: t('ck.targets.valueInvalid') },
              ]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="source" label={t('ck.targets.source')} rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      </Can>
    </Flex>
  );
}
