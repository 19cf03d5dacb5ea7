import { createHash } from 'node:crypto';
import type {
  applyTemplate,
  nodeUpdate,
  projectCreate,
  projectListQuery,
  projectUpdate,
  reportCreate,
  stageChange,
} from '@beizeng/contract';
import { PROJECT_STAGES } from '@beizeng/contract';
import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import { today } from '../../core/dates';
import type { Db } from '../../core/db';
import { AppError, notFound, stale } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { allOf, contains, countAll } from '../../core/list';
import { projectRegion, syncChildRegions } from '../../core/region-codes';
import { regionIn, regionWithin } from '../../core/scope';
import { loadCalendar } from '../calendar/calendar.service';
import type { CalendarOverrides } from '../calendar/workdays';
import { departments } from '../departments/departments.tables';
import { dictItems } from '../dicts/dicts.tables';
import { enterprises } from '../enterprises/enterprises.tables';
import { regions } from '../regions/regions.tables';
import { getSetting } from '../settings/settings.service';
import { sumTallies, tallyScope } from '../tallies/tallies.service';
import { createTicket } from '../tickets/tickets.service';
import { users } from '../users/users.tables';
import {
  nodeTemplates,
  projectInvestments,
  projectNodes,
  projectPlans,
  projectReports,
  projectStageHistory,
  projects,
} from './projects.tables';
import { DEFAULT_LIGHT_RULES, inStats, type Light, type LightRules, light, overdueDays, schedule } from './rules';

type Row = typeof projects.$inferSelect;

/** Scope on projects: region subtree, a department's nodes or responsibility, the enterprise's own, or self. */
export function projectScope(ctx: AuthedCtx): SQL | undefined {
  const s = ctx.actor.scope;
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'region':
      return s.regionCode ? regionIn(projects.regionCode, s.regionCode) : sql`false`;
    case 'department':
      return s.departmentId != null
        ? sql`(${projects.responsibleDeptId} = ${s.departmentId} or exists (select 1 from project_node n where n.project_id = "project"."id" and n.department_id = ${s.departmentId}))`
        : sql`false`;
    case 'enterprise':
      return s.enterpriseId != null ? eq(projects.enterpriseId, s.enterpriseId) : sql`false`;
    case 'self':
      return sql`(${projects.responsibleUserId} = ${s.userId} or ${projects.leaderId} = ${s.userId})`;
  }
}

async function load(ctx: AuthedCtx, id: number): Promise<Row> {
  const [p] = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), isNull(projects.deletedAt), projectScope(ctx)));
  if (!p) throw notFound();
  return p;
}

const sumText = (x: SQL) => sql<string>`coalesce(${x}, 0)::text`;

/** What a light depends on besides the project's own rows: TODAY (CST), the calendar and the effective rules. */
export interface LightEnv {
  t: string;
  cal: CalendarOverrides;
  rules: LightRules;
  /** Hash of `cal` and `rules` (stored as project.light_rev next to a light computed with them). */
  rev: string;
}

/** First 12 hex digits of the sha1 of the calendar overrides and the rules, in a canonical order. */
export function lightRevOf(cal: CalendarOverrides, rules: LightRules): string {
  const days = [...cal.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([d, k]) => `${d}:${k}`);
  const r = Object.keys(rules)
    .sort()
    .map((k) => `${k}=${JSON.stringify((rules as unknown as Record<string, unknown>)[k])}`);
  return createHash('sha1')
    .update(`${days.join(',')}|${r.join(',')}`)
    .digest('hex')
    .slice(0, 12);
}

export async function lightEnv(db: Db): Promise<LightEnv> {
  const t = today();
  const cal = await loadCalendar(db);
  const rules = { ...DEFAULT_LIGHT_RULES, ...((await getSetting(db, 'projectLightRules')) ?? {}) };
  return { t, cal, rules, rev: lightRevOf(cal, rules) };
}

/** The rev a stored light must carry to be valid now; changes with the calendar or the light-rule setting. */
export async function currentLightRev(db: Db): Promise<string> {
  return (await lightEnv(db)).rev;
}

/** `col = any('{1,2,3}'::int[])`: one parameter for any number of ids. */
const anyId = (col: AnyPgColumn, ids: number[]) => sql`${col} = any(${`{${ids.join(',')}}`}::int[])`;

/** A stored light is valid while it was computed today with the current calendar and rules. */
const validLight = (env: LightEnv) =>
  sql`(${projects.light} is not null and ${projects.lightOn} = ${env.t}::date and ${projects.lightRev} = ${env.rev})`;
/** Not valid, as a disjunction of conditions that indexes serve (light_on, light_rev, light is null). */
const invalidLight = (env: LightEnv) =>
  sql`(${projects.light} is null or ${projects.lightOn} is null or ${projects.lightOn} < ${env.t}::date or ${projects.lightOn} > ${env.t}::date or ${projects.lightRev} is null or ${projects.lightRev} < ${env.rev} or ${projects.lightRev} > ${env.rev})`;

type LightRow = Pick<Row, 'id' | 'stage' | 'suspended' | 'plannedStart' | 'actualStart'>;
const lightCols = {
  id: projects.id,
  stage: projects.stage,
  suspended: projects.suspended,
  plannedStart: projects.plannedStart,
  actualStart: projects.actualStart,
};

/** The project's own rows a light reads: this year's plan, investment sums, approval nodes. */
async function lightInputs(db: Db, ids: number[], env: LightEnv) {
  const year = Number(env.t.slice(0, 4));
  const plans = await db
    .select()
    .from(projectPlans)
    .where(and(anyId(projectPlans.projectId, ids), eq(projectPlans.year, year)));
  const inv = await db
    .select({
      projectId: projectInvestments.projectId,
      year: sumText(
        sql`sum(${projectInvestments.amount}) filter (where ${projectInvestments.month} >= ${`${year}-01-01`})`,
      ),
      all: sumText(sql`sum(${projectInvestments.amount})`),
    })
    .from(projectInvestments)
    .where(anyId(projectInvestments.projectId, ids))
    .groupBy(projectInvestments.projectId);
  const nodes = await db
    .select()
    .from(projectNodes)
    .where(anyId(projectNodes.projectId, ids))
    .orderBy(asc(projectNodes.id));
  // by project id: lights are computed for up to 10,000 projects at once, where a search per row would be quadratic
  const planOf = new Map(plans.map((x) => [x.projectId, x]));
  const invOf = new Map(inv.map((x) => [x.projectId, x]));
  const nodesOf = new Map<number, typeof nodes>();
  for (const x of nodes) {
    const list = nodesOf.get(x.projectId);
    if (list) list.push(x);
    else nodesOf.set(x.projectId, [x]);
  }
  return { planOf, invOf, nodesOf };
}

/** THE light computation (lists, details, stored lights and live fallbacks all use it). */
function lightOf(p: LightRow, inputs: Awaited<ReturnType<typeof lightInputs>>, env: LightEnv) {
  const { t, cal, rules } = env;
  const plan = inputs.planOf.get(p.id);
  const i = inputs.invOf.get(p.id);
  const mine = inputs.nodesOf.get(p.id) ?? [];
  let overdue: { name: string; overdueDays: number }[] = [];
  if (mine.length) {
    const sch = schedule(
      mine.map((x) => ({
        key: x.key,
        days: x.days,
        after: x.after,
        actualStart: x.actualStart,
        actualDone: x.actualDone,
      })),
      mine[0]!.startDate,
      cal,
    );
    overdue = mine.map((x) => ({
      name: x.name,
      overdueDays: overdueDays(sch.get(x.key)!.dueDate, x.actualDone, t, cal),
    }));
  }
  return light(
    {
      stage: p.stage,
      suspended: p.suspended,
      plannedStart: p.plannedStart,
      actualStart: p.actualStart,
      yearPlan: plan ? Number(plan.amount) : null,
      yearCompleted: Number(i?.year ?? 0),
      overdueNodes: overdue,
    },
    t,
    rules,
  );
}

/** Lights computed now for rows (any number: in slices of 10,000). */
async function computeLights(db: Db, rows: LightRow[], env: LightEnv): Promise<Map<number, Light>> {
  const out = new Map<number, Light>();
  for (let k = 0; k < rows.length; k += LIGHT_SLICE) {
    const slice = rows.slice(k, k + LIGHT_SLICE);
    const inputs = await lightInputs(
      db,
      slice.map((r) => r.id),
      env,
    );
    for (const r of slice) out.set(r.id, lightOf(r, inputs, env).light);
  }
  return out;
}

const LIGHT_SLICE = 10_000;

/**
 * Computes and stores the light of the projects (no version bump). Call it at the end of every write of a
 * light input (project row, plan, investment, node), in the write's transaction: it locks the project rows
 * first, so of two concurrent writers of one project the later reads the earlier's committed rows.
 * `skipLocked` (housekeeping) leaves rows a writer holds to that writer.
 */
export async function storeLights(db: Db, ids: number[], opts: { skipLocked?: boolean } = {}): Promise<number> {
  if (!ids.length) return 0;
  const env = await lightEnv(db);
  let stored = 0;
  for (let k = 0; k < ids.length; k += LIGHT_SLICE) {
    const slice = [...new Set(ids.slice(k, k + LIGHT_SLICE))].sort((a, b) => a - b);
    const q = db.select(lightCols).from(projects).where(anyId(projects.id, slice)).orderBy(asc(projects.id));
    // NO KEY UPDATE: serialises light writers of a project, but not the foreign-key checks of its child rows
    const rows = await (opts.skipLocked ? q.for('no key update', { skipLocked: true }) : q.for('no key update'));
    const lights = await computeLights(db, rows, env);
    for (const l of ['green', 'amber', 'red'] as const) {
      const mine = rows.filter((r) => lights.get(r.id) === l).map((r) => r.id);
      if (!mine.length) continue;
      await db.update(projects).set({ light: l, lightOn: env.t, lightRev: env.rev }).where(anyId(projects.id, mine));
      stored += mine.length;
    }
  }
  return stored;
}

/**
 * Housekeeping: stores the light of every project (not deleted) whose stored light is not valid now, in slices
 * by id, each in its own transaction. After midnight (CST) or a change of calendar or rules that is all of them.
 */
export async function refreshStaleLights(db: Db): Promise<{ refreshed: number }> {
  const env = await lightEnv(db);
  let after = 0;
  let refreshed = 0;
  for (;;) {
    const rows = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(isNull(projects.deletedAt), invalidLight(env), sql`${projects.id} > ${after}`))
      .orderBy(asc(projects.id))
      .limit(LIGHT_SLICE);
    if (!rows.length) break;
    after = rows.at(-1)!.id;
    refreshed += await db.transaction((tx) =>
      storeLights(
        tx as unknown as Db,
        rows.map((r) => r.id),
        { skipLocked: true },
      ),
    );
    if (rows.length < LIGHT_SLICE) break;
  }
  return { refreshed };
}

/** Live lights of the rows under `where` whose stored light is not valid (keyset slices by id). */
async function liveLights(db: Db, where: SQL | undefined, env: LightEnv): Promise<Map<number, Light>> {
  const out = new Map<number, Light>();
  let after = 0;
  for (;;) {
    const rows = await db
      .select(lightCols)
      .from(projects)
      .where(and(where, invalidLight(env), sql`${projects.id} > ${after}`))
      .orderBy(asc(projects.id))
      .limit(LIGHT_SLICE);
    if (!rows.length) break;
    after = rows.at(-1)!.id;
    for (const [id, l] of await computeLights(db, rows, env)) out.set(id, l);
    if (rows.length < LIGHT_SLICE) break;
  }
  return out;
}

/** Projects (not deleted) within projectScope(ctx) and the region (prefix match on project.region_code, regionPrefix from core/scope.ts), counted by light. Exact at any scale. */
export async function lightCounts(
  ctx: AuthedCtx,
  region: string | null,
): Promise<Record<'green' | 'amber' | 'red', number>> {
  const db = ctx.read;
  const env = await lightEnv(db);
  const where = allOf(
    isNull(projects.deletedAt),
    projectScope(ctx),
    region ? regionIn(projects.regionCode, region) : undefined,
  );
  const out = { green: 0, amber: 0, red: 0 };
  const scope = tallyScope(ctx, region);
  if (scope === null) {
    const stored = await db
      .select({ light: projects.light, n: countAll })
      .from(projects)
      .where(and(where, validLight(env)))
      .groupBy(projects.light);
    for (const r of stored) if (r.light && r.light in out) out[r.light] += r.n;
  } else {
    // valid stored lights from the tally ledger (`light:<light>:<rev>` on today)
    const facts = (['green', 'amber', 'red'] as const).map((l) => `light:${l}:${env.rev}`);
    const t = await sumTallies(db, facts, scope, { from: env.t, to: env.t });
    for (const l of ['green', 'amber', 'red'] as const) out[l] += t.get(`light:${l}:${env.rev}`)?.n ?? 0;
  }
  for (const l of (await liveLights(db, where, env)).values()) out[l]++;
  return out;
}

/** Figures and light of each project, computed together for a page of rows. */
async function enrich(db: Db, rows: Row[], env?: LightEnv) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const e = env ?? (await lightEnv(db));
  const inputs = await lightInputs(db, ids, e);
  const names = await db
    .select({
      id: projects.id,
      enterpriseName: enterprises.name,
      regionName: regions.name,
      leaderName: sql<string | null>`(select u.display_name from app_user u where u.id = "project"."leader_id")`,
      responsibleName: sql<
        string | null
      >`(select u.display_name from app_user u where u.id = "project"."responsible_user_id")`,
      responsibleDept: sql<
        string | null
      >`(select d.name from department d where d.id = "project"."responsible_dept_id")`,
    })
    .from(projects)
    .leftJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .leftJoin(regions, eq(regions.code, projects.regionCode))
    .where(anyId(projects.id, ids));
  const namesOf = new Map(names.map((x) => [x.id, x]));
  return rows.map((p) => {
    const plan = inputs.planOf.get(p.id);
    const i = inputs.invOf.get(p.id);
    const n = namesOf.get(p.id)!;
    const l = lightOf(p, inputs, e);
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      enterpriseId: p.enterpriseId,
      enterpriseName: n.enterpriseName ?? null,
      regionCode: p.regionCode,
      regionName: n.regionName ?? null,
      chain: p.chain,
      chainRole: p.chainRole,
      nature: p.nature,
      totalInvestment: p.totalInvestment,
      stage: p.stage as (typeof PROJECT_STAGES)[number],
      suspended: p.suspended,
      light: l.light,
      lightReasons: l.reasons,
      leaderName: n.leaderName,
      responsibleDept: n.responsibleDept,
      responsibleName: n.responsibleName,
      yearPlan: plan?.amount ?? null,
      yearCompleted: Number(i?.year ?? 0).toFixed(2),
      sinceStartCompleted: Number(i?.all ?? 0).toFixed(2),
      inStats: inStats(Number(p.totalInvestment), p.actualStart),
      isDemo: p.isDemo,
      version: p.version,
    };
  });
}

function listWhere(ctx: AuthedCtx, q: Partial<z.infer<typeof projectListQuery>>) {
  return allOf(
    isNull(projects.deletedAt),
    projectScope(ctx),
    q.stage ? eq(projects.stage, q.stage) : undefined,
    q.chain ? eq(projects.chain, q.chain) : undefined,
    q.nature ? eq(projects.nature, q.nature) : undefined,
    q.leaderId != null ? eq(projects.leaderId, q.leaderId) : undefined,
    q.regionCode ? regionIn(projects.regionCode, q.regionCode) : undefined,
    q.big === 'true' ? sql`${projects.totalInvestment} >= 100000000` : undefined,
    q.suspended ? eq(projects.suspended, q.suspended === 'true') : undefined,
    q.q ? sql`(${projects.name} ilike ${contains(q.q)} or ${projects.code} = ${q.q})` : undefined,
  );
}

export async function listProjects(ctx: AuthedCtx, q: z.infer<typeof projectListQuery>) {
  const where = listWhere(ctx, q);
  const order =
    q.sort === '-totalInvestment'
      ? desc(projects.totalInvestment)
      : q.sort === 'name'
        ? asc(projects.name)
        : desc(projects.id);
  if (q.light) {
    // stored lights that are valid now, plus the rows whose stored light is stale computed live: exact at any scale
    const env = await lightEnv(ctx.db);
    const live = [...(await liveLights(ctx.db, where, env))].filter(([, l]) => l === q.light).map(([id]) => id);
    const hit = and(
      where,
      or(and(validLight(env), eq(projects.light, q.light)), live.length ? anyId(projects.id, live) : undefined),
    );
    const rows = await ctx.db
      .select()
      .from(projects)
      .where(hit)
      .orderBy(order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [c] = await ctx.db.select({ n: countAll }).from(projects).where(hit);
    return { items: await enrich(ctx.db, rows, env), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
  }
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(where)
    .orderBy(order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [c] = await ctx.db.select({ n: countAll }).from(projects).where(where);
  return { items: await enrich(ctx.db, rows), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Kanban: per stage the count and summed total investment (in scope and the region), plus 停缓建. */
export async function kanban(ctx: AuthedCtx, region: string | null = null) {
  const scope = tallyScope(ctx, region);
  const rows =
    scope === null
      ? await ctx.read
          .select({
            stage: projects.stage,
            suspended: projects.suspended,
            n: countAll,
            sum: sumText(sql`sum(${projects.totalInvestment})`),
          })
          .from(projects)
          .where(
            and(
              isNull(projects.deletedAt),
              projectScope(ctx),
              region ? regionIn(projects.regionCode, region) : undefined,
            ),
          )
          .groupBy(projects.stage, projects.suspended)
      : [
          ...(
            await sumTallies(
              ctx.read,
              PROJECT_STAGES.flatMap((s) => [`prj:${s}:false`, `prj:${s}:true`]),
              scope,
            )
          ).entries(),
        ].map(([fact, t]) => {
          const [, stage, suspended] = fact.split(':');
          return { stage: stage!, suspended: suspended === 'true', n: t.n, sum: t.amount };
        });
  return {
    columns: PROJECT_STAGES.map((stage) => {
      const r = rows.filter((x) => x.stage === stage && !x.suspended);
      return {
        stage,
        count: r.reduce((a, x) => a + x.n, 0),
        totalInvestment: r.reduce((a, x) => a + Number(x.sum), 0).toFixed(2),
      };
    }),
    suspended: rows.filter((x) => x.suspended).reduce((a, x) => a + x.n, 0),
  };
}

export async function getProject(ctx: AuthedCtx, id: number) {
  const p = await load(ctx, id);
  const [s] = await enrich(ctx.db, [p]);
  const history = await ctx.db
    .select()
    .from(projectStageHistory)
    .where(eq(projectStageHistory.projectId, id))
    .orderBy(asc(projectStageHistory.id));
  const plans = await ctx.db
    .select()
    .from(projectPlans)
    .where(eq(projectPlans.projectId, id))
    .orderBy(asc(projectPlans.year));
  const inv = await ctx.db
    .select()
    .from(projectInvestments)
    .where(eq(projectInvestments.projectId, id))
    .orderBy(asc(projectInvestments.month));
  return {
    ...s!,
    industryCode: p.industryCode,
    approvalType: p.approvalType,
    constructionContent: p.constructionContent,
    expectedOutput: p.expectedOutput,
    expectedTax: p.expectedTax,
    expectedJobs: p.expectedJobs,
    plannedStart: p.plannedStart,
    plannedProduction: p.plannedProduction,
    actualStart: p.actualStart,
    actualProduction: p.actualProduction,
    suspendReason: p.suspendReason,
    leaderId: p.leaderId,
    responsibleDeptId: p.responsibleDeptId,
    responsibleUserId: p.responsibleUserId,
    reportCycle: p.reportCycle,
    stageHistory: history.map((h) => ({ stage: h.stage, on: h.on, note: h.note, by: h.byName })),
    plans: plans.map((x) => ({ year: x.year, amount: x.amount })),
    investments: inv.map((x) => ({ month: x.month.slice(0, 7), amount: x.amount })),
  };
}

type Fields = Partial<z.infer<typeof projectCreate>>;

async function checkFields(ctx: AuthedCtx, b: Fields, selfId?: number) {
  const zh = ctx.lang !== 'en';
  const errs: { path: string; message: string }[] = [];
  const err = (path: string, z: string, e: string) => errs.push({ path: `body.${path}`, message: zh ? z : e });
  if (b.regionCode) {
    const [r] = await ctx.db.select({ c: regions.code }).from(regions).where(eq(regions.code, b.regionCode));
    if (!r) err('regionCode', '行政区划代码不存在', 'Unknown region code');
    else if (ctx.actor.scope.kind === 'region' && !regionWithin(b.regionCode, ctx.actor.regionCode))
      err('regionCode', '项目所在地不在本辖区内', 'Outside your region');
  }
  if (b.enterpriseId != null) {
    const [e] = await ctx.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.id, b.enterpriseId), isNull(enterprises.deletedAt)));
    if (!e) err('enterpriseId', '企业不存在', 'Unknown enterprise');
  }
  for (const [f, type] of [
    ['chain', 'industry_chain'],
    ['chainRole', 'chain_role'],
    ['nature', 'project_nature'],
  ] as const) {
    const v = b[f];
    if (!v) continue;
    const [d] = await ctx.db
      .select({ v: dictItems.value })
      .from(dictItems)
      .where(and(eq(dictItems.typeCode, type), eq(dictItems.value, v)));
    if (!d) err(f, `“${v}”不在字典中`, `${v} is not in the dictionary`);
  }
  for (const f of ['leaderId', 'responsibleUserId'] as const) {
    const v = b[f];
    if (v == null) continue;
    const [u] = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, v), isNull(users.deletedAt)));
    if (!u) err(f, '用户不存在', 'Unknown user');
  }
  if (b.responsibleDeptId != null) {
    const [d] = await ctx.db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.id, b.responsibleDeptId), isNull(departments.deletedAt)));
    if (!d) err('responsibleDeptId', '部门不存在', 'Unknown department');
  }
  if (b.plannedStart && b.plannedProduction && b.plannedProduction < b.plannedStart)
    err('plannedProduction', '计划投产日期早于计划开工日期', 'Production is planned before the start');
  if (b.code) {
    const [dup] = await ctx.db
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(and(eq(projects.code, b.code), selfId ? sql`${projects.id} <> ${selfId}` : undefined));
    if (dup)
      throw new AppError(
        'DUPLICATE',
        [{ path: 'body.code', message: zh ? `项目代码已被“${dup.name}”使用` : `Code used by ${dup.name}` }],
        {
          existingId: dup.id,
          link: `/projects/${dup.id}`,
        },
      );
  }
  if (errs.length) throw new AppError('VALIDATION', errs);
}

export async function createProject(ctx: AuthedCtx, b: z.infer<typeof projectCreate>) {
  await checkFields(ctx, b);
  const on = today();
  const [row] = await ctx.db
    .insert(projects)
    .values({
      ...b,
      code: b.code ?? null,
      createdBy: ctx.actor.id,
      updatedBy: ctx.actor.id,
    } as typeof projects.$inferInsert)
    .returning({ id: projects.id });
  await ctx.db
    .insert(projectStageHistory)
    .values({ projectId: row!.id, stage: b.stage, on, note: '登记', byName: ctx.actor.displayName });
  await storeLights(ctx.db, [row!.id]);
  const after = await getProject(ctx, row!.id);
  await audit(ctx, {
    entity: 'project',
    entityId: row!.id,
    after: { ...after, enterpriseId: b.enterpriseId ?? null, name: b.name },
  });
  return after;
}

async function completedTotal(db: Db, id: number): Promise<number> {
  const [r] = await db
    .select({ s: sumText(sql`sum(${projectInvestments.amount})`) })
    .from(projectInvestments)
    .where(eq(projectInvestments.projectId, id));
  return Number(r?.s ?? 0);
}

export async function updateProject(ctx: AuthedCtx, id: number, b: z.infer<typeof projectUpdate>) {
  const p = await load(ctx, id);
  if (p.version !== b.version) throw stale(await getProject(ctx, id));
  const { version, adjustReason, ...fields } = b;
  await checkFields(ctx, fields, id);
  const zh = ctx.lang !== 'en';
  if (fields.totalInvestment !== undefined && Number(fields.totalInvestment) < Number(p.totalInvestment)) {
    if (!adjustReason)
      throw new AppError('VALIDATION', [
        { path: 'body.adjustReason', message: zh ? '调减总投资须填写调整原因' : 'Lowering the total needs a reason' },
      ]);
    if (Number(fields.totalInvestment) < (await completedTotal(ctx.db, id)))
      throw new AppError('VALIDATION', [
        {
          path: 'body.totalInvestment',
          message: zh ? '总投资不能低于已完成投资' : 'The total is below the completed investment',
        },
      ]);
  }
  const before = await getProject(ctx, id);
  await ctx.db
    .update(projects)
    .set({ ...fields, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${projects.version} + 1` } as any)
    .where(eq(projects.id, id));
  if (fields.regionCode && fields.regionCode !== p.regionCode) await syncChildRegions(ctx.db, 'project', id);
  if (adjustReason)
    await ctx.db.insert(projectStageHistory).values({
      projectId: id,
      stage: p.stage,
      on: today(),
      note: `总投资调整：${adjustReason}`,
      byName: ctx.actor.displayName,
    });
  await storeLights(ctx.db, [id]);
  const after = await getProject(ctx, id);
  await audit(ctx, {
    entity: 'project',
    entityId: id,
    before,
    after: { ...after, enterpriseId: after.enterpriseId, name: after.name },
  });
  return after;
}

export async function deleteProject(ctx: AuthedCtx, id: number, version: number) {
  const p = await load(ctx, id);
  if (p.version !== version) throw stale();
  await ctx.db.update(projects).set({ deletedAt: new Date(), updatedBy: ctx.actor.id }).where(eq(projects.id, id));
  await audit(ctx, {
    entity: 'project',
    entityId: id,
    before: p,
    after: { enterpriseId: p.enterpriseId, deleted: true },
  });
}

/** Stage moves forward or back by one record each; entering a stage gated by an unfinished node is refused. */
export async function changeStage(ctx: AuthedCtx, id: number, b: z.infer<typeof stageChange>) {
  const p = await load(ctx, id);
  if (p.version !== b.version) throw stale();
  const zh = ctx.lang !== 'en';
  if (b.on > today())
    throw new AppError('VALIDATION', [
      { path: 'body.on', message: zh ? '日期不能晚于今天' : 'The date is in the future' },
    ]);
  const set: Partial<typeof projects.$inferInsert> = {};
  let label = '';
  if (b.suspended !== undefined && b.suspended !== p.suspended) {
    if (b.suspended && !b.note)
      throw new AppError('VALIDATION', [
        { path: 'body.note', message: zh ? '停缓建须填写原因' : 'Give the reason for suspending' },
      ]);
    set.suspended = b.suspended;
    set.suspendReason = b.suspended ? b.note! : null;
    label = b.suspended ? 'suspended' : 'resumed';
  }
  if (b.stage && b.stage !== p.stage) {
    const gated = await ctx.db
      .select({ name: projectNodes.name, gate: projectNodes.gate })
      .from(projectNodes)
      .where(and(eq(projectNodes.projectId, id), isNull(projectNodes.actualDone)));
    const idx = PROJECT_STAGES.indexOf(b.stage);
    const blocking = gated.filter((n) => n.gate && PROJECT_STAGES.indexOf(n.gate as any) <= idx);
    if (blocking.length)
      throw new AppError(
        'INVALID_TRANSITION',
        [
          {
            path: 'body.stage',
            message: zh
              ? `须先完成审批节点：${blocking.map((n) => n.name).join('、')}`
              : `Finish the nodes first: ${blocking.map((n) => n.name).join(', ')}`,
          },
        ],
        { blocking: blocking.map((n) => n.name) },
        zh
          ? `须先完成审批节点：${blocking.map((n) => n.name).join('、')}`
          : `Finish the nodes first: ${blocking.map((n) => n.name).join(', ')}`,
      );
    set.stage = b.stage;
    if (b.stage === 'started' && !p.actualStart) set.actualStart = b.on;
    if (b.stage === 'producing' && !p.actualProduction) set.actualProduction = b.on;
    label = b.stage;
  }
  if (!label) throw new AppError('VALIDATION', [{ path: 'body.stage', message: zh ? '没有变化' : 'Nothing changes' }]);
  await ctx.db
    .update(projects)
    .set({ ...set, updatedAt: new Date(), updatedBy: ctx.actor.id, version: sql`${projects.version} + 1` })
    .where(eq(projects.id, id));
  await ctx.db
    .insert(projectStageHistory)
    .values({ projectId: id, stage: label, on: b.on, note: b.note ?? null, byName: ctx.actor.displayName });
  await storeLights(ctx.db, [id]);
  await audit(ctx, {
    entity: 'project',
    entityId: id,
    action: 'stage',
    before: { stage: p.stage, suspended: p.suspended },
    after: {
      enterpriseId: p.enterpriseId,
      stage: set.stage ?? p.stage,
      suspended: set.suspended ?? p.suspended,
      status: label,
    },
  });
  return getProject(ctx, id);
}

export async function upsertInvestment(ctx: AuthedCtx, id: number, month: string, amount: string) {
  const p = await load(ctx, id);
  const zh = ctx.lang !== 'en';
  const m = `${month}-01`;
  if (m > `${today().slice(0, 7)}-01`)
    throw new AppError('VALIDATION', [
      { path: 'body.month', message: zh ? '不能填报未来月份' : 'The month is in the future' },
    ]);
  const [existing] = await ctx.db
    .select()
    .from(projectInvestments)
    .where(and(eq(projectInvestments.projectId, id), eq(projectInvestments.month, m)));
  const total = (await completedTotal(ctx.db, id)) - Number(existing?.amount ?? 0) + Number(amount);
  if (total > Number(p.totalInvestment))
    throw new AppError('VALIDATION', [
      {
        path: 'body.amount',
        message: zh
          ? `累计完成投资 ${(total / 10000).toFixed(2)} 万元将超过总投资 ${(Number(p.totalInvestment) / 10000).toFixed(2)} 万元，请先调整总投资并记录原因`
          : 'Completed investment would exceed the total; adjust the total first, with a reason',
      },
    ]);
  await ctx.db
    .insert(projectInvestments)
    .values({ projectId: id, regionCode: projectRegion(id), month: m, amount })
    .onConflictDoUpdate({ target: [projectInvestments.projectId, projectInvestments.month], set: { amount } });
  await storeLights(ctx.db, [id]);
  await audit(ctx, {
    entity: 'project',
    entityId: id,
    action: 'investment',
    before: existing ?? null,
    after: { enterpriseId: p.enterpriseId, month, amount },
  });
  return getProject(ctx, id);
}

export async function upsertPlan(ctx: AuthedCtx, id: number, year: number, amount: string) {
  const p = await load(ctx, id);
  await ctx.db
    .insert(projectPlans)
    .values({ projectId: id, year, amount })
    .onConflictDoUpdate({ target: [projectPlans.projectId, projectPlans.year], set: { amount } });
  await storeLights(ctx.db, [id]);
  await audit(ctx, {
    entity: 'project',
    entityId: id,
    action: 'plan',
    after: { enterpriseId: p.enterpriseId, year, amount },
  });
  return getProject(ctx, id);
}

// ---------- approval nodes ----------
export async function listTemplates(ctx: AuthedCtx) {
  return {
    items: (await ctx.db.select().from(nodeTemplates).orderBy(asc(nodeTemplates.id))).map(({ source, ...t }) => t),
  };
}

export async function listNodes(ctx: AuthedCtx, id: number) {
  await load(ctx, id);
  const rows = await ctx.db
    .select()
    .from(projectNodes)
    .where(eq(projectNodes.projectId, id))
    .orderBy(asc(projectNodes.id));
  if (!rows.length) return { items: [] };
  const cal = await loadCalendar(ctx.db);
  const t = today();
  const sch = schedule(
    rows.map((x) => ({
      key: x.key,
      days: x.days,
      after: x.after,
      actualStart: x.actualStart,
      actualDone: x.actualDone,
    })),
    rows[0]!.startDate,
    cal,
  );
  const rules = { ...DEFAULT_LIGHT_RULES, ...((await getSetting(ctx.db, 'projectLightRules')) ?? {}) };
  return {
    items: rows.map((x) => {
      const s = sch.get(x.key)!;
      const od = overdueDays(s.dueDate, x.actualDone, t, cal);
      const l: Light = od >= rules.nodeRedDays ? 'red' : od > 0 ? 'amber' : 'green';
      return {
        id: x.id,
        key: x.key,
        name: x.name,
        departmentName: x.departmentName,
        after: x.after,
        days: x.days,
        gate: x.gate,
        plannedStart: s.plannedStart,
        dueDate: s.dueDate,
        actualStart: x.actualStart,
        actualDone: x.actualDone,
        overdueDays: od,
        light: l,
        note: x.note,
      };
    }),
  };
}

export async function applyNodeTemplate(ctx: AuthedCtx, id: number, b: z.infer<typeof applyTemplate>) {
  const p = await load(ctx, id);
  const [tpl] = await ctx.db.select().from(nodeTemplates).where(eq(nodeTemplates.id, b.templateId));
  if (!tpl)
    throw new AppError('VALIDATION', [
      { path: 'body.templateId', message: ctx.lang === 'en' ? 'Unknown template' : '模板不存在' },
    ]);
  const [existing] = await ctx.db
    .select({ id: projectNodes.id })
    .from(projectNodes)
    .where(eq(projectNodes.projectId, id));
  if (existing)
    throw new AppError(
      'CONFLICT',
      undefined,
      undefined,
      ctx.lang === 'en' ? 'The project already has nodes' : '该项目已有审批节点',
    );
  const deptRows = await ctx.db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(isNull(departments.deletedAt));
  await ctx.db.insert(projectNodes).values(
    tpl.nodes.map((n) => ({
      projectId: id,
      regionCode: projectRegion(id),
      key: n.key,
      name: n.name,
      departmentId: deptRows.find((d) => d.name === n.department)?.id ?? null,
      departmentName: n.department,
      days: n.days,
      after: n.after,
      gate: n.gate,
      startDate: b.startDate,
    })),
  );
  await storeLights(ctx.db, [id]);
  await audit(ctx, {
    entity: 'project',
    entityId: id,
    action: 'nodes',
    after: { enterpriseId: p.enterpriseId, template: tpl.code, startDate: b.startDate },
  });
  return listNodes(ctx, id);
}

export async function updateNode(ctx: AuthedCtx, id: number, nodeId: number, b: z.infer<typeof nodeUpdate>) {
  const p = await load(ctx, id);
  const [n] = await ctx.db
    .select()
    .from(projectNodes)
    .where(and(eq(projectNodes.id, nodeId), eq(projectNodes.projectId, id)));
  if (!n) throw notFound();
  const zh = ctx.lang !== 'en';
  const start = b.actualStart !== undefined ? b.actualStart : n.actualStart;
  const done = b.actualDone !== undefined ? b.actualDone : n.actualDone;
  if (start && done && done < start)
    throw new AppError('VALIDATION', [
      { path: 'body.actualDone', message: zh ? '完成日期早于开始日期' : 'Done before it started' },
    ]);
  if ((done && done > today()) || (start && start > today()))
    throw new AppError('VALIDATION', [
      { path: 'body.actualDone', message: zh ? '日期不能晚于今天' : 'The date is in the future' },
    ]);
  await ctx.db
    .update(projectNodes)
    .set({ actualStart: start, actualDone: done, note: b.note !== undefined ? b.note : n.note })
    .where(eq(projectNodes.id, nodeId));
  await storeLights(ctx.db, [id]);
  await audit(ctx, {
    entity: 'project',
    entityId: id,
    action: 'node',
    before: n,
    after: { enterpriseId: p.enterpriseId, node: n.name, actualStart: start, actualDone: done },
  });
  return listNodes(ctx, id);
}

// ---------- 调度 reports ----------
export async function listReports(ctx: AuthedCtx, id: number) {
  await load(ctx, id);
  const rows = await ctx.db
    .select()
    .from(projectReports)
    .where(eq(projectReports.projectId, id))
    .orderBy(desc(projectReports.period));
  return {
    items: rows.map((r) => ({
      id: r.id,
      period: r.period,
      progress: r.progress,
      investment: r.investment,
      problems: r.problems,
      nextSteps: r.nextSteps,
      reportedBy: r.reportedByName,
      reportedAt: r.reportedAt.toISOString(),
      ticketId: r.ticketId,
    })),
  };
}

export async function createReport(ctx: AuthedCtx, id: number, b: z.infer<typeof reportCreate>) {
  const p = await load(ctx, id);
  const zh = ctx.lang !== 'en';
  const [dup] = await ctx.db
    .select({ id: projectReports.id })
    .from(projectReports)
    .where(and(eq(projectReports.projectId, id), eq(projectReports.period, b.period)));
  if (dup)
    throw new AppError('DUPLICATE', [
      { path: 'body.period', message: zh ? '该周期已报送' : 'Already reported for this period' },
    ]);
  let ticketId: number | null = null;
  if (b.problemToTicket) {
    if (!b.problems)
      throw new AppError('VALIDATION', [
        { path: 'body.problems', message: zh ? '请填写存在问题' : 'Describe the problem' },
      ]);
    if (!p.enterpriseId)
      throw new AppError('VALIDATION', [
        {
          path: 'body.problemToTicket',
          message: zh ? '项目未关联企业，无法转为诉求' : 'The project has no enterprise',
        },
      ]);
    if (!ctx.actor.permissions.has('ticket:edit')) throw new AppError('FORBIDDEN');
    const tk = await createTicket(ctx, {
      enterpriseId: p.enterpriseId,
      category: b.problemToTicket.category,
      title: `${p.name}：${b.problems.slice(0, 40)}`,
      description: b.problems,
      source: 'visit',
      priority: 'normal',
      complex: false,
      projectId: id,
    });
    ticketId = tk.id;
  }
  const [row] = await ctx.db
    .insert(projectReports)
    .values({
      projectId: id,
      regionCode: projectRegion(id),
      period: b.period,
      progress: b.progress,
      investment: b.investment,
      problems: b.problems ?? null,
      nextSteps: b.nextSteps ?? null,
      ticketId,
      reportedBy: ctx.actor.id,
      reportedByName: ctx.actor.displayName,
    })
    .returning({ id: projectReports.id });
  await storeLights(ctx.db, [id]); // a report records no light input today; kept so a future one stays exact
  await audit(ctx, {
    entity: 'project',
    entityId: id,
    action: 'report',
    after: { enterpriseId: p.enterpriseId, period: b.period, summary: b.progress.slice(0, 100), ticketId },
  });
  return (await listReports(ctx, id)).items.find((r) => r.id === row!.id)!;
}

/** The current period of a cycle: 2026-11 (monthly) or 2026-W48 (ISO week). */
export function currentPeriod(cycle: 'weekly' | 'monthly', on = today()): string {
  if (cycle === 'monthly') return on.slice(0, 7);
  const d = new Date(`${on}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Projects under construction whose report for the period is missing (no ranking of people). */
export async function missingReports(ctx: AuthedCtx, period?: string) {
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(
      and(
        isNull(projects.deletedAt),
        projectScope(ctx),
        sql`${projects.stage} in ('signed', 'started', 'building', 'producing')`,
      ),
    );
  // one query for every report of the periods concerned, not one per project
  const wanted = rows
    .map((p) => ({ p, per: period ?? currentPeriod(p.reportCycle) }))
    .filter(({ p, per }) => (per.includes('W') ? 'weekly' : 'monthly') === p.reportCycle);
  const reported = wanted.length
    ? await ctx.db
        .select({ projectId: projectReports.projectId, period: projectReports.period })
        .from(projectReports)
        .where(
          and(
            inArray(
              projectReports.projectId,
              wanted.map((w) => w.p.id),
            ),
            inArray(projectReports.period, [...new Set(wanted.map((w) => w.per))]),
          ),
        )
    : [];
  const done = new Set(reported.map((r) => `${r.projectId}:${r.period}`));
  const items = wanted
    .filter(({ p, per }) => !done.has(`${p.id}:${per}`))
    .map(({ p, per }) => ({ projectId: p.id, name: p.name, period: per, responsibleUserId: p.responsibleUserId }));
  return { items };
}
