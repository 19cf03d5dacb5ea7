import { describe, expect, it } from 'vitest';
import { checkAttachment, formatBytes } from '../../shared/Attachments';
import { benchFigure } from '../cockpit/BenchmarksPage';
import { linkTypeOf } from '../cockpit/StudyToursPage';
import type { ProjectDetail, ProjectReport } from './api';
import { scheduleRow } from './SchedulePrintPage';

const project = {
  id: 1,
  name: '示例项目',
  totalInvestment: '100000000.00',
  yearPlan: '40000000.00',
  suspended: false,
  responsibleDept: '经发办',
  responsibleName: '张三',
  leaderName: '刘振华',
  light: 'green',
  investments: [
    { month: '2025-12', amount: '5000000.00' },
    { month: '2026-09', amount: '10000000.00' },
    { month: '2026-10', amount: '2000000.50' },
    { month: '2026-11', amount: '3000000.00' },
  ],
} as unknown as ProjectDetail;
const report = (period: string, progress: string) =>
  ({ id: 1, period, progress, investment: '0', problems: null }) as unknown as ProjectReport;

describe('调度表 rows', () => {
  it('takes the month, the year up to that month, and the latest report of the year', () => {
    const r = scheduleRow(
      project,
      [report('2026-09', '九月'), report('2026-11', '十一月'), report('2025-12', '旧')],
      '2026-10',
    );
    expect(r.month).toBe('2000000.50');
    expect(r.ytd).toBe('12000000.50');
    expect(r.rate).toBeCloseTo(0.3, 3);
    expect(r.progress).toBe('十一月');
    expect(r.responsible).toBe('经发办 / 张三');
  });
  it('has no rate without a plan and no progress without a report', () => {
    const r = scheduleRow({ ...project, yearPlan: null }, [], '2026-01');
    expect(r.rate).toBeNull();
    expect(r.month).toBe('0.00');
    expect(r.progress).toBeNull();
  });
});

describe('benchmarks, tours and attachments helpers', () => {
  it('shows money in 亿元 and counts plainly', () => {
    expect(benchFigure(30000000000, '元')).toBe('300.00');
    expect(benchFigure('400.0000', '家')).toBe('400');
    expect(benchFigure(null, '家')).toBe('—');
  });
  it('knows what a task link points to', () => {
    expect(linkTypeOf('/projects/3')).toBe('project');
    expect(linkTypeOf('/enterprises/7')).toBe('enterprise');
    expect(linkTypeOf('/x')).toBeNull();
  });
  it('refuses unknown types and files over 10 MB', () => {
    expect(checkAttachment({ name: 'a.PNG', size: 10 })).toBeNull();
    expect(checkAttachment({ name: 'a.exe', size: 10 })).toBe('badType');
    expect(checkAttachment({ name: 'a.pdf', size: 10 * 1024 * 1024 + 1 })).toBe('tooBig');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
});
