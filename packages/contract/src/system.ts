import { z } from 'zod';
import { password } from './auth';
import { isoDate, listQuery, regionCode } from './common';
import { DATA_SCOPES } from './permissions';

const name = z.string().trim().min(1).max(100);
const phone = z
  .string()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: '手机号或座机号格式不正确 / invalid phone number' });

// ---------- users ----------
export const userListQuery = listQuery.extend({
  role: z.string().max(32).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  regionCode: regionCode.optional(),
  departmentId: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .optional(),
});
export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  roles: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;
export const userCreate = z.object({
  username: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, {
    message: '用户名为 3–32 位字母、数字、下划线，以字母开头 / 3–32 letters, digits, _ . -',
  }),
  displayName: name,
  phone: phone.nullish(),
  email: z.email().max(200).nullish(),
  regionCode: regionCode,
  departmentId: z.number().int().nullish(),
  enterpriseId: z.number().int().nullish(),
  roles: z.array(z.string().max(32)).min(1).max(10),
  password: password,
});
export const userUpdate = userCreate
  .omit({ username: true, password: true })
  .partial()
  .extend({ version: z.number().int().min(1) });
export const userStatusBody = z.object({ status: z.enum(['active', 'disabled']), version: z.number().int().min(1) });
export const userResetPasswordBody = z.object({ password: password });

// ---------- roles ----------
export const role = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  dataScope: z.enum(DATA_SCOPES),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
  userCount: z.number().int(),
  version: z.number().int(),
});
export const roleCreate = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: '角色编码为小写字母、数字、下划线 / lower-case code' }),
  name: name,
  nameEn: z.string().trim().min(1).max(100),
  dataScope: z.enum(DATA_SCOPES),
  permissions: z.array(z.string().max(64)).max(200),
});
export const roleUpdate = roleCreate
  .omit({ code: true })
  .partial()
  .extend({ version: z.number().int().min(1) });

// ---------- departments ----------
export const department = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string().nullable(),
  parentId: z.number().int().nullable(),
  regionCode: z.string(),
  kind: z.enum(['town_office', 'district_dept', 'other']),
  leader: z.string().nullable(),
  phone: z.string().nullable(),
  sort: z.number().int(),
  status: z.enum(['active', 'disabled']),
  version: z.number().int(),
});
export const departmentCreate = z.object({
  name,
  code: z.string().max(32).nullish(),
  parentId: z.number().int().nullish(),
  regionCode,
  kind: z.enum(['town_office', 'district_dept', 'other']),
  leader: z.string().max(50).nullish(),
  phone: phone.nullish(),
  sort: z.number().int().min(0).max(9999).default(0),
  status: z.enum(['active', 'disabled']).default('active'),
});
export const departmentUpdate = departmentCreate.partial().extend({ version: z.number().int().min(1) });

// ---------- dictionaries ----------
export const dictType = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  builtin: z.boolean(),
  itemCount: z.number().int(),
});
export const dictTypeCreate = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,47}$/),
  name,
  nameEn: z.string().trim().min(1).max(100),
  description: z.string().max(500).nullish(),
});
export const dictItem = z.object({
  id: z.number().int(),
  typeCode: z.string(),
  value: z.string(),
  label: z.string(),
  labelEn: z.string(),
  color: z.string().nullable(),
  sort: z.number().int(),
  status: z.enum(['active', 'disabled']),
  version: z.number().int(),
});
export const dictItemCreate = z.object({
  value: z.string().trim().min(1).max(64),
  label: name,
  labelEn: z.string().trim().min(1).max(100),
  color: z
    .string()
    .regex(/^[a-z]+$|^#[0-9a-fA-F]{6}$/)
    .nullish(),
  sort: z.number().int().min(0).max(9999).default(0),
  status: z.enum(['active', 'disabled']).default('active'),
});
export const dictItemUpdate = dictItemCreate.partial().extend({ version: z.number().int().min(1) });

// ---------- calendar ----------
export const holiday = z.object({
  date: z.string(),
  kind: z.enum(['off', 'workday']),
  name: z.string(),
  note: z.string().nullable(),
});
export const holidayUpsert = z.object({
  date: isoDate,
  kind: z.enum(['off', 'workday']),
  name: z.string().trim().min(1).max(50),
  note: z.string().max(500).nullish(),
});
export const workdaysQuery = z.object({
  from: isoDate,
  to: isoDate.optional(),
  days: z
    .string()
    .regex(/^-?\d{1,4}$/)
    .transform(Number)
    .optional(),
});

// ---------- regions & industries ----------
export const region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
  hasChildren: z.boolean(),
});
export const industry = z.object({
  code: z.string(),
  level: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  isIndustrial: z.boolean(),
});

// ---------- audit ----------
export const auditQuery = listQuery.extend({
  module: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  username: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  ip: z.string().nullable(),
  module: z.string(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export const loginLogQuery = listQuery.extend({
  username: z.string().max(64).optional(),
  success: z.enum(['true', 'false']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const loginLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string(),
  userId: z.number().int().nullable(),
  success: z.boolean(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

// ---------- settings ----------
export const settings = z.object({
  auditRetentionDays: z.number().int().min(190).max(3650),
});
export const settingsUpdate = settings.partial();
