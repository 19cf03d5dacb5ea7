import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DictTag, useDictOptions } from '../../shared/dicts';
import { formatDate } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { useCan, useCurrentUser } from '../../shared/session';
import { stateLabel, TICKET_STATES, TICKETS_KEY, type TicketSummary } from './api';
import { CardBadge, RatingTag, StateTag, SupervisedIcon } from './parts';
import { TicketDrawer } from './TicketDrawer';

export default function TicketsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const categories = useDictOptions('ticket_category');
  const [creating, setCreating] = useState(false);

  const filters: FilterField[] = [
    { name: 'q', label: t('svc.fields.q'), input: <Input allowClear placeholder={t('svc.fields.qHint')} /> },
    {
      name: 'state',
      label: t('svc.fields.state'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={TICKET_STATES.map((s) => ({ value: s, label: stateLabel(s, i18n.language) }))}
        />
      ),
    },
    {
      name: 'card',
      label: t('svc.fields.card'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={(['red', 'yellow', 'green'] as const).map((c) => ({ value: c, label: t(`svc.card.${c}`) }))}
        />
      ),
    },
    {
      name: 'open',
      label: t('svc.fields.open'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[
            { value: 'true', label: t('svc.openOnly') },
            { value: 'false', label: t('svc.closedOnly') },
          ]}
        />
      ),
    },
    {
      name: 'category',
      label: t('svc.fields.category'),
      input: <Select allowClear placeholder={t('common.all')} options={categories} />,
    },
    {
      name: 'supervised',
      label: t('svc.fields.supervised'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[
            { value: 'true', label: t('svc.supervisedYes') },
            { value: 'false', label: t('svc.notSupervised') },
          ]}
        />
      ),
    },
    {
      name: 'level',
      label: t('svc.fields.level'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={(['town', 'district', 'above'] as const).map((l) => ({ value: l, label: t(`svc.level.${l}`) }))}
        />
      ),
    },
  ];

  const columns: TableColumnsType<TicketSummary> = [
    {
      title: t('svc.fields.code'),
      dataIndex: 'code',
      render: (v: string) => <span className="bz-mono">{v}</span>,
    },
    {
      title: t('svc.fields.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space size={4}>
          <Link to={`/tickets/${r.id}`}>
            <Typography.Text style={{ color: 'inherit', maxWidth: 260 }} ellipsis={{ tooltip: v }}>
              {v}
            </Typography.Text>
          </Link>
          {r.supervised && <SupervisedIcon />}
        </Space>
      ),
    },
    { title: t('svc.fields.enterprise'), dataIndex: 'enterpriseName' },
    {
      title: t('svc.fields.category'),
      dataIndex: 'category',
      render: (v: string) => <DictTag type="ticket_category" value={v} />,
    },
    {
      title: t('svc.fields.state'),
      dataIndex: 'state',
      render: (v: string, r) => (
        <Space size={4} wrap={false}>
          <StateTag state={v} />
          {r.paused && <Tag color="orange">{t('svc.pausedTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('svc.fields.leadDepartment'), dataIndex: 'leadDepartment', render: (v: string | null) => v ?? '—' },
    {
      title: t('svc.fields.registeredOn'),
      dataIndex: 'registeredOn',
      sorter: true,
      render: (v: string) => formatDate(v),
    },
    {
      title: t('svc.fields.deadline'),
      key: 'card',
      render: (_v, r) => <CardBadge card={r.card} deadline={r.nextDeadline} />,
    },
    { title: t('svc.fields.rating'), dataIndex: 'rating', render: (v: string | null) => <RatingTag rating={v} /> },
  ];

  // registering needs an enterprise to pick (enterprise:list) unless the user is an enterprise's own
  const canRegister = can('ticket:edit') && (me.scope.kind === 'enterprise' || can('enterprise:list'));
  const registerButton = canRegister ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('svc.register')}
    </Button>
  ) : null;

  return (
    <>
      <PageTable<TicketSummary>
        queryKey={TICKETS_KEY}
        path="/tickets"
        rowKey="id"
        columns={columns}
        filters={filters}
        emptyHint={canRegister ? t('svc.emptyHint') : t('svc.emptyHintReadOnly')}
        emptyAction={registerButton}
        toolbar={() => registerButton}
      />
      {creating && (
        <TicketDrawer
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            qc.invalidateQueries({ queryKey: [TICKETS_KEY] });
            navigate(`/tickets/${id}`);
          }}
        />
      )}
    </>
  );
}
