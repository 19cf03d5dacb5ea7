import { date, integer, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';

/** A peer the town compares itself with (对标), e.g. 济阳区 (济南). */
export const benchmarkRegions = pgTable('benchmark_region', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  parentName: text('parent_name'),
  note: text('note'),
  ...tracked,
});

/** A figure of a peer, with its source and date. */
export const benchmarkValues = pgTable('benchmark_value', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  regionId: integer('region_id')
    .notNull()
    .references(() => benchmarkRegions.id),
  indicator: text('indicator').notNull(),
  value: numeric('value', { precision: 20, scale: 4 }).notNull(),
  note: text('note'),
  source: text('source').notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  ...tracked,
});
