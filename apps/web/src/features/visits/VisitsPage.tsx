import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Calendar,
  Card,
  Flex,
  List,
  Popover,
  Segmented,
  Space,
  Spin,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Page } from '../../shared/api';
import { Can } from '../../shared/Can';
import { DictTag } from '../../shared/dicts';
import { formatDate } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { useCan } from '../../shared/session';
import { useIsMobile } from '../../shared/useIsMobile';
import { VISITS_KEY, type Visit } from './api';
import { EnterpriseFilter } from './EnterpriseFilter';
import { VisitDrawer } from './VisitDrawer';

function Needs({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  if (!visit.needs.length) return <>—</>;
  return (
    <Flex vertical gap={2}>
      {visit.needs.map((n, i) => (
        <Space key={`${i}-${n.text}`} size={4} wrap>
          <DictTag type="ticket_category" value={n.category} />
          <Typography.Text style={{ maxWidth: 240 }} ellipsis={{ tooltip: n.text }}>
            {n.text}
          </Typography.Text>
          {n.ticketId && (
            <Link to={`/tickets/${n.ticketId}`}>
              <Tag color="blue">{t('svc.visits.ticketCreated')}</Tag>
            </Link>
          )}
        </Space>
      ))}
    </Flex>
  );
}

/** Month view of visits (antd Calendar); a day shows how many, a click lists them. */
function VisitCalendar() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: [VISITS_KEY, 'calendar', from, to],
    queryFn: ({ signal }) => api.get<Page<Visit>>('/visits', { from, to, pageSize: 200 }, { signal }),
  });
  const byDay = new Map<string, Visit[]>();
  for (const v of q.data?.items ?? []) byDay.set(v.visitedOn, [...(byDay.get(v.visitedOn) ?? []), v]);
  const cell = (d: Dayjs) => {
    const list = byDay.get(d.format('YYYY-MM-DD'));
    if (!list?.length) return null;
    return (
      <Popover
        trigger="click"
        title={formatDate(d.toDate())}
        content={
          <List
            size="small"
            style={{ maxWidth: 300 }}
            dataSource={list}
            renderItem={(v) => (
              <List.Item>
                <Flex vertical>
                  <Typography.Text strong>{v.enterpriseName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.visitorName ?? '—'} · {v.departmentName ?? ''}
                  </Typography.Text>
                  <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip: v.content }}>
                    {v.content}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        }
      >
        {isMobile ? (
          <Badge count={list.length} size="small" color="#1f5fbf" />
        ) : (
          <Badge status="processing" text={t('svc.visits.count', { count: list.length })} />
        )}
      </Popover>
    );
  };
  return (
    <Card size="small">
      <Spin spinning={q.isFetching}>
        <Calendar
          mode="month"
          fullscreen={!isMobile}
          value={month}
          onPanelChange={(d) => setMonth(d.startOf('month'))}
          onSelect={(d, info) => {
            if (info.source !== 'date') setMonth(d.startOf('month'));
          }}
          cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
        />
      </Spin>
    </Card>
  );
}

export default function VisitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const view = sp.get('view') === 'calendar' ? 'calendar' : 'list';
  const [creating, setCreating] = useState(false);

  const filters: FilterField[] = [
    {
      name: 'enterpriseId',
      label: t('svc.visits.enterprise'),
      input: <EnterpriseFilter placeholder={t('common.all')} />,
    },
    { name: 'date', label: t('svc.visits.dateRange'), range: ['from', 'to'] },
  ];

  const columns: TableColumnsType<Visit> = [
    { title: t('svc.visits.visitedOn'), dataIndex: 'visitedOn', render: (v: string) => formatDate(v) },
    { title: t('svc.visits.enterprise'), dataIndex: 'enterpriseName' },
    { title: t('svc.visits.mode'), dataIndex: 'mode', render: (v: string) => <DictTag type="visit_mode" value={v} /> },
    {
      title: t('svc.visits.visitor'),
      key: 'visitor',
      render: (_v, r) => [r.visitorName, r.departmentName].filter(Boolean).join(' · ') || '—',
    },
    {
      title: t('svc.visits.content'),
      dataIndex: 'content',
      render: (v: string) => (
        <Typography.Text style={{ maxWidth: 280 }} ellipsis={{ tooltip: v }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: t('svc.visits.needs'), key: 'needs', render: (_v, r) => <Needs visit={r} /> },
  ];

  const createButton = (
    <Can perm="visit:edit">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {t('svc.visits.create')}
      </Button>
    </Can>
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented
          value={view}
          onChange={(v) => {
            const out = new URLSearchParams(sp);
            if (v === 'calendar') out.set('view', 'calendar');
            else out.delete('view');
            setSp(out);
          }}
          options={[
            { value: 'list', label: t('svc.visits.list') },
            { value: 'calendar', label: t('svc.visits.calendar') },
          ]}
        />
        {view === 'calendar' && createButton}
      </Flex>
      {view === 'list' ? (
        <PageTable<Visit>
          queryKey={VISITS_KEY}
          path="/visits"
          rowKey="id"
          columns={columns}
          filters={filters}
          emptyHint={can('visit:edit') ? t('svc.visits.emptyHint') : t('svc.visits.emptyHintReadOnly')}
          emptyAction={createButton}
          toolbar={() => createButton}
        />
      ) : (
        <VisitCalendar />
      )}
      {creating && (
        <VisitDrawer
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            qc.invalidateQueries({ queryKey: [VISITS_KEY] });
            qc.invalidateQueries({ queryKey: ['tickets'] });
          }}
        />
      )}
    </Flex>
  );
}
