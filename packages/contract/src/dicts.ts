import { z } from 'zod';
import { nameField, patchOf } from './common';

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
  name: nameField,
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
  label: nameField,
  labelEn: z.string().trim().min(1).max(100),
  color: z
    .string()
    .regex(/^[a-z]+$|^#[0-9a-fA-F]{6}$/)
    .nullish(),
  sort: z.number().int().min(0).max(9999).default(0),
  status: z.enum(['active', 'disabled']).default('active'),
});
export const dictItemUpdate = patchOf(dictItemCreate).extend({ version: z.number().int().min(1) });
