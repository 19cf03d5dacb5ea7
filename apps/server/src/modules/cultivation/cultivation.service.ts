import type { poolEntryCreate, poolEntryUpdate, radarQuery, thresholdCreate } from '@beizeng/contract';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { currentMonth } from '../../core/dates';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { regionIn } from '../../core/scope';
import { assertEnterpriseInScope, enterpriseScope } from '../enterprises/enterprises.service';
import { enterpriseIndicators, enterprises } from '../enterprises/enterprises.tables';
import { regions } from '../regions/regions.tables';
import { getSetting } from '../settings/settings.service';
import { users } from '../users/users.tables';
import { cultivationPool, registerThresholds } from './cultivation.tables';
import { addMonths, fallingThree, radarFigures, type ThresholdRule, thresholdFor } from './radar';

const money = (n: number) => n.toFixed(2);

export async function listThresholds(ctx: AuthedCtx) {
  const rows = await ctx.db
    .select()
    .from(registerThresholds)
    .orderBy(asc(registerThresholds.category), asc(registerThresholds.effectiveFrom));
  return { items: rows.map(({ createdAt, createdBy, updatedAt, updatedBy, note, ...r }) => r) };
}

export async function createThreshold(ctx: AuthedCtx, body: z.infer<typeof thresholdCreate>) {
  if (body.effectiveTo && body.effectiveTo < body.effectiveFrom)
    throw new AppError('VALIDATION', [
      { path: 'body.effectiveTo', message: ctx.lang === 'en' ? 'Ends before it starts' : '失效日期早于生效日期' },
    ]);
  const [row] = await ctx.db
    .insert(registerThresholds)
    .values({
      ...body,
      industryPrefixes: body.industryPrefixes ?? null,
      effectiveTo: body.effectiveTo ?? null,
      createdBy: ctx.actor.id,
    })
    .returning();
  await audit(ctx, { entity: 'register_threshold', entityId: row!.id, after: row });
  const { createdAt, createdBy, updatedAt, updatedBy, note, ...r } = row!;
  return r;
}

/** The radar's rows (candidates with the threshold in force), filtered and sorted, before their figures. */
async function radarRows(ctx: AuthedCtx, q: Omit<z.infer<typeof radarQuery>, 'page' | 'pageSize'>) {
  const asOfMonth = q.asOf ? `${q.asOf}-01` : addMonths(currentMonth(), -1);
  const from = addMonths(asOfMonth, -11);
  const yearStart = `${asOfMonth.slice(0, 4)}-01-01`;
  const nearShare = await getSetting(ctx.db, 'radarNearShare');
  const rules = (await ctx.db.select().from(registerThresholds)) as unknown as ThresholdRule[];
  const candidates = await ctx.db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      regionName: regions.name,
      category: sql<string | null>`coalesce(${enterprises.targetRegister}, ${enterprises.statCategory})`,
      section: enterprises.industrySection,
      code: enterprises.industryCode,
      t12: sql<
        string | null
      >`(select sum(i.revenue)::text from enterprise_indicator i where i.enterprise_id = "enterprise"."id" and i.month between ${from} and ${asOfMonth})`,
      ytd: sql<
        string | null
      >`(select sum(i.revenue)::text from enterprise_indicator i where i.enterprise_id = "enterprise"."id" and i.month between ${yearStart} and ${asOfMonth})`,
      months: sql<number>`(select count(*)::int from enterprise_indicator i where i.enterprise_id = "enterprise"."id" and i.month between ${from} and ${asOfMonth} and i.revenue is not null)`,
      poolId: cultivationPool.id,
      poolYear: cultivationPool.targetYear,
      poolStatus: cultivationPool.status,
      cadreName: users.displayName,
    })
    .from(enterprises)
    .leftJoin(regions, eq(regions.code, enterprises.regionCode))
    .leftJoin(cultivationPool, and(eq(cultivationPool.enterpriseId, enterprises.id), isNull(cultivationPool.deletedAt)))
    .leftJoin(users, eq(users.id, cultivationPool.cadreId))
    .where(
      and(
        isNull(enterprises.deletedAt),
        sql`${enterprises.registerStatus} <> 'in'`,
        sql`coalesce(${enterprises.targetRegister}, ${enterprises.statCategory}) is not null`,
        enterpriseScope(ctx),
        q.regionCode ? regionIn(enterprises.regionCode, q.regionCode) : undefined,
        q.category
          ? sql`coalesce(${enterprises.targetRegister}, ${enterprises.statCategory}) = ${q.category}`
          : undefined,
        q.q ? sql`position(${q.q} in ${enterprises.name}) > 0` : undefined,
      ),
    );
  const rows = candidates
    .map((c) => {
      const rule = thresholdFor(rules, c.category!, { section: c.section, code: c.code }, asOfMonth);
      if (!rule) return null;
      const threshold = Number(rule.amount);
      const t12 = Number(c.t12 ?? 0);
      return { c, rule, threshold, t12, ratio: threshold ? t12 / threshold : 0 };
    })
    .filter((x): x is NonNullable<typeof x> => !!x)
    .map((x) => ({ ...x, near: x.ratio >= nearShare && x.ratio < 1 }))
    .filter((x) => (q.near === 'true' ? x.near : q.near === 'false' ? !x.near : true))
    .filter((x) => (q.pooled === 'true' ? !!x.c.poolId : q.pooled === 'false' ? !x.c.poolId : true))
    .sort((a, b) => b.ratio - a.ratio || a.c.id - b.c.id);
  return { asOfMonth, nearShare, rows };
}

/** The radar: every enterprise in scope not yet in its register, against its threshold. */
export async function radar(ctx: AuthedCtx, q: z.infer<typeof radarQuery>) {
  const { asOfMonth, nearShare, rows } = await radarRows(ctx, q);
  const total = rows.length;
  const pageRows = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const items = await figuresFor(ctx, pageRows, asOfMonth);
  return { asOf: asOfMonth.slice(0, 7), nearShare, items, total, page: q.page, pageSize: q.pageSize };
}

/** Revenue by month of each enterprise named, months [from, to], in one statement (ids as one array parameter). */
async function revenueSeries(ctx: AuthedCtx, ids: number[], from: string, to: string) {
  const out = new Map<number, { month: string; value: number }[]>();
  if (!ids.length) return out;
  const rows = await ctx.db
    .select({
      id: enterpriseIndicators.enterpriseId,
      month: enterpriseIndicators.month,
      revenue: enterpriseIndicators.revenue,
    })
    .from(enterpriseIndicators)
    .where(
      and(
        sql`${enterpriseIndicators.enterpriseId} = any(${`{${ids.join(',')}}`}::int[])`,
        sql`${enterpriseIndicators.month} between ${from} and ${to}`,
        sql`${enterpriseIndicators.revenue} is not null`,
      ),
    );
  for (const x of rows) {
    const list = out.get(x.id) ?? [];
    list.push({ month: x.month, value: Number(x.revenue) });
    out.set(x.id, list);
  }
  return out;
}

/**
 * Radar candidates whose revenue fell three months running up to the radar's month (the cockpit's warning): the
 * exact number, and the first `limit` in radar order. Four months of revenue for every candidate, in one statement.
 */
export async function fallingCandidates(ctx: AuthedCtx, limit: number) {
  const { asOfMonth, rows } = await radarRows(ctx, {});
  if (!rows.length) return { total: 0, items: [] };
  const byId = await revenueSeries(
    ctx,
    rows.map((r) => r.c.id),
    addMonths(asOfMonth, -3),
    asOfMonth,
  );
  const hits = rows.filter((r) =>
    fallingThree(new Map((byId.get(r.c.id) ?? []).map((x) => [x.month, x.value])), asOfMonth),
  );
  return {
    total: hits.length,
    items: hits.slice(0, limit).map((r) => ({ id: r.c.id as number, name: r.c.name as string })),
  };
}

/**
 * The radar in numbers over every row (the monthly brief's sentence): candidates, how many are near their
 * threshold, how many the run-rate projection takes across it within `year`. Revenue is read for 2,000
 * candidates per statement, so any scale stays within bounded memory.
 */
export async function radarSummary(ctx: AuthedCtx, year: string) {
  const { asOfMonth, rows } = await radarRows(ctx, {});
  let crossing = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    const slice = rows.slice(i, i + 2000);
    const byId = await revenueSeries(
      ctx,
      slice.map((r) => r.c.id),
      addMonths(asOfMonth, -23),
      asOfMonth,
    );
    for (const r of slice) {
      const f = radarFigures(byId.get(r.c.id) ?? [], asOfMonth, r.threshold);
      if (f.crossesIn?.startsWith(year) && money(f.gap) !== '0.00') crossing++;
    }
  }
  return { candidates: rows.length, near: rows.filter((r) => r.near).length, crossingThisYear: crossing };
}

async function figuresFor(ctx: AuthedCtx, rows: any[], asOfMonth: string) {
  const byId = await revenueSeries(
    ctx,
    rows.map((r) => r.c.id),
    addMonths(asOfMonth, -23),
    asOfMonth,
  );
  return rows.map((r) => {
    const f = radarFigures(byId.get(r.c.id) ?? [], asOfMonth, r.threshold);
    return {
      enterpriseId: r.c.id,
      name: r.c.name,
      regionName: r.c.regionName,
      category: r.c.category,
      threshold: r.rule.amount,
      thresholdSource: r.rule.source,
      trailing12: money(f.trailing12),
      ytd: money(f.ytd),
      gap: money(f.gap),
      ratio: Math.round(f.ratio * 10000) / 10000,
      monthsInWindow: f.monthsInWindow,
      runRate: money(f.runRate),
      crossesIn: f.crossesIn ? f.crossesIn.slice(0, 7) : null,
      near: r.near,
      falling3: f.falling3,
      pool: r.c.poolId
        ? { id: r.c.poolId, cadreName: r.c.cadreName, targetYear: r.c.poolYear, status: r.c.poolStatus }
        : null,
    };
  });
}

/** Every radar row (for export), in bounded pages. */
export async function* radarAll(ctx: AuthedCtx, q: z.infer<typeof radarQuery>) {
  for (let p = 1; ; p++) {
    const r = await radar(ctx, { ...q, page: p, pageSize: 200 });
    for (const item of r.items) yield item;
    if (p * 200 >= r.total) return;
  }
}

// ---------- 培育库 ----------
const poolCols = {
  id: cultivationPool.id,
  enterpriseId: cultivationPool.enterpriseId,
  enterpriseName: enterprises.name,
  targetRegister: cultivationPool.targetRegister,
  cadreId: cultivationPool.cadreId,
  cadreName: users.displayName,
  targetYear: cultivationPool.targetYear,
  status: cultivationPool.status,
  note: cultivationPool.note,
  version: cultivationPool.version,
};

function poolSelect(ctx: AuthedCtx) {
  return ctx.db
    .select(poolCols)
    .from(cultivationPool)
    .innerJoin(enterprises, eq(enterprises.id, cultivationPool.enterpriseId))
    .leftJoin(users, eq(users.id, cultivationPool.cadreId));
}

export async function listPool(ctx: AuthedCtx) {
  const items = await poolSelect(ctx)
    .where(and(isNull(cultivationPool.deletedAt), isNull(enterprises.deletedAt), enterpriseScope(ctx)))
    .orderBy(asc(cultivationPool.targetYear), asc(enterprises.pinyinKey));
  return { items };
}

async function findPool(ctx: AuthedCtx, id: number) {
  const [r] = await poolSelect(ctx).where(
    and(eq(cultivationPool.id, id), isNull(cultivationPool.deletedAt), enterpriseScope(ctx)),
  );
  if (!r) throw notFound();
  return r;
}

async function checkCadre(ctx: AuthedCtx, cadreId: number | null | undefined) {
  if (cadreId == null) return;
  const [u] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, cadreId), isNull(users.deletedAt)));
  if (!u)
    throw new AppError('VALIDATION', [
      { path: 'body.cadreId', message: ctx.lang === 'en' ? 'Unknown user' : '干部不存在' },
    ]);
}

export async function addToPool(ctx: AuthedCtx, body: z.infer<typeof poolEntryCreate>) {
  await assertEnterpriseInScope(ctx, body.enterpriseId);
  await checkCadre(ctx, body.cadreId);
  const [dup] = await ctx.db
    .select({ id: cultivationPool.id })
    .from(cultivationPool)
    .where(
      and(
        eq(cultivationPool.enterpriseId, body.enterpriseId),
        eq(cultivationPool.targetRegister, body.targetRegister),
        isNull(cultivationPool.deletedAt),
      ),
    );
  if (dup) throw new AppError('DUPLICATE', undefined, { existingId: dup.id });
  const [row] = await ctx.db
    .insert(cultivationPool)
    .values({
      ...body,
      cadreId: body.cadreId ?? null,
      note: body.note ?? null,
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    })
    .returning({ id: cultivationPool.id });
  const after = await findPool(ctx, row!.id);
  await audit(ctx, { entity: 'cultivation_pool', entityId: row!.id, after });
  return after;
}

export async function updatePool(ctx: AuthedCtx, id: number, body: z.infer<typeof poolEntryUpdate>) {
  const before = await findPool(ctx, id);
  if (before.version !== body.version) throw stale(before);
  await checkCadre(ctx, body.cadreId);
  const { version, ...fields } = body;
  await ctx.db
    .update(cultivationPool)
    .set({ ...fields, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${cultivationPool.version} + 1` })
    .where(eq(cultivationPool.id, id));
  const after = await findPool(ctx, id);
  await audit(ctx, { entity: 'cultivation_pool', entityId: id, before, after });
  return after;
}

export async function removeFromPool(ctx: AuthedCtx, id: number) {
  const before = await findPool(ctx, id);
  await ctx.db
    .update(cultivationPool)
    .set({ deletedAt: new Date(), updatedBy: ctx.actor.id })
    .where(eq(cultivationPool.id, id));
  await audit(ctx, { entity: 'cultivation_pool', entityId: id, before });
}
