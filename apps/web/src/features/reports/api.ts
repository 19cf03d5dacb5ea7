import type { Brief, BriefChart, BriefKind } from '@beizeng/contract';

export type { Brief, BriefChart, BriefKind };

export const BRIEF_KEY = 'reports';

/** The query of a brief: period YYYY-MM and region are optional (the server's defaults apply). */
export interface BriefQuery {
  kind: BriefKind;
  period?: string;
  region?: string;
}

/** The printable page of a brief, as a link. */
export function briefPrintUrl(q: BriefQuery): string {
  const sp = new URLSearchParams({ kind: q.kind });
  if (q.period) sp.set('period', q.period);
  if (q.region) sp.set('region', q.region);
  return `/reports/print?${sp.toString()}`;
}

/** ECharts option of a brief chart: plain, no animation (printing takes the chart as drawn). */
export function briefChartOption(c: BriefChart) {
  return {
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: c.categories, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: c.unit, minInterval: c.unit === '个' ? 1 : undefined },
    series: c.series.map((s) => ({
      name: s.name,
      type: s.kind,
      data: s.data,
      ...(s.stack ? { stack: s.stack } : {}),
      ...(s.color ? { itemStyle: { color: s.color }, lineStyle: { color: s.color } } : {}),
      barMaxWidth: 48,
      // figures on the bars, zeros left out (a printed chart is read without a tooltip)
      label: {
        show: s.kind === 'bar' && c.categories.length <= 12,
        position: s.stack ? 'inside' : 'top',
        formatter: (p: { value: number | null }) => (p.value ? String(p.value) : ''),
      },
    })),
  };
}
