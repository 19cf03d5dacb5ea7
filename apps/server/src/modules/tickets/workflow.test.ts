import { describe, expect, it } from 'vitest';
import { addWorkdays } from '../calendar/workdays';
import { clocks, pausedWorkdays, worstCard } from './clock';
import { decide, type Party, TICKET_ACTIONS, TICKET_STATES, type TicketFlags, TRANSITIONS } from './workflow';

const flags: TicketFlags = { paused: false, extensionRequested: false, returnRequested: false, level: 'town' };
const PARTIES: Party[] = ['dispatcher', 'handler', 'enterprise', 'supervisor'];

describe('ticket workflow: every (state, action, party)', () => {
  // Literal expectations for the happy path and the refusals people hit
  const table: [string, string, Party, string | null][] = [
    ['registered', 'assign', 'dispatcher', 'assigned'],
    ['registered', 'assign', 'handler', null],
    ['registered', 'accept', 'handler', null],
    ['assigned', 'accept', 'handler', 'accepted'],
    ['assigned', 'accept', 'dispatcher', null],
    ['accepted', 'start', 'handler', 'in_progress'],
    ['in_progress', 'answer', 'handler', 'answered'],
    ['in_progress', 'answer', 'enterprise', null],
    ['answered', 'submit_review', 'handler', 'review'],
    ['review', 'approve_close', 'dispatcher', 'rating'],
    ['review', 'approve_close', 'handler', null],
    ['review', 'reject_close', 'dispatcher', 'in_progress'],
    ['rating', 'rate', 'enterprise', 'archived'],
    ['rating', 'rate', 'handler', null],
    ['rating', 'rate', 'supervisor', null],
    ['archived', 'reopen', 'dispatcher', 'in_progress'],
    ['archived', 'answer', 'handler', null],
    ['in_progress', 'supervise', 'supervisor', 'in_progress'],
    ['in_progress', 'supervise', 'dispatcher', null],
    ['archived', 'supervise', 'supervisor', null],
    ['in_progress', 'escalate', 'dispatcher', 'assigned'],
    ['registered', 'approve_return', 'dispatcher', null],
  ];
  it.each(table)('%s + %s by %s → %s', (state, action, party, to) => {
    const d = decide(state as any, action as any, [party], flags);
    if (to === null) expect(d.ok).toBe(false);
    else expect(d).toEqual({ ok: true, to });
  });

  it('covers the whole cross product consistently with the table', () => {
    let allowed = 0;
    for (const s of TICKET_STATES)
      for (const a of TICKET_ACTIONS)
        for (const p of PARTIES) {
          const d = decide(s, a, [p], {
            ...flags,
            paused: a === 'resume',
            extensionRequested: a.endsWith('_extension') && a !== 'request_extension',
            returnRequested: a.endsWith('_return') && a !== 'request_return',
          });
          const rule = TRANSITIONS[a];
          const expected = rule.from.includes(s) && rule.by.includes(p);
          expect(d.ok, `${s} ${a} ${p}`).toBe(expected);
          if (d.ok) allowed++;
        }
    expect(allowed).toBeGreaterThan(30);
  });

  it('gates flag-dependent actions', () => {
    expect(decide('in_progress', 'resume', ['handler'], flags)).toEqual({ ok: false, reason: 'flag' });
    expect(decide('in_progress', 'pause', ['handler'], { ...flags, paused: true })).toEqual({
      ok: false,
      reason: 'flag',
    });
    expect(decide('in_progress', 'approve_extension', ['dispatcher'], flags)).toEqual({ ok: false, reason: 'flag' });
    expect(decide('in_progress', 'answer', ['handler'], { ...flags, paused: true })).toEqual({
      ok: false,
      reason: 'flag',
    });
    expect(decide('assigned', 'escalate', ['dispatcher'], { ...flags, level: 'above' })).toEqual({
      ok: false,
      reason: 'flag',
    });
  });
});

describe('ticket clocks over the holiday calendar', () => {
  const cal = new Map<string, 'off' | 'workday'>([
    ['2026-10-01', 'off'],
    ['2026-10-02', 'off'],
    ['2026-10-03', 'off'],
    ['2026-10-04', 'off'],
    ['2026-10-05', 'off'],
    ['2026-10-06', 'off'],
    ['2026-10-07', 'off'],
    ['2026-10-10', 'workday'],
  ]);
  const limits = { sign: 1, answer: 3, resolve: 15 };

  it('counts from 交办 over the National Day week and the make-up Saturday', () => {
    const cs = clocks(
      {
        assignedOn: '2026-09-30',
        acceptedOn: null,
        answeredOn: null,
        closedOn: null,
        extensionDays: 0,
        pauses: [],
        supervisions: [],
      },
      limits,
      '2026-09-30',
      cal,
    );
    expect(cs.find((c) => c.key === 'sign')).toMatchObject({ deadline: '2026-10-08', card: 'yellow', remaining: 1 });
    expect(cs.find((c) => c.key === 'resolve')!.deadline).toBe(addWorkdays('2026-09-30', 15, cal));
  });

  it('turns red after the deadline and records met or late once done', () => {
    const late = clocks(
      {
        assignedOn: '2026-11-02',
        acceptedOn: '2026-11-05',
        answeredOn: null,
        closedOn: null,
        extensionDays: 0,
        pauses: [],
        supervisions: [],
      },
      limits,
      '2026-11-12',
      cal,
    );
    expect(late.find((c) => c.key === 'sign')).toMatchObject({ deadline: '2026-11-03', card: 'late' });
    expect(late.find((c) => c.key === 'answer')).toMatchObject({ deadline: '2026-11-10', card: 'red' });
    expect(worstCard(late)).toBe('red');
  });

  it('pauses stop the clock and extensions move the deadline', () => {
    // paused Mon 11-09 to Mon 11-16: five working days
    expect(pausedWorkdays([{ from: '2026-11-09', to: '2026-11-16' }], '2026-11-02', '2026-11-20', cal)).toBe(5);
    const cs = clocks(
      {
        assignedOn: '2026-11-02',
        acceptedOn: '2026-11-03',
        answeredOn: null,
        closedOn: null,
        extensionDays: 5,
        pauses: [{ from: '2026-11-09', to: '2026-11-16' }],
        supervisions: [{ deadline: '2026-11-20', doneOn: null }],
      },
      limits,
      '2026-11-18',
      cal,
    );
    // answer: 3 WD after 11-03 is 11-06; the pause began after that deadline → no extension
    expect(cs.find((c) => c.key === 'answer')!.deadline).toBe('2026-11-06');
    // resolve: 15 + 5 extension + 5 paused = 25 WD after 11-02
    expect(cs.find((c) => c.key === 'resolve')!.deadline).toBe(addWorkdays('2026-11-02', 25, cal));
    expect(cs.find((c) => c.key === 'supervise')).toMatchObject({ card: 'green', remaining: 2 });
    // an open pause counts up to today
    expect(pausedWorkdays([{ from: '2026-11-16', to: null }], '2026-11-02', '2026-11-18', cal)).toBe(2);
  });
});
