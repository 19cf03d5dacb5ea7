import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';
import { enterprises } from '../enterprises/enterprises.tables';
import type { TicketState } from './workflow';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** An enterprise's problem (诉求), carried on a clock until the enterprise says it is solved. */
export const tickets = pgTable(
  'ticket',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull().unique(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The enterprise's address region, for data scope. */
    regionCode: char('region_code', { length: 12 }).notNull(),
    /** The office that dispatches it: the town first; after 提级 the district. */
    ownerRegion: char('owner_region', { length: 12 }).notNull(),
    level: text('level').$type<'town' | 'district' | 'above'>().notNull().default('town'),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    source: text('source').notNull(),
    priority: text('priority').notNull().default('normal'),
    complex: boolean('complex').notNull().default(false),
    state: text('state').$type<TicketState>().notNull().default('registered'),
    paused: boolean('paused').notNull().default(false),
    extensionRequested: boolean('extension_requested').notNull().default(false),
    requestedExtensionDays: integer('requested_extension_days'),
    extensionDays: integer('extension_days').notNull().default(0),
    returnRequested: boolean('return_requested').notNull().default(false),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    assignedOn: date('assigned_on', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    answeredOn: date('answered_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    archivedOn: date('archived_on', { mode: 'string' }),
    answer: text('answer'),
    rating: text('rating').$type<'satisfied' | 'basic' | 'unsatisfied'>(),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** The enterprise confirmed that the problem is really solved (实际解决). */
    solvedConfirmed: boolean('solved_confirmed'),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** Where it went when handed on above the district. */
    handedOnTo: text('handed_on_to'),
    projectId: integer('project_id'),
    visitId: integer('visit_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    /*
     * The clock summary, stored on every write (tickets.clocks.ts) so that card filters and counts are SQL.
     * Valid only while `clock_rev` equals the current revision of the calendar and the SLA table and the
     * ticket is not paused; other rows are computed live. Today is not stored: cards follow from it in SQL.
     */
    /** Hash of the calendar overrides and the SLA rows the summary was computed with; null = never computed. */
    clockRev: text('clock_rev'),
    /** The earliest deadline among open clocks; null when none is open. */
    nextDeadline: date('next_deadline', { mode: 'string' }),
    /** Some done clock was late. */
    lateClock: boolean('late_clock').notNull().default(false),
    /** Some done clock was met. */
    metClock: boolean('met_clock').notNull().default(false),
    /** With the resolve clock done (closed): whether it was met; else null. */
    resolveMet: boolean('resolve_met'),
    ...tracked,
  },
  (t) => [
    index('ticket_region_idx').on(t.regionCode),
    index('ticket_enterprise_idx').on(t.enterpriseId),
    index('ticket_state_idx').on(t.state),
    index('ticket_closed_on_idx').on(t.closedOn),
    index('ticket_next_deadline_idx').on(t.nextDeadline),
    index('ticket_clock_rev_idx').on(t.clockRev),
    // paused rows are always computed live: found through this small index
    index('ticket_paused_idx').on(t.id).where(sql`${t.paused}`),
  ],
);

/** Departments a ticket is assigned to: one lead (主办) and any assisting (协办). */
export const ticketDepartments = pgTable(
  'ticket_department',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** The parent's region code, copied for data locality (a distributed database shards by it). */
    regionCode: char('region_code', { length: 12 }),
    departmentId: integer('department_id').notNull(),
    role: text('role').$type<'lead' | 'assist'>().notNull(),
    active: boolean('active').notNull().default(true),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_department_dept_idx').on(t.departmentId), index('ticket_department_ticket_idx').on(t.ticketId)],
);

/** Every transition: who, when, from, to, and a note (internal notes are hidden from the enterprise). */
export const ticketEvents = pgTable(
  'ticket_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** The parent's region code, copied for data locality (a distributed database shards by it). */
    regionCode: char('region_code', { length: 12 }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    internal: boolean('internal').notNull().default(false),
    data: jsonb('data'),
  },
  (t) => [index('ticket_event_ticket_idx').on(t.ticketId)],
);

export const ticketPauses = pgTable('ticket_pause', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  ticketId: integer('ticket_id')
    .notNull()
    .references(() => tickets.id),
  fromDate: date('from_date', { mode: 'string' }).notNull(),
  toDate: date('to_date', { mode: 'string' }),
  reason: text('reason'),
});

/** 督办: an order from a leader or supervisor with its own deadline. */
export const ticketSupervisions = pgTable('ticket_supervision', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  ticketId: integer('ticket_id')
    .notNull()
    .references(() => tickets.id),
  issuedBy: integer('issued_by').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  content: text('content').notNull(),
  doneOn: date('done_on', { mode: 'string' }),
});

export const ticketFiles = pgTable('ticket_file', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  ticketId: integer('ticket_id')
    .notNull()
    .references(() => tickets.id),
  /** The parent's region code, copied for data locality (a distributed database shards by it). */
  regionCode: char('region_code', { length: 12 }),
  name: text('name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
  internal: boolean('internal').notNull().default(false),
  uploadedBy: integer('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Time limits in working days per category and level (null category = any), versioned with sources.
 * Default: Shandong 接诉即办 — 签收 1, 答复 3, 办结 15, complex 30.
 */
export const ticketSlas = pgTable('ticket_sla', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  category: text('category'),
  level: text('level'),
  sign: integer('sign').notNull(),
  answer: integer('answer').notNull(),
  resolve: integer('resolve').notNull(),
  complexResolve: integer('complex_resolve').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  effectiveTo: date('effective_to', { mode: 'string' }),
  source: text('source').notNull(),
  ...tracked,
});
