import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import type { AuthedCtx } from '../../core/http';
import { enterpriseScope } from '../enterprises/enterprises.service';
import { enterprises } from '../enterprises/enterprises.tables';
import { DEFAULT_STAGE_PROBABILITY } from '../leads/forecast';
import { leadScope } from '../leads/leads.service';
import { leads } from '../leads/leads.tables';
import { projectScope } from '../projects/projects.service';
import { projects } from '../projects/projects.tables';
import { benchmarkRegions, benchmarkValues } from './benchmarks.tables';

/**
 * Indicators the town can be compared on, how its own figure is computed from rows in scope, and which part
 * of the pipeline would close the gap (leads weighted by stage probability, projects by stage).
 */
export const INDICATORS: Record<
  string,
  { zh: string; en: string; unit: string; divisions?: string[]; chain?: string }
> = {
  equipment_makers: {
    zh: '装备制造企业数',
    en: 'Equipment makers',
    unit: '家',
    divisions: ['33', '34', '35', '36', '37', '38', '39', '40'],
    chain: 'high_end_equipment',
  },
  food_enterprises: {
    zh: '食品饮料企业数',
    en: 'Food and drink enterprises',
    unit: '家',
    divisions: ['13', '14', '15'],
    chain: 'health_food',
  },
  foreign_funded: { zh: '外资（台资）企业数', en: 'Foreign-funded enterprises', unit: '家' },
  park_projects: { zh: '园区（产业）项目数', en: 'Projects', unit: '个' },
  expected_sales: { zh: '项目预期年销售收入', en: 'Expected annual sales of projects', unit: '元' },
  online_shops: { zh: '网店数', en: 'Online shops', unit: '家' },
};

const PROJECT_P: Record<string, number> = {
  planning: 0.1,
  negotiating: 0.3,
  signed: 0.6,
  started: 0.8,
  building: 0.9,
  producing: 1,
  full_production: 1,
};

async function ours(ctx: AuthedCtx, indicator: string): Promise<{ value: number | null; pipeline: number }> {
  const def = INDICATORS[indicator];
  if (!def) return { value: null, pipeline: 0 };
  const ent = and(isNull(enterprises.deletedAt), enterpriseScope(ctx));
  const openLeads = async (chain?: string) => {
    const rows = await ctx.db
      .select({ stage: leads.stage })
      .from(leads)
      .where(
        and(
          leadScope(ctx),
          sql`${leads.stage} in ('lead', 'contact', 'inspection', 'negotiation', 'signed')`,
          chain ? eq(leads.chain, chain) : undefined,
        ),
      );
    return rows.reduce((a, r) => a + (DEFAULT_STAGE_PROBABILITY[r.stage] ?? 0), 0);
  };
  if (def.divisions) {
    const [r] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(enterprises)
      .where(
        and(
          ent,
          sql`${enterprises.industryDivision} in (${sql.join(
            def.divisions.map((d) => sql`${d}`),
            sql`, `,
          )})`,
        ),
      );
    return { value: r?.n ?? 0, pipeline: await openLeads(def.chain) };
  }
  if (indicator === 'foreign_funded') {
    const [r] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(enterprises)
      .where(and(ent, sql`${enterprises.tags} @> array['foreign_funded']::text[]`));
    return { value: r?.n ?? 0, pipeline: 0 };
  }
  if (indicator === 'park_projects' || indicator === 'expected_sales') {
    const rows = await ctx.db
      .select({ stage: projects.stage, output: projects.expectedOutput })
      .from(projects)
      .where(and(isNull(projects.deletedAt), projectScope(ctx)));
    if (indicator === 'park_projects') {
      // counted once signed; projects still being planned or negotiated and open leads are the pipeline
      const counted = rows.filter((r) => r.stage !== 'planning' && r.stage !== 'negotiating');
      const early = rows.filter((r) => r.stage === 'planning' || r.stage === 'negotiating');
      return {
        value: counted.length,
        pipeline: early.reduce((a, r) => a + PROJECT_P[r.stage]!, 0) + (await openLeads()),
      };
    }
    const value = rows.filter((r) => PROJECT_P[r.stage] === 1).reduce((a, r) => a + Number(r.output ?? 0), 0);
    const pipe = rows
      .filter((r) => PROJECT_P[r.stage]! < 1)
      .reduce((a, r) => a + Number(r.output ?? 0) * PROJECT_P[r.stage]!, 0);
    return { value, pipeline: pipe };
  }
  return { value: null, pipeline: 0 };
}

export async function listBenchmarks(ctx: AuthedCtx) {
  const regions = await ctx.db.select().from(benchmarkRegions).orderBy(benchmarkRegions.id);
  const values = await ctx.db.select().from(benchmarkValues).orderBy(benchmarkValues.id);
  const indicators = [...new Set(values.map((v) => v.indicator))];
  const comparison = [];
  for (const ind of indicators) {
    const def = INDICATORS[ind];
    const o = await ours(ctx, ind);
    const peers = values
      .filter((v) => v.indicator === ind)
      .map((v) => {
        const peer = Number(v.value);
        const gap = o.value === null ? null : Math.max(0, peer - o.value);
        return {
          region: regions.find((r) => r.id === v.regionId)?.name ?? '',
          value: peer,
          gap,
          /** share of the gap the current pipeline would close */
          closedByPipeline: gap ? Math.min(1, o.pipeline / gap) : gap === 0 ? 1 : null,
        };
      });
    comparison.push({
      indicator: ind,
      zh: def?.zh ?? ind,
      en: def?.en ?? ind,
      unit: def?.unit ?? '',
      ours: o.value,
      pipeline: Math.round(o.pipeline * 100) / 100,
      peers,
    });
  }
  return {
    regions: regions.map((r) => ({
      id: r.id,
      name: r.name,
      parentName: r.parentName,
      note: r.note,
      values: values
        .filter((v) => v.regionId === r.id)
        .map((v) => ({
          id: v.id,
          indicator: v.indicator,
          value: v.value,
          note: v.note,
          source: v.source,
          asOf: v.asOf,
        })),
    })),
    comparison,
  };
}

export async function upsertValue(
  ctx: AuthedCtx,
  b: {
    id?: number;
    regionId: number;
    indicator: string;
    value: string;
    note?: string | null;
    source: string;
    asOf: string;
  },
) {
  const [r] = await ctx.db
    .select({ id: benchmarkRegions.id })
    .from(benchmarkRegions)
    .where(eq(benchmarkRegions.id, b.regionId));
  if (!r)
    throw new AppError('VALIDATION', [
      { path: 'body.regionId', message: ctx.lang === 'en' ? 'Unknown region' : '对标地区不存在' },
    ]);
  if (!INDICATORS[b.indicator])
    throw new AppError('VALIDATION', [
      { path: 'body.indicator', message: ctx.lang === 'en' ? 'Unknown indicator' : '对标指标不存在' },
    ]);
  let row: typeof benchmarkValues.$inferSelect | undefined;
  if (b.id) {
    const [before] = await ctx.db.select().from(benchmarkValues).where(eq(benchmarkValues.id, b.id));
    if (!before) throw notFound();
    [row] = await ctx.db
      .update(benchmarkValues)
      .set({
        regionId: b.regionId,
        indicator: b.indicator,
        value: b.value,
        note: b.note ?? null,
        source: b.source,
        asOf: b.asOf,
        updatedAt: new Date(),
        updatedBy: ctx.actor.id,
      })
      .where(eq(benchmarkValues.id, b.id))
      .returning();
    await audit(ctx, { entity: 'benchmark_value', entityId: b.id, before, after: row });
  } else {
    [row] = await ctx.db
      .insert(benchmarkValues)
      .values({
        regionId: b.regionId,
        indicator: b.indicator,
        value: b.value,
        note: b.note ?? null,
        source: b.source,
        asOf: b.asOf,
        createdBy: ctx.actor.id,
      })
      .returning();
    await audit(ctx, { entity: 'benchmark_value', entityId: row!.id, after: row });
  }
  return { id: row!.id };
}
