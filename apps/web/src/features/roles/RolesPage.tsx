import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { DATA_SCOPES, type DataScope, roleCreate } from '@beizeng/contract';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { FormDrawer } from '../../shared/FormDrawer';
import { feedback, showError } from '../../shared/feedback';
import { useCan } from '../../shared/session';
import { handleSaveError } from '../../shared/stale';
import type { Role } from '../../shared/types';
import { unfixOnMobile, useIsMobile } from '../../shared/useIsMobile';
import { zodRule } from '../../shared/zodRule';
import { ROLES_KEY, useRoles } from './api';
import { PermissionTree } from './PermissionTree';

interface Values {
  code?: string;
  name: string;
  nameEn: string;
  dataScope: DataScope;
  permissions: string[];
  requireTotp: boolean;
}

export function useScopeOptions() {
  const { t } = useTranslation();
  return DATA_SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }));
}

function RoleDrawer({ role, onClose, onSaved }: { role: Role | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState(role);
  const [saving, setSaving] = useState(false);
  const scopeOptions = useScopeOptions();
  const can = useCan();
  const readOnly = !can('system:role:edit');

  const valuesOf = (r: Role): Values => ({
    name: r.name,
    nameEn: r.nameEn,
    dataScope: r.dataScope,
    permissions: r.permissions,
    requireTotp: r.requireTotp,
  });

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const body = {
        name: v.name.trim(),
        nameEn: v.nameEn.trim(),
        dataScope: v.dataScope,
        permissions: v.permissions,
        requireTotp: Boolean(v.requireTotp),
      };
      if (record) await api.put(`/roles/${record.id}`, { ...body, version: record.version });
      else await api.post('/roles', { ...body, code: v.code?.trim() });
      feedback.message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      handleSaveError(e, {
        form,
        original: record as any,
        labels: {
          name: t('roles.fields.name'),
          nameEn: t('roles.fields.nameEn'),
          dataScope: t('roles.fields.dataScope'),
          permissions: t('roles.fields.permissions'),
          requireTotp: t('roles.fields.requireTotp'),
        },
        reload: async () => {
          const items = await api.get<{ items: Role[] }>('/roles').then((r) => r.items);
          const fresh = items.find((r) => r.id === record?.id);
          if (fresh) {
            setRecord(fresh);
            form.setFieldsValue(valuesOf(fresh));
          }
        },
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer<Values>
      open
      width={640}
      title={role ? (readOnly ? role.name : t('roles.editTitle', { name: role.name })) : t('roles.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      initialValues={record ? valuesOf(record) : { dataScope: 'self', permissions: [], requireTotp: false }}
      readOnly={readOnly}
    >
      {record?.builtin && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('roles.builtinHint')} />}
      {record ? (
        <Form.Item label={t('roles.fields.code')}>
          <Typography.Text className="bz-mono">{record.code}</Typography.Text>
        </Form.Item>
      ) : (
        <Form.Item
          name="code"
          label={t('roles.fields.code')}
          extra={t('roles.codeHint')}
          rules={[{ required: true, message: t('form.required') }, zodRule(roleCreate.shape.code)]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item
        name="name"
        label={t('roles.fields.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="nameEn"
        label={t('roles.fields.nameEn')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="dataScope"
        label={t('roles.fields.dataScope')}
        extra={t('roles.scopeHint')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select options={scopeOptions} />
      </Form.Item>
      <Form.Item
        name="requireTotp"
        label={t('roles.fields.requireTotp')}
        valuePropName="checked"
        extra={t('roles.requireTotpHint')}
      >
        <Switch data-testid="role-require-totp" />
      </Form.Item>
      <Form.Item name="permissions" label={t('roles.fields.permissions')}>
        <PermissionTree disabled={readOnly} />
      </Form.Item>
    </FormDrawer>
  );
}

export default function RolesPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const roles = useRoles();
  const isMobile = useIsMobile();
  const [drawer, setDrawer] = useState<{ role: Role | null } | null>(null);
  const en = i18n.language === 'en';
  const refresh = () => qc.invalidateQueries({ queryKey: ROLES_KEY });

  const remove = async (r: Role) => {
    try {
      await api.del(`/roles/${r.id}`);
      feedback.message.success(t('common.deleted'));
    } catch (e) {
      showError(e);
    }
    refresh();
  };

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.fields.name'),
      dataIndex: 'name',
      render: (_v, r) => (
        <Space size={4} wrap>
          <Typography.Text strong>{en ? r.nameEn || r.name : r.name}</Typography.Text>
          {r.builtin && <Tag>{t('roles.builtin')}</Tag>}
          {r.requireTotp && <Tag color="red">{t('roles.requireTotpTag')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('roles.fields.code'),
      dataIndex: 'code',
      render: (v: string) => <span className="bz-mono">{v}</span>,
    },
    {
      title: t('roles.fields.dataScope'),
      dataIndex: 'dataScope',
      render: (v: DataScope) => <Tag color="geekblue">{t(`scope.${v}`)}</Tag>,
    },
    { title: t('roles.fields.permissions'), key: 'perms', render: (_v, r) => r.permissions.length, align: 'right' },
    { title: t('roles.fields.userCount'), dataIndex: 'userCount', align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDrawer({ role: r })}>
            <Can perm="system:role:edit" fallback={t('common.view')}>
              {t('common.edit')}
            </Can>
          </Button>
          <Can perm="system:role:edit">
            {!r.builtin &&
              (r.userCount > 0 ? (
                <Tooltip title={t('roles.inUse', { n: r.userCount })}>
                  <Button type="link" size="small" danger disabled>
                    {t('common.delete')}
                  </Button>
                </Tooltip>
              ) : (
                <Popconfirm
                  title={t('roles.confirmDelete', { name: r.name })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(r)}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ))}
          </Can>
        </Space>
      ),
    },
  ];

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Can perm="system:role:edit">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ role: null })}>
              {t('common.create')}
            </Button>
          </Can>
          <Typography.Text type="secondary">{t('roles.hint')}</Typography.Text>
        </Space>
        <Tooltip title={t('common.refresh')}>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('common.refresh')}
            loading={roles.isFetching}
            onClick={() => roles.refetch()}
          />
        </Tooltip>
      </Flex>
      <Table<Role>
        rowKey="id"
        size="middle"
        columns={unfixOnMobile(columns, isMobile)}
        dataSource={roles.data ?? []}
        loading={roles.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roles.empty')} /> }}
      />
      {drawer && (
        <RoleDrawer
          key={drawer.role?.id ?? 'new'}
          role={drawer.role}
          onClose={() => setDrawer(null)}
          onSaved={() => {
            setDrawer(null);
            refresh();
          }}
        />
      )}
    </Card>
  );
}
