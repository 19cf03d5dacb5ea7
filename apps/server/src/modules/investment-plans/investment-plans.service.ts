import type { investmentPlanCreate, investmentPlanUpdate } from '@beizeng/contract';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { regionIn, regionPrefix, regionWithin } from '../../core/scope';
import { BIG, countedSignings } from '../leads/leads.service';
import { leads } from '../leads/leads.tables';
import { investmentPlans } from './investment-plans.tables';

/** The 12-digit codes of a region's ancestors (province, city, district, town), e.g. 370406109000 → 370406000000 … */
function ancestorCodes(code: string): string[] {
  const own = regionPrefix(code).length;
  return [2, 4, 6, 9].filter((n) => n < own).map((n) => code.slice(0, n).padEnd(12, '0'));
}

/**
 * Plans a user reads: those of the own region and below, and those of the regions above (the district's plan).
 * Never a sibling region's (another town's plan and its signings).
 */
const planScope = (ctx: AuthedCtx) => {
  if (ctx.actor.scope.kind === 'all') return undefined;
  if (!ctx.actor.regionCode) return sql`false`;
  const up = ancestorCodes(ctx.actor.regionCode);
  const below = regionIn(investmentPlans.regionCode, ctx.actor.regionCode);
  return up.length ? sql`(${below} or ${inArray(investmentPlans.regionCode, up)})` : below;
};
/** Plans a user may change: its own region's and below (a town reads the district's plan but does not edit it). */
const planWriteScope = (ctx: AuthedCtx) =>
  ctx.actor.scope.kind === 'all'
    ? undefined
    : ctx.actor.regionCode
      ? regionIn(investmentPlans.regionCode, ctx.actor.regionCode)
      : sql`false`;

async function withProgress(ctx: AuthedCtx, p: typeof investmentPlans.$inferSelect) {
  const scope = regionIn(leads.regionCode, p.regionCode);
  const signed = await countedSignings(ctx.db, scope, p.year);
  const big = new Set(signed.filter((s) => Number(s.amount) >= BIG).map((s) => s.leadId)).size;
  const amount = signed.reduce((a, s) => a + Number(s.amount), 0);
  const [landed] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(scope, eq(leads.stage, 'landed'), sql`extract(year from ${leads.updatedAt}) = ${p.year}`));
  const { createdAt, createdBy, updatedAt, updatedBy, ...rest } = p;
  return { ...rest, progress: { bigSignings: big, signedAmount: amount.toFixed(2), landed: landed?.n ?? 0 } };
}

export async function listPlans(ctx: AuthedCtx) {
  const rows = await ctx.db.select().from(investmentPlans).where(planScope(ctx)).orderBy(asc(investmentPlans.year));
  return { items: await Promise.all(rows.map((r) => withProgress(ctx, r))) };
}

function checkRegion(ctx: AuthedCtx, regionCode: string) {
  if (ctx.actor.scope.kind !== 'all' && !regionWithin(regionCode, ctx.actor.regionCode))
    throw new AppError('VALIDATION', [
      { path: 'body.regionCode', message: ctx.lang === 'en' ? 'Outside your region' : '不在本辖区内' },
    ]);
}

export async function createPlan(ctx: AuthedCtx, b: z.infer<typeof investmentPlanCreate>) {
  checkRegion(ctx, b.regionCode);
  const [dup] = await ctx.db
    .select({ id: investmentPlans.id })
    .from(investmentPlans)
    .where(and(eq(investmentPlans.year, b.year), eq(investmentPlans.regionCode, b.regionCode)));
  if (dup)
    throw new AppError('DUPLICATE', [
      { path: 'body.year', message: ctx.lang === 'en' ? 'A plan exists for this year' : '该年度已有招商引资方案' },
    ]);
  const [row] = await ctx.db
    .insert(investmentPlans)
    .values({ ...b, createdBy: ctx.actor.id, updatedBy: ctx.actor.id } as any)
    .returning();
  await audit(ctx, { entity: 'investment_plan', entityId: row!.id, after: row });
  return withProgress(ctx, row!);
}

export async function updatePlan(ctx: AuthedCtx, id: number, b: z.infer<typeof investmentPlanUpdate>) {
  const [p] = await ctx.db
    .select()
    .from(investmentPlans)
    .where(and(eq(investmentPlans.id, id), planWriteScope(ctx)));
  if (!p) throw notFound();
  if (p.version !== b.version) throw stale(p);
  if (b.regionCode) checkRegion(ctx, b.regionCode);
  const { version, ...fields } = b;
  const [row] = await ctx.db
    .update(investmentPlans)
    .set({
      ...fields,
      updatedAt: new Date(),
      updatedBy: ctx.actor.id,
      version: sql`${investmentPlans.version} + 1`,
    } as any)
    .where(eq(investmentPlans.id, id))
    .returning();
  await audit(ctx, { entity: 'investment_plan', entityId: id, before: p, after: row });
  return withProgress(ctx, row!);
}
