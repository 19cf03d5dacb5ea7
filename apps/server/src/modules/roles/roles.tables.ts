import { boolean, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tracked } from '../../core/columns';

export const roles = pgTable('role', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  dataScope: text('data_scope').notNull().$type<'all' | 'region' | 'department' | 'enterprise' | 'self'>(),
  permissions: jsonb('permissions').notNull().$type<string[]>(),
  builtin: boolean('builtin').notNull().default(false),
  /** Holders must log in with a second factor (TOTP); those without one enrol at their next login. */
  requireTotp: boolean('require_totp').notNull().default(false),
  ...tracked,
});
