import { z } from 'zod';
import { nameField, patchOf } from './common';
import { DATA_SCOPES } from './permissions';

export const role = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  dataScope: z.enum(DATA_SCOPES),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
  /** Holders must use two-factor authentication (TOTP); 等保 level 3 for administrators. */
  requireTotp: z.boolean(),
  userCount: z.number().int(),
  version: z.number().int(),
});
export const roleCreate = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: '角色编码为小写字母、数字、下划线 / lower-case code' }),
  name: nameField,
  nameEn: z.string().trim().min(1).max(100),
  dataScope: z.enum(DATA_SCOPES),
  permissions: z.array(z.string().max(64)).max(200),
  requireTotp: z.boolean().optional(),
});
export const roleUpdate = patchOf(roleCreate.omit({ code: true })).extend({ version: z.number().int().min(1) });
