import { z } from 'zod';
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
