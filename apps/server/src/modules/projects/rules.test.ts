import { describe, expect, it } from 'vitest';
import { inStats, light, overdueDays, schedule, timeProgress } from './rules';

const cal = new Map<string, 'off' | 'workday'>([
  ['2026-10-01', 'off'],
  ['2026-10-02', 'off'],
  ['2026-10-05', 'off'],
  ['2026-10-06', 'off'],
  ['2026-10-07', 'off'],
  ['2026-10-10', 'workday'],
]);

describe('node schedule over working days', () => {
  it('runs serial and parallel nodes and waits for all predecessors', () => {
    const s = schedule(
      [
        { key: 'land', days: 10, after: [] },
        { key: 'eia', days: 5, after: [] },
        { key: 'approve', days: 3, after: ['land', 'eia'] },
        { key: 'start', days: 1, after: ['approve'] },
      ],
      '2026-09-25',
      cal,
    );
    // 10 WD after Fri 09-25: 28,29,30, (10-01..07 off except weekends), 08,09,10(调休),12,13,14,15 → 10-15
    expect(s.get('land')!.dueDate).toBe('2026-10-15');
    expect(s.get('eia')!.dueDate).toBe('2026-10-09');
    expect(s.get('approve')!.plannedStart).toBe('2026-10-15');
    expect(s.get('approve')!.dueDate).toBe('2026-10-20');
    expect(s.get('start')!.dueDate).toBe('2026-10-21');
  });

  it('uses actual dates once recorded and rejects cycles', () => {
    const s = schedule(
      [
        { key: 'a', days: 5, after: [], actualDone: '2026-11-02' },
        { key: 'b', days: 2, after: ['a'] },
      ],
      '2026-10-12',
      cal,
    );
    expect(s.get('b')!.plannedStart).toBe('2026-11-02');
    expect(s.get('b')!.dueDate).toBe('2026-11-04');
    expect(() =>
      schedule(
        [
          { key: 'a', days: 1, after: ['b'] },
          { key: 'b', days: 1, after: ['a'] },
        ],
        '2026-10-12',
        cal,
      ),
    ).toThrow(/cycle/);
    expect(overdueDays('2026-11-02', null, '2026-11-05', cal)).toBe(3);
    expect(overdueDays('2026-11-02', '2026-11-01', '2026-11-05', cal)).toBe(0);
  });
});

describe('project lights', () => {
  const base = {
    stage: 'building',
    suspended: false,
    plannedStart: '2026-03-01',
    actualStart: '2026-03-10',
    yearPlan: 10_000_000,
    yearCompleted: 8_000_000,
    overdueNodes: [],
  };
  it('is green when on track', () => {
    expect(light(base, '2026-10-01').light).toBe('green');
  });
  it('turns amber one month after a missed start and red after three', () => {
    const notStarted = { ...base, stage: 'signed', actualStart: null, yearCompleted: 0 };
    expect(light({ ...notStarted, plannedStart: '2026-10-01' }, '2026-10-20').light).toBe('green');
    expect(light({ ...notStarted, plannedStart: '2026-09-01' }, '2026-10-20').light).toBe('amber');
    expect(light({ ...notStarted, plannedStart: '2026-07-01' }, '2026-10-20').light).toBe('red');
  });
  it('compares investment progress with time progress (10–30 points amber, more red)', () => {
    const t = '2026-07-02'; // half the year
    expect(timeProgress(t)).toBeCloseTo(0.5, 2);
    expect(light({ ...base, yearCompleted: 4_500_000 }, t).light).toBe('green');
    expect(light({ ...base, yearCompleted: 3_500_000 }, t).light).toBe('amber');
    const red = light({ ...base, yearCompleted: 1_000_000 }, t);
    expect(red.light).toBe('red');
    expect(red.reasons[0]!.zh).toContain('个百分点');
  });
  it('warns on overdue nodes: amber, then red after two weeks', () => {
    expect(light({ ...base, overdueNodes: [{ name: '环评', overdueDays: 3 }] }, '2026-10-01').light).toBe('amber');
    expect(light({ ...base, overdueNodes: [{ name: '环评', overdueDays: 10 }] }, '2026-10-01').light).toBe('red');
    expect(light({ ...base, suspended: true }, '2026-10-01').light).toBe('red');
  });
});

describe('入统', () => {
  it('needs ≥ 500万 and a start', () => {
    expect(inStats(5_000_000, '2026-01-01')).toBe(true);
    expect(inStats(4_999_999.99, '2026-01-01')).toBe(false);
    expect(inStats(50_000_000, null)).toBe(false);
  });
});
