import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Attachments } from '../../shared/Attachments';
import { isApiError } from '../../shared/api';
import { Can } from '../../shared/Can';
import { DictTag } from '../../shared/dicts';
import { formatDate, formatNumber } from '../../shared/format';
import { useCan } from '../../shared/session';
import { PROJECTS_KEY, type ProjectDetail, useProject } from './api';
import { InvestTab } from './InvestTab';
import { NodesTab } from './NodesTab';
import { ProjectDrawer } from './ProjectDrawer';
import { LightDot, Money, PlanProgress, StageTag } from './parts';
import { ReportsTab } from './ReportsTab';
import { StageTab } from './StageTab';

function InfoTab({ p, onEdit }: { p: ProjectDetail; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('prj.detail.tabs.info')}
      extra={
        <Can perm="project:edit">
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('common.edit')}
          </Button>
        </Can>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
        <Descriptions.Item label={t('prj.fields.name')}>{p.name}</Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.code')}>
          <span className="bz-mono">{p.code ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.enterprise')}>
          {p.enterpriseId ? <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.region')}>{p.regionName ?? p.regionCode}</Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.chain')}>
          <DictTag type="industry_chain" value={p.chain} />
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.chainRole')}>
          <DictTag type="chain_role" value={p.chainRole} />
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.nature')}>
          <DictTag type="project_nature" value={p.nature} />
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.approvalType')}>
          {p.approvalType ? t(`prj.approval.${p.approvalType as 'approval'}`) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.totalInvestment')}>
          <Money yuan={p.totalInvestment} />
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.sinceStart')}>
          <Money yuan={p.sinceStartCompleted} />
        </Descriptions.Item>
        <Descriptions.Item label={`${t('prj.fields.yearCompleted')} / ${t('prj.fields.yearPlan')}`}>
          <PlanProgress plan={p.yearPlan} completed={p.yearCompleted} />
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.expectedOutput')}>
          <Money yuan={p.expectedOutput} />
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.expectedTax')}>
          <Money yuan={p.expectedTax} />
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.expectedJobs')}>{formatNumber(p.expectedJobs)}</Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.plannedStart')}>{formatDate(p.plannedStart)}</Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.plannedProduction')}>
          {formatDate(p.plannedProduction)}
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.actualStart')}>{formatDate(p.actualStart)}</Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.actualProduction')}>{formatDate(p.actualProduction)}</Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.leader')}>{p.leaderName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.responsible')}>
          {[p.responsibleDept, p.responsibleName].filter(Boolean).join(' / ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('prj.fields.reportCycle')}>{t(`prj.cycle.${p.reportCycle}`)}</Descriptions.Item>
        {p.suspended && (
          <Descriptions.Item label={t('prj.fields.suspendReason')}>{p.suspendReason ?? '—'}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('prj.fields.constructionContent')} span="filled">
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
            {p.constructionContent ?? '—'}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

const TABS = ['info', 'invest', 'nodes', 'reports', 'stage', 'files'] as const;

export default function ProjectDetailPage() {
  const { t, i18n } = useTranslation();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as string) : 'info';
  const [editing, setEditing] = useState(false);
  const can = useCan();
  const q = useProject(id);

  if (!Number.isInteger(id) || id <= 0 || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('prj.detail.notFound')}
        subTitle={t('prj.detail.notFoundBody')}
        extra={
          <Button type="primary" onClick={() => navigate('/projects')}>
            {t('prj.detail.backToList')}
          </Button>
        }
      />
    );
  }
  if (q.isError) {
    return (
      <Result
        status="warning"
        title={t('prj.detail.loadFailed')}
        subTitle={(q.error as Error).message}
        extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const p = q.data;
  if (!p) return <Skeleton active />;

  /** A write returned the fresh project: show it, and let lists refetch. */
  const onChanged = (fresh?: ProjectDetail) => {
    if (fresh) qc.setQueryData([PROJECTS_KEY, 'detail', id], fresh);
    qc.invalidateQueries({ queryKey: [PROJECTS_KEY] });
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex align="flex-start" gap={4}>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('prj.detail.backToList')}
            onClick={() => navigate('/projects')}
          />
          <div style={{ minWidth: 0 }}>
            <Space size={8} align="center" wrap>
              <LightDot light={p.light} reasons={p.lightReasons} withText />
              <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-all' }} data-testid="project-name">
                {p.name}
              </Typography.Title>
            </Space>
            <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
              <StageTag stage={p.stage} suspended={p.suspended} />
              {p.inStats && <Tag color="green">{t('prj.inStats')}</Tag>}
              {p.code && <Typography.Text className="bz-mono">{p.code}</Typography.Text>}
              {p.enterpriseId && <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link>}
              <Typography.Text type="secondary">
                {t('prj.fields.totalInvestment')} <Money yuan={p.totalInvestment} />
              </Typography.Text>
            </Space>
            {p.lightReasons.length > 0 && (
              <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }} data-testid="light-reasons">
                {p.lightReasons.map((r) => (
                  <li key={`${r.rule}:${r.zh}`}>
                    <Typography.Text type={r.light === 'red' ? 'danger' : r.light === 'amber' ? 'warning' : undefined}>
                      {i18n.language === 'en' ? r.en : r.zh}
                    </Typography.Text>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(sp);
          next.set('tab', k);
          setSp(next, { replace: true });
        }}
        destroyOnHidden
        items={[
          {
            key: 'info',
            label: t('prj.detail.tabs.info'),
            children: <InfoTab p={p} onEdit={() => setEditing(true)} />,
          },
          { key: 'invest', label: t('prj.detail.tabs.invest'), children: <InvestTab p={p} onChanged={onChanged} /> },
          { key: 'nodes', label: t('prj.detail.tabs.nodes'), children: <NodesTab p={p} onChanged={onChanged} /> },
          { key: 'reports', label: t('prj.detail.tabs.reports'), children: <ReportsTab p={p} onChanged={onChanged} /> },
          { key: 'stage', label: t('prj.detail.tabs.stage'), children: <StageTab p={p} onChanged={onChanged} /> },
          {
            key: 'files',
            label: t('att.tab'),
            children: (
              <Attachments entity="project" entityId={p.id} canEdit={can('project:edit') || can('project:report')} />
            ),
          },
        ]}
      />
      {editing && (
        <ProjectDrawer
          project={p}
          onClose={() => setEditing(false)}
          onSaved={(fresh) => {
            setEditing(false);
            onChanged(fresh);
          }}
        />
      )}
    </Flex>
  );
}
