import { boolean, char, index, pgTable, smallint, text } from 'drizzle-orm/pg-core';

/** 统计用区划代码 (12 digits). Level 1 province … 5 village. Seeded from the NBS 2023 slice 3704. */
export const regions = pgTable(
  'region',
  {
    code: char('code', { length: 12 }).primaryKey(),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    parentCode: char('parent_code', { length: 12 }),
    vintage: text('vintage').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('region_parent_idx').on(t.parentCode)],
);
