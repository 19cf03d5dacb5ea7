import { and, eq, sql } from 'drizzle-orm';
import type { AuthedCtx } from '../../core/http';
import { regionPrefix } from '../../core/scope';
import { investmentPlans } from '../investment-plans/investment-plans.tables';
import { getSetting } from '../settings/settings.service';
import { DEFAULT_STAGE_PROBABILITY, forecast, learnedProbabilities } from './forecast';
import { BIG, countedSignings, leadScope } from './leads.service';
import { leads } from './leads.tables';

/** Expected ≥ 1亿 signings by year end, the probability of reaching the plan's target, and the leads that matter. */
export async function leadForecast(ctx: AuthedCtx, year: number) {
  const scope = leadScope(ctx);
  const region = ctx.actor.regionCode ?? '370406109000';
  const plans = await ctx.db.select().from(investmentPlans).where(eq(investmentPlans.year, year));
  const plan =
    plans.find((p) => p.regionCode === region) ?? plans.find((p) => region.startsWith(regionPrefix(p.regionCode)));
  const target = plan?.bigSigningsTarget ?? 0;
  const signed = await countedSignings(ctx.db, scope, year);
  const bigLeads = new Set(signed.filter((s) => Number(s.amount) >= BIG).map((s) => s.leadId));
  const configured = { ...DEFAULT_STAGE_PROBABILITY, ...((await getSetting(ctx.db, 'leadStageProbabilities')) ?? {}) };
  const closed = await ctx.db
    .select({ maxStage: leads.maxStage, stage: leads.stage })
    .from(leads)
    .where(and(scope, sql`${leads.stage} in ('signed', 'landed', 'abandoned')`));
  const learnedSample = closed.length >= 20;
  const probabilities: Record<string, number> = learnedSample
    ? learnedProbabilities(
        closed.map((c) => ({ maxStage: c.maxStage, signed: c.stage !== 'abandoned' })),
        configured,
        10,
      )
    : configured;
  const open = await ctx.db
    .select()
    .from(leads)
    .where(
      and(
        scope,
        sql`${leads.stage} in ('lead', 'contact', 'inspection', 'negotiation')`,
        sql`${leads.intendedInvestment} >= ${BIG}`,
      ),
    );
  const f = forecast(
    bigLeads.size,
    open.map((l) => ({ id: l.id, name: `${l.investorName} · ${l.projectName}`, p: probabilities[l.stage] ?? 0 })),
    target,
  );
  return {
    year,
    target,
    already: bigLeads.size,
    expected: f.expected,
    pReach: f.pReach,
    probabilities,
    learned: learnedSample,
    leads: f.leads,
  };
}
