import { z } from 'zod';
import { isoDate } from './common';
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
