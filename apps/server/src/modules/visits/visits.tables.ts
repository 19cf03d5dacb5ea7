import { boolean, char, date, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';
import { enterprises } from '../enterprises/enterprises.tables';

/** 走访: a visit to an enterprise, with the needs found (each may become a ticket). */
export const visits = pgTable(
  'visit',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    regionCode: char('region_code', { length: 12 }).notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    visitorId: integer('visitor_id').notNull(),
    departmentId: integer('department_id'),
    mode: text('mode').notNull(),
    people: text('people'),
    content: text('content').notNull(),
    needs: jsonb('needs').$type<{ text: string; category: string; ticketId: number | null }[]>().notNull().default([]),
    isDemo: boolean('is_demo').notNull().default(false),
    ...tracked,
  },
  (t) => [index('visit_enterprise_idx').on(t.enterpriseId, t.visitedOn)],
);
