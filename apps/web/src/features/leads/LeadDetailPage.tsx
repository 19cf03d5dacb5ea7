import { EditOutlined } from '@ant-design/icons';
import { assessmentBody, followupCreate } from '@beizeng/contract';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Dropdown,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Attachments } from '../../shared/Attachments';
import { api, isApiError } from '../../shared/api';
import { Can } from '../../shared/Can';
import { DictTag, useDictOptions } from '../../shared/dicts';
import { feedback, showError } from '../../shared/feedback';
import { formatDate } from '../../shared/format';
import { useCan } from '../../shared/session';
import { zodRule } from '../../shared/zodRule';
import {
  formatLeadMoney,
  LEADS_KEY,
  type LeadDetail,
  type LeadStage,
  leadStageLabel,
  moveTargets,
  useLead,
} from './api';
import { LeadDrawer } from './LeadDrawer';
import { LandForm, LeadStageTag, ProjectLink, SignForm, StageMoveModal, useMoneyUnits, WarningTags } from './parts';

const TABS = ['followups', 'assessment', 'signing', 'landing', 'history'] as const;
export const SCORE_KEYS = ['industry_fit', 'strength', 'land', 'energy', 'tax'] as const;

function FollowupsTab({ lead, onChanged }: { lead: LeadDetail; onChanged: (l: LeadDetail) => void }) {
  const { t } = useTranslation();
  const modes = useDictOptions('visit_mode');
  const can = useCan();
  const [form] = Form.useForm<{ on: Dayjs; mode: string; content: string; people?: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: { on: Dayjs; mode: string; content: string; people?: string }) => {
    setSaving(true);
    try {
      const r = await api.post<LeadDetail>(`/leads/${lead.id}/followups`, {
        on: v.on.format('YYYY-MM-DD'),
        mode: v.mode,
        content: v.content.trim(),
        people: v.people?.trim() || null,
      });
      feedback.message.success(t('lead.followup.added'));
      form.resetFields();
      onChanged(r);
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  const sorted = [...lead.followups].sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : b.id - a.id));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <List
          dataSource={sorted}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lead.followup.none')} /> }}
          renderItem={(f) => (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Space wrap size={8}>
                  <Typography.Text strong>{formatDate(f.on)}</Typography.Text>
                  <DictTag type="visit_mode" value={f.mode} />
                  {f.by && <Typography.Text type="secondary">{f.by}</Typography.Text>}
                </Space>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {f.content}
                </Typography.Paragraph>
                {f.people && (
                  <Typography.Text type="secondary">
                    {t('lead.followup.peopleLine', { people: f.people })}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
        <div style={{ marginTop: 12 }}>
          <Attachments entity="lead" entityId={lead.id} canEdit={can('lead:edit')} title={t('att.leadTitle')} />
        </div>
      </Col>
      <Can perm="lead:edit">
        <Col xs={24} lg={10}>
          <Card size="small" title={t('lead.followup.add')}>
            <Form form={form} layout="vertical" onFinish={submit} initialValues={{ on: dayjs() }}>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="on"
                    label={t('lead.followup.on')}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="mode"
                    label={t('lead.followup.mode')}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <Select options={modes} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="content"
                label={t('lead.followup.content')}
                rules={[
                  { required: true, whitespace: true, message: t('form.required') },
                  zodRule(followupCreate.shape.content, t('lead.followup.contentLength')),
                ]}
              >
                <Input.TextArea rows={3} maxLength={3000} />
              </Form.Item>
              <Form.Item name="people" label={t('lead.followup.people')} rules={[{ max: 300 }]}>
                <Input maxLength={300} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('lead.followup.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Can>
    </Row>
  );
}

function AssessmentTab({ lead, onChanged }: { lead: LeadDetail; onChanged: (l: LeadDetail) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [form] = Form.useForm<{ scores: Record<string, number | null>; conclusion: string }>();
  const [saving, setSaving] = useState(false);
  const a = lead.assessment;
  const submit = async (v: { scores: Record<string, number | null>; conclusion: string }) => {
    const scores: Record<string, number> = {};
    for (const k of SCORE_KEYS) if (typeof v.scores?.[k] === 'number') scores[k] = v.scores[k] as number;
    if (!assessmentBody.shape.scores.safeParse(scores).success) {
      feedback.message.error(t('lead.assess.needScore'));
      return;
    }
    setSaving(true);
    try {
      const r = await api.post<LeadDetail>(`/leads/${lead.id}/assessment`, {
        scores,
        conclusion: v.conclusion.trim(),
      });
      feedback.message.success(t('lead.assess.saved'));
      onChanged(r);
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        {a ? (
          <Card size="small" title={t('lead.assess.recorded', { on: formatDate(a.on) })}>
            <Statistic title={t('lead.assess.total')} value={a.total} precision={1} data-testid="assessment-total" />
            <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
              {Object.entries(a.scores).map(([k, v]) => (
                <Descriptions.Item
                  key={k}
                  label={SCORE_KEYS.includes(k as any) ? t(`lead.assess.keys.${k as (typeof SCORE_KEYS)[number]}`) : k}
                >
                  {v}
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{a.conclusion}</Typography.Paragraph>
          </Card>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lead.assess.none')} />
        )}
      </Col>
      {can('lead:edit') && (
        <Col xs={24} lg={14}>
          <Card size="small" title={a ? t('lead.assess.redo') : t('lead.assess.add')}>
            <Form
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={a ? { scores: a.scores, conclusion: a.conclusion } : undefined}
            >
              <Row gutter={12}>
                {SCORE_KEYS.map((k) => (
                  <Col key={k} xs={12} sm={8}>
                    <Form.Item name={['scores', k]} label={t(`lead.assess.keys.${k}`)}>
                      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              <Form.Item
                name="conclusion"
                label={t('lead.assess.conclusion')}
                rules={[
                  { required: true, whitespace: true, message: t('form.required') },
                  zodRule(assessmentBody.shape.conclusion, t('lead.assess.conclusionLength')),
                ]}
              >
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('lead.assess.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
      )}
    </Row>
  );
}

function SigningTab({ lead, onChanged }: { lead: LeadDetail; onChanged: (l: LeadDetail) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const units = useMoneyUnits();
  const canSign = ['lead', 'contact', 'inspection', 'negotiation', 'signed'].includes(lead.stage);
  return (
    <Flex vertical gap={16}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={lead.signings}
        locale={{ emptyText: t('lead.sign.none') }}
        columns={[
          { title: t('lead.sign.signedOn'), dataIndex: 'signedOn', render: (v: string) => formatDate(v) },
          {
            title: t('lead.sign.amountShort'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: string) => <span className="bz-mono">{formatLeadMoney(v, units)}</span>,
          },
          { title: t('lead.sign.event'), dataIndex: 'event', render: (v: string | null) => v ?? '—' },
          { title: t('lead.sign.terms'), dataIndex: 'terms', render: (v: string | null) => v ?? '—' },
          {
            title: t('lead.sign.duplicate'),
            key: 'dup',
            render: (_v, s) =>
              s.duplicateOfId ? (
                <Space size={4} wrap>
                  <Tag color="orange">{t('lead.sign.duplicateTag')}</Tag>
                  <Typography.Text type="secondary">{s.duplicateReason}</Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {can('lead:edit') &&
        (canSign ? (
          <Card size="small" title={lead.signings.length ? t('lead.sign.again') : t('lead.sign.title')}>
            <SignForm lead={lead} onDone={onChanged} />
          </Card>
        ) : (
          <Alert type="info" showIcon title={t('lead.sign.notAllowed')} />
        ))}
    </Flex>
  );
}

function LandingTab({ lead, onChanged }: { lead: LeadDetail; onChanged: (l: LeadDetail) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  if (lead.projectId)
    return <Result status="success" title={t('lead.land.done')} extra={<ProjectLink projectId={lead.projectId} />} />;
  if (lead.stage !== 'signed') return <Alert type="info" showIcon title={t('lead.land.onlySigned')} />;
  if (!can('lead:edit')) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lead.land.notYet')} />;
  return (
    <Card size="small" title={t('lead.land.title')}>
      <LandForm lead={lead} onDone={onChanged} />
    </Card>
  );
}

function HistoryTab({ lead }: { lead: LeadDetail }) {
  const { t, i18n } = useTranslation();
  if (!lead.history.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lead.history.none')} />;
  return (
    <Timeline
      items={lead.history.map((h, i) => ({
        key: `${h.on}-${i}`,
        content: (
          <Flex vertical>
            <Space wrap size={8}>
              <Typography.Text strong>{leadStageLabel(h.stage, i18n.language)}</Typography.Text>
              <Typography.Text type="secondary">{formatDate(h.on)}</Typography.Text>
              {h.by && <Typography.Text type="secondary">{h.by}</Typography.Text>}
            </Space>
            {h.note && <Typography.Text>{h.note}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}

export default function LeadDetailPage() {
  const { t, i18n } = useTranslation();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const can = useCan();
  const units = useMoneyUnits();
  const [sp, setSp] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as string) : 'followups';
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState<LeadStage | null>(null);
  const q = useLead(id);

  if (!Number.isInteger(id) || id <= 0 || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('lead.detail.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/leads')}>
            {t('lead.detail.backToList')}
          </Button>
        }
      />
    );
  }
  if (q.isError)
    return (
      <Result
        status="warning"
        title={t('pageTable.loadFailed')}
        subTitle={(q.error as Error).message}
        extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  const l = q.data;
  if (!l) return <Skeleton active />;

  const onChanged = (fresh?: LeadDetail) => {
    if (fresh) qc.setQueryData([LEADS_KEY, 'detail', id], fresh);
    qc.invalidateQueries({ queryKey: [LEADS_KEY] });
  };
  const setTab = (k: string) => {
    const next = new URLSearchParams(sp);
    next.set('tab', k);
    setSp(next, { replace: true });
  };
  const moves = moveTargets(l.stage).filter((s) => s !== 'signed' && s !== 'landed');

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="flex-start" wrap gap={8}>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="lead-title">
              {l.projectName}
            </Typography.Title>
            <Typography.Text type="secondary">{l.investorName}</Typography.Text>
          </Flex>
          <Can perm="lead:edit">
            <Space wrap>
              {moves.length > 0 && (
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: moves.map((s) => ({ key: s, label: leadStageLabel(s, i18n.language) })),
                    onClick: ({ key }) => setMoving(key as LeadStage),
                  }}
                >
                  <Button>{t('lead.moveTo')}</Button>
                </Dropdown>
              )}
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            </Space>
          </Can>
        </Flex>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('lead.fields.stage')}>
            <LeadStageTag stage={l.stage} />
          </Descriptions.Item>
          <Descriptions.Item label={t('lead.fields.intendedInvestment')}>
            {formatLeadMoney(l.intendedInvestment, units)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lead.fields.source')}>
            <DictTag type="lead_source" value={l.source} />
          </Descriptions.Item>
          <Descriptions.Item label={t('lead.fields.chain')}>
            <DictTag type="industry_chain" value={l.chain} />
          </Descriptions.Item>
          <Descriptions.Item label={t('lead.fields.owner')}>{l.ownerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('lead.fields.groupMember')}>{l.groupMemberName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('lead.fields.introducer')}>{l.introducer ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('lead.fields.registeredOn')}>{formatDate(l.registeredOn)}</Descriptions.Item>
          <Descriptions.Item label={t('lead.fields.nextAction')}>
            {l.nextAction ?? '—'}
            {l.nextActionOn && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {formatDate(l.nextActionOn)}
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('lead.fields.warnings')}>
            <WarningTags warnings={l.warnings} />
          </Descriptions.Item>
          {l.closedReason && (
            <Descriptions.Item label={t('lead.fields.closedReason')}>{l.closedReason}</Descriptions.Item>
          )}
          {l.projectId && (
            <Descriptions.Item label={t('lead.land.project')}>
              <ProjectLink projectId={l.projectId} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'followups',
              label: `${t('lead.followup.tab')} (${l.followups.length})`,
              children: <FollowupsTab lead={l} onChanged={onChanged} />,
            },
            {
              key: 'assessment',
              label: t('lead.assess.tab'),
              children: <AssessmentTab lead={l} onChanged={onChanged} />,
            },
            {
              key: 'signing',
              label: `${t('lead.sign.tab')} (${l.signings.length})`,
              children: <SigningTab lead={l} onChanged={onChanged} />,
            },
            { key: 'landing', label: t('lead.land.tab'), children: <LandingTab lead={l} onChanged={onChanged} /> },
            { key: 'history', label: t('lead.history.tab'), children: <HistoryTab lead={l} /> },
          ]}
        />
      </Card>
      {editing && can('lead:edit') && (
        <LeadDrawer
          lead={l}
          onClose={() => setEditing(false)}
          onSaved={(fresh) => {
            setEditing(false);
            onChanged(fresh);
          }}
        />
      )}
      {moving && (
        <StageMoveModal
          lead={l}
          stage={moving}
          onClose={() => {
            setMoving(null);
            q.refetch();
          }}
          onDone={(fresh) => {
            setMoving(null);
            onChanged(fresh);
          }}
        />
      )}
    </Flex>
  );
}
