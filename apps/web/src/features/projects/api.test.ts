import { describe, expect, it } from 'vitest';
import { completionRate, currentPeriod, formatMoney } from './api';

const units = { wan: '万元', yi: '亿元' };

describe('project helpers', () => {
  it('shows 万元 below 1亿 and 亿元 from 1亿 up, exactly', () => {
    expect(formatMoney('50000000.00', units)).toBe('5,000.00 万元');
    expect(formatMoney('100000000', units)).toBe('1.00 亿元');
    expect(formatMoney('1234567890.12', units)).toBe('12.35 亿元');
    expect(formatMoney(null, units)).toBe('—');
  });
  it('computes the completion rate against the plan', () => {
    expect(completionRate('2500000', '10000000')).toBe(25);
    expect(completionRate('1', null)).toBeNull();
    expect(completionRate('1', '0')).toBeNull();
  });
  it('names the current period like the server', () => {
    expect(currentPeriod('monthly', new Date(2026, 10, 25))).toBe('2026-11');
    expect(currentPeriod('weekly', new Date(2026, 10, 25))).toBe('2026-W48');
    expect(currentPeriod('weekly', new Date(2027, 0, 1))).toBe('2026-W53');
  });
});
