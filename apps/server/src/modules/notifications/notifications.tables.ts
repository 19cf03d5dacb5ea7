import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** In-app notifications (assigned, due soon, overdue, 督办, rated, handover). */
export const notifications = pgTable(
  'notification',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    /** Idempotency for scheduled notices (e.g. due-soon once per ticket per day). */
    dedupeKey: text('dedupe_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notification_user_idx').on(t.userId, t.readAt)],
);
