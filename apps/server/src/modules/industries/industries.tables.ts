import { boolean, pgTable, text, varchar } from 'drizzle-orm/pg-core';

/** GB/T 4754-2017 (amendment 1, 2019): 门类 / 大类 / 中类 / 小类. 工业 = 门类 B, C, D. */
export const industries = pgTable('industry', {
  code: varchar('code', { length: 4 }).primaryKey(),
  level: text('level').notNull(),
  name: text('name').notNull(),
  parentCode: varchar('parent_code', { length: 4 }),
  isIndustrial: boolean('is_industrial').notNull(),
  standard: text('standard').notNull().default('GB/T 4754-2017'),
});
