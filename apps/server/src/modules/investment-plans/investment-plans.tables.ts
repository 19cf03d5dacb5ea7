import { char, integer, jsonb, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';

/** 招商引资方案: a year's targets for a region and its leading group. */
export const investmentPlans = pgTable(
  'investment_plan',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    year: integer('year').notNull(),
    regionCode: char('region_code', { length: 12 }).notNull(),
    title: text('title').notNull(),
    bigSigningsTarget: integer('big_signings_target').notNull(),
    signedAmountTarget: numeric('signed_amount_target', { precision: 18, scale: 2 }),
    landedTarget: integer('landed_target'),
    fundsInPlaceTarget: numeric('funds_in_place_target', { precision: 18, scale: 2 }),
    leadingGroup: jsonb('leading_group')
      .$type<{ userId: number | null; name: string; role: string }[]>()
      .notNull()
      .default([]),
    note: text('note'),
    ...tracked,
  },
  (t) => [unique('investment_plan_year_region').on(t.year, t.regionCode)],
);
