import { z } from 'zod';
import { password } from './auth';
import { listQuery, nameField, patchOf, phone, regionCode } from './common';

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
  /** Two-factor authentication is on (the secret itself is never returned). */
  totpEnabled: z.boolean(),
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
  displayName: nameField,
  phone: phone.nullish(),
  email: z.email().max(200).nullish(),
  regionCode: regionCode,
  departmentId: z.number().int().nullish(),
  enterpriseId: z.number().int().nullish(),
  roles: z.array(z.string().max(32)).min(1).max(10),
  password: password,
});
export const userUpdate = patchOf(userCreate.omit({ username: true, password: true })).extend({
  version: z.number().int().min(1),
});
export const userStatusBody = z.object({ status: z.enum(['active', 'disabled']), version: z.number().int().min(1) });
export const userResetPasswordBody = z.object({ password: password });
