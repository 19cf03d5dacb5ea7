import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Progress, Result, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type Page } from '../../shared/api';
import { formatDateTime, formatPercent, formatWan } from '../../shared/format';
import { sumYuan } from '../cockpit/api';
import { MonthInput } from '../cultivation/MonthInput';
import { PROJECTS_KEY, type ProjectDetail, type ProjectReport, type ProjectSummary } from './api';

/** One line of the 调度表, the same columns as the server's .xlsx. */
export interface ScheduleRow {
  id: number;
  name: string;
  totalInvestment: string;
  yearPlan: string | null;
  month: string;
  ytd: string;
  rate: number | null;
  progress: string | null;
  problems: string | null;
  suspended: boolean;
  responsible: string;
  leader: string | null;
  light: ProjectSummary['light'];
}

/** The month's figure, the year to that month, and the latest report of that year (like the .xlsx). */
export function scheduleRow(p: ProjectDetail, reports: ProjectReport[], period: string): ScheduleRow {
  const year = period.slice(0, 4);
  const inv = p.investments ?? [];
  const month = sumYuan(inv.filter((x) => x.month.slice(0, 7) === period).map((x) => x.amount));
  const ytd = sumYuan(
    inv.filter((x) => x.month.slice(0, 4) === year && x.month.slice(0, 7) <= period).map((x) => x.amount),
  );
  const plan = p.yearPlan ? Number(p.yearPlan) : 0;
  const rep = reports.filter((r) => r.period.startsWith(`${year}-`)).sort((a, b) => (a.period < b.period ? 1 : -1))[0];
  return {
    id: p.id,
    name: p.name,
    totalInvestment: p.totalInvestment,
    yearPlan: p.yearPlan,
    month,
    ytd,
    rate: plan > 0 ? Number(ytd) / plan : null,
    progress: rep?.progress ?? null,
    problems: rep?.problems ?? null,
    suspended: p.suspended,
    responsible: [p.responsibleDept, p.responsibleName].filter(Boolean).join(' / '),
    leader: p.leaderName,
    light: p.light,
  };
}

/** Runs `fn` over `items` with at most `limit` in flight, reporting how many are done. */
async function pool<T, R>(items: T[], limit: number, fn: (x: T) => Promise<R>, onDone: (n: number) => void) {
  const out: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
      onDone(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const LIGHT_TEXT_COLOR = { red: '#cf1322', amber: '#d48806', green: '#389e0d' } as const;

/** 调度表 (print): every project of the month as one bordered table; 打印 uses the browser's print. */
export default function SchedulePrintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const raw = sp.get('period') ?? '';
  const period = /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? raw : dayjs().format('YYYY-MM');
  const [progress, setProgress] = useState({ done: 0, total: 0 });

  const q = useQuery({
    queryKey: [PROJECTS_KEY, 'schedule-print', period],
    queryFn: async ({ signal }) => {
      const all: ProjectSummary[] = [];
      for (let page = 1; ; page++) {
        const r = await api.get<Page<ProjectSummary>>('/projects', { page, pageSize: 200 }, { signal });
        all.push(...r.items);
        if (r.items.length === 0 || all.length >= r.total) break;
      }
      setProgress({ done: 0, total: all.length });
      return pool(
        all,
        6,
        async (p) => {
          const [detail, reports] = await Promise.all([
            api.get<ProjectDetail>(`/projects/${p.id}`, undefined, { signal }),
            api.get<{ items: ProjectReport[] }>(`/projects/${p.id}/reports`, undefined, { signal }),
          ]);
          return scheduleRow(detail, reports.items, period);
        },
        (done) => setProgress((s) => ({ ...s, done })),
      );
    },
    staleTime: 60_000,
  });

  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const title = t('prj.print.title', { year, month });
  const rows = q.data ?? [];

  return (
    <Flex vertical gap={12} className="bz-print-page">
      <Card size="small" className="bz-no-print">
        <Flex gap={8} wrap align="center">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/projects')}>
            {t('prj.detail.backToList')}
          </Button>
          <Space>
            <span>{t('prj.print.period')}</span>
            <div style={{ width: 140 }}>
              <MonthInput
                value={period}
                allowClear={false}
                onChange={(v) => v && setSp({ period: v }, { replace: true })}
              />
            </div>
          </Space>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!q.data}
            onClick={() => window.print()}
            data-testid="print"
          >
            {t('prj.print.print')}
          </Button>
        </Flex>
        {progress.total > 50 && q.isFetching && (
          <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('prj.print.many', { n: progress.total })} />
        )}
      </Card>
      {q.isError ? (
        <Result
          status="warning"
          title={(q.error as Error).message}
          extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
        />
      ) : !q.data ? (
        <Card size="small">
          <Typography.Text>{t('prj.print.loading', progress)}</Typography.Text>
          <Progress percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0} />
        </Card>
      ) : (
        <div style={{ background: '#fff', padding: 12 }} data-testid="schedule-sheet">
          <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
            {title}
          </Typography.Title>
          <Flex justify="space-between" wrap style={{ marginBottom: 6, fontSize: 12 }}>
            <span>{t('prj.print.count', { n: rows.length })}</span>
            <span>{t('prj.print.madeAt', { time: formatDateTime(new Date(), false) })}</span>
          </Flex>
          {rows.length === 0 ? (
            <Empty description={t('prj.print.empty')} />
          ) : (
            <div className="bz-print-scroll">
              <table className="bz-print-table">
                <thead>
                  <tr>
                    <th>{t('prj.print.no')}</th>
                    <th>{t('prj.print.name')}</th>
                    <th>{t('prj.print.total')}</th>
                    <th>{t('prj.print.plan')}</th>
                    <th>{t('prj.print.month')}</th>
                    <th>{t('prj.print.ytd')}</th>
                    <th>{t('prj.print.rate')}</th>
                    <th>{t('prj.print.progress')}</th>
                    <th>{t('prj.print.responsible')}</th>
                    <th>{t('prj.print.leader')}</th>
                    <th>{t('prj.print.light')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={r.id}>
                      <td className="num">{i + 1}</td>
                      <td style={{ minWidth: 160 }}>{r.name}</td>
                      <td className="num">{formatWan(r.totalInvestment)}</td>
                      <td className="num">{formatWan(r.yearPlan)}</td>
                      <td className="num">{formatWan(r.month)}</td>
                      <td className="num">{formatWan(r.ytd)}</td>
                      <td className="num">{formatPercent(r.rate, true)}</td>
                      <td style={{ minWidth: 220 }}>
                        <div style={{ whiteSpace: 'pre-wrap' }}>
                          {r.progress ?? (r.suspended ? t('prj.print.suspended') : '')}
                        </div>
                        {r.problems && (
                          <div style={{ whiteSpace: 'pre-wrap', color: '#8c8c8c' }}>
                            {t('prj.print.problems', { text: r.problems })}
                          </div>
                        )}
                      </td>
                      <td style={{ minWidth: 110 }}>{r.responsible || '—'}</td>
                      <td style={{ whiteSpace: 'nowrap' }}>{r.leader ?? '—'}</td>
                      <td style={{ whiteSpace: 'nowrap', color: LIGHT_TEXT_COLOR[r.light], fontWeight: 600 }}>
                        {t(`prj.lightShort.${r.light}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </Flex>
  );
}
