import { DownOutlined } from '@ant-design/icons';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Dropdown, Empty, Flex, Result, Skeleton, Typography } from 'antd';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Page } from '../../shared/api';
import { formatDate, formatYi } from '../../shared/format';
import { useCan } from '../../shared/session';
import { useIsMobile } from '../../shared/useIsMobile';
import {
  formatLeadMoney,
  LEADS_KEY,
  type LeadKanban,
  type LeadStage,
  type LeadSummary,
  leadStageLabel,
  moveTargets,
} from './api';
import { StageFormModal, StageMoveModal, useMoneyUnits, WarningTags } from './parts';

type Action = { lead: LeadSummary; stage: LeadStage };

function LeadCard({ lead, canEdit, onMove }: { lead: LeadSummary; canEdit: boolean; onMove: (a: Action) => void }) {
  const { t, i18n } = useTranslation();
  const units = useMoneyUnits();
  const targets = moveTargets(lead.stage);
  return (
    <Card
      size="small"
      data-testid={`lead-card-${lead.id}`}
      draggable={canEdit && targets.length > 0}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData('text/lead', String(lead.id));
        e.dataTransfer.effectAllowed = 'move';
      }}
      styles={{ body: { padding: 10 } }}
    >
      <Flex vertical gap={4}>
        <Link to={`/leads/${lead.id}`}>
          <Typography.Text strong style={{ color: 'inherit' }}>
            {lead.projectName}
          </Typography.Text>
        </Link>
        <Typography.Text type="secondary" ellipsis>
          {lead.investorName}
        </Typography.Text>
        <Flex justify="space-between" wrap gap={4}>
          <span className="bz-mono">{formatLeadMoney(lead.intendedInvestment, units)}</span>
          <Typography.Text type="secondary">{lead.ownerName ?? '—'}</Typography.Text>
        </Flex>
        {lead.nextActionOn && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('lead.kanban.nextOn', { date: formatDate(lead.nextActionOn) })}
          </Typography.Text>
        )}
        {lead.warnings.length > 0 && <WarningTags warnings={lead.warnings} />}
        {canEdit && targets.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: targets.map((s) => ({ key: s, label: leadStageLabel(s, i18n.language) })),
              onClick: ({ key }) => onMove({ lead, stage: key as LeadStage }),
            }}
          >
            <Button size="small" style={{ alignSelf: 'flex-start' }} data-testid="lead-move">
              {t('lead.moveTo')} <DownOutlined />
            </Button>
          </Dropdown>
        )}
      </Flex>
    </Card>
  );
}

/** 看板: a column per stage (count and 亿元) with up to 50 lead cards; 移至 moves a card. */
export default function LeadKanbanPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const canEdit = can('lead:edit');
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const kanban = useQuery({
    queryKey: [LEADS_KEY, 'kanban'],
    queryFn: ({ signal }) => api.get<LeadKanban>('/leads/kanban', undefined, { signal }),
  });
  const stages = kanban.data?.columns.map((c) => c.stage) ?? [];
  const lists = useQueries({
    queries: stages.map((stage) => ({
      queryKey: [LEADS_KEY, 'list', '/leads', { stage, pageSize: 50 }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<Page<LeadSummary>>('/leads', { stage, pageSize: 50 }, { signal }),
    })),
  });

  if (kanban.isError)
    return (
      <Result
        status="warning"
        title={t('pageTable.loadFailed')}
        subTitle={(kanban.error as Error).message}
        extra={<Button onClick={() => kanban.refetch()}>{t('common.retry')}</Button>}
      />
    );
  if (!kanban.data) return <Skeleton active />;

  const byId = new Map<number, LeadSummary>();
  for (const l of lists) for (const x of l.data?.items ?? []) byId.set(x.id, x);
  // After a move the columns refetch one by one; until the old column has, the lead would show in two columns.
  // Each lead shows only in the most recently fetched column that lists it.
  const home = new Map<number, { column: number; at: number }>();
  lists.forEach((l, column) => {
    for (const x of l.data?.items ?? []) {
      const h = home.get(x.id);
      if (!h || l.dataUpdatedAt > h.at) home.set(x.id, { column, at: l.dataUpdatedAt });
    }
  });
  const drop = (stage: string) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const lead = byId.get(Number(e.dataTransfer.getData('text/lead')));
    if (lead && moveTargets(lead.stage).includes(stage as LeadStage)) setAction({ lead, stage: stage as LeadStage });
  };
  const close = () => setAction(null);
  const done = () => {
    setAction(null);
    qc.invalidateQueries({ queryKey: [LEADS_KEY] });
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('lead.kanban.hint')}</Typography.Paragraph>
      <Flex
        gap={12}
        vertical={isMobile}
        style={isMobile ? undefined : { overflowX: 'auto', paddingBottom: 8, alignItems: 'flex-start' }}
      >
        {kanban.data.columns.map((c, i) => {
          const list = lists[i];
          const items = (list?.data?.items ?? []).filter((l) => home.get(l.id)?.column === i);
          return (
            <Card
              key={c.stage}
              size="small"
              data-testid={`lead-column-${c.stage}`}
              title={
                <Flex align="center" gap={6}>
                  <span>{leadStageLabel(c.stage, i18n.language)}</span>
                  <Typography.Text type="secondary" data-testid="lead-column-count">
                    {c.count}
                  </Typography.Text>
                </Flex>
              }
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatYi(c.intendedInvestment, true, t('lead.yi'))}
                </Typography.Text>
              }
              style={{
                flex: isMobile ? undefined : '0 0 260px',
                background: over === c.stage ? 'var(--ant-color-primary-bg)' : 'var(--ant-color-fill-quaternary)',
              }}
              onDragOver={(e) => {
                if (!canEdit) return;
                e.preventDefault();
                setOver(c.stage);
              }}
              onDragLeave={() => setOver((o) => (o === c.stage ? null : o))}
              onDrop={drop(c.stage)}
            >
              {list?.isLoading ? (
                <Skeleton active paragraph={{ rows: 2 }} />
              ) : items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lead.kanban.empty')} />
              ) : (
                <Flex vertical gap={8}>
                  {items.map((l) => (
                    <LeadCard key={l.id} lead={l} canEdit={canEdit} onMove={setAction} />
                  ))}
                  {(list?.data?.total ?? 0) > items.length && (
                    <Link to={`/leads?stage=${c.stage}`}>{t('lead.kanban.more', { count: list?.data?.total })}</Link>
                  )}
                </Flex>
              )}
            </Card>
          );
        })}
      </Flex>
      {action &&
        (action.stage === 'signed' || action.stage === 'landed' ? (
          <StageFormModal lead={action.lead} kind={action.stage} onClose={done} />
        ) : (
          <StageMoveModal lead={action.lead} stage={action.stage} onClose={close} onDone={done} />
        ))}
    </>
  );
}
