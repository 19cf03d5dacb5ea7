import { boolean, date, integer, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { softDelete, tracked } from '../../core/columns';
import { enterprises } from '../enterprises/enterprises.tables';

/**
 * Register thresholds (入库标准) as versioned rules: category (a stat_category value), optionally narrowed to
 * industries by 门类 letter / 大类 / 小类 prefix (规上服务业 tiers), the revenue measure, amount in 元,
 * effective dates and the source.
 */
export const registerThresholds = pgTable('register_threshold', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  category: text('category').notNull(),
  industryPrefixes: text('industry_prefixes').array(),
  metric: text('metric').$type<'main_revenue' | 'operating_revenue'>().notNull(),
  amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  effectiveTo: date('effective_to', { mode: 'string' }),
  source: text('source').notNull(),
  note: text('note'),
  ...tracked,
});

/** 培育库: enterprises being grown into a register, with the responsible cadre and a target year. */
export const cultivationPool = pgTable(
  'cultivation_pool',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    targetRegister: text('target_register').notNull(),
    cadreId: integer('cadre_id'),
    targetYear: integer('target_year').notNull(),
    status: text('status').$type<'cultivating' | 'entered' | 'dropped'>().notNull().default('cultivating'),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...tracked,
    ...softDelete,
  },
  (t) => [unique('cultivation_pool_enterprise').on(t.enterpriseId, t.targetRegister)],
);
