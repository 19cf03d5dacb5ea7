import { z } from 'zod';
import { nameField, patchOf, phone, regionCode } from './common';

export const department = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string().nullable(),
  parentId: z.number().int().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  kind: z.enum(['town_office', 'district_dept', 'other']),
  leader: z.string().nullable(),
  phone: z.string().nullable(),
  sort: z.number().int(),
  status: z.enum(['active', 'disabled']),
  version: z.number().int(),
});
export const departmentCreate = z.object({
  name: nameField,
  code: z.string().max(32).nullish(),
  parentId: z.number().int().nullish(),
  regionCode,
  kind: z.enum(['town_office', 'district_dept', 'other']),
  leader: z.string().max(50).nullish(),
  phone: phone.nullish(),
  sort: z.number().int().min(0).max(9999).default(0),
  status: z.enum(['active', 'disabled']).default('active'),
});
export const departmentUpdate = patchOf(departmentCreate).extend({ version: z.number().int().min(1) });
