/**
 * Working days over the official calendar: Monday–Friday, except listed holidays (off), plus listed
 * 调休 make-up days (workday). Pure functions over YYYY-MM-DD strings; no I/O.
 *
 * Internally days are integers (days since 1970-01-01) and a calendar is reduced once to two sorted lists: the
 * weekdays it takes off and the weekend days it makes working days. Counting working days in a range is then
 * arithmetic plus two binary searches, so ticket clocks and project schedules over thousands of rows stay cheap.
 * A calendar map is treated as immutable once it has been used (loadCalendar returns a fresh one per request).
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
const toDay = (d: string) => toTime(d) / DAY;
const fromDay = (n: number) => fromTime(n * DAY);
/** Monday–Friday by day number (1970-01-01 was a Thursday). */
const isWeekday = (n: number) => {
  const dow = (((n + 4) % 7) + 7) % 7;
  return dow !== 0 && dow !== 6;
};

interface Prepared {
  /** weekdays taken off, sorted */
  off: number[];
  /** weekend days made working days, sorted */
  work: number[];
  offSet: Set<number>;
  workSet: Set<number>;
}
const prepared = new WeakMap<CalendarOverrides, Prepared>();
function prepare(cal: CalendarOverrides): Prepared {
  let p = prepared.get(cal);
  if (p) return p;
  const off: number[] = [];
  const work: number[] = [];
  for (const [d, kind] of cal) {
    const n = toDay(d);
    if (kind === 'off' && isWeekday(n)) off.push(n);
    else if (kind === 'workday' && !isWeekday(n)) work.push(n);
  }
  off.sort((a, b) => a - b);
  work.sort((a, b) => a - b);
  p = { off, work, offSet: new Set(off), workSet: new Set(work) };
  prepared.set(cal, p);
  return p;
}
const isWorkdayNum = (n: number, p: Prepared) => (isWeekday(n) ? !p.offSet.has(n) : p.workSet.has(n));

/** How many of the sorted `xs` are ≤ n. */
function countUpTo(xs: number[], n: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
/** Monday–Friday days in (a, b], a ≤ b. */
function weekdaysAfter(a: number, b: number): number {
  const span = b - a;
  let n = Math.floor(span / 7) * 5;
  for (let d = a + Math.floor(span / 7) * 7 + 1; d <= b; d++) if (isWeekday(d)) n++;
  return n;
}

export function addDays(d: string, n: number): string {
  return fromTime(toTime(d) + n * DAY);
}

export function isWorkday(d: string, cal: CalendarOverrides): boolean {
  return isWorkdayNum(toDay(d), prepare(cal));
}

/**
 * The date N working days after `start` (start itself not counted); negative N counts back.
 * N = 0 returns `start`. A deadline of "3 working days" from a Friday registration is the third
 * working day after it.
 */
export function addWorkdays(start: string, n: number, cal: CalendarOverrides): string {
  if (!Number.isInteger(n) || Math.abs(n) > 10_000) throw new RangeError('working days out of range');
  const p = prepare(cal);
  let d = toDay(start);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    d += step;
    if (isWorkdayNum(d, p)) left--;
  }
  return fromDay(d);
}

/** Working days after `from` up to and including `to` (negative when `to` is earlier). */
export function workdaysBetween(from: string, to: string, cal: CalendarOverrides): number {
  const a = toDay(from);
  const b = toDay(to);
  if (Math.abs(b - a) > 40 * 366) throw new RangeError('range too long');
  if (b < a) return -workdaysBetween(to, from, cal);
  const p = prepare(cal);
  const off = countUpTo(p.off, b) - countUpTo(p.off, a);
  const work = countUpTo(p.work, b) - countUpTo(p.work, a);
  return weekdaysAfter(a, b) - off + work;
}
