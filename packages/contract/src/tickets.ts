import { z } from 'zod';
import { isoDate, listQuery, queryInt } from './common';

export const TICKET_STATES = [
  'registered',
  'assigned',
  'accepted',
  'in_progress',
  'answered',
  'review',
  'rating',
  'archived',
] as const;
export const TICKET_STATE_LABELS: Record<(typeof TICKET_STATES)[number], { zh: string; en: string }> = {
  registered: { zh: '登记', en: 'Registered' },
  assigned: { zh: '已交办', en: 'Assigned' },
  accepted: { zh: '已签收', en: 'Accepted' },
  in_progress: { zh: '办理中', en: 'In progress' },
  answered: { zh: '已答复', en: 'Answered' },
  review: { zh: '办结审核', en: 'Closing review' },
  rating: { zh: '回访评价', en: 'Follow-up and rating' },
  archived: { zh: '已归档', en: 'Archived' },
};
export const TICKET_ACTION_CODES = [
  'assign',
  'accept',
  'start',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'request_return',
  'approve_return',
  'reject_return',
  'pause',
  'resume',
  'answer',
  'submit_review',
  'approve_close',
  'reject_close',
  'rate',
  'reopen',
  'archive',
  'escalate',
  'supervise',
  'note',
] as const;
export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export const CARDS = ['green', 'yellow', 'red', 'met', 'late'] as const;

const idFilter = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const ticketListQuery = listQuery.extend({
  state: z.enum(TICKET_STATES).optional(),
  open: z.enum(['true', 'false']).optional(),
  category: z.string().max(32).optional(),
  card: z.enum(['red', 'yellow', 'green']).optional(),
  enterpriseId: idFilter.optional(),
  departmentId: idFilter.optional(),
  supervised: z.enum(['true', 'false']).optional(),
  level: z.enum(['town', 'district', 'above']).optional(),
});

export const clock = z.object({
  key: z.enum(['sign', 'answer', 'resolve', 'supervise']),
  start: z.string(),
  deadline: z.string(),
  doneOn: z.string().nullable(),
  card: z.enum(CARDS),
  remaining: z.number().int().nullable(),
});

export const ticketSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  regionName: z.string().nullable(),
  category: z.string(),
  source: z.string(),
  priority: z.string(),
  state: z.enum(TICKET_STATES),
  level: z.enum(['town', 'district', 'above']),
  leadDepartment: z.string().nullable(),
  registeredOn: z.string(),
  card: z.enum(CARDS).nullable(),
  nextDeadline: z.string().nullable(),
  supervised: z.boolean(),
  paused: z.boolean(),
  rating: z.enum(RATINGS).nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});

export const ticketEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  note: z.string().nullable(),
  internal: z.boolean(),
});

export const ticketDetail = ticketSummary.extend({
  description: z.string(),
  complex: z.boolean(),
  answer: z.string().nullable(),
  solvedConfirmed: z.boolean().nullable(),
  extensionRequested: z.boolean(),
  requestedExtensionDays: z.number().int().nullable(),
  extensionDays: z.number().int(),
  returnRequested: z.boolean(),
  handedOnTo: z.string().nullable(),
  reopenCount: z.number().int(),
  departments: z.array(
    z.object({ departmentId: z.number().int(), name: z.string(), role: z.enum(['lead', 'assist']) }),
  ),
  clocks: z.array(clock),
  supervisions: z.array(
    z.object({
      id: z.number().int(),
      deadline: z.string(),
      content: z.string(),
      issuedAt: z.string(),
      doneOn: z.string().nullable(),
    }),
  ),
  files: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      size: z.number().int(),
      mime: z.string(),
      uploadedAt: z.string(),
      /** Seen by staff only (never by the enterprise). */
      internal: z.boolean(),
    }),
  ),
  events: z.array(ticketEvent),
  /** What the current user may do now. */
  actions: z.array(z.string()),
});

export const ticketCreate = z.object({
  enterpriseId: z.number().int(),
  category: z.string().max(32),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(5000),
  source: z.string().max(32),
  priority: z.string().max(32).default('normal'),
  complex: z.boolean().default(false),
  projectId: z.number().int().nullish(),
  visitId: z.number().int().nullish(),
});

export const transitionBody = z.object({
  action: z.enum(TICKET_ACTION_CODES),
  note: z.string().trim().max(2000).nullish(),
  /** assign / escalate */
  departmentId: z.number().int().optional(),
  assistDepartmentIds: z.array(z.number().int()).max(10).optional(),
  /** request_extension */
  extensionDays: z.number().int().min(1).max(30).optional(),
  /** rate */
  rating: z.enum(RATINGS).optional(),
  solved: z.boolean().optional(),
  /** supervise */
  deadline: isoDate.optional(),
  /** escalate above the district */
  handedOnTo: z.string().trim().max(100).optional(),
  /** answer */
  answer: z.string().trim().max(5000).optional(),
  internal: z.boolean().optional(),
  version: z.number().int().min(1),
});

export const ticketStatsQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  by: z.enum(['department', 'category', 'town']).default('department'),
});
const rate = z.number().nullable();
export const ticketStats = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({
    total: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    closed: z.number().int(),
    onTimeRate: rate,
    solvedRate: rate,
    satisfactionRate: rate,
    avgDaysToSign: rate,
    avgDaysToAnswer: rate,
    avgDaysToClose: rate,
  }),
  groups: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      total: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
      onTimeRate: rate,
      solvedRate: rate,
      satisfactionRate: rate,
    }),
  ),
  recurring: z.array(z.object({ category: z.string(), enterprises: z.number().int(), tickets: z.number().int() })),
});

// ---------- assignments (帮包) ----------
export const assignment = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  cadreId: z.number().int(),
  cadreName: z.string(),
  primary: z.boolean(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  note: z.string().nullable(),
});
export const assignmentQuery = listQuery.extend({
  enterpriseId: idFilter.optional(),
  cadreId: idFilter.optional(),
  current: z.enum(['true', 'false']).optional(),
});
export const assignmentCreate = z.object({
  enterpriseId: z.number().int(),
  cadreId: z.number().int(),
  primary: z.boolean().default(true),
  startedOn: isoDate.optional(),
  note: z.string().max(500).nullish(),
});

// ---------- visits (走访) ----------
export const visit = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  visitedOn: z.string(),
  visitorId: z.number().int(),
  visitorName: z.string().nullable(),
  departmentName: z.string().nullable(),
  mode: z.string(),
  people: z.string().nullable(),
  content: z.string(),
  needs: z.array(z.object({ text: z.string(), category: z.string(), ticketId: z.number().int().nullable() })),
});
export const visitQuery = listQuery.extend({
  enterpriseId: idFilter.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const visitCreate = z.object({
  enterpriseId: z.number().int(),
  visitedOn: isoDate,
  mode: z.string().max(32),
  people: z.string().trim().max(500).nullish(),
  content: z.string().trim().min(2).max(5000),
  needs: z
    .array(
      z.object({
        text: z.string().trim().min(2).max(1000),
        category: z.string().max(32),
        createTicket: z.boolean().default(false),
      }),
    )
    .max(20)
    .default([]),
  /** Visit anyway although the enterprise was visited recently (无事不扰). */
  acknowledgeRecent: z.boolean().default(false),
});

// ---------- notifications ----------
export const notificationRow = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationQuery = listQuery.extend({ unread: z.enum(['true', 'false']).optional() });
export const idsParam = z.object({ id: queryInt(1, 2_147_483_647) });
