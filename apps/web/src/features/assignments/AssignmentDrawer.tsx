import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../shared/api';
import { EnterpriseSelect } from '../../shared/EnterpriseSelect';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback, showError } from '../../shared/feedback';
import { useCan } from '../../shared/session';
import type { User } from '../../shared/types';
import { useIsMobile } from '../../shared/useIsMobile';

interface Values {
  enterpriseId: number;
  cadreId: number;
  primary: boolean;
  startedOn: Dayjs;
  note?: string;
}

/** Cadres to pair with (GET /users?role=cadre; needs system:user:list on the server). */
export function useCadreOptions(enabled = true) {
  const q = useQuery({
    queryKey: ['users', 'cadres'],
    queryFn: () => api.get<Page<User>>('/users', { role: 'cadre', status: 'active', pageSize: 200 }),
    enabled,
    staleTime: 60_000,
    meta: { silent: true },
    retry: false,
  });
  return {
    options: (q.data?.items ?? []).map((u) => ({
      value: u.id,
      label: u.regionName ? `${u.displayName}（${u.regionName}）` : u.displayName,
    })),
    isLoading: q.isLoading,
    failed: q.isError || !enabled,
  };
}

/** 安排/移交: a new primary cadre takes over from the previous one (the server ends the old pairing). */
export function AssignmentDrawer({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const cadres = useCadreOptions(can('system:user:list'));

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api.post('/assignments', {
        enterpriseId: v.enterpriseId,
        cadreId: v.cadreId,
        primary: !!v.primary,
        startedOn: v.startedOn?.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
      });
      feedback.message.success(t('svc.assignments.created'));
      onSaved();
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer<Values>
      open
      title={t('svc.assignments.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      initialValues={{ primary: true, startedOn: dayjs() }}
    >
      {cadres.failed && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('svc.assignments.cadreLoadFailed')} />
      )}
      <Form.Item
        name="enterpriseId"
        label={t('svc.assignments.enterprise')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <EnterpriseSelect />
      </Form.Item>
      <Form.Item
        name="cadreId"
        label={t('svc.assignments.cadre')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select showSearch={{ optionFilterProp: 'label' }} loading={cadres.isLoading} options={cadres.options} />
      </Form.Item>
      <Form.Item name="primary" valuePropName="checked" extra={t('svc.assignments.primaryHint')}>
        <Checkbox>{t('svc.assignments.primary')}</Checkbox>
      </Form.Item>
      <Form.Item name="startedOn" label={t('svc.assignments.startedOn')}>
        <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} />
      </Form.Item>
      <Form.Item name="note" label={t('svc.assignments.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormDrawer>
  );
}
