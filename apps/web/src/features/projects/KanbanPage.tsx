import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Result, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../shared/api';
import { formatYi } from '../../shared/format';
import { type Kanban, PROJECTS_KEY, STAGE_COLORS, type Stage, stageLabel } from './api';

/** One column per stage: how many projects and how much investment; a click opens the filtered list. */
export default function KanbanPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: [PROJECTS_KEY, 'kanban'],
    queryFn: ({ signal }) => api.get<Kanban>('/projects/kanban', undefined, { signal }),
  });
  if (q.isError)
    return (
      <Result
        status="warning"
        title={t('pageTable.loadFailed')}
        subTitle={(q.error as Error).message}
        extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  if (!q.data) return <Skeleton active />;
  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        {q.data.columns.map((c) => (
          <Col key={c.stage} xs={12} sm={8} md={6} xl={3} style={{ minWidth: 150, flexGrow: 1 }}>
            <Card
              hoverable
              size="small"
              role="button"
              tabIndex={0}
              aria-label={`${stageLabel(c.stage, i18n.language)} · ${t('prj.kanban.open')}`}
              data-testid={`kanban-${c.stage}`}
              onClick={() => navigate(`/projects?stage=${c.stage}`)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') navigate(`/projects?stage=${c.stage}`);
              }}
              style={{ height: '100%', borderTop: '3px solid var(--ant-color-primary)' }}
            >
              <Tag color={STAGE_COLORS[c.stage as Stage] ?? 'default'}>{stageLabel(c.stage, i18n.language)}</Tag>
              <Statistic value={c.count} suffix={t('prj.kanban.count', { count: c.count }).replace(/^\d+\s*/, '')} />
              <Typography.Text type="secondary">
                {t('prj.kanban.total', { amount: formatYi(c.totalInvestment) })}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      {q.data.suspended > 0 && (
        <Card size="small" hoverable onClick={() => navigate('/projects?suspended=true')}>
          <Tag color="red">{t('prj.suspendedTag')}</Tag>
          {t('prj.kanban.suspended', { count: q.data.suspended })}
        </Card>
      )}
    </Flex>
  );
}
