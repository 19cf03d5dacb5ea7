import { cockpitBreakdown, cockpitDrill, cockpitDrillQuery, cockpitQuery, regionCode } from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import * as svc from './cockpit.service';

const periodQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '期间为 YYYY-MM / period YYYY-MM' })
    .optional(),
  region: regionCode.optional(),
});
const kpi = z.object({
  metric: z.string(),
  label: z.string(),
  labelEn: z.string(),
  unit: z.enum(['yuan', 'count', 'rate']),
  source: z.string(),
  actual: z.number(),
  target: z.number().nullable(),
  completion: z.number().nullable(),
  timeProgress: z.number().nullable(),
  aheadPoints: z.number().nullable(),
  yoy: z.number().nullable(),
});

export const cockpitRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'KPIs against targets and 时序进度, output by month, projects, leads and tickets — all from rows in scope',
    permission: 'cockpit:view',
    query: periodQuery,
    response: z.object({
      period: z.string(),
      asOf: z.string(),
      kpis: z.array(kpi),
      outputByMonth: z.array(z.object({ month: z.string(), thisYear: z.number(), lastYear: z.number() })),
      projects: z.unknown(),
      leads: z.unknown(),
      tickets: z.unknown(),
    }),
    handler: (ctx, { query }) => svc.cockpit(ctx, svc.parsePeriod(ctx, query.period, query.region)),
  }),
  route({
    method: 'GET',
    url: '/drill',
    summary:
      'The rows a KPI is computed from (they add up to it exactly); direct=true keeps the rows filed at the region itself',
    permission: 'cockpit:view',
    query: cockpitDrillQuery,
    response: cockpitDrill,
    handler: async (ctx, { query }) => {
      const p = svc.parsePeriod(ctx, query.period, query.region);
      const all = await svc.drill(ctx, query.metric, p);
      const rows = query.direct === 'true' ? svc.directRows(all, p.region) : all;
      return { metric: query.metric, total: svc.aggregate(query.metric, rows), rows };
    },
  }),
  route({
    method: 'GET',
    url: '/breakdown',
    summary:
      'A KPI split by the child regions of a district or wider region (towns …); the parts add up to the KPI exactly. A town lists its rows (leaf).',
    permission: 'cockpit:view',
    query: cockpitQuery.extend({ metric: cockpitDrillQuery.shape.metric }),
    response: cockpitBreakdown,
    handler: (ctx, { query }) => svc.breakdown(ctx, query.metric, svc.parsePeriod(ctx, query.period, query.region)),
  }),
  route({
    method: 'GET',
    url: '/doubling',
    summary: 'The doubling plans: required annual growth, the path and the actual figures',
    permission: 'cockpit:view',
    query: periodQuery,
    response: z.object({ items: z.array(z.unknown()) }),
    handler: (ctx, { query }) => svc.doubling(ctx, svc.parsePeriod(ctx, query.period, query.region)),
  }),
];
