import { ArrowLeftOutlined, LockOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  List,
  Result,
  Space,
  Spin,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DictTag } from '../../shared/dicts';
import { feedback, showError } from '../../shared/feedback';
import { formatDate, formatDateTime } from '../../shared/format';
import { useCan, useCurrentUser } from '../../shared/session';
import {
  type ActionCode,
  FILE_TYPES,
  fileAllowed,
  formatSize,
  isActionCode,
  isEventCode,
  MAX_FILE_BYTES,
  stateLabel,
  TICKETS_KEY,
  type TicketDetail,
  uploadTicketFile,
  useTicket,
} from './api';
import { CardBadge, RatingTag, StateTag, SupervisedIcon } from './parts';
import { TransitionModal } from './TransitionModal';

/** Actions that move the ticket forward get the primary style; the rest are plain. */
const PRIMARY: ActionCode[] = ['assign', 'accept', 'start', 'answer', 'submit_review', 'approve_close', 'rate'];
const DANGER: ActionCode[] = ['reject_close', 'reject_extension', 'reject_return', 'reopen'];
/** Steps the server also checks a permission for. */
const ACTION_PERM: Partial<Record<ActionCode, string>> = { escalate: 'ticket:escalate', supervise: 'ticket:supervise' };

function Clocks({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  if (!ticket.clocks.length) return <Typography.Paragraph type="secondary">—</Typography.Paragraph>;
  return (
    <List
      size="small"
      dataSource={ticket.clocks}
      renderItem={(c) => (
        <List.Item data-testid={`clock-${c.key}`}>
          <Flex wrap gap={8} align="center" style={{ width: '100%' }}>
            <Typography.Text strong style={{ minWidth: 40 }}>
              {t(`svc.clock.${c.key}`)}
            </Typography.Text>
            <CardBadge card={c.card} deadline={c.deadline} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.doneOn
                ? t('svc.doneOn', { date: formatDate(c.doneOn) })
                : c.remaining === null
                  ? ''
                  : c.card === 'red'
                    ? t('svc.overdueBy', { count: Math.abs(c.remaining) })
                    : t('svc.remaining', { count: c.remaining })}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function Files({ ticket, onChanged }: { ticket: TicketDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const isEnterprise = me.scope.kind === 'enterprise';
  const upload = async (file: File) => {
    if (!fileAllowed(file.name)) {
      feedback.message.error(t('svc.detail.fileType', { name: file.name }));
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      feedback.message.error(t('svc.detail.fileSize', { name: file.name }));
      return;
    }
    setBusy(true);
    try {
      await uploadTicketFile(ticket.id, file, internal && !isEnterprise);
      feedback.message.success(t('svc.detail.uploaded', { name: file.name }));
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center">
        <Upload
          accept={FILE_TYPES.join(',')}
          showUploadList={false}
          beforeUpload={(file) => {
            upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {t('svc.detail.upload')}
          </Button>
        </Upload>
        {!isEnterprise && (
          <Checkbox checked={internal} onChange={(e) => setInternal(e.target.checked)}>
            {t('svc.detail.uploadInternal')}
          </Checkbox>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('svc.detail.uploadHint')}
      </Typography.Text>
      {ticket.files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('svc.detail.noFiles')} />
      ) : (
        <List
          size="small"
          dataSource={ticket.files}
          renderItem={(f) => (
            <List.Item>
              <Flex wrap gap={8} style={{ minWidth: 0 }}>
                <a
                  href={`/api/v1/tickets/${ticket.id}/files/${f.id}`}
                  download={f.name}
                  style={{ wordBreak: 'break-all' }}
                >
                  <PaperClipOutlined /> {f.name}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatSize(f.size)} · {formatDateTime(f.uploadedAt, false)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}

function History({ ticket }: { ticket: TicketDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline
      data-testid="ticket-history"
      items={[...ticket.events].reverse().map((e) => ({
        key: e.id,
        color: e.internal ? 'gray' : e.toState === 'archived' ? 'green' : 'blue',
        content: (
          <Flex vertical gap={2}>
            <Space size={6} wrap>
              <Typography.Text strong>{isEventCode(e.action) ? t(`svc.action.${e.action}`) : e.action}</Typography.Text>
              {e.toState && e.toState !== e.fromState && <StateTag state={e.toState} />}
              {e.internal && (
                <Tag icon={<LockOutlined />} color="default">
                  {t('svc.detail.internal')}
                </Tag>
              )}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at, false)} · {e.actorName ?? '—'}
              {e.fromState && e.toState && e.fromState !== e.toState
                ? ` · ${stateLabel(e.fromState, i18n.language)} → ${stateLabel(e.toState, i18n.language)}`
                : ''}
            </Typography.Text>
            {e.note && (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>
            )}
          </Flex>
        ),
      }))}
    />
  );
}

export default function TicketDetailPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const params = useParams();
  const id = Number(params.id);
  const ticket = useTicket(id);
  const [acting, setActing] = useState<ActionCode | null>(null);

  const reload = () => {
    ticket.refetch();
    qc.invalidateQueries({ queryKey: [TICKETS_KEY, 'list'] });
  };

  if (ticket.isLoading) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }
  if (!ticket.data) {
    return (
      <Result
        status="404"
        title={t('svc.detail.notFound')}
        subTitle={(ticket.error as Error | null)?.message}
        extra={
          <Link to="/tickets">
            <Button type="primary">{t('svc.detail.back')}</Button>
          </Link>
        }
      />
    );
  }
  const d = ticket.data;
  const lead = d.departments.filter((x) => x.role === 'lead');
  const assist = d.departments.filter((x) => x.role === 'assist');
  const actions = d.actions.filter((a): a is ActionCode => isActionCode(a) && can(ACTION_PERM[a] ?? null));

  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }} data-testid="ticket-detail">
      <Card size="small">
        <Flex vertical gap={8}>
          <Space size={8} wrap>
            <Link to="/tickets" aria-label={t('svc.detail.back')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text className="bz-mono" type="secondary">
              {d.code}
            </Typography.Text>
            <StateTag state={d.state} />
            {d.paused && <Tag color="orange">{t('svc.pausedTag')}</Tag>}
            {d.supervised && <SupervisedIcon />}
            {d.card && <CardBadge card={d.card} deadline={d.nextDeadline} />}
          </Space>
          <Typography.Title level={5} style={{ margin: 0, wordBreak: 'break-word' }} data-testid="ticket-title">
            {d.title}
          </Typography.Title>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'ent', label: t('svc.fields.enterprise'), children: d.enterpriseName },
              {
                key: 'cat',
                label: t('svc.fields.category'),
                children: <DictTag type="ticket_category" value={d.category} />,
              },
              {
                key: 'level',
                label: t('svc.fields.level'),
                children: (
                  <>
                    {t(`svc.level.${d.level}`)}
                    {d.handedOnTo ? ` · ${d.handedOnTo}` : ''}
                  </>
                ),
              },
              {
                key: 'lead',
                label: t('svc.detail.lead'),
                children: lead.length ? lead.map((x) => x.name).join('、') : '—',
              },
              {
                key: 'assist',
                label: t('svc.detail.assist'),
                children: assist.length ? assist.map((x) => x.name).join('、') : '—',
              },
              {
                key: 'src',
                label: t('svc.fields.source'),
                children: <DictTag type="ticket_source" value={d.source} />,
              },
              {
                key: 'pri',
                label: t('svc.fields.priority'),
                children: <DictTag type="ticket_priority" value={d.priority} />,
              },
              { key: 'reg', label: t('svc.fields.registeredOn'), children: formatDate(d.registeredOn) },
              ...(d.rating
                ? [{ key: 'rating', label: t('svc.fields.rating'), children: <RatingTag rating={d.rating} /> }]
                : []),
            ]}
          />
          <Space size={[4, 4]} wrap>
            {d.extensionRequested && (
              <Tag color="gold">{t('svc.detail.extensionRequested', { days: d.requestedExtensionDays ?? '?' })}</Tag>
            )}
            {d.returnRequested && <Tag color="gold">{t('svc.detail.returnRequested')}</Tag>}
            {d.extensionDays > 0 && <Tag>{t('svc.detail.extended', { days: d.extensionDays })}</Tag>}
            {d.reopenCount > 0 && <Tag color="volcano">{t('svc.detail.reopened', { count: d.reopenCount })}</Tag>}
          </Space>
        </Flex>
      </Card>

      <Card size="small" title={t('svc.detail.actions')} data-testid="ticket-actions">
        {actions.length === 0 ? (
          <Typography.Text type="secondary">{t('svc.detail.noActions')}</Typography.Text>
        ) : (
          <Flex wrap gap={8}>
            {actions.map((a) => (
              <Button
                key={a}
                type={PRIMARY.includes(a) ? 'primary' : 'default'}
                danger={DANGER.includes(a)}
                onClick={() => setActing(a)}
                data-action={a}
              >
                {t(`svc.action.${a}`)}
              </Button>
            ))}
          </Flex>
        )}
      </Card>

      <Card size="small">
        <Tabs
          items={[
            {
              key: 'detail',
              label: t('svc.detail.facts'),
              children: (
                <Flex vertical gap={16}>
                  <div>
                    <Typography.Text strong>{t('svc.fields.description')}</Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4, wordBreak: 'break-word' }}>
                      {d.description}
                    </Typography.Paragraph>
                  </div>
                  <div>
                    <Typography.Text strong>{t('svc.detail.clocks')}</Typography.Text>
                    <Clocks ticket={d} />
                  </div>
                  <div data-testid="ticket-answer">
                    <Typography.Text strong>{t('svc.detail.answer')}</Typography.Text>
                    <Typography.Paragraph
                      type={d.answer ? undefined : 'secondary'}
                      style={{ whiteSpace: 'pre-wrap', marginTop: 4, wordBreak: 'break-word' }}
                    >
                      {d.answer ?? t('svc.detail.noAnswer')}
                    </Typography.Paragraph>
                    {d.solvedConfirmed !== null && (
                      <Tag color={d.solvedConfirmed ? 'green' : 'red'}>
                        {d.solvedConfirmed ? t('svc.detail.solvedYes') : t('svc.detail.solvedNo')}
                      </Tag>
                    )}
                  </div>
                  {d.supervisions.length > 0 && (
                    <div>
                      <Typography.Text strong>{t('svc.detail.supervisions')}</Typography.Text>
                      <List
                        size="small"
                        dataSource={d.supervisions}
                        renderItem={(s) => (
                          <List.Item>
                            <Flex vertical>
                              <Typography.Text>
                                {formatDate(s.deadline)} · {s.content}
                              </Typography.Text>
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {formatDateTime(s.issuedAt, false)}
                                {s.doneOn ? ` · ${t('svc.doneOn', { date: formatDate(s.doneOn) })}` : ''}
                              </Typography.Text>
                            </Flex>
                          </List.Item>
                        )}
                      />
                    </div>
                  )}
                </Flex>
              ),
            },
            {
              key: 'files',
              label: `${t('svc.detail.files')} (${d.files.length})`,
              children: <Files ticket={d} onChanged={reload} />,
            },
            {
              key: 'history',
              label: t('svc.detail.history'),
              children: <History ticket={d} />,
            },
          ]}
        />
      </Card>

      {acting && (
        <TransitionModal
          key={acting}
          ticket={d}
          action={acting}
          onClose={() => setActing(null)}
          reload={reload}
          onDone={(next) => {
            setActing(null);
            qc.setQueryData([TICKETS_KEY, 'detail', id], next);
            qc.invalidateQueries({ queryKey: [TICKETS_KEY, 'list'] });
          }}
        />
      )}
    </Flex>
  );
}
