import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per scheduled job and period: the instance that inserts it runs the job, every other
 * instance skips that period (several app instances share one PostgreSQL database).
 */
export const jobRuns = pgTable(
  'job_run',
  {
    job: text('job').notNull(),
    /** The period the run covers, e.g. the housekeeping slot `600s:2947392`. */
    period: text('period').notNull(),
    /** host:pid of the instance that ran it. */
    instance: text('instance').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);
