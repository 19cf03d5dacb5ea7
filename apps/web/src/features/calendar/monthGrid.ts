/** Pure calendar helpers for the month grids (Monday-first weeks, as Chinese calendars print them). */

export interface DayCell {
  date: string; // YYYY-MM-DD
  day: number;
  weekday: number; // 0 = Monday … 6 = Sunday
  weekend: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Weeks of a month; days outside the month are null. month is 1–12. */
export function monthWeeks(year: number, month: number): (DayCell | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday-first offset
  const cells: (DayCell | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) {
    const weekday = (lead + d - 1) % 7;
    cells.push({ date: `${year}-${pad(month)}-${pad(d)}`, day: d, weekday, weekend: weekday >= 5 });
  }
  while (cells.length % 7) cells.push(null);
  const weeks: (DayCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export type DayKind = 'off' | 'workday' | 'weekend' | 'normal';

/** What a day is: an entry in the calendar wins over the weekday rule. */
export function dayKind(cell: DayCell, entries: Map<string, { kind: 'off' | 'workday' }>): DayKind {
  const e = entries.get(cell.date);
  if (e) return e.kind;
  return cell.weekend ? 'weekend' : 'normal';
}

/** Year choices: from 2024 to two years ahead (at least 2027), plus the year being viewed. */
export function yearOptions(now: number, viewing?: number): number[] {
  const last = Math.max(now + 2, 2027);
  const set = new Set<number>();
  for (let y = 2024; y <= last; y++) set.add(y);
  if (viewing) set.add(viewing);
  return [...set].sort((a, b) => a - b);
}
