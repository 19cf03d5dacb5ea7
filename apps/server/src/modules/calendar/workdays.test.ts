import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addWorkdays, isWorkday, workdaysBetween } from './workdays';

// The State Council calendar as shipped (date,kind,…), read directly: the functions are tested on real data.
const csv = fs.readFileSync(path.resolve(import.meta.dirname, '../../../seed/cn-holidays-2024-2026.csv'), 'utf8');
const cal = new Map(
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',') as [string, 'off' | 'workday']),
);

describe('working days over the official calendar', () => {
  it('knows ordinary weekdays, weekends, holidays and make-up days', () => {
    expect(isWorkday('2026-11-25', cal)).toBe(true); // Wednesday
    expect(isWorkday('2026-11-28', cal)).toBe(false); // Saturday
    expect(isWorkday('2026-10-01', cal)).toBe(false); // 国庆节
    expect(isWorkday('2026-10-10', cal)).toBe(true); // Saturday 调休上班
    expect(isWorkday('2026-01-04', cal)).toBe(true); // Sunday 调休上班
  });

  it('adds working days across the National Day week', () => {
    expect(addWorkdays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkdays('2026-09-30', 2, cal)).toBe('2026-10-09');
    expect(addWorkdays('2026-09-30', 3, cal)).toBe('2026-10-10'); // the make-up Saturday counts
    expect(addWorkdays('2026-10-12', -3, cal)).toBe('2026-10-08');
    expect(addWorkdays('2026-10-03', 0, cal)).toBe('2026-10-03');
  });

  it('adds 15 working days over the Spring Festival 2026 (接诉即办 办结 limit)', () => {
    // 2026-02-10 (Tue) + 15: Feb 11,12,13,14(调休) = 4; 15–23 off; 24,25,26,27,28(调休) = 9;
    // Mar 2,3,4,5,6 = 14; the 15th is Monday Mar 9
    expect(addWorkdays('2026-02-10', 15, cal)).toBe('2026-03-09');
  });

  it('counts working days between two dates, consistent with adding', () => {
    expect(workdaysBetween('2026-09-30', '2026-10-10', cal)).toBe(3);
    expect(workdaysBetween('2026-10-10', '2026-09-30', cal)).toBe(-3);
    expect(workdaysBetween('2026-11-25', '2026-11-25', cal)).toBe(0);
    for (const [start, n] of [
      ['2024-02-01', 20],
      ['2025-04-30', 7],
      ['2026-12-28', 5],
    ] as const) {
      expect(workdaysBetween(start, addWorkdays(start, n, cal), cal)).toBe(n);
    }
    // 2026: 261 weekdays (starts on a Thursday), 19 of them holidays, plus 6 make-up weekend days = 248
    expect(workdaysBetween('2025-12-31', '2026-12-31', cal)).toBe(248);
  });

  it('rejects impossible dates and ranges', () => {
    expect(() => addWorkdays('2026-02-30', 1, cal)).toThrow(RangeError);
    expect(() => addWorkdays('2026-01-01', 1.5, cal)).toThrow(RangeError);
    expect(() => workdaysBetween('1900-01-01', '2026-01-01', cal)).toThrow(RangeError);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });
});

describe('working days: the fast counting agrees with counting day by day', () => {
  // the obvious definition, one day at a time
  const naiveIsWorkday = (d: string, c: Map<string, 'off' | 'workday'>) => {
    const o = c.get(d);
    if (o) return o === 'workday';
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  };
  const naiveBetween = (from: string, to: string, c: Map<string, 'off' | 'workday'>): number => {
    if (to < from) return -naiveBetween(to, from, c);
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (naiveIsWorkday(d, c)) n++;
    return n;
  };
  const naiveAdd = (start: string, k: number, c: Map<string, 'off' | 'workday'>) => {
    let d = start;
    let left = Math.abs(k);
    while (left > 0) {
      d = addDays(d, k < 0 ? -1 : 1);
      if (naiveIsWorkday(d, c)) left--;
    }
    return d;
  };

  it('on the shipped calendar and on random calendars, for random ranges', () => {
    const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2024-01-01', n));
    const randomCal = fc
      .array(fc.tuple(day, fc.constantFrom<'off' | 'workday'>('off', 'workday')), { maxLength: 60 })
      .map((xs) => new Map(xs));
    fc.assert(
      fc.property(fc.oneof(fc.constant(cal), randomCal), day, day, fc.integer({ min: -40, max: 40 }), (c, a, b, k) => {
        expect(workdaysBetween(a, b, c)).toBe(naiveBetween(a, b, c));
        expect(isWorkday(a, c)).toBe(naiveIsWorkday(a, c));
        expect(addWorkdays(a, k, c)).toBe(naiveAdd(a, k, c));
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });
});
