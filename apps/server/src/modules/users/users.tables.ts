import { boolean, char, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { softDelete, tracked } from '../../core/columns';
import { roles } from '../roles/roles.tables';

export const users = pgTable(
  'app_user',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    regionCode: char('region_code', { length: 12 }),
    departmentId: integer('department_id'),
    enterpriseId: integer('enterprise_id'),
    status: text('status').notNull().default('active').$type<'active' | 'disabled'>(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    locale: text('locale').notNull().default('zh-CN'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...tracked,
    ...softDelete,
  },
  (t) => [index('app_user_region_idx').on(t.regionCode)],
);

export const userRoles = pgTable(
  'user_role',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] })],
);
