import { COCKPIT_METRICS, type CockpitBreakdown } from '@beizeng/contract';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { today } from '../../core/dates';
import { AppError } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { regionPrefix, regionWithin } from '../../core/scope';
import { loadCalendar } from '../calendar/calendar.service';
import { radar } from '../cultivation/cultivation.service';
import { listItems } from '../dicts/dicts.service';
import { enterpriseScope } from '../enterprises/enterprises.service';
import { enterpriseIndicators, enterprises } from '../enterprises/enterprises.tables';
import { listHonours } from '../honours/honours.service';
import { kanban as leadKanban, leadScope, listLeads } from '../leads/leads.service';
import { leadSignings, leads } from '../leads/leads.tables';
import { listProjects, missingReports, kanban as projectKanban, projectScope } from '../projects/projects.service';
import { projectInvestments, projects } from '../projects/projects.tables';
import { regions } from '../regions/regions.tables';
import { doublingPlans, targets } from '../targets/targets.tables';
import { clocksForMany, listTickets, ticketScope } from '../tickets/tickets.service';
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

const within = (col: any, region: string | null) =>
  region ? sql`${col} like ${`${regionPrefix(region)}%`}` : undefined;
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

/** The rows behind a metric; the KPI is computed from exactly these rows. */
export async function drill(ctx: AuthedCtx, metric: Metric, p: Period, lastYear = false): Promise<DrillRow[]> {
  const year = lastYear ? p.year - 1 : p.year;
  const from = `${year}-01-01`;
  const to = `${year}-${String(p.month).padStart(2, '0')}-01`;
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
        .where(
          and(
            isNull(enterprises.deletedAt),
            enterpriseScope(ctx),
            within(enterprises.regionCode, p.region),
            eq(enterprises.statCategory, 'industry_above'),
            eq(enterprises.registerStatus, 'in'),
            eq(enterpriseIndicators.status, 'confirmed'),
            sql`${enterpriseIndicators.month} between ${from} and ${to}`,
            sql`${enterpriseIndicators.output} is not null`,
          ),
        )
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
        .where(
          and(
            isNull(enterprises.deletedAt),
            enterpriseScope(ctx),
            within(enterprises.regionCode, p.region),
            eq(enterprises.registerStatus, 'in'),
            metric === 'industrial_count' ? eq(enterprises.statCategory, 'industry_above') : undefined,
          ),
        )
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
        .where(
          and(
            isNull(projects.deletedAt),
            projectScope(ctx),
            within(projects.regionCode, p.region),
            sql`${projectInvestments.month} between ${from} and ${to}`,
          ),
        )
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
        .where(
          and(
            leadScope(ctx),
            within(leads.regionCode, p.region),
            isNull(leadSignings.duplicateOfId),
            sql`${leadSignings.amount} >= 100000000`,
            sql`${leadSignings.signedOn} >= ${from} and ${leadSignings.signedOn} < ${nextMonth(year, p.month)}`,
          ),
        )
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
      const rows = await ctx.read
        .select()
        .from(tickets)
        .where(
          and(
            ticketScope(ctx),
            within(tickets.regionCode, p.region),
            sql`${tickets.closedOn} >= ${from} and ${tickets.closedOn} < ${nextMonth(year, p.month)}`,
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

/** A KPI from its drill rows: sums for amounts and counts, the share of ones for rates. */
export function aggregate(metric: Metric, rows: DrillRow[]): number {
  if (METRIC_LABELS[metric].unit === 'rate')
    return rows.length ? rows.filter((r) => r.value === '1').length / rows.length : 0;
  return Number(yuan(rows.reduce((a, r) => a + fen(r.value), 0n)));
}

/** The exact sum of drill rows as a decimal string; for a rate, the number of rows met. */
export function sumOf(metric: Metric, rows: DrillRow[]): string {
  if (METRIC_LABELS[metric].unit === 'rate') return String(rows.filter((r) => r.value === '1').length);
  return yuan(rows.reduce((a, r) => a + fen(r.value), 0n));
}

/** The rows filed at the region itself, in none of its child regions. */
export function directRows(rows: DrillRow[], region: string | null): DrillRow[] {
  return rows.filter((r) => childOf(r.regionCode, region) === null);
}

/** A town (level 4) or a village lists its rows; wider regions are broken down by child region. */
const LEAF_LEVEL = 4;

/**
 * A KPI's figure split by the child regions of the chosen region, each part computed from the same rows
 * as the KPI, so the parts add up to it exactly and each part's drill rows add up to the part. Without a
 * region, it starts at the reader's own region when every row lies in it (else above the provinces) and
 * goes down while one child region holds every row.
 */
export async function breakdown(ctx: AuthedCtx, metric: Metric, p: Period): Promise<CockpitBreakdown> {
  const rows = await drill(ctx, metric, p);
  let node = p.region;
  if (!node) {
    const home = ctx.actor.regionCode;
    if (home && rows.every((r) => regionWithin(r.regionCode, home))) node = home;
    for (;;) {
      if (levelOf(node) >= LEAF_LEVEL) break;
      const groups = groupByChild(rows, node);
      const only = [...groups.keys()];
      if (only.length !== 1 || only[0] === null) break;
      node = only[0]!;
    }
  }
  const leaf = levelOf(node) >= LEAF_LEVEL;
  const groups = leaf ? new Map<string | null, DrillRow[]>() : groupByChild(rows, node);
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
    .map(([code, list]) => ({
      code,
      name: code === null ? `${nodeName}本级` : (names.get(code) ?? code),
      value: aggregate(metric, list),
      sum: sumOf(metric, list),
      rows: list.length,
    }))
    .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : b.value - a.value || (a.code < b.code ? -1 : 1)));
  return {
    metric,
    unit: METRIC_LABELS[metric].unit,
    region: node ? { code: node, name: nodeName, level: levelOf(node) } : null,
    path,
    leaf,
    total: aggregate(metric, rows),
    sum: sumOf(metric, rows),
    rows: rows.length,
    parts,
  };
}

async function targetOf(ctx: AuthedCtx, metric: Metric, p: Period): Promise<number | null> {
  const region = p.region ?? ctx.actor.regionCode ?? '370406109000';
  const [t] = await ctx.read
    .select({ value: targets.value })
    .from(targets)
    .where(and(eq(targets.regionCode, region), eq(targets.year, p.year), eq(targets.metric, metric)));
  return t ? Number(t.value) : null;
}

export async function kpis(ctx: AuthedCtx, p: Period) {
  const time = timeProgressOfMonth(p.month);
  const out = [];
  for (const metric of METRICS) {
    const actual = aggregate(metric, await drill(ctx, metric, p));
    const flow = metric === 'industrial_output' || metric === 'project_investment' || metric === 'big_signings';
    const last = flow ? aggregate(metric, await drill(ctx, metric, p, true)) : null;
    const target = await targetOf(ctx, metric, p);
    const l = METRIC_LABELS[metric];
    out.push({
      metric,
      label: l.zh,
      labelEn: l.en,
      unit: l.unit,
      source: l.source,
      actual,
      target,
      completion: completion(actual, target),
      timeProgress: flow ? time : null,
      aheadPoints: l.unit === 'rate' || !flow ? null : aheadPoints(actual, target, time),
      yoy: last === null ? null : growth(actual, last),
    });
  }
  return out;
}

/** 规上工业产值 by month, this year and last, from the same rows as the KPI. */
export async function outputByMonth(ctx: AuthedCtx, p: Period) {
  const out: { month: string; thisYear: number; lastYear: number }[] = [];
  const scope = and(
    isNull(enterprises.deletedAt),
    enterpriseScope(ctx),
    within(enterprises.regionCode, p.region),
    eq(enterprises.statCategory, 'industry_above'),
    eq(enterprises.registerStatus, 'in'),
    eq(enterpriseIndicators.status, 'confirmed'),
  );
  const monthly = await ctx.read
    .select({ month: enterpriseIndicators.month, sum: sql<string>`sum(${enterpriseIndicators.output})::text` })
    .from(enterpriseIndicators)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseIndicators.enterpriseId))
    .where(and(scope, sql`${enterpriseIndicators.month} between ${`${p.year - 1}-01-01`} and ${`${p.year}-12-01`}`))
    .groupBy(enterpriseIndicators.month);
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    out.push({
      month: mm,
      thisYear: Number(monthly.find((x) => x.month === `${p.year}-${mm}-01`)?.sum ?? 0),
      lastYear: Number(monthly.find((x) => x.month === `${p.year - 1}-${mm}-01`)?.sum ?? 0),
    });
  }
  return out;
}

export async function cockpit(ctx: AuthedCtx, p: Period) {
  const canProjects = ctx.actor.permissions.has('project:list');
  const canLeads = ctx.actor.permissions.has('lead:list');
  const canTickets = ctx.actor.permissions.has('ticket:list');
  const projectLights = canProjects
    ? (await listProjects(ctx, { page: 1, pageSize: 200 } as any)).items.reduce((a: Record<string, number>, x) => {
        a[x.light] = (a[x.light] ?? 0) + 1;
        return a;
      }, {})
    : null;
  return {
    period: `${p.year}-${String(p.month).padStart(2, '0')}`,
    asOf: new Date().toISOString(),
    kpis: await kpis(ctx, p),
    outputByMonth: await outputByMonth(ctx, p),
    projects: canProjects ? { ...(await projectKanban(ctx)), lights: projectLights } : null,
    leads: canLeads ? await leadKanban(ctx) : null,
    tickets: canTickets
      ? {
          open: (await listTickets(ctx, { page: 1, pageSize: 1, open: 'true' } as any)).total,
          overdue: (await listTickets(ctx, { page: 1, pageSize: 1, card: 'red' } as any)).total,
        }
      : null,
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
      // complete years only: a year whose twelve months are all reported
      for (let y = plan.baseYear; y <= Math.min(plan.targetYear, p.month === 12 ? p.year : p.year - 1); y++) {
        const [m] = await ctx.read
          .select({ n: sql<number>`count(distinct ${enterpriseIndicators.month})::int` })
          .from(enterpriseIndicators)
          .innerJoin(enterprises, eq(enterprises.id, enterpriseIndicators.enterpriseId))
          .where(
            and(
              enterpriseScope(ctx),
              sql`${enterpriseIndicators.month} between ${`${y}-01-01`} and ${`${y}-12-01`}`,
              sql`${enterpriseIndicators.output} is not null`,
            ),
          );
        if ((m?.n ?? 0) < 12) continue;
        const v = aggregate('industrial_output', await drill(ctx, 'industrial_output', { ...p, year: y, month: 12 }));
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
    const r = await radar(ctx, { page: 1, pageSize: 200 } as any);
    const falling = r.items.filter((x) => x.falling3);
    out.push({
      rule: 'candidate_falling',
      zh: '升规对象营收连续三个月下降',
      en: 'Candidates with revenue falling three months running',
      count: falling.length,
      items: falling.map((x) => ({
        id: x.enterpriseId,
        name: x.name,
        link: `/enterprises/${x.enterpriseId}`,
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
    const l = await listLeads(ctx, { page: 1, pageSize: 200, warning: 'true' } as any);
    const stale = l.items.filter((x) => x.warnings.some((w) => w.rule === 'report'));
    out.push({
      rule: 'lead_untouched',
      zh: '线索长期未跟进',
      en: 'Leads untouched for too long',
      count: stale.length,
      items: stale.map((x) => ({ id: x.id, name: x.projectName, link: `/leads/${x.id}`, detail: x.lastFollowupOn })),
    });
  }
  return { items: out };
}
