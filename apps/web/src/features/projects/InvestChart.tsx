import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { formatWan } from '../../shared/format';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Monthly completed investment as bars (万元). */
export default function InvestChart({ rows }: { rows: { month: string; amount: string }[] }) {
  const { t } = useTranslation();
  const option = {
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number; marker: string; axisValue: string }[]) => {
        const r = rows[params[0]?.dataIndex ?? 0];
        return r
          ? `${params[0]?.axisValue}<br/>${params[0]?.marker ?? ''}${formatWan(r.amount, true, t('prj.wan'))}`
          : '';
      },
    },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.month.slice(0, 7)), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: t('prj.wan'), nameTextStyle: { align: 'left' } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => Number(formatWan(r.amount).replace(/,/g, ''))),
        itemStyle: { color: '#1677ff' },
        barMaxWidth: 28,
      },
    ],
  };
  return (
    <div data-testid="invest-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 260, width: '100%' }} />
    </div>
  );
}
