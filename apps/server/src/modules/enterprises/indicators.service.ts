import type { indicatorUpsert } from '@beizeng/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { currentMonth } from '../../core/dates';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { enterpriseRegion } from '../../core/region-codes';
import { addMonths } from '../cultivation/radar';
import { assertEnterpriseInScope } from './enterprises.service';
import { enterpriseIndicators, enterpriseTaxes } from './enterprises.tables';

const monthStart = (ym: string) => `${ym}-01`;

const growth = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : Math.round(((now - before) / before) * 10000) / 10000;
const num = (v: string | null | undefined) => (v == null ? null : Number(v));
/** Sums decimal strings exactly (in fen) and returns a decimal string. */
const sumMoney = (vals: (string | null)[]) => {
  let fen = 0n;
  let any = false;
  for (const v of vals) {
    if (v == null) continue;
    any = true;
    const neg = v.startsWith('-');
    const [i, f = ''] = (neg ? v.slice(1) : v).split('.');
    const x = BigInt(i!) * 100n + BigInt(`${f}00`.slice(0, 2));
    fen += neg ? -x : x;
  }
  if (!any) return null;
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};

/** Monthly figures with 累计 (year to date), 同比 and 环比 of revenue and output. */
export async function listIndicators(ctx: AuthedCtx, id: number, q: { from?: string; to?: string }) {
  await assertEnterpriseInScope(ctx, id);
  const rows = await ctx.db
    .select()
    .from(enterpriseIndicators)
    .where(eq(enterpriseIndicators.enterpriseId, id))
    .orderBy(asc(enterpriseIndicators.month));
  const taxes = await ctx.db.select().from(enterpriseTaxes).where(eq(enterpriseTaxes.enterpriseId, id));
  const taxBy = new Map(taxes.map((t) => [t.month, t.amount]));
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const to = q.to ? monthStart(q.to) : (rows.at(-1)?.month ?? currentMonth());
  const from = q.from ? monthStart(q.from) : addMonths(to, -23);
  const items = rows
    .filter((r) => r.month >= from && r.month <= to)
    .map((r) => {
      const year = r.month.slice(0, 4);
      const ytdRows = rows.filter((x) => x.month.startsWith(year) && x.month <= r.month);
      const lastYear = byMonth.get(addMonths(r.month, -12));
      const prev = byMonth.get(addMonths(r.month, -1));
      return {
        id: r.id,
        month: r.month.slice(0, 7),
        revenue: r.revenue,
        output: r.output,
        profit: r.profit,
        employees: r.employees,
        electricity: r.electricity,
        tax: taxBy.get(r.month) ?? null,
        status: r.status,
        source: r.source,
        revenueYtd: sumMoney(ytdRows.map((x) => x.revenue)),
        revenueYoy: growth(num(r.revenue), num(lastYear?.revenue)),
        revenueMom: growth(num(r.revenue), num(prev?.revenue)),
        outputYtd: sumMoney(ytdRows.map((x) => x.output)),
        outputYoy: growth(num(r.output), num(lastYear?.output)),
        version: r.version,
      };
    });
  return { items };
}

export async function upsertIndicator(ctx: AuthedCtx, id: number, body: z.infer<typeof indicatorUpsert>) {
  await assertEnterpriseInScope(ctx, id);
  const zh = ctx.lang !== 'en';
  const month = monthStart(body.month);
  if (month > currentMonth())
    throw new AppError('VALIDATION', [
      { path: 'body.month', message: zh ? '不能填报未来月份' : 'The month is in the future' },
    ]);
  if (month < '2000-01-01')
    throw new AppError('VALIDATION', [{ path: 'body.month', message: zh ? '月份过早' : 'The month is too early' }]);
  // The enterprise's own user reports; a cadre's entry (or confirmation) makes it official.
  const confirmsDirectly = ctx.actor.permissions.has('indicator:confirm');
  const status = confirmsDirectly ? 'confirmed' : 'pending';
  const source = ctx.actor.enterpriseId === id && !confirmsDirectly ? 'enterprise' : 'cadre';
  const [existing] = await ctx.db
    .select()
    .from(enterpriseIndicators)
    .where(and(eq(enterpriseIndicators.enterpriseId, id), eq(enterpriseIndicators.month, month)));
  // An existing month is only changed by someone who has seen it: the version is required then.
  if (existing && existing.version !== body.version) throw stale(existing);
  const values = {
    revenue: body.revenue ?? null,
    output: body.output ?? null,
    profit: body.profit ?? null,
    employees: body.employees ?? null,
    electricity: body.electricity ?? null,
    status: status as 'pending' | 'confirmed',
    source: source as 'cadre' | 'enterprise',
    confirmedBy: confirmsDirectly ? ctx.actor.id : null,
    confirmedAt: confirmsDirectly ? new Date() : null,
    updatedAt: new Date(),
    updatedBy: ctx.actor.id,
  };
  if (existing) {
    await ctx.db
      .update(enterpriseIndicators)
      .set({ ...values, version: sql`${enterpriseIndicators.version} + 1` })
      .where(eq(enterpriseIndicators.id, existing.id));
  } else {
    await ctx.db
      .insert(enterpriseIndicators)
      .values({ enterpriseId: id, regionCode: enterpriseRegion(id), month, ...values, createdBy: ctx.actor.id });
  }
  if (body.tax !== undefined) {
    if (body.tax === null) {
      await ctx.db
        .delete(enterpriseTaxes)
        .where(and(eq(enterpriseTaxes.enterpriseId, id), eq(enterpriseTaxes.month, month)));
    } else {
      await ctx.db
        .insert(enterpriseTaxes)
        .values({
          enterpriseId: id,
          regionCode: enterpriseRegion(id),
          month,
          amount: body.tax,
          createdBy: ctx.actor.id,
          updatedBy: ctx.actor.id,
        })
        .onConflictDoUpdate({
          target: [enterpriseTaxes.enterpriseId, enterpriseTaxes.month],
          set: { amount: body.tax, updatedAt: new Date(), updatedBy: ctx.actor.id },
        });
    }
  }
  await audit(ctx, {
    entity: 'indicator',
    entityId: `${id}:${body.month}`,
    before: existing ?? null,
    after: { ...body, enterpriseId: id, status },
  });
  const { items } = await listIndicators(ctx, id, { from: body.month, to: body.month });
  return items[0]!;
}

export async function confirmIndicator(ctx: AuthedCtx, id: number, ym: string) {
  await assertEnterpriseInScope(ctx, id);
  const month = monthStart(ym);
  const [row] = await ctx.db
    .select()
    .from(enterpriseIndicators)
    .where(and(eq(enterpriseIndicators.enterpriseId, id), eq(enterpriseIndicators.month, month)));
  if (!row) throw notFound();
  if (row.status === 'confirmed') throw new AppError('INVALID_TRANSITION');
  await ctx.db
    .update(enterpriseIndicators)
    .set({
      status: 'confirmed',
      confirmedBy: ctx.actor.id,
      confirmedAt: new Date(),
      version: sql`${enterpriseIndicators.version} + 1`,
    })
    .where(eq(enterpriseIndicators.id, row.id));
  await audit(ctx, {
    entity: 'indicator',
    entityId: `${id}:${ym}`,
    after: { enterpriseId: id, month: ym, status: 'confirmed' },
  });
  const { items } = await listIndicators(ctx, id, { from: ym, to: ym });
  return items[0]!;
}

export { sumMoney };
