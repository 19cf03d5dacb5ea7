import { describe, expect, it } from 'vitest';
import { aheadPoints, completion, doublingPath, growth, requiredCagr, timeProgressOfMonth } from './metrics';

describe('doubling path', () => {
  it('needs 2^(1/n) − 1 a year', () => {
    expect(requiredCagr(2, 5)).toBeCloseTo(0.148698355, 8);
    expect(requiredCagr(2, 1)).toBe(1);
    expect(() => requiredCagr(2, 0)).toThrow(RangeError);
    const p = doublingPath(2022, 10, 2027);
    expect(p.path.length).toBe(6);
    expect(p.path[0]!.value).toBe(10);
    expect(p.path.at(-1)!.value).toBeCloseTo(20, 9);
  });
});

describe('完成率 and 时序进度', () => {
  it('compares completion with the elapsed share of the year', () => {
    expect(timeProgressOfMonth(10)).toBeCloseTo(10 / 12);
    expect(completion(45, 100)).toBe(0.45);
    expect(completion(1, null)).toBeNull();
    // 1—10月 完成 90% of the target: ahead of 83.3% by 6.7 points
    expect(aheadPoints(90, 100, 10 / 12)).toBe(6.7);
    expect(aheadPoints(50, 100, 0.5)).toBe(0);
    expect(growth(110, 100)).toBeCloseTo(0.1);
    expect(growth(1, 0)).toBeNull();
  });
});
