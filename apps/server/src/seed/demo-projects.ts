/**
 * Demo projects: the article's eight, with its amounts and states (amounts the article does not give are
 * invented and said to be), monthly investment and 调度 reports shaped so each light appears, and the
 * pumped-storage plant waiting at 省发改委核准立项.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../core/db';
import { addMonths } from '../modules/cultivation/radar';
import { refreshStaleLights } from '../modules/projects/projects.service';
import {
  nodeTemplates,
  projectInvestments,
  projectNodes,
  projectPlans,
  projectReports,
  projectStageHistory,
  projects,
} from '../modules/projects/projects.tables';
import { DEMO_PROJECTS } from './demo-data';

const STAGE: Record<string, string> = {
  planning: 'planning',
  negotiating: 'negotiating',
  signed: 'signed',
  started: 'started',
  construction: 'building',
  production: 'producing',
  full_production: 'full_production',
};
const CHAIN_ROLE: Record<string, string> = { extend: 'extend', link: 'link', complete: 'complete' };

/** Invented where the article is silent: total (元), share of the year plan done relative to time, start. */
const SHAPE: Record<
  string,
  { total?: string; pace: number; startedMonthsAgo: number | null; plannedStartMonthsAgo?: number }
> = {
  '水泥窑协同处置污泥或飞灰、锂电回收项目': { pace: 0.95, startedMonthsAgo: 16 },
  窑超低排放项目: { pace: 0.72, startedMonthsAgo: 10 },
  窑系统水泥磨系统节能降碳及大型风机改造项目: { pace: 1.0, startedMonthsAgo: 7 },
  自动化生产加工技术改造项目: { pace: 0.55, startedMonthsAgo: 9 },
  年产2000吨花生坚果自动化深加工项目: { total: '60000000', pace: 0.9, startedMonthsAgo: 2 },
  抽水蓄能电站一期工程: { total: '8000000000', pace: 0, startedMonthsAgo: null, plannedStartMonthsAgo: 4 },
  中广核风力发电项目: { total: '400000000', pace: 1, startedMonthsAgo: 30 },
  乾山集中式光伏项目: { total: '300000000', pace: 1, startedMonthsAgo: 26 },
};

export async function seedDemoProjects(
  db: Db,
  ids: {
    enterprise: Map<string, number>;
    user: Map<string, { id: number; name: string }>;
    department: Map<string, number>;
  },
  today: string,
): Promise<void> {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const year = Number(today.slice(0, 4));
  const monthsThisYear = Number(today.slice(5, 7)) - 1; // complete months so far
  const leader = ids.user.get('leader')!;
  const cadres = ['cadre', 'cadre2', 'cadre3'].map((u) => ids.user.get(u)!);
  for (const [i, d] of DEMO_PROJECTS.entries()) {
    const shape = SHAPE[d.name] ?? { pace: 1, startedMonthsAgo: 6 };
    const total = d.investment ?? shape.total ?? '50000000';
    const invented = !d.investment;
    const started = shape.startedMonthsAgo !== null ? addMonths(thisMonth, -shape.startedMonthsAgo) : null;
    const plannedStart = started ?? addMonths(thisMonth, -(shape.plannedStartMonthsAgo ?? 0));
    const stage = STAGE[d.stage] ?? 'planning';
    const [row] = await db
      .insert(projects)
      .values({
        name: d.name,
        enterpriseId: d.enterpriseName ? (ids.enterprise.get(d.enterpriseName) ?? null) : null,
        regionCode: '370406109000',
        chain: d.chain,
        chainRole: d.chainRole ? CHAIN_ROLE[d.chainRole] : null,
        nature: d.nature === 'upgrade' ? 'upgrade' : d.nature,
        approvalType: d.name.includes('抽水蓄能') ? 'approval' : 'filing',
        totalInvestment: total,
        constructionContent: `${d.stateNote}${invented ? '（总投资为演示虚构数据）' : ''}`,
        plannedStart,
        actualStart: started,
        stage,
        leaderId: leader.id,
        responsibleDeptId: ids.department.get('经济发展办公室') ?? null,
        responsibleUserId: cadres[i % 3]!.id,
        reportCycle: 'monthly',
        isDemo: true,
      })
      .returning({ id: projects.id });
    const projectId = row!.id;
    await db
      .insert(projectStageHistory)
      .values([
        { projectId, stage: 'signed', on: addMonths(plannedStart, -3), note: '签约', byName: '演示' },
        ...(started ? [{ projectId, stage: 'started', on: started, note: '开工', byName: '演示' }] : []),
        ...(stage !== 'started' && started
          ? [{ projectId, stage, on: addMonths(started, 1), note: d.stateNote, byName: '演示' }]
          : []),
      ]);
    if (!started) {
      // the pumped-storage plant: resettlement plan approved, waiting for the provincial approval
      const [tpl] = await db.select().from(nodeTemplates).where(eq(nodeTemplates.code, 'pumped_storage'));
      if (tpl) {
        const begin = addMonths(thisMonth, -10);
        await db.insert(projectNodes).values(
          tpl.nodes.map((n) => ({
            projectId,
            key: n.key,
            name: n.name,
            departmentId: n.department ? (ids.department.get(n.department) ?? null) : null,
            departmentName: n.department,
            days: n.days,
            after: n.after,
            gate: n.gate,
            startDate: begin,
            actualStart: n.key === 'resettlement' ? begin : n.key === 'approval' ? addMonths(begin, 3) : null,
            actualDone: n.key === 'resettlement' ? addMonths(begin, 3) : null,
            note:
              n.key === 'resettlement'
                ? '省级征地移民安置规划大纲已批复'
                : n.key === 'approval'
                  ? '已报省发改委，等待核准'
                  : null,
          })),
        );
      }
      continue;
    }
    // this year's plan and monthly investment at the project's pace against time
    const yearPlan = Math.min(Number(total) * 0.4, Number(total));
    await db.insert(projectPlans).values({ projectId, year, amount: yearPlan.toFixed(2) });
    const inv: (typeof projectInvestments.$inferInsert)[] = [];
    let sum = 0;
    for (let k = shape.startedMonthsAgo!; k >= 1; k--) {
      const m = addMonths(thisMonth, -k);
      const inYear = m.startsWith(String(year));
      const perMonth = inYear ? (yearPlan * shape.pace) / 12 : (Number(total) * 0.25) / 12;
      const amount = Math.min(perMonth, Number(total) * 0.95 - sum);
      if (amount <= 0) break;
      sum += amount;
      inv.push({ projectId, month: m, amount: amount.toFixed(2) });
    }
    if (inv.length) await db.insert(projectInvestments).values(inv);
    if (['building', 'started'].includes(stage)) {
      const reps = [2, 1].map((k) => addMonths(thisMonth, -k).slice(0, 7));
      await db.insert(projectReports).values(
        reps.map((period, j) => ({
          projectId,
          period,
          progress: j === 0 ? '主体工程施工中' : '设备安装调试中',
          investment: (yearPlan / 12).toFixed(2),
          problems: shape.pace < 0.8 && j === 1 ? '设备到货延迟，资金到位偏慢' : null,
          nextSteps: '加快设备安装，争取按期投产',
          reportedBy: cadres[i % 3]!.id,
          reportedByName: cadres[i % 3]!.name,
          isDemo: true,
        })),
      );
    }
    void monthsThisYear;
  }
  await refreshStaleLights(db);
}
