import type { honourCreate, honourListQuery, honourUpdate } from '@beizeng/contract';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { today } from '../../core/dates';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { allOf, countAll, paginate } from '../../core/list';
import { dictItems } from '../dicts/dicts.tables';
import { assertEnterpriseInScope, enterpriseScope } from '../enterprises/enterprises.service';
import { enterpriseIndicators, enterprises } from '../enterprises/enterprises.tables';
import { getSetting } from '../settings/settings.service';
import { deriveFacts, evaluate, type RuleSet, ruleSetFor, summarise } from './criteria';
import { enterprisePoolMembers, enterprisePools, honourRules, honours } from './honours.tables';

const cols = {
  id: honours.id,
  enterpriseId: honours.enterpriseId,
  enterpriseName: enterprises.name,
  title: honours.title,
  level: honours.level,
  year: honours.year,
  awardedOn: honours.awardedOn,
  expiresOn: honours.expiresOn,
  certificateNo: honours.certificateNo,
  version: honours.version,
};

async function withFlags<T extends { expiresOn: string | null }>(ctx: AuthedCtx, rows: T[]) {
  const days = await getSetting(ctx.db, 'honourExpiryDays');
  const t = today();
  const soon = new Date(Date.parse(`${t}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return rows.map((r) => ({
    ...r,
    expired: !!r.expiresOn && r.expiresOn < t,
    expiringSoon: !!r.expiresOn && r.expiresOn >= t && r.expiresOn <= soon,
  }));
}

export async function listHonours(ctx: AuthedCtx, q: z.infer<typeof honourListQuery>) {
  const days = await getSetting(ctx.db, 'honourExpiryDays');
  const where = allOf(
    isNull(honours.deletedAt),
    isNull(enterprises.deletedAt),
    enterpriseScope(ctx),
    q.title ? eq(honours.title, q.title) : undefined,
    q.enterpriseId != null ? eq(honours.enterpriseId, q.enterpriseId) : undefined,
    q.expiring === 'true' ? sql`${honours.expiresOn} between current_date and current_date + ${days}::int` : undefined,
    q.q ? sql`position(${q.q} in ${enterprises.name}) > 0` : undefined,
  );
  const p = await paginate<any>(
    q,
    () =>
      ctx.db
        .select(cols)
        .from(honours)
        .innerJoin(enterprises, eq(enterprises.id, honours.enterpriseId))
        .where(where)
        .orderBy(asc(honours.expiresOn), desc(honours.year), asc(honours.id))
        .$dynamic(),
    () =>
      ctx.db
        .select({ n: countAll })
        .from(honours)
        .innerJoin(enterprises, eq(enterprises.id, honours.enterpriseId))
        .where(where),
  );
  return { ...p, items: await withFlags(ctx, p.items) };
}

async function find(ctx: AuthedCtx, id: number) {
  const [r] = await ctx.db
    .select(cols)
    .from(honours)
    .innerJoin(enterprises, eq(enterprises.id, honours.enterpriseId))
    .where(and(eq(honours.id, id), isNull(honours.deletedAt), enterpriseScope(ctx)));
  if (!r) throw notFound();
  return (await withFlags(ctx, [r]))[0]!;
}

async function checkTitle(
  ctx: AuthedCtx,
  title: string | undefined,
  awardedOn?: string | null,
  expiresOn?: string | null,
) {
  const errs: { path: string; message: string }[] = [];
  if (title) {
    const [t] = await ctx.db
      .select({ v: dictItems.value })
      .from(dictItems)
      .where(and(eq(dictItems.typeCode, 'honour_level'), eq(dictItems.value, title)));
    if (!t) errs.push({ path: 'body.title', message: ctx.lang === 'en' ? 'Unknown honour' : '荣誉名称不在字典中' });
  }
  if (awardedOn && expiresOn && expiresOn < awardedOn)
    errs.push({
      path: 'body.expiresOn',
      message: ctx.lang === 'en' ? 'Expires before it was awarded' : '有效期截止日早于认定日期',
    });
  if (errs.length) throw new AppError('VALIDATION', errs);
}

export async function createHonour(ctx: AuthedCtx, body: z.infer<typeof honourCreate>) {
  await assertEnterpriseInScope(ctx, body.enterpriseId);
  await checkTitle(ctx, body.title, body.awardedOn, body.expiresOn);
  const [row] = await ctx.db
    .insert(honours)
    .values({
      ...body,
      awardedOn: body.awardedOn ?? null,
      // most honours are valid for three years from the award
      expiresOn:
        body.expiresOn ??
        (body.awardedOn ? `${Number(body.awardedOn.slice(0, 4)) + 3}${body.awardedOn.slice(4)}` : null),
      certificateNo: body.certificateNo ?? null,
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    })
    .returning({ id: honours.id });
  const after = await find(ctx, row!.id);
  await audit(ctx, { entity: 'honour', entityId: row!.id, after });
  return after;
}

export async function updateHonour(ctx: AuthedCtx, id: number, body: z.infer<typeof honourUpdate>) {
  const before = await find(ctx, id);
  if (before.version !== body.version) throw stale(before);
  await checkTitle(ctx, body.title, body.awardedOn ?? before.awardedOn, body.expiresOn ?? before.expiresOn);
  const { version, ...fields } = body;
  await ctx.db
    .update(honours)
    .set({ ...fields, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${honours.version} + 1` })
    .where(eq(honours.id, id));
  const after = await find(ctx, id);
  await audit(ctx, { entity: 'honour', entityId: id, before, after });
  return after;
}

export async function deleteHonour(ctx: AuthedCtx, id: number) {
  const before = await find(ctx, id);
  await ctx.db.update(honours).set({ deletedAt: new Date(), updatedBy: ctx.actor.id }).where(eq(honours.id, id));
  await audit(ctx, {
    entity: 'honour',
    entityId: id,
    before,
    after: { enterpriseId: before.enterpriseId, deleted: true },
  });
}

/** Each honour's criteria, in the regime in force on `date`, checked against what is known. */
export async function checklist(ctx: AuthedCtx, enterpriseId: number, date = today()) {
  await assertEnterpriseInScope(ctx, enterpriseId);
  const [e] = await ctx.db
    .select({ facts: enterprises.facts, establishedOn: enterprises.establishedOn })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  const yearly = await ctx.db
    .select({
      year: sql<string>`to_char(${enterpriseIndicators.month}, 'YYYY')`,
      revenue: sql<string>`sum(${enterpriseIndicators.revenue})::text`,
      months: sql<number>`count(${enterpriseIndicators.revenue})::int`,
      employees: sql<number | null>`max(${enterpriseIndicators.employees})`,
    })
    .from(enterpriseIndicators)
    .where(eq(enterpriseIndicators.enterpriseId, enterpriseId))
    .groupBy(sql`1`);
  const revenueByYear: Record<string, number> = {};
  for (const y of yearly) if (y.months === 12) revenueByYear[y.year] = Number(y.revenue);
  const held = await ctx.db
    .select({ title: honours.title, expiresOn: honours.expiresOn })
    .from(honours)
    .where(and(eq(honours.enterpriseId, enterpriseId), isNull(honours.deletedAt)));
  const validTitles = held.filter((h) => !h.expiresOn || h.expiresOn >= date).map((h) => h.title);
  const asOfYear = Number(date.slice(0, 4));
  const lastYear = yearly.find((y) => Number(y.year) === asOfYear - 1);
  const facts = deriveFacts({
    facts: (e?.facts ?? {}) as any,
    revenueByYear,
    asOfYear,
    establishedOn: e?.establishedOn ?? null,
    titles: validTitles,
    employees: lastYear?.employees ?? null,
  });
  const sets = (await ctx.db.select().from(honourRules)) as unknown as RuleSet[];
  const titleOrder = await ctx.db
    .select({ v: dictItems.value })
    .from(dictItems)
    .where(eq(dictItems.typeCode, 'honour_level'))
    .orderBy(asc(dictItems.sort));
  const titles = titleOrder
    .map((t) => ruleSetFor(sets, t.v, date))
    .filter((s): s is RuleSet => !!s)
    .map((s) => {
      const items = evaluate(s, facts);
      return {
        title: s.title,
        regime: s.regime,
        source: s.source,
        held: validTitles.includes(s.title),
        items,
        ...summarise(items),
      };
    });
  return { enterpriseId, date, titles };
}

// ---------- tiered pools ("521" and others) ----------
export async function listPools(ctx: AuthedCtx) {
  const pools = await ctx.db.select().from(enterprisePools).orderBy(asc(enterprisePools.id));
  const members = await ctx.db
    .select({
      poolId: enterprisePoolMembers.poolId,
      enterpriseId: enterprisePoolMembers.enterpriseId,
      enterpriseName: enterprises.name,
      tier: enterprisePoolMembers.tier,
      since: enterprisePoolMembers.since,
    })
    .from(enterprisePoolMembers)
    .innerJoin(enterprises, eq(enterprises.id, enterprisePoolMembers.enterpriseId))
    .where(and(isNull(enterprises.deletedAt), enterpriseScope(ctx)))
    .orderBy(asc(enterprisePoolMembers.tier), asc(enterprises.pinyinKey));
  return {
    items: pools.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      tiers: p.tiers,
      source: p.source,
      members: members.filter((m) => m.poolId === p.id).map(({ poolId, ...m }) => m),
    })),
  };
}

export async function setPoolMember(ctx: AuthedCtx, poolId: number, enterpriseId: number, tier: string | null) {
  await assertEnterpriseInScope(ctx, enterpriseId);
  const [pool] = await ctx.db.select().from(enterprisePools).where(eq(enterprisePools.id, poolId));
  if (!pool) throw notFound();
  if (tier !== null && !pool.tiers.some((t) => t.code === tier))
    throw new AppError('VALIDATION', [
      { path: 'body.tier', message: ctx.lang === 'en' ? 'Unknown tier' : '梯队不存在' },
    ]);
  const [before] = await ctx.db
    .select()
    .from(enterprisePoolMembers)
    .where(and(eq(enterprisePoolMembers.poolId, poolId), eq(enterprisePoolMembers.enterpriseId, enterpriseId)));
  if (tier === null) {
    if (!before) throw notFound();
    await ctx.db.delete(enterprisePoolMembers).where(eq(enterprisePoolMembers.id, before.id));
  } else if (before) {
    await ctx.db
      .update(enterprisePoolMembers)
      .set({ tier, updatedAt: new Date(), updatedBy: ctx.actor.id })
      .where(eq(enterprisePoolMembers.id, before.id));
  } else {
    await ctx.db
      .insert(enterprisePoolMembers)
      .values({ poolId, enterpriseId, tier, since: today(), createdBy: ctx.actor.id, updatedBy: ctx.actor.id });
  }
  await audit(ctx, {
    entity: 'enterprise_pool',
    entityId: poolId,
    before: before ?? null,
    after: { enterpriseId, pool: pool.code, tier },
  });
}
