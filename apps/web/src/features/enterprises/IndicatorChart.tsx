import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { formatPercent, formatWan } from '../../shared/format';
import type { IndicatorRow } from './api';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Monthly revenue (万元, bars) and its 同比 growth (%, line). */
export default function IndicatorChart({ rows }: { rows: IndicatorRow[] }) {
  const { t } = useTranslation();
  const months = rows.map((r) => r.month);
  const revenue = rows.map((r) => (r.revenue === null ? null : Number(formatWan(r.revenue).replace(/,/g, ''))));
  const yoy = rows.map((r) => (r.revenueYoy === null ? null : Math.round(r.revenueYoy * 1000) / 10));
  const revenueName = t('ent.ind.chartRevenue');
  const yoyName = t('ent.ind.chartYoy');
  const option = {
    tooltip: {
      trigger: 'axis',
      valueFormatter: undefined,
      formatter: (params: { seriesName: string; dataIndex: number; marker: string; axisValue: string }[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const r = rows[i];
        if (!r) return '';
        return [
          params[0]?.axisValue,
          `${params.find((p) => p.seriesName === revenueName)?.marker ?? ''}${revenueName}: ${formatWan(r.revenue)}`,
          `${params.find((p) => p.seriesName === yoyName)?.marker ?? ''}${yoyName}: ${formatPercent(r.revenueYoy, true)}`,
        ].join('<br/>');
      },
    },
    legend: { data: [revenueName, yoyName], top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months, axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: 'value', name: t('ent.wanUnit'), nameTextStyle: { align: 'left' } },
      { type: 'value', name: '%', splitLine: { show: false } },
    ],
    series: [
      { name: revenueName, type: 'bar', data: revenue, itemStyle: { color: '#1677ff' }, barMaxWidth: 24 },
      {
        name: yoyName,
        type: 'line',
        yAxisIndex: 1,
        data: yoy,
        smooth: true,
        connectNulls: false,
        itemStyle: { color: '#cf1322' },
      },
    ],
  };
  return (
    <div data-testid="indicator-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 300, width: '100%' }} />
    </div>
  );
}
