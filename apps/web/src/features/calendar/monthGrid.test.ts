import { describe, expect, it } from 'vitest';
import { dayKind, monthWeeks, yearOptions } from './monthGrid';

describe('monthWeeks', () => {
  it('starts weeks on Monday', () => {
    // 2026-01-01 is a Thursday
    const w = monthWeeks(2026, 1);
    expect(w[0].slice(0, 3)).toEqual([null, null, null]);
    expect(w[0][3]?.date).toBe('2026-01-01');
    expect(w[0][3]?.weekday).toBe(3);
    expect(w.flat().filter(Boolean)).toHaveLength(31);
    expect(w.every((week) => week.length === 7)).toBe(true);
  });
  it('knows leap years and weekends', () => {
    const days = monthWeeks(2024, 2).flat().filter(Boolean);
    expect(days).toHaveLength(29);
    expect(days.find((d) => d?.date === '2024-02-03')?.weekend).toBe(true); // Saturday
    expect(days.find((d) => d?.date === '2024-02-05')?.weekend).toBe(false); // Monday
  });
});

describe('dayKind', () => {
  it('lets calendar entries override weekends', () => {
    const entries = new Map([
      ['2026-02-14', { kind: 'workday' as const }], // a Saturday 调休
      ['2026-02-16', { kind: 'off' as const }],
    ]);
    const days = monthWeeks(2026, 2)
      .flat()
      .filter((d) => d !== null);
    const k = (date: string) => dayKind(days.find((d) => d.date === date)!, entries);
    expect(k('2026-02-14')).toBe('workday');
    expect(k('2026-02-16')).toBe('off');
    expect(k('2026-02-15')).toBe('weekend');
    expect(k('2026-02-17')).toBe('normal');
  });
});

describe('yearOptions', () => {
  it('runs from 2024 to at least 2027', () => {
    expect(yearOptions(2025)).toEqual([2024, 2025, 2026, 2027]);
    expect(yearOptions(2030)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032]);
    expect(yearOptions(2026, 2040)).toContain(2040);
  });
});
