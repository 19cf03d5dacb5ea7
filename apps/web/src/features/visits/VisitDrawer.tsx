import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { visitCreate } from '@beizeng/contract';
import { Button, Card, Checkbox, DatePicker, Flex, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import { useDictOptions } from '../../shared/dicts';
import { EnterpriseSelect } from '../../shared/EnterpriseSelect';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback, showError } from '../../shared/feedback';
import { useCan } from '../../shared/session';
import { useIsMobile } from '../../shared/useIsMobile';
import { zodRule } from '../../shared/zodRule';
import type { Visit } from './api';

interface Values {
  enterpriseId: number;
  visitedOn: Dayjs;
  mode: string;
  people?: string;
  content: string;
  needs?: { text: string; category: string; createTicket?: boolean }[];
}

/** 登记走访: a phone-first form; needs found may become tickets; a recent visit must be acknowledged (无事不扰). */
export function VisitDrawer({ onClose, onSaved }: { onClose: () => void; onSaved: (v: Visit) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const modes = useDictOptions('visit_mode');
  const categories = useDictOptions('ticket_category');
  const canTicket = can('ticket:edit');

  const send = async (v: Values, acknowledgeRecent: boolean) => {
    setSaving(true);
    try {
      const r = await api.post<Visit>('/visits', {
        enterpriseId: v.enterpriseId,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        mode: v.mode,
        people: v.people?.trim() || null,
        content: v.content.trim(),
        needs: (v.needs ?? []).map((n) => ({
          text: n.text.trim(),
          category: n.category,
          createTicket: canTicket && !!n.createTicket,
        })),
        acknowledgeRecent,
      });
      feedback.message.success(t('svc.visits.created'));
      onSaved(r);
    } catch (e) {
      if (isApiError(e) && e.status === 409 && e.details?.recentVisit) {
        feedback.modal.confirm({
          title: t('svc.visits.recentTitle'),
          content: e.message,
          okText: t('svc.visits.ackRecent'),
          cancelText: t('common.cancel'),
          onOk: () => send(v, true),
        });
      } else showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer<Values>
      open
      title={t('svc.visits.create')}
      form={form}
      onClose={onClose}
      onSubmit={(v) => send(v, false)}
      saving={saving}
      width={640}
      initialValues={{ visitedOn: dayjs(), mode: 'on_site', needs: [] }}
    >
      <Form.Item
        name="enterpriseId"
        label={t('svc.visits.enterprise')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <EnterpriseSelect />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="visitedOn"
          label={t('svc.visits.visitedOn')}
          rules={[{ required: true, message: t('form.required') }]}
          style={{ flex: '1 1 160px' }}
        >
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly={isMobile}
            disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          />
        </Form.Item>
        <Form.Item
          name="mode"
          label={t('svc.visits.mode')}
          rules={[{ required: true, message: t('form.required') }]}
          style={{ flex: '1 1 160px' }}
        >
          <Select options={modes} />
        </Form.Item>
      </Flex>
      <Form.Item name="people" label={t('svc.visits.people')} rules={[{ max: 500 }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('svc.visits.content')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }, zodRule(visitCreate.shape.content)]}
      >
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Typography.Text strong>{t('svc.visits.needs')}</Typography.Text>
      <Form.List name="needs">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8} style={{ marginTop: 8 }}>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={`${t('svc.visits.needs')} ${i + 1}`}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('svc.visits.removeNeed')}
                    onClick={() => remove(f.name)}
                  />
                }
              >
                <Form.Item
                  name={[f.name, 'text']}
                  label={t('svc.visits.needText')}
                  rules={[
                    { required: true, whitespace: true, message: t('form.required') },
                    { min: 2, max: 1000 },
                  ]}
                >
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
                <Flex gap={12} wrap align="center">
                  <Form.Item
                    name={[f.name, 'category']}
                    label={t('svc.visits.needCategory')}
                    rules={[{ required: true, message: t('form.required') }]}
                    style={{ flex: '1 1 160px', marginBottom: 8 }}
                  >
                    <Select options={categories} />
                  </Form.Item>
                  {canTicket && (
                    <Form.Item name={[f.name, 'createTicket']} valuePropName="checked" style={{ marginBottom: 8 }}>
                      <Checkbox>{t('svc.visits.createTicket')}</Checkbox>
                    </Form.Item>
                  )}
                </Flex>
              </Card>
            ))}
            {fields.length < 20 && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ text: '', category: undefined, createTicket: false })}
                block
              >
                {t('svc.visits.addNeed')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </FormDrawer>
  );
}
