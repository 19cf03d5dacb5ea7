import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Result,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { formatNumber, formatPercent } from '../../shared/format';
import { type Forecast, LEADS_KEY, leadStageLabel, OPEN_STAGES } from './api';

/** 预测: expected ≥ 1亿 signings by year end and the probability of reaching the plan's target. */
export default function ForecastPage() {
  const { t, i18n } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const y = sp.get('year');
  const year = y && /^20\d{2}$/.test(y) ? Number(y) : thisYear;
  const q = useQuery({
    queryKey: [LEADS_KEY, 'forecast', year],
    queryFn: ({ signal }) => api.get<Forecast>('/leads/forecast', { year }, { signal }),
  });
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];
  if (!years.includes(year)) years.push(year);

  const yearPicker = (
    <Flex align="center" gap={8}>
      <Typography.Text>{t('lead.forecast.year')}</Typography.Text>
      <Select
        value={year}
        style={{ width: 110 }}
        options={years.map((v) => ({ value: v, label: String(v) }))}
        onChange={(v) => setSp(v === thisYear ? {} : { year: String(v) }, { replace: true })}
        aria-label={t('lead.forecast.year')}
      />
    </Flex>
  );

  if (q.isError)
    return (
      <Result
        status="warning"
        title={t('pageTable.loadFailed')}
        subTitle={(q.error as Error).message}
        extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  const f = q.data;
  if (!f)
    return (
      <Flex vertical gap={12}>
        {yearPicker}
        <Skeleton active />
      </Flex>
    );
  const leads = [...f.leads].sort((a, b) => b.impact - a.impact || b.p - a.p);
  const pct = Math.round(f.pReach * 1000) / 10;
  const stages = OPEN_STAGES.filter((s) => s in f.probabilities).concat(
    Object.keys(f.probabilities).filter((s) => !OPEN_STAGES.includes(s as any)) as any,
  );

  return (
    <Flex vertical gap={12}>
      {yearPicker}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t('lead.forecast.pReach')}
              value={f.target > 0 ? pct : '—'}
              precision={f.target > 0 ? 1 : undefined}
              suffix={f.target > 0 ? '%' : undefined}
              styles={{ content: { fontSize: 44, color: pct >= 50 ? '#389e0d' : '#cf1322' } }}
              data-testid="forecast-preach"
            />
            {f.target > 0 ? (
              <Progress percent={pct} showInfo={false} status={pct >= 50 ? 'success' : 'exception'} />
            ) : (
              <Typography.Text type="secondary">{t('lead.forecast.noTarget')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('lead.forecast.target')} value={f.target} />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('lead.forecast.already')} value={f.already} />
          </Card>
        </Col>
        <Col xs={8} md={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('lead.forecast.expected')} value={formatNumber(f.expected, 1)} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('lead.forecast.probabilities')}
        extra={
          <Tag color={f.learned ? 'green' : 'default'}>
            {f.learned ? t('lead.forecast.learned') : t('lead.forecast.configured')}
          </Tag>
        }
      >
        <Flex wrap gap={16}>
          {stages.map((s) => (
            <Statistic
              key={s}
              title={leadStageLabel(s, i18n.language)}
              value={formatPercent(f.probabilities[s], true)}
              styles={{ content: { fontSize: 20 } }}
            />
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('lead.forecast.leads')}>
        <Typography.Paragraph type="secondary">{t('lead.forecast.leadsHint')}</Typography.Paragraph>
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          dataSource={leads}
          pagination={leads.length > 20 ? { pageSize: 20, size: 'small' } : false}
          locale={{ emptyText: t('lead.forecast.empty') }}
          columns={[
            {
              title: t('lead.forecast.name'),
              dataIndex: 'name',
              render: (v: string, r) => <Link to={`/leads/${r.id}`}>{v}</Link>,
            },
            {
              title: t('lead.forecast.p'),
              dataIndex: 'p',
              align: 'right',
              render: (v: number) => formatPercent(v, true),
            },
            {
              title: t('lead.forecast.impact'),
              dataIndex: 'impact',
              align: 'right',
              render: (v: number) => (
                <Typography.Text strong={v > 0}>
                  {v > 0 ? '+' : ''}
                  {formatPercent(v, true)}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
