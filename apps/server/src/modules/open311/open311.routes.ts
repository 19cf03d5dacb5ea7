import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { route } from '../../core/http';
import { allOf } from '../../core/list';
import { loadCalendar } from '../calendar/calendar.service';
import { dictItems } from '../dicts/dicts.tables';
import { enterprises } from '../enterprises/enterprises.tables';
import { clocksForMany, ticketScope } from '../tickets/tickets.service';
import { tickets } from '../tickets/tickets.tables';

const request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string(),
});

const STATUS_NOTES: Record<string, string> = {
  registered: '已登记，待交办',
  assigned: '已交办，待签收',
  accepted: '已签收',
  in_progress: '办理中',
  answered: '已答复',
  review: '办结审核中',
  rating: '已办结，待回访评价',
  archived: '已办结归档',
};

/** An Open311 GeoReport v2-style read view of tickets, for exchange with 12345-type systems. Same scope as everywhere. */
export const open311Routes = [
  route({
    method: 'GET',
    url: '/requests.json',
    summary: 'Open311 GeoReport v2 requests (read only)',
    permission: 'ticket:list',
    query: z.object({
      service_request_id: z.string().max(40).optional(),
      service_code: z.string().max(32).optional(),
      status: z.enum(['open', 'closed']).optional(),
      start_date: z.string().datetime({ offset: true }).optional(),
      end_date: z.string().datetime({ offset: true }).optional(),
    }),
    response: z.array(request),
    handler: async (ctx, { query }) => {
      const rows = await ctx.db
        .select({ t: tickets, enterpriseName: enterprises.name })
        .from(tickets)
        .innerJoin(enterprises, eq(enterprises.id, tickets.enterpriseId))
        .where(
          allOf(
            ticketScope(ctx),
            query.service_request_id ? eq(tickets.code, query.service_request_id) : undefined,
            query.service_code ? eq(tickets.category, query.service_code) : undefined,
            query.status === 'open'
              ? sql`${tickets.state} not in ('rating', 'archived')`
              : query.status === 'closed'
                ? sql`${tickets.state} in ('rating', 'archived')`
                : undefined,
            query.start_date ? sql`${tickets.createdAt} >= ${query.start_date}::timestamptz` : undefined,
            query.end_date ? sql`${tickets.createdAt} <= ${query.end_date}::timestamptz` : undefined,
          ),
        )
        .orderBy(desc(tickets.id))
        .limit(1000);
      const names = new Map(
        (
          await ctx.db
            .select({ v: dictItems.value, l: dictItems.label })
            .from(dictItems)
            .where(and(eq(dictItems.typeCode, 'ticket_category')))
        ).map((x) => [x.v, x.l]),
      );
      const lead = await ctx.db.execute(
        sql`select td.ticket_id, d.name from ticket_department td join department d on d.id = td.department_id where td.role = 'lead' and td.active`,
      );
      const leadBy = new Map(((lead as any).rows ?? lead).map((r: any) => [r.ticket_id, r.name]));
      const cal = await loadCalendar(ctx.db);
      const out = [];
      const allClocks = await clocksForMany(
        ctx.db,
        rows.map((r) => r.t),
        cal,
      );
      for (const { t, enterpriseName } of rows) {
        const resolve = allClocks.get(t.id)!.find((c) => c.key === 'resolve');
        out.push({
          service_request_id: t.code,
          status: (t.state === 'rating' || t.state === 'archived' ? 'closed' : 'open') as 'open' | 'closed',
          status_notes: STATUS_NOTES[t.state] ?? null,
          service_name: names.get(t.category) ?? t.category,
          service_code: t.category,
          description: t.title,
          agency_responsible: (leadBy.get(t.id) as string | undefined) ?? null,
          service_notice: t.level === 'above' ? `已提交 ${t.handedOnTo ?? '上级'}` : null,
          requested_datetime: t.createdAt.toISOString(),
          updated_datetime: t.updatedAt.toISOString(),
          expected_datetime: resolve ? `${resolve.deadline}T18:00:00+08:00` : null,
          address: enterpriseName,
        });
      }
      return out;
    },
  }),
];
