import { EyeInvisibleOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, Popconfirm, Select, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { ExportButton } from '../../shared/ExportButton';
import { feedback, showError } from '../../shared/feedback';
import { formatDateTime } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { useRegionFilterOptions } from '../../shared/regions';
import { useCan, useCurrentUser } from '../../shared/session';
import type { User } from '../../shared/types';
import { useDepartments } from '../departments/api';
import { useRoleLabel, useRoleOptions } from '../roles/api';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserDrawer } from './UserDrawer';

export const USERS_KEY = 'users';

/** The masked phone, and for holders of pii:view an eye that fetches the full number (audited). */
function PhoneCell({ user }: { user: User }) {
  const { t } = useTranslation();
  const can = useCan();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user.phone) return <>—</>;
  const reveal = async () => {
    if (full) {
      setFull(null);
      return;
    }
    setBusy(true);
    try {
      const r = await api.get<{ phone: string | null }>(`/users/${user.id}/phone`);
      setFull(r.phone ?? '');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      <span className="bz-mono">{full ?? user.phone}</span>
      {can('pii:view') && (user.phone.includes('*') || full) && (
        <Tooltip title={full ? t('users.hidePhone') : t('users.viewPhone')}>
          <Button
            type="text"
            size="small"
            loading={busy}
            aria-label={full ? t('users.hidePhone') : t('users.viewPhone')}
            icon={full ? <EyeInvisibleOutlined /> : <EyeOutlined />}
            onClick={reveal}
          />
        </Tooltip>
      )}
    </Space>
  );
}

export function UserStatusTag({ user }: { user: Pick<User, 'status' | 'lockedUntil'> }) {
  const { t } = useTranslation();
  const locked = user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs());
  return (
    <Space size={4} wrap>
      {user.status === 'active' ? (
        <Tag color="green">{t('users.status.active')}</Tag>
      ) : (
        <Tag color="default">{t('users.status.disabled')}</Tag>
      )}
      {locked && (
        <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil, false) })}>
          <Tag color="orange">{t('users.locked')}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const qc = useQueryClient();
  const roleOptions = useRoleOptions(can('system:role:list'));
  const roleLabel = useRoleLabel();
  const regionOptions = useRegionFilterOptions(me.regionCode);
  const departments = useDepartments(can('system:dept:list'));
  const [drawer, setDrawer] = useState<{ mode: 'create' } | { mode: 'edit'; user: User } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const refresh = () => qc.invalidateQueries({ queryKey: [USERS_KEY] });

  const setStatus = async (u: User) => {
    const status = u.status === 'active' ? 'disabled' : 'active';
    try {
      await api.post(`/users/${u.id}/status`, { status, version: u.version });
      feedback.message.success(status === 'disabled' ? t('users.disabledOk') : t('users.enabledOk'));
    } catch (e) {
      showError(e);
    }
    refresh();
  };

  const resetTotp = async (u: User) => {
    try {
      await api.post(`/users/${u.id}/reset-totp`);
      feedback.message.success(t('users.resetTotpOk', { name: u.displayName }));
    } catch (e) {
      showError(e);
    }
    refresh();
  };

  const filters: FilterField[] = [
    { name: 'q', label: t('users.filters.q'), input: <Input allowClear placeholder={t('users.filters.qHint')} /> },
    {
      name: 'role',
      label: t('users.fields.roles'),
      input: <Select allowClear options={roleOptions} placeholder={t('common.all')} />,
    },
    {
      name: 'status',
      label: t('users.fields.status'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[
            { value: 'active', label: t('users.status.active') },
            { value: 'disabled', label: t('users.status.disabled') },
          ]}
        />
      ),
    },
    {
      name: 'regionCode',
      label: t('users.fields.region'),
      input: (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={regionOptions}
          placeholder={t('common.all')}
        />
      ),
    },
    {
      name: 'departmentId',
      label: t('users.fields.department'),
      input: (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.all')}
          options={(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
        />
      ),
    },
  ];

  const columns: TableColumnsType<User> = [
    {
      title: t('users.fields.username'),
      dataIndex: 'username',
      sorter: true,
      render: (v: string, u) => (
        <Space size={4}>
          <Typography.Text strong>{v}</Typography.Text>
          {u.isDemo && (
            <Tag color="orange" variant="outlined" style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
              {t('common.demo')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('users.fields.displayName'), dataIndex: 'displayName', sorter: true },
    { title: t('users.fields.phone'), key: 'phone', render: (_v, u) => <PhoneCell user={u} /> },
    {
      title: t('users.fields.roles'),
      dataIndex: 'roles',
      render: (roles: string[]) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r} color="blue">
              {roleLabel(r)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('users.fields.region'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
    {
      title: t('users.fields.unit'),
      key: 'unit',
      render: (_v, u) => u.departmentName ?? u.enterpriseName ?? '—',
    },
    { title: t('users.fields.status'), key: 'status', render: (_v, u) => <UserStatusTag user={u} /> },
    {
      title: t('users.totp'),
      dataIndex: 'totpEnabled',
      render: (v: boolean) =>
        v ? (
          <Tag color="green">{t('users.totpOn')}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('users.totpOff')}</Typography.Text>
        ),
    },
    {
      title: t('users.fields.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      sorter: true,
      render: (v: string | null) => (v ? formatDateTime(v, false) : t('users.neverLoggedIn')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_v, u) => (
        <Space size={0} wrap={false}>
          <Can perm="system:user:edit">
            <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', user: u })}>
              {t('common.edit')}
            </Button>
          </Can>
          <Can perm="system:user:reset">
            <Button type="link" size="small" onClick={() => setResetting(u)}>
              {t('users.resetPassword')}
            </Button>
            {u.totpEnabled && (
              <Popconfirm
                title={t('users.resetTotpConfirm', { name: u.displayName })}
                description={<div style={{ maxWidth: 320 }}>{t('users.resetTotpBody')}</div>}
                okButtonProps={{ danger: true }}
                onConfirm={() => resetTotp(u)}
              >
                <Button type="link" size="small" danger>
                  {t('users.resetTotp')}
                </Button>
              </Popconfirm>
            )}
          </Can>
          <Can perm="system:user:edit">
            {u.id === me.id ? null : (
              <Popconfirm
                title={
                  u.status === 'active'
                    ? t('users.confirmDisable', { name: u.displayName })
                    : t('users.confirmEnable', { name: u.displayName })
                }
                description={u.status === 'active' ? t('users.confirmDisableBody') : undefined}
                okButtonProps={{ danger: u.status === 'active' }}
                onConfirm={() => setStatus(u)}
              >
                <Button type="link" size="small" danger={u.status === 'active'}>
                  {u.status === 'active' ? t('users.disable') : t('users.enable')}
                </Button>
              </Popconfirm>
            )}
          </Can>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTable<User>
        queryKey={USERS_KEY}
        path="/users"
        rowKey="id"
        columns={columns}
        filters={filters}
        emptyHint={can('system:user:edit') ? t('users.emptyHint') : t('users.emptyHintReadOnly')}
        emptyAction={
          <Can perm="system:user:edit">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
              {t('common.create')}
            </Button>
          </Can>
        }
        toolbar={(f) => (
          <>
            <Can perm="system:user:edit">
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
                {t('common.create')}
              </Button>
            </Can>
            <ExportButton path="/users/export" query={f} fileName={t('users.exportName')} />
          </>
        )}
      />
      {drawer && (
        <UserDrawer
          key={drawer.mode === 'edit' ? `edit-${drawer.user.id}` : 'create'}
          user={drawer.mode === 'edit' ? drawer.user : null}
          onClose={() => setDrawer(null)}
          onSaved={() => {
            setDrawer(null);
            refresh();
          }}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}
