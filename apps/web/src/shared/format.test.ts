import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatPercent, formatWan, formatYi, growthColor } from './format';

describe('money', () => {
  it('formats 元 as 万元 with two decimals and separators', () => {
    expect(formatWan('123456789.00')).toBe('12,345.68');
    expect(formatWan(10000)).toBe('1.00');
    expect(formatWan('0')).toBe('0.00');
    expect(formatWan('50')).toBe('0.01');
    expect(formatWan('49')).toBe('0.00');
    expect(formatWan('-2500000')).toBe('-250.00');
    expect(formatWan('99995')).toBe('10.00');
    expect(formatWan(1234567, true)).toBe('123.46 万元');
  });
  it('is exact on large values (no float rounding)', () => {
    expect(formatWan('12345678901234567.89')).toBe('1,234,567,890,123.46');
    expect(formatWan('0.15')).toBe('0.00');
  });
  it('formats 亿元', () => {
    expect(formatYi('1234567890')).toBe('12.35');
    expect(formatYi('50000000', true)).toBe('0.50 亿元');
  });
  it('shows a dash for missing or malformed values', () => {
    expect(formatWan(null)).toBe('—');
    expect(formatWan('abc')).toBe('—');
    expect(formatYi(undefined)).toBe('—');
  });
});

describe('numbers, percentages, dates', () => {
  it('groups thousands', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber('1234.5', 1)).toBe('1,234.5');
  });
  it('formats percentages with one decimal', () => {
    expect(formatPercent(12.345)).toBe('12.3%');
    expect(formatPercent(12.35)).toBe('12.4%');
    expect(formatPercent(0.1234, true)).toBe('12.3%');
    expect(formatPercent(-3.05)).toBe('-3.1%');
    expect(formatPercent(null)).toBe('—');
  });
  it('colours growth the Chinese way', () => {
    expect(growthColor(5)).toBe('#cf1322');
    expect(growthColor(-5)).toBe('#389e0d');
    expect(growthColor(0)).toBeUndefined();
  });
  it('formats dates as YYYY-MM-DD', () => {
    expect(formatDate('2026-03-05')).toBe('2026-03-05');
    expect(formatDate(new Date(2026, 0, 9, 13, 0))).toBe('2026-01-09');
    expect(formatDate(null)).toBe('—');
  });
});
