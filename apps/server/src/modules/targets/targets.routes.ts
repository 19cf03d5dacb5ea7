import { regionCode } from '@beizeng/contract';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit';
import { AppError } from '../../core/errors';
import { route } from '../../core/http';
import { regionPrefix, regionWithin } from '../../core/scope';
import { METRICS } from '../cockpit/cockpit.service';
import { doublingPlans, targets } from './targets.tables';

const targetRow = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  year: z.number().int(),
  metric: z.string(),
  value: z.string(),
  source: z.string().nullable(),
});
const decimal = z.string().regex(/^\d{1,16}(\.\d{1,4})?$/, { message: '请填写数字 / a number' });

export const targetsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'Targets per region, year and indicator, and the doubling plans',
    permission: 'cockpit:view',
    query: z.object({
      year: z
        .string()
        .regex(/^20\d{2}$/)
        .transform(Number)
        .optional(),
    }),
    response: z.object({ items: z.array(targetRow), doubling: z.array(z.unknown()) }),
    handler: async (ctx, { query }) => {
      const region = ctx.actor.scope.kind === 'all' ? undefined : ctx.actor.regionCode;
      const rows = await ctx.db
        .select()
        .from(targets)
        .where(query.year ? eq(targets.year, query.year) : undefined)
        .orderBy(asc(targets.year), asc(targets.metric));
      const visible = rows.filter(
        (r) => !region || regionWithin(r.regionCode, region) || region.startsWith(regionPrefix(r.regionCode)),
      );
      const d = await ctx.db.select().from(doublingPlans);
      return {
        items: visible.map(({ createdAt, createdBy, updatedAt, updatedBy, version, ...r }) => r),
        doubling: d.filter(
          (r) => !region || regionWithin(r.regionCode, region) || region.startsWith(regionPrefix(r.regionCode)),
        ),
      };
    },
  }),
  route({
    method: 'PUT',
    url: '/',
    summary: 'Set a target (region, year, indicator)',
    permission: 'target:edit',
    audit: 'targets.set',
    body: z.object({
      regionCode,
      year: z.number().int().min(2000).max(2100),
      metric: z.enum(METRICS),
      value: decimal,
      source: z.string().max(300).nullish(),
    }),
    response: targetRow,
    handler: async (ctx, { body }) => {
      if (ctx.actor.scope.kind !== 'all' && !regionWithin(body.regionCode, ctx.actor.regionCode))
        throw new AppError('VALIDATION', [
          { path: 'body.regionCode', message: ctx.lang === 'en' ? 'Outside your region' : '不在本辖区内' },
        ]);
      const [before] = await ctx.db
        .select()
        .from(targets)
        .where(
          and(eq(targets.regionCode, body.regionCode), eq(targets.year, body.year), eq(targets.metric, body.metric)),
        );
      const [row] = await ctx.db
        .insert(targets)
        .values({ ...body, source: body.source ?? null, createdBy: ctx.actor.id, updatedBy: ctx.actor.id })
        .onConflictDoUpdate({
          target: [targets.regionCode, targets.year, targets.metric],
          set: { value: body.value, source: body.source ?? null, updatedAt: new Date(), updatedBy: ctx.actor.id },
        })
        .returning();
      await audit(ctx, { entity: 'target', entityId: row!.id, before: before ?? null, after: row });
      const { createdAt, createdBy, updatedAt, updatedBy, version, ...r } = row!;
      return r;
    },
  }),
];
