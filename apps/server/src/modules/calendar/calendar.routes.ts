import { holiday, holidayUpsert, isoDate, okResponse, workdaysQuery } from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import * as svc from './calendar.service';

const dateParam = z.object({ date: isoDate });

export const calendarRoutes = [
  route({
    method: 'GET',
    url: '/holidays',
    summary: 'Holidays and make-up working days, optionally for one year',
    permission: 'system:calendar:list',
    query: z.object({
      year: z
        .string()
        .regex(/^(19|20|21)\d{2}$/)
        .transform(Number)
        .optional(),
    }),
    response: z.object({ items: z.array(holiday) }),
    handler: (ctx, { query }) => svc.listHolidays(ctx, query.year),
  }),
  route({
    method: 'PUT',
    url: '/holidays/:date',
    summary: 'Add or change a holiday or make-up working day',
    permission: 'system:calendar:edit',
    audit: 'calendar.upsert',
    params: dateParam,
    body: holidayUpsert,
    response: holiday,
    handler: (ctx, { params, body }) => svc.upsertHoliday(ctx, params.date, body),
  }),
  route({
    method: 'DELETE',
    url: '/holidays/:date',
    summary: 'Remove a calendar entry',
    permission: 'system:calendar:edit',
    audit: 'calendar.delete',
    params: dateParam,
    response: okResponse,
    handler: async (ctx, { params }) => {
      await svc.deleteHoliday(ctx, params.date);
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/workdays',
    summary: 'Add N working days to a date (from, days) or count working days between two dates (from, to]',
    permission: 'authenticated',
    query: workdaysQuery,
    response: z.object({
      from: z.string(),
      to: z.string().optional(),
      days: z.number().optional(),
      date: z.string().optional(),
      workdays: z.number().optional(),
    }),
    handler: (ctx, { query }) => svc.workdays(ctx, query),
  }),
];
