/**
 * Working days over the official calendar: Monday–Friday, except listed holidays (off), plus listed
 * 调休 make-up days (workday). Pure functions over YYYY-MM-DD strings; no I/O.
 */
export type CalendarOverrides = ReadonlyMap<string, 'off' | 'workday'>;

const DAY = 86_400_000;
const toTime = (d: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new RangeError(`not a date: ${d}`);
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  if (new Date(t).toISOString().slice(0, 10) !== d) throw new RangeError(`not a date: ${d}`);
  return t;
};
const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);

export function addDays(d: string, n: number): string {
  return fromTime(toTime(d) + n * DAY);
}

export function isWorkday(d: string, cal: CalendarOverrides): boolean {
  const o = cal.get(d);
  if (o) return o === 'workday';
  const dow = new Date(toTime(d)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The date N working days after `start` (start itself not counted); negative N counts back.
 * N = 0 returns `start`. A deadline of "3 working days" from a Friday registration is the third
 * working day after it.
 */
export function addWorkdays(start: string, n: number, cal: CalendarOverrides): string {
  if (!Number.isInteger(n) || Math.abs(n) > 10_000) throw new RangeError('working days out of range');
  let t = toTime(start);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    t += step * DAY;
    if (isWorkday(fromTime(t), cal)) left--;
  }
  return fromTime(t);
}

/** Working days after `from` up to and including `to` (negative when `to` is earlier). */
export function workdaysBetween(from: string, to: string, cal: CalendarOverrides): number {
  const a = toTime(from);
  const b = toTime(to);
  if (Math.abs(b - a) > 40 * 366 * DAY) throw new RangeError('range too long');
  if (b < a) return -workdaysBetween(to, from, cal);
  let n = 0;
  for (let t = a + DAY; t <= b; t += DAY) if (isWorkday(fromTime(t), cal)) n++;
  return n;
}
