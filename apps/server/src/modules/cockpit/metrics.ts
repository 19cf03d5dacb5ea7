/**
 * Cockpit arithmetic as pure functions: 完成率 against 时序进度, the doubling path (CAGR), growth.
 */

/** Required annual growth to multiply `base` by `multiple` over `years` years. */
export function requiredCagr(multiple: number, years: number): number {
  if (years <= 0) throw new RangeError('the target year must be after the base year');
  return multiple ** (1 / years) - 1;
}

/** The path from the base year to the target year at the required growth. */
export function doublingPath(baseYear: number, baseValue: number, targetYear: number, multiple = 2) {
  const g = requiredCagr(multiple, targetYear - baseYear);
  const path: { year: number; value: number }[] = [];
  for (let y = baseYear; y <= targetYear; y++) path.push({ year: y, value: baseValue * (1 + g) ** (y - baseYear) });
  return { growth: g, path };
}

/** 时序进度 of a period ending with month `m` (1–12): m / 12; for a date, the share of the year elapsed. */
export function timeProgressOfMonth(month: number): number {
  return Math.min(1, Math.max(0, month / 12));
}

export function completion(actual: number, target: number | null): number | null {
  return target ? actual / target : null;
}

/** Percentage points by which completion is ahead (+) or behind (−) the time progress. */
export function aheadPoints(actual: number, target: number | null, timeProgress: number): number | null {
  const c = completion(actual, target);
  return c === null ? null : Math.round((c - timeProgress) * 1000) / 10;
}

export function growth(now: number, before: number | null): number | null {
  return before ? (now - before) / before : null;
}
