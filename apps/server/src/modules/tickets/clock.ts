/**
 * Ticket clocks in working days over the official calendar, paused while waiting for the enterprise.
 * Pure: dates are YYYY-MM-DD (China Standard Time days); no I/O.
 *
 * 签收 counts from 交办, 答复 from 签收, 办结 from 交办 (plus approved extensions). A limit of N working
 * days means the deadline is the N-th working day after the start, extended by the working days spent
 * paused. Yellow card from one working day before the deadline; red card once it has passed.
 */
import { addWorkdays, type CalendarOverrides, isWorkday, workdaysBetween } from '../calendar/workdays';

export interface SlaLimits {
  sign: number;
  answer: number;
  resolve: number;
}

export interface ClockInput {
  assignedOn: string | null;
  acceptedOn: string | null;
  answeredOn: string | null;
  closedOn: string | null; // 审核办结 (approve_close)
  extensionDays: number;
  /** Pause intervals; `to` null while still paused. */
  pauses: { from: string; to: string | null }[];
  supervisions: { deadline: string; doneOn: string | null }[];
}

export type Card = 'green' | 'yellow' | 'red' | 'met' | 'late';

export interface Clock {
  key: 'sign' | 'answer' | 'resolve' | 'supervise';
  start: string;
  deadline: string;
  doneOn: string | null;
  card: Card;
  /** Working days left (negative when overdue); null once done. */
  remaining: number | null;
}

/** Working days of the pauses that fall after `start` (up to `until`). */
export function pausedWorkdays(
  pauses: ClockInput['pauses'],
  start: string,
  until: string,
  cal: CalendarOverrides,
): number {
  let n = 0;
  for (const p of pauses) {
    const from = p.from > start ? p.from : start;
    const end = p.to ?? until;
    const to = end < until ? end : until;
    if (to <= from) continue;
    // working days in [from, to): the day the pause ends counts as a working day again
    n += workdaysBetween(from, to, cal) + (isWorkday(from, cal) ? 1 : 0) - (isWorkday(to, cal) ? 1 : 0);
  }
  return Math.max(0, n);
}

function card(
  deadline: string,
  doneOn: string | null,
  today: string,
  cal: CalendarOverrides,
): { card: Card; remaining: number | null } {
  if (doneOn) return { card: doneOn <= deadline ? 'met' : 'late', remaining: null };
  const remaining = workdaysBetween(today, deadline, cal);
  if (today > deadline) return { card: 'red', remaining };
  return { card: remaining <= 1 ? 'yellow' : 'green', remaining };
}

export function clocks(input: ClockInput, limits: SlaLimits, today: string, cal: CalendarOverrides): Clock[] {
  const out: Clock[] = [];
  // Only pauses before the deadline move it; iterate because each extension may take in more pause.
  const extend = (start: string, n: number, doneOn: string | null) => {
    const until = doneOn ?? today;
    let d = addWorkdays(start, n, cal);
    for (let i = 0; i < 20; i++) {
      const next = addWorkdays(start, n + pausedWorkdays(input.pauses, start, d < until ? d : until, cal), cal);
      if (next === d) break;
      d = next;
    }
    return d;
  };
  if (input.assignedOn) {
    const d = extend(input.assignedOn, limits.sign, input.acceptedOn);
    out.push({
      key: 'sign',
      start: input.assignedOn,
      deadline: d,
      doneOn: input.acceptedOn,
      ...card(d, input.acceptedOn, today, cal),
    });
  }
  if (input.acceptedOn) {
    const d = extend(input.acceptedOn, limits.answer, input.answeredOn);
    out.push({
      key: 'answer',
      start: input.acceptedOn,
      deadline: d,
      doneOn: input.answeredOn,
      ...card(d, input.answeredOn, today, cal),
    });
  }
  if (input.assignedOn) {
    const d = extend(input.assignedOn, limits.resolve + input.extensionDays, input.closedOn);
    out.push({
      key: 'resolve',
      start: input.assignedOn,
      deadline: d,
      doneOn: input.closedOn,
      ...card(d, input.closedOn, today, cal),
    });
  }
  for (const s of input.supervisions) {
    out.push({
      key: 'supervise',
      start: s.deadline,
      deadline: s.deadline,
      doneOn: s.doneOn,
      ...card(s.deadline, s.doneOn, today, cal),
    });
  }
  return out;
}

/** The worst card of the open clocks (for lists and lights). */
export function worstCard(cs: Clock[]): Card | null {
  const order: Card[] = ['red', 'yellow', 'late', 'green', 'met'];
  for (const c of order) if (cs.some((x) => x.card === c)) return c;
  return null;
}
