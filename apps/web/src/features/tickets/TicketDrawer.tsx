import { ticketCreate } from '@beizeng/contract';
import { Checkbox, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { useDictOptions } from '../../shared/dicts';
import { EnterpriseSelect } from '../../shared/EnterpriseSelect';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback, showError } from '../../shared/feedback';
import { useCurrentUser } from '../../shared/session';
import { zodRule } from '../../shared/zodRule';
import type { TicketDetail } from './api';

interface Values {
  enterpriseId: number;
  category: string;
  title: string;
  description: string;
  source?: string;
  priority: string;
  complex: boolean;
}

/** 登记诉求. An enterprise user registers for their own enterprise only (the server enforces it too). */
export function TicketDrawer({ onClose, onSaved }: { onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const categories = useDictOptions('ticket_category');
  const sources = useDictOptions('ticket_source');
  const priorities = useDictOptions('ticket_priority');
  const ownEnterprise = me.scope.kind === 'enterprise' && me.enterprise ? me.enterprise : null;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await api.post<TicketDetail>('/tickets', {
        enterpriseId: ownEnterprise ? ownEnterprise.id : v.enterpriseId,
        category: v.category,
        title: v.title.trim(),
        description: v.description.trim(),
        // an enterprise's own registration is always 企业自报
        source: ownEnterprise ? 'self_report' : v.source,
        priority: v.priority,
        complex: !!v.complex,
      });
      feedback.message.success(t('svc.registered', { code: r.code }));
      onSaved(r.id);
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer<Values>
      open
      title={t('svc.registerTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      initialValues={{
        enterpriseId: ownEnterprise?.id,
        priority: 'normal',
        complex: false,
        source: ownEnterprise ? undefined : sources[0]?.value,
      }}
    >
      <Form.Item
        name="enterpriseId"
        label={t('svc.fields.enterprise')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <EnterpriseSelect valueLabel={ownEnterprise?.name} disabled={!!ownEnterprise} allowClear={!ownEnterprise} />
      </Form.Item>
      <Form.Item
        name="category"
        label={t('svc.fields.category')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select options={categories} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('svc.fields.title')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }, zodRule(ticketCreate.shape.title)]}
      >
        <Input maxLength={100} showCount />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('svc.fields.description')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          zodRule(ticketCreate.shape.description),
        ]}
      >
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
      {!ownEnterprise && (
        <Form.Item
          name="source"
          label={t('svc.fields.source')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={sources} />
        </Form.Item>
      )}
      <Form.Item
        name="priority"
        label={t('svc.fields.priority')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select options={priorities} />
      </Form.Item>
      <Form.Item name="complex" valuePropName="checked">
        <Checkbox>{t('svc.fields.complex')}</Checkbox>
      </Form.Item>
    </FormDrawer>
  );
}
