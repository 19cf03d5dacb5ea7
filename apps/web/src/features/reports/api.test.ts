import { describe, expect, it } from 'vitest';
import { briefChartOption, briefPrintUrl } from './api';

describe('brief page helpers', () => {
  it('links the printable page with its period and region', () => {
    expect(briefPrintUrl({ kind: 'weekly' })).toBe('/reports/print?kind=weekly');
    expect(briefPrintUrl({ kind: 'monthly', period: '2026-10', region: '370406000000' })).toBe(
      '/reports/print?kind=monthly&period=2026-10&region=370406000000',
    );
  });
  it('draws a brief chart without animation, one series each', () => {
    const o = briefChartOption({
      title: '规上工业产值（万元）',
      kind: 'bar',
      unit: '万元',
      categories: ['1月', '2月'],
      series: [
        { name: '2026年', kind: 'bar', data: [1, 2] },
        { name: '2025年', kind: 'line', data: [1, null] },
      ],
    });
    expect(o.animation).toBe(false);
    expect(o.series.map((s) => s.type)).toEqual(['bar', 'line']);
    expect(o.xAxis.data).toEqual(['1月', '2月']);
  });
});
