import type {
  assessmentBody,
  followupCreate,
  landBody,
  leadCreate,
  leadListQuery,
  leadStageBody,
  leadUpdate,
  signBody,
} from '@beizeng/contract';
import { LEAD_STAGES } from '@beizeng/contract';
import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { today } from '../../core/dates';
import type { Db } from '../../core/db';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { allOf, contains, countAll } from '../../core/list';
import { notify } from '../../core/notify';
import { leadRegion } from '../../core/region-codes';
import { regionIn, regionWithin } from '../../core/scope';
import { loadCalendar } from '../calendar/calendar.service';
import { addDays, type CalendarOverrides, workdaysBetween } from '../calendar/workdays';
import { dictItems } from '../dicts/dicts.tables';
import { nameFields } from '../enterprises/derive';
import { enterprises } from '../enterprises/enterprises.tables';
import { storeLights } from '../projects/projects.service';
import { projectStageHistory, projects } from '../projects/projects.tables';
import { getSetting } from '../settings/settings.service';
import { sumTallies, tallyScope } from '../tallies/tallies.service';
import { users } from '../users/users.tables';
import { isDuplicateSigning } from './duplicate';
import { LEAD_FLOW } from './forecast';
import { leadFollowups, leadSignings, leadStageHistory, leads } from './leads.tables';

type Row = typeof leads.$inferSelect;
export const BIG = 100_000_000;

/** Scope on leads: the region subtree, or (self) the leads one owns. Enterprises and departments see none. */
export function leadScope(ctx: AuthedCtx): SQL | undefined {
  const s = ctx.actor.scope;
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'region':
      return s.regionCode ? regionIn(leads.regionCode, s.regionCode) : sql`false`;
    case 'self':
      return eq(leads.ownerId, s.userId);
    default:
      return sql`false`;
  }
}

async function load(ctx: AuthedCtx, id: number): Promise<Row> {
  const [l] = await ctx.db
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), leadScope(ctx)));
  if (!l) throw notFound();
  return l;
}

const OPEN = ['lead', 'contact', 'inspection', 'negotiation'];

/** Lead time limits (defaults: respond in 1 working day, assess in 3, report every 2 weeks). */
async function leadLimits(db: Db) {
  return { respond: 1, assess: 3, report: 10, ...((await getSetting(db, 'leadLimits')) ?? {}) };
}

async function warningsFor(db: Db, rows: Row[]) {
  const cal = await loadCalendar(db);
  const limits = await leadLimits(db);
  const t = today();
  return new Map(
    rows.map((l) => {
      const w: { rule: string; zh: string; en: string }[] = [];
      if (OPEN.includes(l.stage)) {
        const since = workdaysBetween(l.registeredOn, t, cal);
        if (!l.respondedOn && since > limits.respond)
          w.push({
            rule: 'respond',
            zh: `登记 ${since} 个工作日未响应（时限 ${limits.respond} 天）`,
            en: `No response ${since} working days after registration`,
          });
        if (!l.assessment && since > limits.assess)
          w.push({
            rule: 'assess',
            zh: `登记 ${since} 个工作日未研判（时限 ${limits.assess} 天）`,
            en: `Not assessed ${since} working days after registration`,
          });
        const last = l.lastFollowupOn ?? l.registeredOn;
        const gap = workdaysBetween(last, t, cal);
        if (gap > limits.report)
          w.push({
            rule: 'report',
            zh: `${gap} 个工作日未跟进（每两周至少一次）`,
            en: `No follow-up for ${gap} working days`,
          });
      }
      return [l.id, w] as const;
    }),
  );
}

/** The latest day such that a date on or before it lies more than `limit` working days before `t`. */
function overLimitFrom(t: string, limit: number, cal: CalendarOverrides): string {
  let d = t;
  for (let i = 0; i < 1000 && workdaysBetween(d, t, cal) <= limit; i++) d = addDays(d, -1);
  return d;
}

export type LeadRule = 'respond' | 'assess' | 'report';

/**
 * "The lead carries this time-limit warning today" (any rule when none is named) as SQL, deciding exactly as
 * `warningsFor` does: the working-day limits become the latest qualifying dates, so the filter and its count are
 * exact at any scale.
 */
export async function warningWhere(db: Db, rule?: LeadRule): Promise<SQL> {
  const cal = await loadCalendar(db);
  const limits = await leadLimits(db);
  const t = today();
  const by: Record<LeadRule, SQL> = {
    respond: sql`(${leads.respondedOn} is null and ${leads.registeredOn} <= ${overLimitFrom(t, limits.respond, cal)}::date)`,
    assess: sql`(${leads.assessment} is null and ${leads.registeredOn} <= ${overLimitFrom(t, limits.assess, cal)}::date)`,
    report: sql`coalesce(${leads.lastFollowupOn}, ${leads.registeredOn}) <= ${overLimitFrom(t, limits.report, cal)}::date`,
  };
  return and(inArray(leads.stage, OPEN), rule ? by[rule] : or(by.respond, by.assess, by.report))!;
}

/** Leads in scope with a time-limit warning: the exact number and the first `limit` (newest first). */
export async function leadsWithWarning(ctx: AuthedCtx, rule: LeadRule, limit: number) {
  const where = and(leadScope(ctx), await warningWhere(ctx.db, rule));
  const [c] = await ctx.db.select({ n: countAll }).from(leads).where(where);
  const rows = await ctx.db.select().from(leads).where(where).orderBy(desc(leads.id)).limit(limit);
  return { total: c?.n ?? 0, items: await summaries(ctx, rows) };
}

async function summaries(ctx: AuthedCtx, rows: Row[]) {
  const w = await warningsFor(ctx.db, rows);
  const ids = [...new Set(rows.flatMap((r) => [r.ownerId, r.groupMemberId]).filter((x): x is number => x != null))];
  const names = new Map(
    ids.length
      ? (await ctx.db.select({ id: users.id, n: users.displayName }).from(users).where(inArray(users.id, ids))).map(
          (u) => [u.id, u.n],
        )
      : [],
  );
  return rows.map((l) => ({
    id: l.id,
    investorName: l.investorName,
    projectName: l.projectName,
    chain: l.chain,
    intendedInvestment: l.intendedInvestment,
    source: l.source,
    introducer: l.introducer,
    stage: l.stage as (typeof LEAD_STAGES)[number],
    ownerId: l.ownerId,
    ownerName: names.get(l.ownerId) ?? null,
    groupMemberName: l.groupMemberId ? (names.get(l.groupMemberId) ?? null) : null,
    nextAction: l.nextAction,
    nextActionOn: l.nextActionOn,
    lastFollowupOn: l.lastFollowupOn,
    regionCode: l.regionCode,
    projectId: l.projectId,
    warnings: w.get(l.id) ?? [],
    isDemo: l.isDemo,
    version: l.version,
  }));
}

export async function listLeads(ctx: AuthedCtx, q: z.infer<typeof leadListQuery>) {
  const where = allOf(
    leadScope(ctx),
    q.warning === 'true' ? await warningWhere(ctx.db) : undefined,
    q.stage ? eq(leads.stage, q.stage) : undefined,
    q.source ? eq(leads.source, q.source) : undefined,
    q.chain ? eq(leads.chain, q.chain) : undefined,
    q.ownerId != null ? eq(leads.ownerId, q.ownerId) : undefined,
    q.big === 'true' ? sql`${leads.intendedInvestment} >= ${BIG}` : undefined,
    q.q
      ? sql`(${leads.investorName} ilike ${contains(q.q)} or ${leads.projectName} ilike ${contains(q.q)})`
      : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(leads)
    .where(where)
    .orderBy(desc(leads.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [c] = await ctx.db.select({ n: countAll }).from(leads).where(where);
  return { items: await summaries(ctx, rows), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Kanban: per stage the count and the summed intended investment. */
export async function kanban(ctx: AuthedCtx, region: string | null = null) {
  const scope = tallyScope(ctx, region);
  const rows =
    scope === null
      ? await ctx.read
          .select({
            stage: leads.stage,
            n: countAll,
            sum: sql<string>`coalesce(sum(${leads.intendedInvestment}), 0)::text`,
          })
          .from(leads)
          .where(and(leadScope(ctx), region ? regionIn(leads.regionCode, region) : undefined))
          .groupBy(leads.stage)
      : [
          ...(
            await sumTallies(
              ctx.read,
              LEAD_STAGES.map((s) => `lead:${s}`),
              scope,
            )
          ).entries(),
        ].map(([fact, t]) => ({ stage: fact.slice(5), n: t.n, sum: t.amount }));
  return {
    columns: LEAD_STAGES.map((stage) => {
      const r = rows.find((x) => x.stage === stage);
      return { stage, count: r?.n ?? 0, intendedInvestment: Number(r?.sum ?? 0).toFixed(2) };
    }),
  };
}

export async function getLead(ctx: AuthedCtx, id: number) {
  const l = await load(ctx, id);
  const [s] = await summaries(ctx, [l]);
  const followups = await ctx.db
    .select()
    .from(leadFollowups)
    .where(eq(leadFollowups.leadId, id))
    .orderBy(desc(leadFollowups.on), desc(leadFollowups.id));
  const history = await ctx.db
    .select()
    .from(leadStageHistory)
    .where(eq(leadStageHistory.leadId, id))
    .orderBy(asc(leadStageHistory.id));
  const signings = await ctx.db
    .select()
    .from(leadSignings)
    .where(eq(leadSignings.leadId, id))
    .orderBy(asc(leadSignings.id));
  return {
    ...s!,
    investorEnterpriseId: l.investorEnterpriseId,
    industryCode: l.industryCode,
    groupMemberId: l.groupMemberId,
    closedReason: l.closedReason,
    assessment: l.assessment ?? null,
    registeredOn: l.registeredOn,
    followups: followups.map((f) => ({
      id: f.id,
      on: f.on,
      mode: f.mode,
      content: f.content,
      people: f.people,
      by: f.byName,
    })),
    history: history.map((h) => ({ stage: h.stage, on: h.on, note: h.note, by: h.byName })),
    signings: signings.map((g) => ({
      id: g.id,
      signedOn: g.signedOn,
      amount: g.amount,
      terms: g.terms,
      event: g.event,
      duplicateOfId: g.duplicateOfId,
      duplicateReason: g.duplicateReason,
    })),
  };
}

async function check(ctx: AuthedCtx, b: Partial<z.infer<typeof leadCreate>>) {
  const zh = ctx.lang !== 'en';
  const errs: { path: string; message: string }[] = [];
  const err = (p: string, z: string, e: string) => errs.push({ path: `body.${p}`, message: zh ? z : e });
  if (b.regionCode && ctx.actor.scope.kind === 'region' && !regionWithin(b.regionCode, ctx.actor.regionCode))
    err('regionCode', '线索所属地区不在本辖区内', 'Outside your region');
  for (const f of ['ownerId', 'groupMemberId'] as const) {
    const v = b[f];
    if (v == null) continue;
    const [u] = await ctx.db
      .select({ id: users.id, region: users.regionCode })
      .from(users)
      .where(and(eq(users.id, v), isNull(users.deletedAt)));
    if (!u) err(f, '用户不存在', 'Unknown user');
    else if (
      f === 'ownerId' &&
      b.regionCode &&
      u.region &&
      !regionWithin(u.region, b.regionCode) &&
      !regionWithin(b.regionCode, u.region)
    )
      err(f, '负责人不在该线索所属地区', 'The owner is outside the lead’s region');
  }
  for (const [f, type] of [
    ['source', 'lead_source'],
    ['chain', 'industry_chain'],
  ] as const) {
    const v = b[f];
    if (!v) continue;
    const [d] = await ctx.db
      .select({ v: dictItems.value })
      .from(dictItems)
      .where(and(eq(dictItems.typeCode, type), eq(dictItems.value, v)));
    if (!d) err(f, `“${v}”不在字典中`, `${v} is not in the dictionary`);
  }
  if (b.investorEnterpriseId != null) {
    const [e] = await ctx.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.id, b.investorEnterpriseId));
    if (!e) err('investorEnterpriseId', '企业不存在', 'Unknown enterprise');
  }
  if (errs.length) throw new AppError('VALIDATION', errs);
}

export async function createLead(ctx: AuthedCtx, b: z.infer<typeof leadCreate>) {
  const owner = b.ownerId ?? ctx.actor.id;
  await check(ctx, { ...b, ownerId: owner });
  const on = today();
  const [row] = await ctx.db
    .insert(leads)
    .values({
      ...b,
      ownerId: owner,
      registeredOn: on,
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    } as typeof leads.$inferInsert)
    .returning({ id: leads.id });
  await ctx.db
    .insert(leadStageHistory)
    .values({ leadId: row!.id, stage: 'lead', on, note: '登记线索', byName: ctx.actor.displayName });
  const after = await getLead(ctx, row!.id);
  await audit(ctx, {
    entity: 'lead',
    entityId: row!.id,
    after: { ...after, enterpriseId: b.investorEnterpriseId ?? null, name: b.projectName },
  });
  if (owner !== ctx.actor.id)
    await notify(ctx, [owner], {
      kind: 'lead.assigned',
      title: `您负责的新招商线索：${b.projectName}`,
      link: `/leads/${row!.id}`,
    });
  return after;
}

export async function updateLead(ctx: AuthedCtx, id: number, b: z.infer<typeof leadUpdate>) {
  const l = await load(ctx, id);
  if (l.version !== b.version) throw stale(await getLead(ctx, id));
  const { version, ...fields } = b;
  await check(ctx, { ...fields, regionCode: fields.regionCode ?? l.regionCode });
  const before = await getLead(ctx, id);
  await ctx.db
    .update(leads)
    .set({ ...fields, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${leads.version} + 1` } as any)
    .where(eq(leads.id, id));
  const after = await getLead(ctx, id);
  await audit(ctx, {
    entity: 'lead',
    entityId: id,
    before,
    after: { ...after, enterpriseId: l.investorEnterpriseId, name: l.projectName },
  });
  return after;
}

const rank = (s: string) => LEAD_FLOW.indexOf(s as any);

/** Moves along 线索 → 接洽 → 考察 → 洽谈, or to 搁置 / 放弃 with a reason. 签约 and 落地 have their own steps. */
export async function changeStage(ctx: AuthedCtx, id: number, b: z.infer<typeof leadStageBody>) {
  const l = await load(ctx, id);
  if (l.version !== b.version) throw stale();
  const zh = ctx.lang !== 'en';
  if (['signed', 'landed', 'abandoned'].includes(l.stage))
    throw new AppError(
      'INVALID_TRANSITION',
      undefined,
      { stage: l.stage },
      zh ? '已签约、落地或放弃的线索不能再改变阶段' : 'A signed, landed or abandoned lead cannot change stage',
    );
  if (l.stage === b.stage) throw new AppError('INVALID_TRANSITION');
  if ((b.stage === 'shelved' || b.stage === 'abandoned') && !b.note)
    throw new AppError('VALIDATION', [{ path: 'body.note', message: zh ? '搁置或放弃须说明原因' : 'Give the reason' }]);
  const on = today();
  const maxStage = rank(b.stage) > rank(l.maxStage) ? b.stage : l.maxStage;
  await ctx.db
    .update(leads)
    .set({
      stage: b.stage,
      maxStage,
      closedReason: b.stage === 'shelved' || b.stage === 'abandoned' ? b.note! : null,
      respondedOn: l.respondedOn ?? (b.stage !== 'lead' ? on : null),
      updatedAt: new Date(),
      updatedBy: ctx.actor.id,
      version: sql`${leads.version} + 1`,
    })
    .where(eq(leads.id, id));
  await ctx.db
    .insert(leadStageHistory)
    .values({ leadId: id, stage: b.stage, on, note: b.note ?? null, byName: ctx.actor.displayName });
  await audit(ctx, {
    entity: 'lead',
    entityId: id,
    action: 'stage',
    before: { stage: l.stage },
    after: { enterpriseId: l.investorEnterpriseId, stage: b.stage, status: b.stage },
  });
  return getLead(ctx, id);
}

export async function addFollowup(ctx: AuthedCtx, id: number, b: z.infer<typeof followupCreate>) {
  const l = await load(ctx, id);
  const zh = ctx.lang !== 'en';
  if (b.on > today())
    throw new AppError('VALIDATION', [
      { path: 'body.on', message: zh ? '跟进日期不能晚于今天' : 'The date is in the future' },
    ]);
  const [m] = await ctx.db
    .select({ v: dictItems.value })
    .from(dictItems)
    .where(and(eq(dictItems.typeCode, 'visit_mode'), eq(dictItems.value, b.mode)));
  if (!m)
    throw new AppError('VALIDATION', [{ path: 'body.mode', message: zh ? '跟进方式不在字典中' : 'Unknown mode' }]);
  await ctx.db.insert(leadFollowups).values({
    leadId: id,
    regionCode: leadRegion(id),
    ...b,
    people: b.people ?? null,
    byId: ctx.actor.id,
    byName: ctx.actor.displayName,
  });
  await ctx.db
    .update(leads)
    .set({
      lastFollowupOn: l.lastFollowupOn && l.lastFollowupOn > b.on ? l.lastFollowupOn : b.on,
      respondedOn: l.respondedOn ?? b.on,
      updatedAt: new Date(),
    })
    .where(eq(leads.id, id));
  await audit(ctx, {
    entity: 'lead',
    entityId: id,
    action: 'followup',
    after: { enterpriseId: l.investorEnterpriseId, on: b.on, summary: b.content.slice(0, 100) },
  });
  return getLead(ctx, id);
}

export async function assess(ctx: AuthedCtx, id: number, b: z.infer<typeof assessmentBody>) {
  const l = await load(ctx, id);
  const values = Object.values(b.scores);
  const total = Math.round((values.reduce((a, x) => a + x, 0) / values.length) * 10) / 10;
  const assessment = { scores: b.scores, total, conclusion: b.conclusion, on: today() };
  await ctx.db
    .update(leads)
    .set({ assessment, respondedOn: l.respondedOn ?? today(), updatedAt: new Date() })
    .where(eq(leads.id, id));
  await audit(ctx, {
    entity: 'lead',
    entityId: id,
    action: 'assess',
    after: { enterpriseId: l.investorEnterpriseId, ...assessment },
  });
  return getLead(ctx, id);
}

/** Signing. The same deal signed before (same investor and project, amount within 20%) needs a reason and counts once. */
export async function sign(ctx: AuthedCtx, id: number, b: z.infer<typeof signBody>) {
  const l = await load(ctx, id);
  if (l.version !== b.version) throw stale();
  const zh = ctx.lang !== 'en';
  if (!['negotiation', 'inspection', 'contact', 'lead', 'signed'].includes(l.stage))
    throw new AppError(
      'INVALID_TRANSITION',
      undefined,
      { stage: l.stage },
      zh ? '当前阶段不能签约' : 'Cannot sign in this stage',
    );
  if (b.signedOn > today())
    throw new AppError('VALIDATION', [
      { path: 'body.signedOn', message: zh ? '签约日期不能晚于今天' : 'The date is in the future' },
    ]);
  // earlier signings anywhere (any region): the same deal signed at another event
  const earlier = await ctx.db
    .select({
      id: leadSignings.id,
      amount: leadSignings.amount,
      investor: leads.investorName,
      project: leads.projectName,
      duplicateOfId: leadSignings.duplicateOfId,
    })
    .from(leadSignings)
    .innerJoin(leads, eq(leads.id, leadSignings.leadId));
  const dup = earlier.find(
    (e) =>
      !e.duplicateOfId &&
      isDuplicateSigning(
        { investor: l.investorName, project: l.projectName, amount: Number(b.amount) },
        { investor: e.investor, project: e.project, amount: Number(e.amount) },
      ),
  );
  if (dup && !b.duplicateReason)
    throw new AppError(
      'DUPLICATE',
      [
        {
          path: 'body.duplicateReason',
          message: zh
            ? '疑似同一项目重复签约（投资方、项目相同且金额相差不超过 20%），请说明原因；合计时只计一次'
            : 'Looks like the same deal signed again; give a reason (it is counted once)',
        },
      ],
      { duplicateOfSigningId: dup.id },
    );
  await ctx.db.insert(leadSignings).values({
    leadId: id,
    signedOn: b.signedOn,
    amount: b.amount,
    terms: b.terms ?? null,
    event: b.event ?? null,
    duplicateOfId: dup?.id ?? null,
    duplicateReason: dup ? b.duplicateReason! : null,
  });
  await ctx.db
    .update(leads)
    .set({
      stage: 'signed',
      maxStage: 'signed',
      respondedOn: l.respondedOn ?? b.signedOn,
      updatedAt: new Date(),
      updatedBy: ctx.actor.id,
      version: sql`${leads.version} + 1`,
    })
    .where(eq(leads.id, id));
  await ctx.db.insert(leadStageHistory).values({
    leadId: id,
    stage: 'signed',
    on: b.signedOn,
    note: `${b.event ?? '签约'}：${(Number(b.amount) / 10000).toFixed(2)} 万元${dup ? '（重复签约，合计只计一次）' : ''}`,
    byName: ctx.actor.displayName,
  });
  await audit(ctx, {
    entity: 'lead',
    entityId: id,
    action: 'sign',
    after: {
      enterpriseId: l.investorEnterpriseId,
      amount: b.amount,
      signedOn: b.signedOn,
      duplicateOf: dup?.id ?? null,
      status: 'signed',
    },
  });
  return getLead(ctx, id);
}

/** Landing: the signed lead becomes a project (the same enterprise record), handed to the project's 责任人. */
export async function land(ctx: AuthedCtx, id: number, b: z.infer<typeof landBody>) {
  const l = await load(ctx, id);
  if (l.version !== b.version) throw stale();
  const zh = ctx.lang !== 'en';
  if (l.stage !== 'signed')
    throw new AppError(
      'INVALID_TRANSITION',
      undefined,
      { stage: l.stage },
      zh ? '只有已签约的线索才能落地' : 'Only a signed lead can land',
    );
  const [resp] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, b.responsibleUserId), isNull(users.deletedAt)));
  if (!resp)
    throw new AppError('VALIDATION', [
      { path: 'body.responsibleUserId', message: zh ? '责任人不存在' : 'Unknown user' },
    ]);
  let enterpriseId = b.enterpriseId ?? l.investorEnterpriseId ?? null;
  if (enterpriseId != null) {
    const [e] = await ctx.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.id, enterpriseId), isNull(enterprises.deletedAt)));
    if (!e)
      throw new AppError('VALIDATION', [
        { path: 'body.enterpriseId', message: zh ? '企业不存在' : 'Unknown enterprise' },
      ]);
  } else {
    // the investor's local company enters the registry under the lead's region
    const region = b.enterpriseRegionCode ?? l.regionCode;
    const [existing] = await ctx.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.nameNorm, nameFields(l.investorName).nameNorm));
    if (existing) enterpriseId = existing.id;
    else {
      const [e] = await ctx.db
        .insert(enterprises)
        .values({
          name: l.investorName,
          ...nameFields(l.investorName),
          regionCode: region,
          chain: l.chain,
          createdBy: ctx.actor.id,
          updatedBy: ctx.actor.id,
          note: `由招商线索 #${id} 落地登记`,
        })
        .returning({ id: enterprises.id });
      enterpriseId = e!.id;
    }
  }
  const [signing] = await ctx.db
    .select()
    .from(leadSignings)
    .where(and(eq(leadSignings.leadId, id), isNull(leadSignings.duplicateOfId)))
    .orderBy(desc(leadSignings.id));
  const total = signing?.amount ?? l.intendedInvestment ?? '0';
  const on = today();
  const [p] = await ctx.db
    .insert(projects)
    .values({
      name: l.projectName,
      enterpriseId,
      leadId: id,
      regionCode: l.regionCode,
      industryCode: l.industryCode,
      chain: l.chain,
      nature: 'new',
      totalInvestment: total,
      stage: 'signed',
      plannedStart: b.plannedStart ?? null,
      responsibleUserId: b.responsibleUserId,
      leaderId: l.groupMemberId,
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    })
    .returning({ id: projects.id });
  await ctx.db.insert(projectStageHistory).values({
    projectId: p!.id,
    stage: 'signed',
    on: signing?.signedOn ?? on,
    note: `招商线索 #${id} 落地`,
    byName: ctx.actor.displayName,
  });
  await ctx.db
    .update(leads)
    .set({
      stage: 'landed',
      maxStage: 'landed',
      projectId: p!.id,
      investorEnterpriseId: l.investorEnterpriseId ?? enterpriseId,
      updatedAt: new Date(),
      updatedBy: ctx.actor.id,
      version: sql`${leads.version} + 1`,
    })
    .where(eq(leads.id, id));
  await ctx.db
    .insert(leadStageHistory)
    .values({ leadId: id, stage: 'landed', on, note: `转为项目 #${p!.id}`, byName: ctx.actor.displayName });
  await storeLights(ctx.db, [p!.id]);
  await audit(ctx, {
    entity: 'lead',
    entityId: id,
    action: 'land',
    after: { enterpriseId, projectId: p!.id, status: 'landed', name: l.projectName },
  });
  await audit(ctx, {
    entity: 'project',
    entityId: p!.id,
    action: 'fromLead',
    after: { enterpriseId, leadId: id, name: l.projectName },
  });
  await notify(ctx, [b.responsibleUserId], {
    kind: 'project.handover',
    title: `招商项目“${l.projectName}”已落地，由您负责推进`,
    link: `/projects/${p!.id}`,
  });
  return getLead(ctx, id);
}

/** Signings of the year that count (a repeat signing of the same deal counts once), in scope. */
export async function countedSignings(db: Db, scope: SQL | undefined, year: number) {
  return db
    .select({
      leadId: leadSignings.leadId,
      amount: leadSignings.amount,
      signedOn: leadSignings.signedOn,
      name: leads.projectName,
    })
    .from(leadSignings)
    .innerJoin(leads, eq(leads.id, leadSignings.leadId))
    .where(
      and(
        scope,
        isNull(leadSignings.duplicateOfId),
        sql`${leadSignings.signedOn} between ${`${year}-01-01`} and ${`${year}-12-31`}`,
      ),
    );
}
