import { userCreate } from '@beizeng/contract';
import { Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { EnterpriseSelect } from '../../shared/EnterpriseSelect';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback } from '../../shared/feedback';
import { RegionTreeSelect } from '../../shared/regions';
import { useCan, useCurrentUser } from '../../shared/session';
import { handleSaveError } from '../../shared/stale';
import type { User } from '../../shared/types';
import { generatePassword, zodRule } from '../../shared/zodRule';
import { useDepartments } from '../departments/api';
import { useRoleOptions } from '../roles/api';

interface Values {
  username?: string;
  displayName: string;
  phone?: string | null;
  email?: string | null;
  regionCode: string;
  departmentId?: number | null;
  enterpriseId?: number | null;
  roles: string[];
  password?: string;
}

const valuesOf = (u: User): Values => ({
  displayName: u.displayName,
  phone: u.phone,
  email: u.email,
  regionCode: u.regionCode ?? '',
  departmentId: u.departmentId,
  enterpriseId: u.enterpriseId,
  roles: u.roles,
});

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

export function UserDrawer({
  user,
  onClose,
  onSaved,
}: {
  user: User | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<User | null>(user);
  const [saving, setSaving] = useState(false);
  const roleOptions = useRoleOptions(can('system:role:list'));
  const departments = useDepartments(can('system:dept:list'));
  const isEdit = !!user;
  // the masked phone must not be sent back as if it were the number
  const phoneMasked = !!record?.phone && record.phone.includes('*');

  const labels: Record<string, string> = {
    displayName: t('users.fields.displayName'),
    phone: t('users.fields.phone'),
    email: t('users.fields.email'),
    regionCode: t('users.fields.region'),
    departmentId: t('users.fields.department'),
    enterpriseId: t('users.fields.enterprise'),
    roles: t('users.fields.roles'),
    status: t('users.fields.status'),
  };

  const reload = async () => {
    if (!record) return;
    const fresh = await api.get<User>(`/users/${record.id}`);
    setRecord(fresh);
    form.setFieldsValue(valuesOf(fresh));
  };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const common = {
        displayName: v.displayName.trim(),
        email: blankToNull(v.email),
        regionCode: v.regionCode,
        departmentId: v.departmentId ?? null,
        enterpriseId: v.enterpriseId ?? null,
        roles: v.roles,
      };
      if (record) {
        const phone = blankToNull(v.phone);
        const body: Record<string, unknown> = { ...common, version: record.version };
        if (!(phoneMasked && phone === record.phone)) body.phone = phone;
        await api.put<User>(`/users/${record.id}`, body);
        feedback.message.success(t('common.saved'));
      } else {
        await api.post<User>('/users', {
          ...common,
          username: v.username?.trim(),
          phone: blankToNull(v.phone),
          password: v.password,
        });
        feedback.message.success(t('users.created', { name: v.username }));
      }
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
      title={isEdit ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      initialValues={record ? valuesOf(record) : { regionCode: me.regionCode ?? undefined, roles: [] }}
    >
      {!isEdit && (
        <Form.Item
          name="username"
          label={t('users.fields.username')}
          extra={t('users.usernameHint')}
          rules={[{ required: true, message: t('form.required') }, zodRule(userCreate.shape.username)]}
        >
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label={t('users.fields.displayName')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('users.fields.phone')}
        extra={phoneMasked ? t('users.phoneMaskedHint') : undefined}
        rules={[
          {
            validator: async (_r, v: string | null) => {
              if (!v || (phoneMasked && v === record?.phone)) return;
              if (!userCreate.shape.phone.safeParse(v.trim()).success) throw new Error(t('users.phoneInvalid'));
            },
          },
        ]}
      >
        <Input inputMode="tel" maxLength={20} />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('users.fields.email')}
        rules={[zodRule(userCreate.shape.email, t('users.emailInvalid'))]}
      >
        <Input inputMode="email" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('users.fields.region')}
        extra={t('users.regionHint')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <RegionTreeSelect home={[me.regionCode]} valueLabel={record?.regionName} />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t('users.fields.roles')}
        rules={[{ required: true, message: t('users.rolesRequired') }]}
      >
        <Select mode="multiple" options={roleOptions} showSearch={{ optionFilterProp: 'label' }} maxCount={10} />
      </Form.Item>
      <Form.Item name="departmentId" label={t('users.fields.department')} extra={t('users.departmentHint')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={departments.isLoading}
          options={(departments.data ?? [])
            .filter((d) => d.status === 'active' || d.id === record?.departmentId)
            .map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Form.Item name="enterpriseId" label={t('users.fields.enterprise')} extra={t('users.enterpriseHint')}>
        <EnterpriseSelect valueLabel={record?.enterpriseName} />
      </Form.Item>
      {!isEdit && (
        <Form.Item label={t('users.fields.password')} required extra={t('users.passwordHint')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="password"
              noStyle
              rules={[{ required: true, message: t('form.required') }, zodRule(userCreate.shape.password)]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
            <Button
              onClick={() => {
                const pw = generatePassword();
                form.setFieldsValue({ password: pw });
                form.validateFields(['password']);
                navigator.clipboard?.writeText(pw).then(
                  () => feedback.message.info(t('users.passwordCopied')),
                  () => {},
                );
              }}
            >
              {t('users.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
      )}
    </FormDrawer>
  );
}
