import { PlusOutlined } from '@ant-design/icons';
import type { assignment } from '@beizeng/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Popconfirm, Select, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../shared/api';
import { Can } from '../../shared/Can';
import { feedback, showError } from '../../shared/feedback';
import { formatDate } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { useCan } from '../../shared/session';
import { EnterpriseFilter } from '../visits/EnterpriseFilter';
import { AssignmentDrawer, useCadreOptions } from './AssignmentDrawer';

export type Assignment = z.infer<typeof assignment>;
export const ASSIGNMENTS_KEY = 'assignments';

export default function AssignmentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const cadres = useCadreOptions(can('system:user:list'));
  const [creating, setCreating] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: [ASSIGNMENTS_KEY] });

  const end = async (a: Assignment) => {
    try {
      await api.post(`/assignments/${a.id}/end`);
      feedback.message.success(t('svc.assignments.ended'));
    } catch (e) {
      showError(e);
    }
    refresh();
  };

  const filters: FilterField[] = [
    {
      name: 'enterpriseId',
      label: t('svc.assignments.enterprise'),
      input: <EnterpriseFilter placeholder={t('common.all')} />,
    },
    {
      name: 'current',
      label: t('svc.assignments.current'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[
            { value: 'true', label: t('svc.assignments.currentOnly') },
            { value: 'false', label: t('svc.assignments.history') },
          ]}
        />
      ),
    },
    ...(cadres.options.length
      ? [
          {
            name: 'cadreId',
            label: t('svc.assignments.cadre'),
            input: (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                options={cadres.options.map((o) => ({ value: String(o.value), label: o.label }))}
              />
            ),
          },
        ]
      : []),
  ];

  const columns: TableColumnsType<Assignment> = [
    { title: t('svc.assignments.enterprise'), dataIndex: 'enterpriseName' },
    { title: t('svc.assignments.cadre'), dataIndex: 'cadreName' },
    {
      title: t('svc.assignments.primary'),
      dataIndex: 'primary',
      render: (v: boolean) =>
        v ? <Tag color="blue">{t('svc.assignments.primaryYes')}</Tag> : <Tag>{t('svc.assignments.primaryNo')}</Tag>,
    },
    { title: t('svc.assignments.startedOn'), dataIndex: 'startedOn', render: (v: string) => formatDate(v) },
    {
      title: t('svc.assignments.endedOn'),
      dataIndex: 'endedOn',
      render: (v: string | null) => (v ? formatDate(v) : <Tag color="green">{t('svc.assignments.currentOnly')}</Tag>),
    },
    { title: t('svc.assignments.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    ...(can('assignment:edit')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            render: (_v: unknown, a: Assignment) =>
              a.endedOn ? null : (
                <Popconfirm
                  title={t('svc.assignments.confirmEnd', { cadre: a.cadreName, enterprise: a.enterpriseName })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => end(a)}
                >
                  <Button type="link" size="small" danger>
                    {t('svc.assignments.end')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  const createButton = (
    <Can perm="assignment:edit">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {t('svc.assignments.create')}
      </Button>
    </Can>
  );

  return (
    <>
      <PageTable<Assignment>
        queryKey={ASSIGNMENTS_KEY}
        path="/assignments"
        rowKey="id"
        columns={columns}
        filters={filters}
        emptyHint={can('assignment:edit') ? t('svc.assignments.emptyHint') : t('svc.assignments.emptyHintReadOnly')}
        emptyAction={createButton}
        toolbar={() => createButton}
      />
      {creating && (
        <AssignmentDrawer
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            refresh();
          }}
        />
      )}
    </>
  );
}
