import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, Popconfirm, Select, Space, type TableColumnsType, Tabs, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { DictTag, useDictOptions } from '../../shared/dicts';
import { feedback, showError } from '../../shared/feedback';
import { formatDate } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { useCan } from '../../shared/session';
import { ENTERPRISES_KEY, HONOURS_KEY, type HonourRow } from '../enterprises/api';
import { ExpiryCell } from '../enterprises/HonoursTab';
import { HonourDrawer } from './HonourDrawer';
import { PoolsTab } from './PoolsTab';

function HonoursList() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const titleOptions = useDictOptions('honour_level');
  const [drawer, setDrawer] = useState<{ honour: HonourRow | null } | null>(null);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: [HONOURS_KEY] });
    qc.invalidateQueries({ queryKey: [ENTERPRISES_KEY] });
  };
  const remove = async (h: HonourRow) => {
    try {
      await api.del(`/honours/${h.id}`);
      feedback.message.success(t('common.deleted'));
    } catch (e) {
      showError(e);
    }
    refresh();
  };
  const filters: FilterField[] = [
    { name: 'q', label: t('ent.honours.q'), input: <Input allowClear placeholder={t('ent.honours.qHint')} /> },
    {
      name: 'title',
      label: t('ent.honours.title'),
      input: <Select allowClear options={titleOptions} placeholder={t('common.all')} />,
    },
    {
      name: 'expiring',
      label: t('ent.honours.expiringFilter'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[{ value: 'true', label: t('ent.honours.expiringOnly') }]}
        />
      ),
    },
  ];
  const columns: TableColumnsType<HonourRow> = [
    {
      title: t('ent.fields.name'),
      dataIndex: 'enterpriseName',
      render: (v: string, h) => (
        <Space size={4}>
          {(h.expiringSoon || h.expired) && (
            <Tooltip title={h.expired ? t('ent.honours.expired') : t('ent.honours.expiringSoon')}>
              <WarningOutlined style={{ color: h.expired ? '#cf1322' : '#d46b08' }} />
            </Tooltip>
          )}
          <Link to={`/enterprises/${h.enterpriseId}?tab=honours`}>{v}</Link>
        </Space>
      ),
    },
    {
      title: t('ent.honours.title'),
      dataIndex: 'title',
      render: (v: string) => <DictTag type="honour_level" value={v} />,
    },
    {
      title: t('ent.honours.level'),
      dataIndex: 'level',
      render: (v: HonourRow['level']) => t(`ent.honours.levels.${v}`),
    },
    { title: t('ent.honours.year'), dataIndex: 'year' },
    { title: t('ent.honours.awardedOn'), dataIndex: 'awardedOn', render: (v: string | null) => formatDate(v) },
    { title: t('ent.honours.expiresOn'), key: 'expiresOn', render: (_v, h) => <ExpiryCell h={h} /> },
    { title: t('ent.honours.certificateNo'), dataIndex: 'certificateNo', render: (v: string | null) => v ?? '—' },
    ...(can('honour:edit')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            render: (_v: unknown, h: HonourRow) => (
              <Space size={0} wrap={false}>
                <Button type="link" size="small" onClick={() => setDrawer({ honour: h })}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('ent.honours.confirmDelete', { name: h.enterpriseName })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(h)}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageTable<HonourRow>
        queryKey={HONOURS_KEY}
        path="/honours"
        rowKey="id"
        columns={columns}
        filters={filters}
        emptyHint={can('honour:edit') ? t('ent.honours.emptyHint') : t('ent.honours.emptyHintReadOnly')}
        emptyAction={
          <Can perm="honour:edit">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ honour: null })}>
              {t('common.create')}
            </Button>
          </Can>
        }
        toolbar={() => (
          <Can perm="honour:edit">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ honour: null })}>
              {t('common.create')}
            </Button>
          </Can>
        )}
      />
      {drawer && (
        <HonourDrawer
          key={drawer.honour ? `edit-${drawer.honour.id}` : 'create'}
          honour={drawer.honour}
          onClose={() => setDrawer(null)}
          onSaved={() => {
            setDrawer(null);
            refresh();
          }}
        />
      )}
    </>
  );
}

const TABS = ['list', 'pools'] as const;

export default function HonoursPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as string) : 'list';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setSp(k === 'list' ? {} : { tab: k })}
      destroyOnHidden
      items={[
        { key: 'list', label: t('ent.honours.tab'), children: <HonoursList /> },
        { key: 'pools', label: t('ent.pools.tab'), children: <PoolsTab /> },
      ]}
    />
  );
}
