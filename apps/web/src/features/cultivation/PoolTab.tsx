import { PlusOutlined } from '@ant-design/icons';
import { poolEntryCreate } from '@beizeng/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { DictTag, useDictOptions } from '../../shared/dicts';
import { EnterpriseSelect } from '../../shared/EnterpriseSelect';
import { feedback, showError } from '../../shared/feedback';
import { useCan } from '../../shared/session';
import { handleSaveError } from '../../shared/stale';
import { unfixOnMobile, useIsMobile } from '../../shared/useIsMobile';
import { zodRule } from '../../shared/zodRule';
import { CULTIVATION_KEY, ENTERPRISES_KEY, type PoolEntry, useCadreOptions } from '../enterprises/api';

const STATUS_COLOR = { cultivating: 'blue', entered: 'green', dropped: 'default' } as const;

interface PoolValues {
  enterpriseId?: number;
  targetRegister: string;
  cadreId?: number | null;
  targetYear: number;
  status?: PoolEntry['status'];
  note?: string | null;
}

/** Add an enterprise to the 培育库, or change an entry (cadre, target, status). */
export function PoolEntryModal({
  entry,
  preset,
  onClose,
}: {
  entry: PoolEntry | null;
  preset?: { enterpriseId: number; enterpriseName: string; targetRegister: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [form] = Form.useForm<PoolValues>();
  const [saving, setSaving] = useState(false);
  const statOptions = useDictOptions('stat_category');
  const cadres = useCadreOptions(can('system:user:list')).map((o) => ({ value: Number(o.value), label: o.label }));
  if (entry?.cadreId && entry.cadreName && !cadres.some((c) => c.value === entry.cadreId))
    cadres.unshift({ value: entry.cadreId, label: entry.cadreName });
  const refresh = () => qc.invalidateQueries({ queryKey: [CULTIVATION_KEY] });
  const submit = async (v: PoolValues) => {
    setSaving(true);
    try {
      const common = {
        targetRegister: v.targetRegister,
        targetYear: v.targetYear,
        note: v.note?.trim() ? v.note.trim() : null,
        ...(v.cadreId !== undefined ? { cadreId: v.cadreId ?? null } : {}),
      };
      if (entry)
        await api.put(`/cultivation/pool/${entry.id}`, { ...common, status: v.status, version: entry.version });
      else await api.post('/cultivation/pool', { ...common, enterpriseId: v.enterpriseId });
      feedback.message.success(t('common.saved'));
      refresh();
      qc.invalidateQueries({ queryKey: [ENTERPRISES_KEY] });
      onClose();
    } catch (e) {
      handleSaveError(e, { form, reload: () => refresh().then(onClose) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={entry ? t('ent.pool.editTitle', { name: entry.enterpriseName }) : t('ent.pool.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<PoolValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          entry
            ? {
                targetRegister: entry.targetRegister,
                cadreId: entry.cadreId,
                targetYear: entry.targetYear,
                status: entry.status,
                note: entry.note,
              }
            : {
                enterpriseId: preset?.enterpriseId,
                targetRegister: preset?.targetRegister,
                targetYear: dayjs().year() + 1,
              }
        }
      >
        {!entry && (
          <Form.Item
            name="enterpriseId"
            label={t('ent.pool.enterprise')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <EnterpriseSelect valueLabel={preset?.enterpriseName} />
          </Form.Item>
        )}
        <Form.Item
          name="targetRegister"
          label={t('ent.fields.targetRegister')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={statOptions} />
        </Form.Item>
        {(can('system:user:list') || entry?.cadreId) && (
          <Form.Item name="cadreId" label={t('ent.pool.cadre')} extra={t('ent.pool.cadreHint')}>
            <Select allowClear options={cadres} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        )}
        <Form.Item
          name="targetYear"
          label={t('ent.pool.targetYear')}
          rules={[{ required: true, message: t('form.required') }, zodRule(poolEntryCreate.shape.targetYear)]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        {entry && (
          <Form.Item name="status" label={t('ent.pool.status')}>
            <Select
              options={(['cultivating', 'entered', 'dropped'] as const).map((s) => ({
                value: s,
                label: t(`ent.pool.statuses.${s}`),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('ent.fields.note')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PoolTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [editing, setEditing] = useState<{ entry: PoolEntry | null } | null>(null);
  const q = useQuery({
    queryKey: [CULTIVATION_KEY, 'pool'],
    queryFn: ({ signal }) => api.get<{ items: PoolEntry[] }>('/cultivation/pool', undefined, { signal }),
  });
  const remove = async (p: PoolEntry) => {
    try {
      await api.del(`/cultivation/pool/${p.id}`);
      feedback.message.success(t('common.deleted'));
    } catch (e) {
      showError(e);
    }
    qc.invalidateQueries({ queryKey: [CULTIVATION_KEY] });
  };
  const items = q.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('ent.pool.title')}
      extra={
        <Can perm="cultivation:edit">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ entry: null })}>
            {t('ent.pool.add')}
          </Button>
        </Can>
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<PoolEntry>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ent.pool.empty')} />,
        }}
        columns={unfixOnMobile(
          [
            {
              title: t('ent.fields.name'),
              dataIndex: 'enterpriseName',
              render: (v: string, p) => <Link to={`/enterprises/${p.enterpriseId}`}>{v}</Link>,
            },
            {
              title: t('ent.fields.targetRegister'),
              dataIndex: 'targetRegister',
              render: (v: string) => <DictTag type="stat_category" value={v} />,
            },
            { title: t('ent.pool.cadre'), dataIndex: 'cadreName', render: (v: string | null) => v ?? '—' },
            { title: t('ent.pool.targetYear'), dataIndex: 'targetYear' },
            {
              title: t('ent.pool.status'),
              dataIndex: 'status',
              render: (v: PoolEntry['status']) => <Tag color={STATUS_COLOR[v]}>{t(`ent.pool.statuses.${v}`)}</Tag>,
            },
            { title: t('ent.fields.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right' as const,
              render: (_v: unknown, p: PoolEntry) => (
                <Can perm="cultivation:edit" fallback="—">
                  <Space size={0} wrap={false}>
                    <Button type="link" size="small" onClick={() => setEditing({ entry: p })}>
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('ent.pool.confirmRemove', { name: p.enterpriseName })}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(p)}
                    >
                      <Button type="link" size="small" danger>
                        {t('ent.pool.remove')}
                      </Button>
                    </Popconfirm>
                  </Space>
                </Can>
              ),
            },
          ],
          isMobile,
        )}
      />
      {editing && <PoolEntryModal entry={editing.entry} onClose={() => setEditing(null)} />}
    </Card>
  );
}
