import { boolean, char, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { softDelete, tracked } from '../../core/columns';

/** Town offices and district departments (the latter receive escalated tickets). */
export const departments = pgTable('department', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  code: text('code'),
  parentId: integer('parent_id'),
  regionCode: char('region_code', { length: 12 }).notNull(),
  kind: text('kind').notNull().$type<'town_office' | 'district_dept' | 'other'>(),
  leader: text('leader'),
  phone: text('phone'),
  sort: integer('sort').notNull().default(0),
  status: text('status').notNull().default('active').$type<'active' | 'disabled'>(),
  isDemo: boolean('is_demo').notNull().default(false),
  ...tracked,
  ...softDelete,
});
