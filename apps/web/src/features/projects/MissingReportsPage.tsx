import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Form, Input, Result, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { type MissingReport, PROJECTS_KEY } from './api';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$|^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** Projects without a 调度 report for the period (the list of projects; nobody is ranked). */
export default function MissingReportsPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const raw = sp.get('period') ?? '';
  const period = PERIOD.test(raw) ? raw : undefined;
  const [form] = Form.useForm<{ period?: string }>();
  const q = useQuery({
    queryKey: [PROJECTS_KEY, 'missing', period ?? ''],
    queryFn: ({ signal }) => api.get<{ items: MissingReport[] }>('/projects/reports/missing', { period }, { signal }),
  });
  const apply = (v: { period?: string }) => {
    const next = new URLSearchParams(sp);
    if (v.period?.trim()) next.set('period', v.period.trim());
    else next.delete('period');
    setSp(next);
  };
  if (q.isError)
    return (
      <Result
        status="warning"
        title={t('pageTable.loadFailed')}
        subTitle={(q.error as Error).message}
        extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  const items = q.data?.items ?? [];
  return (
    <Flex vertical gap={12}>
      <Card size="small" styles={{ body: { paddingBottom: 0 } }}>
        <Form form={form} layout="inline" initialValues={{ period }} onFinish={apply}>
          <Form.Item
            name="period"
            label={t('prj.missing.period')}
            extra={t('prj.missing.periodHint')}
            rules={[{ pattern: PERIOD, message: t('prj.missing.periodHint') }]}
            style={{ marginBottom: 12 }}
          >
            <Input allowClear className="bz-mono" maxLength={8} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 12 }}>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ period: undefined });
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        {items.length > 0 && (
          <Typography.Paragraph type="secondary">
            {t('prj.missing.count', { count: items.length })}
          </Typography.Paragraph>
        )}
        <Table<MissingReport>
          size="middle"
          rowKey={(r) => `${r.projectId}:${r.period}`}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={items}
          locale={{
            emptyText: q.isLoading ? (
              ' '
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('prj.missing.none')} />
            ),
          }}
          columns={[
            {
              title: t('prj.fields.name'),
              dataIndex: 'name',
              render: (v: string, r) => <Link to={`/projects/${r.projectId}`}>{v}</Link>,
            },
            {
              title: t('prj.missing.period'),
              dataIndex: 'period',
              render: (v: string) => <span className="bz-mono">{v}</span>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_v, r) => <Link to={`/projects/${r.projectId}?tab=reports`}>{t('prj.missing.report')}</Link>,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
