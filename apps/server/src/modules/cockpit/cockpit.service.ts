import { COCKPIT_METRICS, type CockpitBreakdown } from '@beizeng/contract';
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { today } from '../../core/dates';
import { AppError } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { memo } from '../../core/memo';
import { regionIn, regionWithin } from '../../core/scope';
import { loadCalendar } from '../calendar/calendar.service';
import { fallingCandidates } from '../cultivation/cultivation.service';
import { listItems } from '../dicts/dicts.service';
import { enterpriseScope } from '../enterprises/enterprises.service';
import { enterpriseIndicators, enterprises } from '../enterprises/enterprises.tables';
import { listHonours } from '../honours/honours.service';
import { kanban as leadKanban, leadScope, leadsWithWarning } from '../leads/leads.service';
import { leadSignings, leads } from '../leads/leads.tables';
import {
  lightCounts,
  listProjects,
  missingReports,
  kanban as projectKanban,
  projectScope,
} from '../projects/projects.service';
import { projectInvestments, projects } from '../projects/projects.tables';
import { regions } from '../regions/regions.tables';
import { sumTallies, sumTalliesByDay, tallyScope } from '../tallies/tallies.service';
import { doublingPlans, targets } from '../targets/targets.tables';
import {
  clocksForMany,
  listTickets,
  onTimeByRegion,
  onTimeTotal,
  openAndOverdue,
  ticketScope,
} from '../tickets/tickets.service';
import { tickets } from '../tickets/tickets.tables';
import { ancestorsOf, childOf, groupByChild, levelOf } from './breakdown';
import { aheadPoints, completion, doublingPath, growth, timeProgressOfMonth } from './metrics';

export const METRICS = COCKPIT_METRICS;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<
  Metric,
  { zh: string; en: string; unit: 'yuan' | 'count' | 'rate'; source: string }
> = {
  industrial_output: {
    zh: '规上工业产值',
    en: 'Output of industry above designated size',
    unit: 'yuan',
    source: '统计口径（企业月度指标）',
  },
  industrial_count: {
    zh: '规上工业企业数',
    en: 'Industrial enterprises in the register',
    unit: 'count',
    source: '企业名录',
  },
  register_count: { zh: '“四上”企业数', en: 'Enterprises in the registers', unit: 'count', source: '企业名录' },
  project_investment: { zh: '项目投资完成额', en: 'Project investment completed', unit: 'yuan', source: '项目调度' },
  big_signings: {
    zh: '亿元以上签约项目数',
    en: 'Signings of 100 million yuan or more',
    unit: 'count',
    source: '招商引资（重复签约只计一次）',
  },
  tickets_on_time: { zh: '诉求按期办结率', en: 'Tickets closed on time', unit: 'rate', source: '助企服务' },
};

export interface Period {
  year: number;
  month: number; // 1–12: the figures are 1—month
  region: string | null;
}

export function parsePeriod(ctx: AuthedCtx, period?: string, region?: string): Period {
  const t = today();
  const p = period ?? `${t.slice(0, 4)}-${String(Math.max(1, Number(t.slice(5, 7)) - 1)).padStart(2, '0')}`;
  if (region && ctx.actor.scope.kind !== 'all' && !regionWithin(region, ctx.actor.regionCode))
    throw new AppError('NOT_FOUND');
  return { year: Number(p.slice(0, 4)), month: Number(p.slice(5, 7)), region: region ?? null };
}

const within = (col: any, region: string | null) => (region ? regionIn(col, region) : undefined);
const fen = (v: string | null | undefined) => {
  if (!v) return 0n;
  const neg = v.startsWith('-');
  const [i, f = ''] = (neg ? v.slice(1) : v).split('.');
  const x = BigInt(i!) * 100n + BigInt(`${f}00`.slice(0, 2));
  return neg ? -x : x;
};
const yuan = (f: bigint) =>
  `${f < 0n ? '-' : ''}${(f < 0n ? -f : f) / 100n}.${String((f < 0n ? -f : f) % 100n).padStart(2, '0')}`;

/** The first day of the month after `month` (1–12) of `year`: periods end before it. */
const nextMonth = (year: number, month: number) =>
  month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;

export interface DrillRow {
  id: number;
  name: string;
  value: string;
  link: string;
  /** Where the row is filed: the breakdown by region groups on it. */
  regionCode: string;
  extra?: Record<string, unknown>;
}

/** The dates a period covers (January to its month), in its year or the year before. */
function span(p: Period, lastYear = false) {
  const year = lastYear ? p.year - 1 : p.year;
  return {
    year,
    from: `${year}-01-01`,
    to: `${year}-${String(p.month).padStart(2, '0')}-01`,
    before: nextMonth(year, p.month),
  };
}
type Span = ReturnType<typeof span>;

/*
 * The conditions that select a metric's rows. The drill-down lists the rows, the breakdown and the KPIs
 * aggregate over the same conditions in SQL, so a figure is always the sum of its rows.
 */
const inRegister = () =>
  and(
    isNull(enterprises.deletedAt),
    eq(enterprises.statCategory, 'industry_above'),
    eq(enterprises.registerStatus, 'in'),
  );
const outputWhere = (ctx: AuthedCtx, p: Period, s: Pick<Span, 'from' | 'to'>) =>
  and(
    inRegister(),
    enterpriseScope(ctx),
    within(enterprises.regionCode, p.region),
    eq(enterpriseIndicators.status, 'confirmed'),
    sql`${enterpriseIndicators.month} between ${s.from} and ${s.to}`,
    sql`${enterpriseIndicators.output} is not null`,
  );
const registerWhere = (ctx: AuthedCtx, p: Period, metric: 'industrial_count' | 'register_count') =>
  and(
    isNull(enterprises.deletedAt),
    enterpriseScope(ctx),
    within(enterprises.regionCode, p.region),
    eq(enterprises.registerStatus, 'in'),
    metric === 'industrial_count' ? eq(enterprises.statCategory, 'industry_above') : undefined,
  );
const investmentWhere = (ctx: AuthedCtx, p: Period, s: Span) =>
  and(
    isNull(projects.deletedAt),
    projectScope(ctx),
    within(projects.regionCode, p.region),
    sql`${projectInvestments.month} between ${s.from} and ${s.to}`,
  );
const signingWhere = (ctx: AuthedCtx, p: Period, s: Span) =>
  and(
    leadScope(ctx),
    within(leads.regionCode, p.region),
    isNull(leadSignings.duplicateOfId),
    sql`${leadSignings.amount} >= 100000000`,
    sql`${leadSignings.signedOn} >= ${s.from} and ${leadSignings.signedOn} < ${s.before}`,
  );

/** The rows behind a metric; the KPI is computed over exactly these rows. */
export async function drill(ctx: AuthedCtx, metric: Metric, p: Period, lastYear = false): Promise<DrillRow[]> {
  const s = span(p, lastYear);
  switch (metric) {
    case 'industrial_output': {
      const rows = await ctx.read
        .select({
          id: enterprises.id,
          name: enterprises.name,
          regionCode: enterprises.regionCode,
          value: sql<string>`sum(${enterpriseIndicators.output})::text`,
        })
        .from(enterpriseIndicators)
        .innerJoin(enterprises, eq(enterprises.id, enterpriseIndicators.enterpriseId))
        .where(outputWhere(ctx, p, s))
        .groupBy(enterprises.id, enterprises.name, enterprises.regionCode)
        .orderBy(sql`sum(${enterpriseIndicators.output}) desc`);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        value: yuan(fen(r.value)),
        link: `/enterprises/${r.id}`,
        regionCode: r.regionCode,
      }));
    }
    case 'industrial_count':
    case 'register_count': {
      const rows = await ctx.read
        .select({
          id: enterprises.id,
          name: enterprises.name,
          cat: enterprises.statCategory,
          regionCode: enterprises.regionCode,
        })
        .from(enterprises)
        .where(registerWhere(ctx, p, metric))
        .orderBy(enterprises.pinyinKey);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        value: '1',
        link: `/enterprises/${r.id}`,
        regionCode: r.regionCode,
        extra: { category: r.cat },
      }));
    }
    case 'project_investment': {
      const rows = await ctx.read
        .select({
          id: projects.id,
          name: projects.name,
          regionCode: projects.regionCode,
          value: sql<string>`sum(${projectInvestments.amount})::text`,
        })
        .from(projectInvestments)
        .innerJoin(projects, eq(projects.id, projectInvestments.projectId))
        .where(investmentWhere(ctx, p, s))
        .groupBy(projects.id, projects.name, projects.regionCode)
        .orderBy(sql`sum(${projectInvestments.amount}) desc`);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        value: yuan(fen(r.value)),
        link: `/projects/${r.id}`,
        regionCode: r.regionCode,
      }));
    }
    case 'big_signings': {
      const rows = await ctx.read
        .select({
          id: leads.id,
          name: leads.projectName,
          investor: leads.investorName,
          regionCode: leads.regionCode,
          amount: sql<string>`max(${leadSignings.amount})::text`,
        })
        .from(leadSignings)
        .innerJoin(leads, eq(leads.id, leadSignings.leadId))
        .where(signingWhere(ctx, p, s))
        .groupBy(leads.id, leads.projectName, leads.investorName, leads.regionCode);
      return rows.map((r) => ({
        id: r.id,
        name: `${r.investor} · ${r.name}`,
        value: '1',
        link: `/leads/${r.id}`,
        regionCode: r.regionCode,
        extra: { amount: r.amount },
      }));
    }
    case 'tickets_on_time': {
      // computed live from each ticket's clocks; the KPI uses the clock summary stored on the ticket
      // (onTimeByRegion), and the test that sums every drill-down holds the two equal
      const rows = await ctx.read
        .select()
        .from(tickets)
        .where(
          and(
            ticketScope(ctx),
            within(tickets.regionCode, p.region),
            sql`${tickets.closedOn} >= ${s.from} and ${tickets.closedOn} < ${s.before}`,
          ),
        );
      const cal = await loadCalendar(ctx.read);
      const out: DrillRow[] = [];
      const allClocks = await clocksForMany(ctx.read, rows, cal);
      for (const t of rows) {
        const resolve = allClocks.get(t.id)!.find((c) => c.key === 'resolve');
        out.push({
          id: t.id,
          name: `${t.code} ${t.title}`,
          value: resolve?.card === 'met' ? '1' : '0',
          link: `/tickets/${t.id}`,
          regionCode: t.regionCode,
        });
      }
      return out;
    }
  }
}

/**
 * A metric per region code of its rows, aggregated in SQL over the drill-down's conditions: `value` is the
 * sum in fen for amounts, the number of rows for counts, the rows met for a rate; `rows` the drill rows.
 */
type RegionTally = Map<string, { value: bigint; rows: number }>;

export async function byRegion(ctx: AuthedCtx, metric: Metric, p: Period, lastYear = false): Promise<RegionTally> {
  const s = span(p, lastYear);
  const toTally = (list: { regionCode: string; value: string | null; rows: number }[], money: boolean): RegionTally =>
    new Map(list.map((r) => [r.regionCode, { value: money ? fen(r.value) : BigInt(r.value ?? 0), rows: r.rows }]));
  switch (metric) {
    case 'industrial_output':
      return toTally(
        await ctx.read
          .select({
            regionCode: enterprises.regionCode,
            value: sql<string>`sum(${enterpriseIndicators.output})::text`,
            rows: sql<number>`count(distinct ${enterprises.id})::int`,
          })
          .from(enterpriseIndicators)
          .innerJoin(enterprises, eq(enterprises.id, enterpriseIndicators.enterpriseId))
          .where(outputWhere(ctx, p, s))
          .groupBy(enterprises.regionCode),
        true,
      );
    case 'industrial_count':
    case 'register_count':
      return toTally(
        await ctx.read
          .select({
            regionCode: enterprises.regionCode,
            value: sql<string>`count(*)::text`,
            rows: sql<number>`count(*)::int`,
          })
          .from(enterprises)
          .where(registerWhere(ctx, p, metric))
          .groupBy(enterprises.regionCode),
        false,
      );
    case 'project_investment':
      return toTally(
        await ctx.read
          .select({
            regionCode: projects.regionCode,
            value: sql<string>`sum(${projectInvestments.amount})::text`,
            rows: sql<number>`count(distinct ${projects.id})::int`,
          })
          .from(projectInvestments)
          .innerJoin(projects, eq(projects.id, projectInvestments.projectId))
          .where(investmentWhere(ctx, p, s))
          .groupBy(projects.regionCode),
        true,
      );
    case 'big_signings':
      // a lead signed twice (or with duplicate signings) counts once
      return toTally(
        await ctx.read
          .select({
            regionCode: leads.regionCode,
            value: sql<string>`count(distinct ${leads.id})::text`,
            rows: sql<number>`count(distinct ${leads.id})::int`,
          })
          .from(leadSignings)
          .innerJoin(leads, eq(leads.id, leadSignings.leadId))
          .where(signingWhere(ctx, p, s))
          .groupBy(leads.regionCode),
        false,
      );
    case 'tickets_on_time': {
      const t = await onTimeByRegion(ctx, s.from, s.before, p.region);
      return new Map([...t].map(([code, x]) => [code, { value: BigInt(x.met), rows: x.closed }]));
    }
  }
}

/** A figure from its exact sum: `sum` is a decimal string of the drill values, `value` the KPI. */
function figure(metric: Metric, v: bigint, rows: number) {
  switch (METRIC_LABELS[metric].unit) {
    case 'rate':
      return { value: rows ? Number(v) / rows : 0, sum: String(v), rows };
    case 'yuan':
      return { value: Number(yuan(v)), sum: yuan(v), rows };
    default:
      return { value: Number(v), sum: yuan(v * 100n), rows };
  }
}

function totalOf(metric: Metric, parts: Iterable<{ value: bigint; rows: number }>) {
  let v = 0n;
  let n = 0;
  for (const x of parts) {
    v += x.value;
    n += x.rows;
  }
  return figure(metric, v, n);
}

/** A KPI from its drill rows: sums for amounts and counts, the share of ones for rates. */
export function aggregate(metric: Metric, rows: DrillRow[]): number {
  if (METRIC_LABELS[metric].unit === 'rate')
    return rows.length ? rows.filter((r) => r.value === '1').length / rows.length : 0;
  return Number(yuan(rows.reduce((a, r) => a + fen(r.value), 0n)));
}

/** The rows filed at the region itself, in none of its child regions. */
export function directRows(rows: DrillRow[], region: string | null): DrillRow[] {
  return rows.filter((r) => childOf(r.regionCode, region) === null);
}

/** A town (level 4) or a village lists its rows; wider regions are broken down by child region. */
const LEAF_LEVEL = 4;

/**
 * A KPI's figure split by the child regions of the chosen region, each part aggregated over the same rows
 * as the KPI, so the parts add up to it exactly and each part's drill rows add up to the part. Without a
 * region, it starts at the reader's own region when every row lies in it (else above the provinces) and
 * goes down while one child region holds every row.
 */
export async function breakdown(ctx: AuthedCtx, metric: Metric, p: Period): Promise<CockpitBreakdown> {
  const regionRows = [...(await byRegion(ctx, metric, p))].map(([regionCode, x]) => ({ regionCode, ...x }));
  let node = p.region;
  if (!node) {
    const home = ctx.actor.regionCode;
    if (home && regionRows.every((r) => regionWithin(r.regionCode, home))) node = home;
    for (;;) {
      if (levelOf(node) >= LEAF_LEVEL) break;
      const only = [...groupByChild(regionRows, node).keys()];
      if (only.length !== 1 || only[0] === null) break;
      node = only[0]!;
    }
  }
  const leaf = levelOf(node) >= LEAF_LEVEL;
  const groups = leaf ? new Map<string | null, typeof regionRows>() : groupByChild(regionRows, node);
  const codes = [...(node ? [node, ...ancestorsOf(node)] : []), ...[...groups.keys()].filter((k) => k !== null)];
  const names = new Map(
    codes.length
      ? (
          await ctx.read
            .select({ code: regions.code, name: regions.name })
            .from(regions)
            .where(inArray(regions.code, codes as string[]))
        ).map((r) => [r.code, r.name])
      : [],
  );
  if (p.region && !names.has(p.region)) throw new AppError('NOT_FOUND');
  const home = ctx.actor.regionCode;
  const path = node
    ? ancestorsOf(node)
        .filter((a) => ctx.actor.scope.kind === 'all' || regionWithin(a, home))
        .map((code) => ({ code, name: names.get(code) ?? code }))
    : [];
  const nodeName = node ? (names.get(node) ?? node) : '';
  const parts = [...groups.entries()]
    .map(([code, list]) => {
      const f = totalOf(metric, list);
      return {
        code,
        name: code === null ? `${nodeName}本级` : (names.get(code) ?? code),
        value: f.value,
        sum: f.sum,
        rows: f.rows,
      };
    })
    .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : b.value - a.value || (a.code < b.code ? -1 : 1)));
  const total = totalOf(metric, regionRows);
  return {
    metric,
    unit: METRIC_LABELS[metric].unit,
    region: node ? { code: node, name: nodeName, level: levelOf(node) } : null,
    path,
    leaf,
    total: total.value,
    sum: total.sum,
    rows: total.rows,
    parts,
  };
}

/**
 * 规上工业产值 per month (YYYY-MM-01 → fen) of January last year to December this year, from the tally ledger's `out`
 * fact (one row per month for the reader's region); for the scopes the ledger cannot express, from the indicators
 * themselves. The ledger holds exactly the rows `outputWhere` selects, which the drill-down test holds it to.
 */
async function outputMonths(ctx: AuthedCtx, p: Period): Promise<Map<string, bigint>> {
  const range = { from: `${p.year - 1}-01-01`, to: `${p.year}-12-01` };
  const scope = tallyScope(ctx, p.region, true);
  if (scope !== null)
    return new Map(
      [...(await sumTalliesByDay(ctx.read, 'out', scope, range))].map(([month, t]) => [month, fen(t.amount)]),
    );
  const rows = await ctx.read
    .select({ month: enterpriseIndicators.month, sum: sql<string>`sum(${enterpriseIndicators.output})::text` })
    .from(enterpriseIndicators)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseIndicators.enterpriseId))
    .where(outputWhere(ctx, p, range))
    .groupBy(enterpriseIndicators.month);
  return new Map(rows.map((r) => [r.month, fen(r.sum)]));
}

const monthKey = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}-01`;

/** The sum of months 1…p.month of a year. */
function outputUpTo(months: Map<string, bigint>, year: number, month: number): number {
  let v = 0n;
  for (let m = 1; m <= month; m++) v += months.get(monthKey(year, m)) ?? 0n;
  return Number(yuan(v));
}

async function targetsOf(ctx: AuthedCtx, p: Period): Promise<Map<string, number>> {
  const region = p.region ?? ctx.actor.regionCode ?? '370406109000';
  const rows = await ctx.read
    .select({ metric: targets.metric, value: targets.value })
    .from(targets)
    .where(and(eq(targets.regionCode, region), eq(targets.year, p.year)));
  return new Map(rows.map((t) => [t.metric, Number(t.value)]));
}

/**
 * A KPI from the tally ledger (counts kept by triggers, see modules/tallies) when the reader's scope is a region:
 * the same rows as `byRegion` and the drill-down, a few ledger rows instead of a scan. Null when the ledger
 * cannot express the scope, or for a metric it does not keep.
 */
async function fromLedger(ctx: AuthedCtx, metric: Metric, p: Period, lastYear: boolean): Promise<number | null> {
  const s = span(p, lastYear);
  switch (metric) {
    case 'industrial_count':
    case 'register_count': {
      const scope = tallyScope(ctx, p.region, true);
      if (scope === null) return null;
      const fact = metric === 'industrial_count' ? 'ent_in_ind' : 'ent_in';
      return (await sumTallies(ctx.read, [fact], scope)).get(fact)?.n ?? 0;
    }
    case 'project_investment': {
      const scope = tallyScope(ctx, p.region);
      if (scope === null) return null;
      return Number(yuan(fen((await sumTallies(ctx.read, ['inv'], scope, s)).get('inv')?.amount)));
    }
    case 'tickets_on_time': {
      const t = await onTimeTotal(ctx, s.from, s.before, p.region);
      return t.closed ? t.met / t.closed : 0;
    }
    case 'big_signings': {
      // this year and last in one statement (the KPI and its 同比), over the drill-down's conditions
      const both = await memo(ctx.read, `bigSignings:${p.region}:${p.year}:${p.month}`, async () => {
        const last = span(p, true);
        const [r] = await ctx.read
          .select({
            now: sql<number>`count(distinct ${leads.id}) filter (where ${leadSignings.signedOn} >= ${span(p).from})::int`,
            last: sql<number>`count(distinct ${leads.id}) filter (where ${leadSignings.signedOn} < ${last.before})::int`,
          })
          .from(leadSignings)
          .innerJoin(leads, eq(leads.id, leadSignings.leadId))
          .where(signingWhere(ctx, p, { ...last, before: span(p).before }));
        return { now: Number(r?.now ?? 0), last: Number(r?.last ?? 0) };
      });
      return lastYear ? both.last : both.now;
    }
    default:
      return null;
  }
}

const FLOWS: Metric[] = ['industrial_output', 'project_investment', 'big_signings'];

export async function kpis(ctx: AuthedCtx, p: Period, months?: Map<string, bigint>) {
  const time = timeProgressOfMonth(p.month);
  const figures = async (metric: Metric, lastYear: boolean): Promise<number | null> => {
    if (lastYear && !FLOWS.includes(metric)) return null;
    if (metric === 'industrial_output') {
      const m = months ?? (await outputMonths(ctx, p));
      return outputUpTo(m, lastYear ? p.year - 1 : p.year, p.month);
    }
    return (
      (await fromLedger(ctx, metric, p, lastYear)) ??
      totalOf(metric, (await byRegion(ctx, metric, p, lastYear)).values()).value
    );
  };
  const [goals, ...values] = await Promise.all([
    targetsOf(ctx, p),
    ...METRICS.flatMap((metric) => [figures(metric, false), figures(metric, true)]),
  ]);
  return METRICS.map((metric, i) => {
    const actual = values[2 * i]!;
    const last = values[2 * i + 1] ?? null;
    const flow = FLOWS.includes(metric);
    const target = (goals as Map<string, number>).get(metric) ?? null;
    const l = METRIC_LABELS[metric];
    return {
      metric,
      label: l.zh,
      labelEn: l.en,
      unit: l.unit,
      source: l.source,
      actual: actual as number,
      target,
      completion: completion(actual as number, target),
      timeProgress: flow ? time : null,
      aheadPoints: l.unit === 'rate' || !flow ? null : aheadPoints(actual as number, target, time),
      yoy: last === null ? null : growth(actual as number, last as number),
    };
  });
}

/** 规上工业产值 by month, this year and last, over the same rows as the KPI. */
export async function outputByMonth(ctx: AuthedCtx, p: Period, months?: Map<string, bigint>) {
  const m = months ?? (await outputMonths(ctx, p));
  const out: { month: string; thisYear: number; lastYear: number }[] = [];
  for (let i = 1; i <= 12; i++)
    out.push({
      month: String(i).padStart(2, '0'),
      thisYear: Number(yuan(m.get(monthKey(p.year, i)) ?? 0n)),
      lastYear: Number(yuan(m.get(monthKey(p.year - 1, i)) ?? 0n)),
    });
  return out;
}

export async function cockpit(ctx: AuthedCtx, p: Period) {
  const perms = ctx.actor.permissions;
  const months = await outputMonths(ctx, p);
  const [k, projectsPart, leadsPart, ticketsPart] = await Promise.all([
    kpis(ctx, p, months),
    perms.has('project:list')
      ? Promise.all([projectKanban(ctx, p.region), lightCounts(ctx, p.region)]).then(([kb, lights]) => ({
          ...kb,
          lights,
        }))
      : null,
    perms.has('lead:list') ? leadKanban(ctx, p.region) : null,
    perms.has('ticket:list') ? openAndOverdue(ctx, p.region) : null,
  ]);
  return {
    period: `${p.year}-${String(p.month).padStart(2, '0')}`,
    asOf: new Date().toISOString(),
    kpis: k,
    outputByMonth: await outputByMonth(ctx, p, months),
    projects: projectsPart,
    leads: leadsPart,
    tickets: ticketsPart,
  };
}

export async function doubling(ctx: AuthedCtx, p: Period) {
  const region = p.region ?? ctx.actor.regionCode ?? '370406109000';
  const plans = await ctx.read.select().from(doublingPlans).where(eq(doublingPlans.regionCode, region));
  const out = [];
  for (const plan of plans) {
    const { growth: g, path } = doublingPath(
      plan.baseYear,
      Number(plan.baseValue),
      plan.targetYear,
      Number(plan.multiple),
    );
    const actual: { year: number; value: number }[] = [];
    if (plan.metric === 'industrial_output') {
      // complete years only: a year with output in each of its twelve months (over the KPI's rows)
      for (let y = plan.baseYear; y <= Math.min(plan.targetYear, p.month === 12 ? p.year : p.year - 1); y++) {
        const months = await outputMonths(ctx, { ...p, year: y, month: 12 });
        let reported = 0;
        for (let m = 1; m <= 12; m++) if ((months.get(monthKey(y, m)) ?? 0n) !== 0n) reported++;
        if (reported < 12) continue;
        const v = outputUpTo(months, y, 12);
        if (v > 0) actual.push({ year: y, value: v });
      }
    }
    out.push({
      metric: plan.metric,
      baseYear: plan.baseYear,
      baseValue: Number(plan.baseValue),
      targetYear: plan.targetYear,
      multiple: Number(plan.multiple),
      requiredGrowth: g,
      path,
      actual,
      source: plan.source,
    });
  }
  return { items: out };
}

/** Warning rules, each with the rows it found. */
export async function warnings(ctx: AuthedCtx) {
  const perms = ctx.actor.permissions;
  const out: {
    rule: string;
    zh: string;
    en: string;
    count: number;
    items: { id: number; name: string; link: string; detail: string | null }[];
  }[] = [];
  if (perms.has('project:list')) {
    const red = await listProjects(ctx, { page: 1, pageSize: 200, light: 'red' } as any);
    out.push({
      rule: 'project_red',
      zh: '项目亮红灯',
      en: 'Projects on red',
      count: red.total,
      items: red.items.map((x) => ({
        id: x.id,
        name: x.name,
        link: `/projects/${x.id}`,
        detail: x.lightReasons.map((r) => r.zh).join('；'),
      })),
    });
    const missing = await missingReports(ctx);
    out.push({
      rule: 'report_missing',
      zh: '调度未报送',
      en: 'Progress reports missing',
      count: missing.items.length,
      items: missing.items.map((x) => ({
        id: x.projectId,
        name: x.name,
        link: `/projects/${x.projectId}`,
        detail: x.period,
      })),
    });
  }
  if (perms.has('ticket:list')) {
    const red = await listTickets(ctx, { page: 1, pageSize: 200, card: 'red' } as any);
    out.push({
      rule: 'ticket_overdue',
      zh: '诉求超期',
      en: 'Tickets overdue',
      count: red.total,
      items: red.items.map((x: any) => ({
        id: x.id,
        name: `${x.code} ${x.title}`,
        link: `/tickets/${x.id}`,
        detail: x.nextDeadline,
      })),
    });
  }
  if (perms.has('cultivation:list')) {
    const falling = await fallingCandidates(ctx, 200);
    out.push({
      rule: 'candidate_falling',
      zh: '升规对象营收连续三个月下降',
      en: 'Candidates with revenue falling three months running',
      count: falling.total,
      items: falling.items.map((x) => ({
        id: x.id,
        name: x.name,
        link: `/enterprises/${x.id}`,
        detail: null,
      })),
    });
  }
  if (perms.has('honour:list')) {
    const h = await listHonours(ctx, { page: 1, pageSize: 200, expiring: 'true' } as any);
    const titles = new Map(
      (await listItems(ctx, 'honour_level')).items.map((x: { value: string; label: string }) => [x.value, x.label]),
    );
    out.push({
      rule: 'honour_expiring',
      zh: '荣誉即将到期',
      en: 'Honours about to expire',
      count: h.total,
      items: h.items.map((x: any) => ({
        id: x.enterpriseId,
        name: `${x.enterpriseName} · ${titles.get(x.title) ?? x.title}`,
        link: `/enterprises/${x.enterpriseId}`,
        detail: x.expiresOn,
      })),
    });
  }
  if (perms.has('lead:list')) {
    const stale = await leadsWithWarning(ctx, 'report', 200);
    out.push({
      rule: 'lead_untouched',
      zh: '线索长期未跟进',
      en: 'Leads untouched for too long',
      count: stale.total,
      items: stale.items.map((x) => ({
        id: x.id,
        name: x.projectName,
        link: `/leads/${x.id}`,
        detail: x.lastFollowupOn,
      })),
    });
  }
  return { items: out };
}
