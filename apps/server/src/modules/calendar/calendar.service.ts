import type { holidayUpsert } from '@beizeng/contract';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import type { Db } from '../../core/db';
import { AppError, notFound } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { memo } from '../../core/memo';
import { holidays } from './calendar.tables';
import { addWorkdays, type CalendarOverrides, workdaysBetween } from './workdays';

const cols = { date: holidays.date, kind: holidays.kind, name: holidays.name, note: holidays.note };

/** The whole override calendar (about 40 rows a year). Other modules use this for their clocks. */
export function loadCalendar(db: Db): Promise<CalendarOverrides> {
  return memo(db, 'calendar', async () => {
    const rows = await db.select({ date: holidays.date, kind: holidays.kind }).from(holidays);
    return new Map(rows.map((r) => [r.date, r.kind]));
  });
}

export async function listHolidays(ctx: AuthedCtx, year?: number) {
  const where = year ? and(gte(holidays.date, `${year}-01-01`), lte(holidays.date, `${year}-12-31`)) : undefined;
  return { items: await ctx.db.select(cols).from(holidays).where(where).orderBy(asc(holidays.date)) };
}

export async function upsertHoliday(ctx: AuthedCtx, date: string, body: z.infer<typeof holidayUpsert>) {
  if (body.date !== date)
    throw new AppError('VALIDATION', [
      { path: 'body.date', message: ctx.lang === 'en' ? 'Date differs from the URL' : '日期与地址不一致' },
    ]);
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (body.kind === 'workday' && dow !== 0 && dow !== 6)
    throw new AppError('VALIDATION', [
      {
        path: 'body.kind',
        message:
          ctx.lang === 'en' ? 'A make-up working day must be a Saturday or Sunday' : '调休上班日必须是周六或周日',
      },
    ]);
  const [before] = await ctx.db.select(cols).from(holidays).where(eq(holidays.date, date));
  const values = { date, kind: body.kind, name: body.name, note: body.note ?? null };
  const [after] = before
    ? await ctx.db
        .update(holidays)
        .set({ ...values, updatedAt: new Date(), updatedBy: ctx.actor.id })
        .where(eq(holidays.date, date))
        .returning(cols)
    : await ctx.db
        .insert(holidays)
        .values({ ...values, createdBy: ctx.actor.id, updatedBy: ctx.actor.id })
        .returning(cols);
  await audit(ctx, { entity: 'holiday', entityId: date, before: before ?? null, after });
  return after!;
}

export async function deleteHoliday(ctx: AuthedCtx, date: string) {
  const [before] = await ctx.db.select(cols).from(holidays).where(eq(holidays.date, date));
  if (!before) throw notFound();
  await ctx.db.delete(holidays).where(eq(holidays.date, date));
  await audit(ctx, { entity: 'holiday', entityId: date, before });
}

export async function workdays(ctx: AuthedCtx, q: { from: string; to?: string; days?: number }) {
  const cal = await loadCalendar(ctx.db);
  try {
    if (q.to !== undefined) return { from: q.from, to: q.to, workdays: workdaysBetween(q.from, q.to, cal) };
    if (q.days !== undefined) return { from: q.from, days: q.days, date: addWorkdays(q.from, q.days, cal) };
  } catch (e) {
    if (e instanceof RangeError) throw new AppError('VALIDATION', [{ path: 'querystring', message: e.message }]);
    throw e;
  }
  throw new AppError('VALIDATION', [
    {
      path: 'querystring',
      message: ctx.lang === 'en' ? 'Give either to or days' : '请提供结束日期 to 或工作日天数 days',
    },
  ]);
}
