import { z } from 'zod';

/** Integers in query strings are validated as digit strings first, so `1e999` or `-1` never coerce. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const listQuery = z.object({
  page: queryInt(1, 100000).default(1),
  pageSize: queryInt(1, 200).default(20),
  sort: z
    .string()
    .regex(/^-?[a-zA-Z][a-zA-Z0-9]{0,40}$/)
    .optional(),
  q: z.string().max(100).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const idParam = z.object({ id: queryInt(1, 2_147_483_647) });

/** 12-digit 统计用区划代码. */
export const regionCode = z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit region code' });
/** A real calendar date YYYY-MM-DD (2026-02-30 and 2026-13-01 are refused). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: '日期不存在 / not a real date' },
  );
export const okResponse = z.object({ ok: z.literal(true) });
/** Optimistic locking: updates carry the version they were based on. */
export const versioned = z.object({ version: z.number().int().min(1) });

export const importResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});

/** A required short name (trimmed, 1–100 characters). */
export const nameField = z.string().trim().min(1).max(100);
/** A mobile (11 digits) or landline (0632-xxxxxxx) number. */
export const phone = z
  .string()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: '手机号或座机号格式不正确 / invalid phone number' });

/**
 * The body of a PATCH: every field of `schema` optional and without its default. zod 4 applies a `.default()` even
 * inside `.optional()`, so `schema.partial()` would fill every omitted field with its default and a PATCH that sends
 * one field would reset the others (tags to [], status to its initial value…).
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    let t = field as z.ZodType;
    while (t instanceof z.ZodDefault || t instanceof z.ZodOptional) t = t.unwrap() as z.ZodType;
    shape[key] = t.optional();
  }
  return schema.extend(shape) as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<T[K]> }>;
}
