import { boolean, date, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { softDelete, tracked } from '../../core/columns';
import { enterprises } from '../enterprises/enterprises.tables';
import type { Criterion } from './criteria';

/** An honour an enterprise holds (专精特新, 小巨人, 高新技术企业 …). `title` is an honour_level dictionary value. */
export const honours = pgTable('honour', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  enterpriseId: integer('enterprise_id')
    .notNull()
    .references(() => enterprises.id),
  title: text('title').notNull(),
  level: text('level').$type<'national' | 'provincial' | 'city' | 'district'>().notNull(),
  year: integer('year').notNull(),
  awardedOn: date('awarded_on', { mode: 'string' }),
  expiresOn: date('expires_on', { mode: 'string' }),
  certificateNo: text('certificate_no'),
  isDemo: boolean('is_demo').notNull().default(false),
  ...tracked,
  ...softDelete,
});

/** Versioned criteria of an honour (2022 and 2026 regimes), keyed by application date. */
export const honourRules = pgTable(
  'honour_rule',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    regime: text('regime').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    source: text('source').notNull(),
    criteria: jsonb('criteria').$type<Criterion[]>().notNull(),
    ...tracked,
  },
  (t) => [unique('honour_rule_title_regime').on(t.title, t.regime)],
);

/** Local tiered pools such as Shanting's "521" 企业培育库; the tiers are configurable. */
export const enterprisePools = pgTable('enterprise_pool', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  tiers: jsonb('tiers').$type<{ code: string; name: string }[]>().notNull(),
  source: text('source'),
  ...tracked,
});

export const enterprisePoolMembers = pgTable(
  'enterprise_pool_member',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    poolId: integer('pool_id')
      .notNull()
      .references(() => enterprisePools.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    tier: text('tier').notNull(),
    since: date('since', { mode: 'string' }),
    ...tracked,
  },
  (t) => [unique('enterprise_pool_member_unique').on(t.poolId, t.enterpriseId)],
);
