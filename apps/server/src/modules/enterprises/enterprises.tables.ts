import { boolean, char, index, integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { softDelete, tracked } from '../../core/columns';

/** The enterprise registry (企业). The enterprises issue extends it; the core needs it for enterprise users. */
export const enterprises = pgTable(
  'enterprise',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    uscc: varchar('uscc', { length: 18 }),
    regionCode: char('region_code', { length: 12 }).notNull(),
    industryCode: varchar('industry_code', { length: 4 }),
    chain: text('chain'),
    statCategory: text('stat_category'),
    registerStatus: text('register_status'),
    targetRegister: text('target_register'),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...tracked,
    ...softDelete,
  },
  (t) => [index('enterprise_region_idx').on(t.regionCode)],
);
