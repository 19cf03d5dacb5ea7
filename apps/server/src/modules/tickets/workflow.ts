/**
 * The 诉求 workflow as a literal transition table: (state, action) → next state, and which party may
 * act. Pure: no I/O. A transition not in the table is refused (409) and changes nothing.
 *
 * 登记 → 交办 → 签收 → 办理中 (申请延期 / 申请退回, decided by the dispatcher) → 已答复 → 办结审核 →
 * 回访评价 (满意 / 基本满意 / 不满意) → 归档; 不满意 → 重办; 提级 hands it up a level.
 */
import { TICKET_ACTION_CODES, TICKET_STATES } from '@beizeng/contract';

export { TICKET_STATES };
export type TicketState = (typeof TICKET_STATES)[number];

export const TICKET_ACTIONS = TICKET_ACTION_CODES;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** Who acts: the dispatcher (town or district office that owns the ticket), the handler (assigned department), the enterprise, a supervisor. */
export type Party = 'dispatcher' | 'handler' | 'enterprise' | 'supervisor';

export interface Rule {
  from: readonly TicketState[];
  to: TicketState | 'same';
  by: readonly Party[];
}

const OPEN: TicketState[] = ['registered', 'assigned', 'accepted', 'in_progress', 'answered', 'review'];

export const TRANSITIONS: Record<TicketAction, Rule> = {
  assign: { from: ['registered'], to: 'assigned', by: ['dispatcher'] },
  accept: { from: ['assigned'], to: 'accepted', by: ['handler'] },
  start: { from: ['accepted'], to: 'in_progress', by: ['handler'] },
  request_extension: { from: ['accepted', 'in_progress'], to: 'same', by: ['handler'] },
  approve_extension: { from: ['accepted', 'in_progress'], to: 'same', by: ['dispatcher'] },
  reject_extension: { from: ['accepted', 'in_progress'], to: 'same', by: ['dispatcher'] },
  request_return: { from: ['assigned', 'accepted', 'in_progress'], to: 'same', by: ['handler'] },
  approve_return: { from: ['assigned', 'accepted', 'in_progress'], to: 'registered', by: ['dispatcher'] },
  reject_return: { from: ['assigned', 'accepted', 'in_progress'], to: 'same', by: ['dispatcher'] },
  pause: { from: ['accepted', 'in_progress'], to: 'same', by: ['handler', 'dispatcher'] },
  resume: { from: ['accepted', 'in_progress'], to: 'same', by: ['handler', 'dispatcher'] },
  answer: { from: ['in_progress'], to: 'answered', by: ['handler'] },
  submit_review: { from: ['answered'], to: 'review', by: ['handler', 'dispatcher'] },
  approve_close: { from: ['review'], to: 'rating', by: ['dispatcher'] },
  reject_close: { from: ['review'], to: 'in_progress', by: ['dispatcher'] },
  rate: { from: ['rating'], to: 'archived', by: ['enterprise', 'dispatcher'] },
  reopen: { from: ['rating', 'archived'], to: 'in_progress', by: ['dispatcher'] },
  archive: { from: ['rating'], to: 'archived', by: ['dispatcher'] },
  escalate: { from: OPEN, to: 'assigned', by: ['dispatcher'] },
  supervise: { from: OPEN, to: 'same', by: ['supervisor'] },
  note: { from: [...TICKET_STATES], to: 'same', by: ['dispatcher', 'handler', 'supervisor'] },
};

export interface TicketFlags {
  paused: boolean;
  extensionRequested: boolean;
  returnRequested: boolean;
  /** 'town' | 'district' | 'above' (handed on beyond the district). */
  level: 'town' | 'district' | 'above';
}

export type Decision = { ok: true; to: TicketState } | { ok: false; reason: 'state' | 'party' | 'flag' };

/** Whether `party` may do `action` on a ticket in `state` with `flags`, and the state it leads to. */
export function decide(state: TicketState, action: TicketAction, parties: Party[], flags: TicketFlags): Decision {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(state)) return { ok: false, reason: 'state' };
  if (!rule.by.some((p) => parties.includes(p))) return { ok: false, reason: 'party' };
  // flags that gate some actions
  if (action === 'pause' && flags.paused) return { ok: false, reason: 'flag' };
  if (action === 'resume' && !flags.paused) return { ok: false, reason: 'flag' };
  if ((action === 'approve_extension' || action === 'reject_extension') && !flags.extensionRequested)
    return { ok: false, reason: 'flag' };
  if (action === 'request_extension' && flags.extensionRequested) return { ok: false, reason: 'flag' };
  if ((action === 'approve_return' || action === 'reject_return') && !flags.returnRequested)
    return { ok: false, reason: 'flag' };
  if (action === 'request_return' && flags.returnRequested) return { ok: false, reason: 'flag' };
  if (action === 'escalate' && flags.level === 'above') return { ok: false, reason: 'flag' };
  if (action === 'answer' && flags.paused) return { ok: false, reason: 'flag' };
  return { ok: true, to: rule.to === 'same' ? state : rule.to };
}

export const isOpen = (s: TicketState) => s !== 'archived' && s !== 'rating';
