import { ArrowLeftOutlined, FileExcelOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Result, Segmented, Skeleton, Space } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, download } from '../../shared/api';
import { feedback, showError } from '../../shared/feedback';
import { MonthInput } from '../cultivation/MonthInput';
import { BRIEF_KEY, type Brief, type BriefKind, briefChartOption } from './api';

// SVG: charts stay sharp on paper
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/** The brief's own print rules: A4 portrait, official-document type, each section on its own page. */
const PRINT_CSS = `
.bz-brief { max-width: 210mm; margin: 0 auto; background: #fff; padding: 20mm 18mm; color: #000;
  font-family: FangSong, STFangsong, "FangSong_GB2312", "Noto Serif CJK SC", "Songti SC", serif; font-size: 16px;
  line-height: 1.8; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
.bz-brief h1 { font-family: "FZXiaoBiaoSong-B05S", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 26px;
  font-weight: 600; text-align: center; margin: 0 0 8px; letter-spacing: 1px; }
.bz-brief .bz-brief-date { text-align: center; margin-bottom: 24px; }
.bz-brief h2 { font-family: SimHei, "Noto Sans CJK SC", sans-serif; font-size: 17px; font-weight: 600; margin: 16px 0 4px; }
.bz-brief p { text-indent: 2em; margin: 0 0 8px; text-align: justify; }
.bz-brief .bz-print-table { font-family: inherit; }
.bz-brief-section + .bz-brief-section.bz-brief-break { margin-top: 28px; }
@media print {
  @page { size: A4 portrait; margin: 20mm 18mm; }
  .bz-brief { max-width: none; padding: 0; box-shadow: none; font-size: 12pt; }
  .bz-brief h1 { font-size: 18pt; }
  .bz-brief h2 { font-size: 13pt; break-after: avoid; }
  .bz-brief-break { break-before: page; }
  .bz-brief-section.bz-brief-break { margin-top: 0; }
  .bz-brief-chart { break-inside: avoid; }
}
`;

const isPeriod = (v: string | null) => !!v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

/** 简报（打印）: the weekly 调度 brief or the monthly 经济运行 brief in the official form; 打印 uses the browser's print. */
export default function BriefPrintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const kind: BriefKind = sp.get('kind') === 'monthly' ? 'monthly' : 'weekly';
  const period = isPeriod(sp.get('period')) ? (sp.get('period') as string) : undefined;
  const region = /^\d{12}$/.test(sp.get('region') ?? '') ? (sp.get('region') as string) : undefined;
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: [BRIEF_KEY, 'brief', kind, period ?? '', region ?? ''],
    queryFn: ({ signal }) => api.get<Brief>('/reports/brief', { kind, period, region }, { signal }),
  });
  const set = (next: Record<string, string | undefined>) => {
    const out = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) out.delete(k);
      else out.set(k, v);
    }
    setSp(out, { replace: true });
  };
  const fetchFile = async (ext: 'docx' | 'xlsx') => {
    setBusy(true);
    try {
      const name = await download(`/reports/${kind}.${ext}`, { period, region }, `${t(`rpt.kind.${kind}`)}.${ext}`);
      feedback.message.success(t('export.done', { name }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const b = q.data;
  const cockpit = `/cockpit${period || region ? `?${new URLSearchParams({ ...(period ? { period } : {}), ...(region ? { region } : {}) })}` : ''}`;

  return (
    <Flex vertical gap={12} className="bz-print-page">
      <style>{PRINT_CSS}</style>
      <Card size="small" className="bz-no-print">
        <Flex gap={8} wrap align="center">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(cockpit)}>
            {t('rpt.print.back')}
          </Button>
          <Segmented<BriefKind>
            value={kind}
            onChange={(v) => set({ kind: v })}
            options={[
              { value: 'weekly', label: t('rpt.kind.weekly') },
              { value: 'monthly', label: t('rpt.kind.monthly') },
            ]}
            data-testid="brief-kind"
          />
          <Space>
            <span>{t('rpt.print.period')}</span>
            <div style={{ width: 140 }}>
              <MonthInput value={period ?? b?.period} allowClear={false} onChange={(v) => v && set({ period: v })} />
            </div>
          </Space>
          <Button icon={<FileWordOutlined />} loading={busy} onClick={() => fetchFile('docx')}>
            {t('rpt.menu.docx')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => fetchFile('xlsx')}>
            {t('rpt.menu.xlsx')}
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!b}
            onClick={() => window.print()}
            data-testid="print"
          >
            {t('rpt.print.print')}
          </Button>
        </Flex>
      </Card>
      {q.isError ? (
        <Result
          status="warning"
          title={(q.error as Error).message}
          extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
        />
      ) : !b ? (
        <Card size="small">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <article className="bz-brief" data-testid="brief-sheet">
          <section className="bz-brief-section">
            <h1>{b.title}</h1>
            <div className="bz-brief-date">{b.dateLine}</div>
            {b.paragraphs.length === 0 && <Empty description={t('rpt.print.empty')} />}
            {b.paragraphs.map((p) => (
              <div key={p.heading}>
                <h2>{p.heading}</h2>
                <p>{p.text}</p>
              </div>
            ))}
          </section>
          {b.tables.map((tb) => (
            <section key={tb.title} className="bz-brief-section bz-brief-break">
              <h2>{tb.title}</h2>
              {tb.rows.length === 0 ? (
                <p>{t('rpt.print.noRows')}</p>
              ) : (
                <div className="bz-print-scroll">
                  <table className="bz-print-table">
                    <thead>
                      <tr>
                        <th>{t('rpt.print.no')}</th>
                        {tb.headers.map((h) => (
                          <th key={h}>{h}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {tb.rows.map((r, i) => (
                        <tr key={i}>
                          <td className="num">{i + 1}</td>
                          {r.map((cell, j) => (
                            <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                              {cell ?? ''}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          ))}
          {b.charts.length > 0 && (
            <section className="bz-brief-section bz-brief-break" data-testid="brief-charts">
              {b.charts.map((c) => (
                <div key={c.title} className="bz-brief-chart">
                  <h2>{c.title}</h2>
                  <ReactEChartsCore
                    echarts={echarts}
                    opts={{ renderer: 'svg' }}
                    style={{ height: 280, width: '100%' }}
                    notMerge
                    option={briefChartOption(c)}
                  />
                </div>
              ))}
            </section>
          )}
        </article>
      )}
    </Flex>
  );
}
