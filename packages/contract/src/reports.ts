import { z } from 'zod';

export const BRIEF_KINDS = ['weekly', 'monthly'] as const;
export type BriefKind = (typeof BRIEF_KINDS)[number];

/** A chart of a brief: categories along the x axis, one or more series. */
export const briefChart = z.object({
  title: z.string(),
  kind: z.enum(['bar', 'line']),
  unit: z.string(),
  categories: z.array(z.string()),
  series: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['bar', 'line']),
      data: z.array(z.number().nullable()),
      /** Series with the same stack are drawn on top of each other. */
      stack: z.string().optional(),
      color: z.string().optional(),
    }),
  ),
});
export type BriefChart = z.infer<typeof briefChart>;

/** The weekly 调度 brief or the monthly 经济运行 brief (the printable page renders this JSON). */
export const brief = z.object({
  kind: z.enum(BRIEF_KINDS),
  title: z.string(),
  period: z.string(),
  /** The date line under the title, e.g. 2026年11月25日 */
  dateLine: z.string(),
  /** Who the figures are for (全镇 / 全区 / a region's name). */
  place: z.string(),
  paragraphs: z.array(z.object({ heading: z.string(), text: z.string() })),
  tables: z.array(
    z.object({
      title: z.string(),
      headers: z.array(z.string()),
      rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
    }),
  ),
  charts: z.array(briefChart),
});
export type Brief = z.infer<typeof brief>;
