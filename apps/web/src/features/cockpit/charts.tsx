import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty } from 'antd';
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedback, showError } from '../../shared/feedback';
import { downloadXlsx } from './api';

echarts.use([BarChart, LineChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface SheetData {
  fileName: string;
  header: string[];
  rows: (string | number | null)[][];
}

/** 下载数据: the chart's figures as an .xlsx (exceljs loads on the first click only). */
export function DownloadButton({ data, dark }: { data: () => SheetData; dark?: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="small"
      type="link"
      icon={<DownloadOutlined />}
      loading={busy}
      style={dark ? { color: '#8fb8ff' } : undefined}
      onClick={async (e) => {
        e.stopPropagation();
        setBusy(true);
        try {
          const d = data();
          await downloadXlsx(d.fileName, d.header, d.rows);
          feedback.message.success(t('ck.charts.downloaded', { name: `${d.fileName}.xlsx` }));
        } catch (err) {
          showError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('ck.charts.download')}
    </Button>
  );
}

/** A card with one ECharts chart and its 下载数据 link. */
export function ChartCard({
  title,
  option,
  height = 300,
  data,
  dark,
  empty,
  footer,
  testId,
}: {
  title: ReactNode;
  option: Record<string, unknown>;
  height?: number;
  data: () => SheetData;
  dark?: boolean;
  empty?: boolean;
  footer?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={<DownloadButton data={data} dark={dark} />}
      style={{ height: '100%', ...(dark ? { background: 'rgba(16, 42, 84, 0.6)', borderColor: '#1f4a8a' } : {}) }}
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} style={{ height }} />
      ) : (
        <ReactEChartsCore
          echarts={echarts}
          theme={dark ? 'dark' : undefined}
          style={{ height }}
          notMerge
          option={dark ? { backgroundColor: 'transparent', ...option } : option}
        />
      )}
      {footer}
    </Card>
  );
}
