import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Input, Select, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Can } from '../../shared/Can';
import { DictTag, useDictOptions } from '../../shared/dicts';
import { formatDate } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { useCan } from '../../shared/session';
import { formatLeadMoney, LEAD_STAGES, LEADS_KEY, type LeadSummary, leadStageLabel } from './api';
import { LeadDrawer } from './LeadDrawer';
import { LeadStageTag, useMoneyUnits, WarningTags } from './parts';

export default function LeadsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const units = useMoneyUnits();
  const sources = useDictOptions('lead_source');
  const chains = useDictOptions('industry_chain');
  const [creating, setCreating] = useState(false);

  const filters: FilterField[] = [
    { name: 'q', label: t('lead.filters.q'), input: <Input allowClear placeholder={t('lead.filters.qHint')} /> },
    {
      name: 'stage',
      label: t('lead.fields.stage'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={LEAD_STAGES.map((s) => ({ value: s, label: leadStageLabel(s, i18n.language) }))}
        />
      ),
    },
    {
      name: 'source',
      label: t('lead.fields.source'),
      input: <Select allowClear placeholder={t('common.all')} options={sources} />,
    },
    {
      name: 'chain',
      label: t('lead.fields.chain'),
      input: (
        <Select allowClear placeholder={t('common.all')} options={chains} showSearch={{ optionFilterProp: 'label' }} />
      ),
    },
    {
      name: 'big',
      label: t('lead.filters.big'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[
            { value: 'true', label: t('lead.filters.bigYes') },
            { value: 'false', label: t('lead.filters.bigNo') },
          ]}
        />
      ),
    },
    {
      name: 'warning',
      label: t('lead.filters.warning'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[
            { value: 'true', label: t('lead.filters.warningYes') },
            { value: 'false', label: t('lead.filters.warningNo') },
          ]}
        />
      ),
    },
  ];

  const columns: TableColumnsType<LeadSummary> = [
    { title: t('lead.fields.investorName'), dataIndex: 'investorName' },
    {
      title: t('lead.fields.projectName'),
      dataIndex: 'projectName',
      render: (v: string, l) => (
        <Link to={`/leads/${l.id}`}>
          <Typography.Text strong style={{ color: 'inherit' }}>
            {v}
          </Typography.Text>
        </Link>
      ),
    },
    {
      title: t('lead.fields.intendedInvestment'),
      dataIndex: 'intendedInvestment',
      align: 'right',
      render: (v: string | null) => <span className="bz-mono">{formatLeadMoney(v, units)}</span>,
    },
    {
      title: t('lead.fields.source'),
      dataIndex: 'source',
      render: (v: string) => <DictTag type="lead_source" value={v} />,
    },
    { title: t('lead.fields.stage'), dataIndex: 'stage', render: (v: string) => <LeadStageTag stage={v} /> },
    { title: t('lead.fields.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
    { title: t('lead.fields.groupMember'), dataIndex: 'groupMemberName', render: (v: string | null) => v ?? '—' },
    {
      title: t('lead.fields.nextAction'),
      key: 'nextAction',
      render: (_v, l) =>
        l.nextAction || l.nextActionOn ? (
          <Flex vertical>
            <span>{l.nextAction ?? '—'}</span>
            {l.nextActionOn && <Typography.Text type="secondary">{formatDate(l.nextActionOn)}</Typography.Text>}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('lead.fields.lastFollowupOn'),
      dataIndex: 'lastFollowupOn',
      render: (v: string | null) => formatDate(v),
    },
    {
      title: t('lead.fields.warnings'),
      dataIndex: 'warnings',
      render: (w: LeadSummary['warnings']) => <WarningTags warnings={w} />,
    },
  ];

  const createButton = (
    <Can perm="lead:edit">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {t('lead.create')}
      </Button>
    </Can>
  );

  return (
    <>
      <PageTable<LeadSummary>
        queryKey={LEADS_KEY}
        path="/leads"
        rowKey="id"
        columns={columns}
        filters={filters}
        emptyHint={can('lead:edit') ? t('lead.emptyHint') : t('lead.emptyHintReadOnly')}
        emptyAction={createButton}
        toolbar={() => (
          <>
            {createButton}
            <Button onClick={() => navigate('/leads/kanban')}>{t('menu.lead.kanban')}</Button>
          </>
        )}
      />
      {creating && (
        <LeadDrawer
          lead={null}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            qc.invalidateQueries({ queryKey: [LEADS_KEY] });
          }}
        />
      )}
    </>
  );
}
