import { HONOUR_LEVELS, honourCreate } from '@beizeng/contract';
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { useDictOptions } from '../../shared/dicts';
import { EnterpriseSelect } from '../../shared/EnterpriseSelect';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback } from '../../shared/feedback';
import { handleSaveError } from '../../shared/stale';
import { zodRule } from '../../shared/zodRule';
import type { HonourRow } from '../enterprises/api';

interface Values {
  enterpriseId?: number;
  title: string;
  level: HonourRow['level'];
  year: number;
  awardedOn?: Dayjs | null;
  expiresOn?: Dayjs | null;
  certificateNo?: string | null;
}

const valuesOf = (h: HonourRow): Values => ({
  enterpriseId: h.enterpriseId,
  title: h.title,
  level: h.level,
  year: h.year,
  awardedOn: h.awardedOn ? dayjs(h.awardedOn) : null,
  expiresOn: h.expiresOn ? dayjs(h.expiresOn) : null,
  certificateNo: h.certificateNo,
});

export function HonourDrawer({
  honour,
  onClose,
  onSaved,
}: {
  honour: HonourRow | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<HonourRow | null>(honour);
  const [saving, setSaving] = useState(false);
  const titleOptions = useDictOptions('honour_level');
  const labels: Record<string, string> = {
    title: t('ent.honours.title'),
    level: t('ent.honours.level'),
    year: t('ent.honours.year'),
    awardedOn: t('ent.honours.awardedOn'),
    expiresOn: t('ent.honours.expiresOn'),
    certificateNo: t('ent.honours.certificateNo'),
  };
  const reload = async () => {
    if (!record) return;
    const page = await api.get<{ items: HonourRow[] }>('/honours', {
      enterpriseId: record.enterpriseId,
      pageSize: 100,
    });
    const fresh = page.items.find((h) => h.id === record.id);
    if (fresh) {
      setRecord(fresh);
      form.setFieldsValue(valuesOf(fresh));
    }
  };
  const submit = async (v: Values) => {
    setSaving(true);
    const body = {
      title: v.title,
      level: v.level,
      year: v.year,
      awardedOn: v.awardedOn ? v.awardedOn.format('YYYY-MM-DD') : null,
      expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null,
      certificateNo: v.certificateNo?.trim() ? v.certificateNo.trim() : null,
    };
    try {
      if (record) await api.put(`/honours/${record.id}`, { ...body, version: record.version });
      else await api.post('/honours', { ...body, enterpriseId: v.enterpriseId });
      feedback.message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      handleSaveError(e, { form, original: record as any, labels, reload });
    } finally {
      setSaving(false);
    }
  };
  return (
    <FormDrawer<Values>
      open
      title={record ? t('ent.honours.editTitle', { name: record.enterpriseName }) : t('ent.honours.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      initialValues={record ? valuesOf(record) : { year: dayjs().year(), level: 'provincial' }}
    >
      <Form.Item
        name="enterpriseId"
        label={t('ent.pool.enterprise')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <EnterpriseSelect disabled={!!record} valueLabel={record?.enterpriseName} />
      </Form.Item>
      <Form.Item name="title" label={labels.title} rules={[{ required: true, message: t('form.required') }]}>
        <Select options={titleOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="level" label={labels.level} rules={[{ required: true, message: t('form.required') }]}>
        <Select options={HONOUR_LEVELS.map((l) => ({ value: l, label: t(`ent.honours.levels.${l}`) }))} />
      </Form.Item>
      <Form.Item
        name="year"
        label={labels.year}
        rules={[{ required: true, message: t('form.required') }, zodRule(honourCreate.shape.year)]}
      >
        <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="awardedOn" label={labels.awardedOn}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="expiresOn"
        label={labels.expiresOn}
        extra={t('ent.honours.expiresHint')}
        dependencies={['awardedOn']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_r, v: Dayjs | null) => {
              const a = getFieldValue('awardedOn') as Dayjs | null;
              if (v && a && v.isBefore(a, 'day')) throw new Error(t('ent.honours.expiresBeforeAwarded'));
            },
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="certificateNo" label={labels.certificateNo}>
        <Input maxLength={100} />
      </Form.Item>
    </FormDrawer>
  );
}
