/**
 * The 诉求 workflow as a literal transition table: (state, action) → next state, and which party may
 * act. Pure: no I/O. A transition not in the table is refused (409) and changes nothing.
 *
 * 登记 → 交办 → 签收 → 办理中 (申请延期 / 申请退回, decided by the dispatcher) → 已答复 → 办结审核 →
 * 回访评价 (满意 / 基本满意 / 不满意) → 归档; 不满意 → 重办; 提级 hands it up a level.
 */
export const TICKET_STATES = [
  'registered', // 登记
  'assigned', // 交办
  'accepted', // 签收
  'in_progress', // 办理中
  'answered', // 已答复
  'review', // 办结审核
  'rating', // 回访评价
  'archived', // 归档
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const TICKET_ACTIONS = [
  'assign', // 交办 (dispatcher)
  'accept', // 签收 (handling department)
  'start', // 开始办理
  'request_extension', // 申请延期
  'approve_extension',
  'reject_extension',
  'request_return', // 申请退回 (wrong department)
  'approve_return', // → back to 登记 for re-dispatch
  'reject_return',
  'pause', // waiting for the enterprise: clocks stop
  'resume',
  'answer', // 答复
  'submit_review', // 提交办结审核
  'approve_close', // 审核通过 → 回访评价
  'reject_close', // 审核退回 → 办理中
  'rate', // 回访评价 (by the enterprise, or the dispatcher recording a follow-up call)
  'reopen', // 重办 after 不满意
  'archive', // 归档
  'escalate', // 提级: town → district department; above the district, recorded as handed on
  'supervise', // 督办 order with its own deadline
  'note', // an internal note
] as const;
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

export const STATE_LABELS: Record<TicketState, { zh: string; en: string }> = {
  registered: { zh: '登记', en: 'Registered' },
  assigned: { zh: '已交办', en: 'Assigned' },
  accepted: { zh: '已签收', en: 'Accepted' },
  in_progress: { zh: '办理中', en: 'In progress' },
  answered: { zh: '已答复', en: 'Answered' },
  review: { zh: '办结审核', en: 'Closing review' },
  rating: { zh: '回访评价', en: 'Follow-up and rating' },
  archived: { zh: '已归档', en: 'Archived' },
};
