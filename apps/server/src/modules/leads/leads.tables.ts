import {
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';
import { enterprises } from '../enterprises/enterprises.tables';

/** An investment lead (招商线索): 线索 → 接洽 → 考察 → 洽谈 → 签约 → 落地, or 搁置 / 放弃 with a reason. */
export const leads = pgTable(
  'lead',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    investorName: text('investor_name').notNull(),
    /** The investor's enterprise record when it is in the registry (possibly outside the region). */
    investorEnterpriseId: integer('investor_enterprise_id').references(() => enterprises.id),
    projectName: text('project_name').notNull(),
    industryCode: varchar('industry_code', { length: 4 }),
    chain: text('chain'),
    intendedInvestment: numeric('intended_investment', { precision: 18, scale: 2 }),
    source: text('source').notNull(),
    introducer: text('introducer'),
    /** The region that pursues it (data scope). */
    regionCode: char('region_code', { length: 12 }).notNull(),
    stage: text('stage').notNull().default('lead'),
    /** The furthest stage reached (for learning stage probabilities). */
    maxStage: text('max_stage').notNull().default('lead'),
    closedReason: text('closed_reason'),
    ownerId: integer('owner_id').notNull(),
    groupMemberId: integer('group_member_id'),
    nextAction: text('next_action'),
    nextActionOn: date('next_action_on', { mode: 'string' }),
    assessment: jsonb('assessment').$type<{
      scores: Record<string, number>;
      total: number;
      conclusion: string;
      on: string;
    }>(),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    respondedOn: date('responded_on', { mode: 'string' }),
    lastFollowupOn: date('last_followup_on', { mode: 'string' }),
    projectId: integer('project_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...tracked,
  },
  (t) => [index('lead_region_idx').on(t.regionCode)],
);

export const leadFollowups = pgTable('lead_followup', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  leadId: integer('lead_id')
    .notNull()
    .references(() => leads.id),
  /** The parent's region code, copied for data locality (a distributed database shards by it). */
  regionCode: char('region_code', { length: 12 }),
  on: date('on', { mode: 'string' }).notNull(),
  mode: text('mode').notNull(),
  content: text('content').notNull(),
  people: text('people'),
  byId: integer('by_id'),
  byName: text('by_name'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const leadStageHistory = pgTable('lead_stage_history', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  leadId: integer('lead_id')
    .notNull()
    .references(() => leads.id),
  stage: text('stage').notNull(),
  on: date('on', { mode: 'string' }).notNull(),
  note: text('note'),
  byName: text('by_name'),
});

/** A signing; a repeat signing of the same deal is flagged, needs a reason and is counted once. */
export const leadSignings = pgTable('lead_signing', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  leadId: integer('lead_id')
    .notNull()
    .references(() => leads.id),
  signedOn: date('signed_on', { mode: 'string' }).notNull(),
  amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  terms: text('terms'),
  event: text('event'),
  duplicateOfId: integer('duplicate_of_id'),
  duplicateReason: text('duplicate_reason'),
  isDemo: boolean('is_demo').notNull().default(false),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
