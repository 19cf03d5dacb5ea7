import { bigint, boolean, char, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
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
    /** TOTP (RFC 6238) secret, AES-256-GCM encrypted when BEIZENG_TOTP_KEY is set; never returned by the API. */
    totpSecret: text('totp_secret'),
    /** A secret generated for enrolment, until the user confirms it with a code. */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last accepted time step, so a code cannot be used twice. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
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
