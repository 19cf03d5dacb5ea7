import { integer, timestamp } from 'drizzle-orm/pg-core';

/** Columns every business table carries: who and when, and a version for optimistic locking. */
export const tracked = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: integer('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by'),
  version: integer('version').notNull().default(1),
};
export const softDelete = { deletedAt: timestamp('deleted_at', { withTimezone: true }) };
