import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { feedback, showError } from '../../shared/feedback';
import { useCan } from '../../shared/session';
import type { Settings } from '../../shared/types';

const SETTINGS_KEY = ['settings'] as const;
export const MIN_RETENTION_DAYS = 190;

export default function SettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [form] = Form.useForm<Settings>();
  const [busy, setBusy] = useState(false);
  const editable = can('system:setting:edit');
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get<Settings>('/settings') });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const submit = async (v: Settings) => {
    setBusy(true);
    try {
      const saved = await api.put<Settings>('/settings', { auditRetentionDays: v.auditRetentionDays });
      if (saved) qc.setQueryData(SETTINGS_KEY, saved);
      else qc.invalidateQueries({ queryKey: SETTINGS_KEY });
      form.resetFields();
      feedback.message.success(t('common.saved'));
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 640 }} title={t('settings.audit')}>
      {settings.isLoading ? (
        <Skeleton active />
      ) : (
        <Form<Settings>
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={!editable}
          initialValues={settings.data}
        >
          <Form.Item
            name="auditRetentionDays"
            label={t('settings.retention')}
            extra={t('settings.retentionHint', { min: MIN_RETENTION_DAYS })}
            rules={[
              { required: true, message: t('form.required') },
              {
                type: 'number',
                min: MIN_RETENTION_DAYS,
                max: 3650,
                message: t('settings.retentionRange', { min: MIN_RETENTION_DAYS, max: 3650 }),
              },
            ]}
          >
            <InputNumber precision={0} min={1} max={3650} suffix={t('settings.days')} style={{ width: 200 }} />
          </Form.Item>
          {!editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('settings.readOnly')} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!editable}>
              {t('common.save')}
            </Button>
            <Typography.Text type="secondary">{t('settings.lawNote')}</Typography.Text>
          </Space>
        </Form>
      )}
    </Card>
  );
}
