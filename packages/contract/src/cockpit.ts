import { z } from 'zod';
import { regionCode } from './common';

/** The KPIs of the cockpit, in display order. */
export const COCKPIT_METRICS = [
  'industrial_output',
  'industrial_count',
  'register_count',
  'project_investment',
  'big_signings',
  'tickets_on_time',
] as const;
export type CockpitMetric = (typeof COCKPIT_METRICS)[number];

const period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '期间为 YYYY-MM / period YYYY-MM' })
  .optional();
export const cockpitQuery = z.object({ period, region: regionCode.optional() });

/** /cockpit/drill: the rows of a KPI; `direct` keeps only rows filed at the region itself (none of its children). */
export const cockpitDrillQuery = cockpitQuery.extend({
  metric: z.enum(COCKPIT_METRICS),
  direct: z.enum(['true', 'false']).optional(),
});

/** One row a KPI is computed from: an enterprise, a project, a lead or a ticket. */
export const cockpitDrillRow = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Amount in 元 (decimal string), 1 for a counted row, 1/0 for a rate's met/missed row. */
  value: z.string(),
  link: z.string(),
  regionCode: z.string(),
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type CockpitDrillRow = z.infer<typeof cockpitDrillRow>;

export const cockpitDrill = z.object({
  metric: z.string(),
  total: z.number(),
  rows: z.array(cockpitDrillRow),
});

/** A KPI's figure split by the child regions of `region`; the parts add up to the whole exactly. */
export const cockpitBreakdownPart = z.object({
  /** The child region (12 digits), or null for rows filed at the region itself. */
  code: z.string().nullable(),
  name: z.string(),
  /** The figure, computed like the KPI (a sum, or a rate for rates). */
  value: z.number(),
  /** The exact sum of the rows' values as a decimal string (for a rate: the number of rows met). */
  sum: z.string(),
  rows: z.number().int(),
});
export type CockpitBreakdownPart = z.infer<typeof cockpitBreakdownPart>;

export const cockpitBreakdown = z.object({
  metric: z.string(),
  unit: z.enum(['yuan', 'count', 'rate']),
  /** The region broken down; null = everything in the reader's scope (no region chosen). */
  region: z.object({ code: z.string(), name: z.string(), level: z.number().int() }).nullable(),
  /** The regions above it the reader may open, widest first (for the breadcrumb). */
  path: z.array(z.object({ code: z.string().nullable(), name: z.string() })),
  /** true: a town (or a village) — its rows are listed, not broken down further. */
  leaf: z.boolean(),
  total: z.number(),
  sum: z.string(),
  rows: z.number().int(),
  parts: z.array(cockpitBreakdownPart),
});
export type CockpitBreakdown = z.infer<typeof cockpitBreakdown>;
