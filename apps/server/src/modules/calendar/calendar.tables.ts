import { date, pgTable, text } from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';

/** Official holidays (off) and 调休 make-up working days (workday); ordinary weekends are implied. */
export const holidays = pgTable('holiday', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull().$type<'off' | 'workday'>(),
  name: text('name').notNull(),
  note: text('note'),
  ...tracked,
});
