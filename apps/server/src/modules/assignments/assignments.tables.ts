import { boolean, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';
import { enterprises } from '../enterprises/enterprises.tables';

/** 帮包: a cadre paired point-to-point with an enterprise; one primary at a time, history kept. */
export const pairings = pgTable(
  'pairing',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    cadreId: integer('cadre_id').notNull(),
    primary: boolean('is_primary').notNull().default(true),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...tracked,
  },
  (t) => [index('pairing_enterprise_idx').on(t.enterpriseId), index('pairing_cadre_idx').on(t.cadreId)],
);
