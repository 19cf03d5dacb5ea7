import { char, integer, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';

/** A target per region, year and indicator (规上工业产值, 规上企业数, 项目投资完成额 …). */
export const targets = pgTable(
  'target',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    regionCode: char('region_code', { length: 12 }).notNull(),
    year: integer('year').notNull(),
    metric: text('metric').notNull(),
    value: numeric('value', { precision: 20, scale: 4 }).notNull(),
    source: text('source'),
    ...tracked,
  },
  (t) => [unique('target_region_year_metric').on(t.regionCode, t.year, t.metric)],
);

/** The doubling plan: base year and value, the year by which the value doubles. */
export const doublingPlans = pgTable(
  'doubling_plan',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    regionCode: char('region_code', { length: 12 }).notNull(),
    metric: text('metric').notNull(),
    baseYear: integer('base_year').notNull(),
    baseValue: numeric('base_value', { precision: 20, scale: 4 }).notNull(),
    targetYear: integer('target_year').notNull(),
    multiple: numeric('multiple', { precision: 6, scale: 2 }).notNull().default('2'),
    source: text('source'),
    ...tracked,
  },
  (t) => [unique('doubling_region_metric').on(t.regionCode, t.metric)],
);
