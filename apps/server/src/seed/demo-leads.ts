/**
 * Demo leads: the article's three in their states (amounts invented and said to be), invented leads in
 * every stage, one repeat signing of the same deal that the guard catches, and the 招商引资方案 of 2023
 * (target: 3 projects ≥ 1亿) and of the current year.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../core/db';
import { loadCalendar } from '../modules/calendar/calendar.service';
import { addWorkdays } from '../modules/calendar/workdays';
import { investmentPlans } from '../modules/investment-plans/investment-plans.tables';
import { leadFollowups, leadSignings, leadStageHistory, leads } from '../modules/leads/leads.tables';
import { DEMO_LEADS } from './demo-data';

interface L {
  investorName: string;
  projectName: string;
  chain: string;
  amount: string;
  source: string;
  stage: string;
  note: string;
  wdAgo: number;
  followWdAgo?: number | null;
  assessed?: boolean;
  signed?: { wdAgo: number; event: string; amount: string };
  closedReason?: string;
}

export async function seedDemoLeads(db: Db, ids: { user: Map<string, { id: number; name: string }> }, today: string) {
  const cal = await loadCalendar(db);
  const d = (wd: number) => addWorkdays(today, -wd, cal);
  const year = Number(today.slice(0, 4));
  const amounts: Record<string, string> = {
    大唐褚峪20兆瓦农光互补项目: '120000000',
    汽车配件项目: '150000000',
    年出栏1000万只肉鸡养殖项目: '300000000',
  };
  const all: L[] = [
    ...DEMO_LEADS.map((l, i) => ({
      investorName: l.investorName,
      projectName: l.name,
      chain: l.chain,
      amount: l.investment ?? amounts[l.name] ?? '100000000',
      source: l.source,
      stage: l.stage,
      note: `${l.stateNote}（意向投资额为演示虚构）`,
      wdAgo: 60 + i * 10,
      followWdAgo: 4 + i,
      assessed: true,
      ...(l.stage === 'signed'
        ? { signed: { wdAgo: 30, event: '年度重点项目集中签约', amount: amounts[l.name] ?? '100000000' } }
        : {}),
    })),
    {
      investorName: '山东鲁南建材集团有限公司',
      projectName: '新型墙材生产线',
      chain: 'building_materials',
      amount: '80000000',
      source: 'platform',
      stage: 'lead',
      note: '网上招商平台获取',
      wdAgo: 4,
      followWdAgo: null,
    },
    {
      investorName: '江苏恒昌食品有限公司',
      projectName: '休闲食品加工基地',
      chain: 'health_food',
      amount: '120000000',
      source: 'expo',
      stage: 'inspection',
      note: '已来镇考察两次',
      wdAgo: 40,
      followWdAgo: 15,
      assessed: true,
    },
    {
      investorName: '浙江光储科技有限公司',
      projectName: '储能电池 PACK 项目',
      chain: 'new_energy',
      amount: '200000000',
      source: 'resident_office',
      stage: 'negotiation',
      note: '洽谈用地与电价',
      wdAgo: 50,
      followWdAgo: 3,
      assessed: true,
    },
    {
      investorName: '枣庄智远机械有限公司',
      projectName: '农机配件项目',
      chain: 'high_end_equipment',
      amount: '30000000',
      source: 'via_investor',
      stage: 'shelved',
      note: '企业资金紧张，暂缓',
      wdAgo: 90,
      followWdAgo: 40,
      closedReason: '企业资金紧张，项目暂缓',
    },
    {
      investorName: '临沂某物流公司',
      projectName: '冷链物流园',
      chain: 'modern_logistics',
      amount: '60000000',
      source: 'other',
      stage: 'abandoned',
      note: '选址他处',
      wdAgo: 120,
      followWdAgo: 80,
      closedReason: '企业选址外地',
    },
    {
      investorName: '青岛海润新能源有限公司',
      projectName: '分布式光伏项目',
      chain: 'new_energy',
      amount: '110000000',
      source: 'referral',
      stage: 'signed',
      note: '已签约，待落地',
      wdAgo: 70,
      followWdAgo: 6,
      assessed: true,
      signed: { wdAgo: 25, event: '市招商推介会签约', amount: '110000000' },
    },
  ];
  const owner = ids.user.get('investment')!;
  const member = ids.user.get('leader')!;
  const leadIds = new Map<string, number>();
  for (const l of all) {
    const registeredOn = d(l.wdAgo);
    const [row] = await db
      .insert(leads)
      .values({
        investorName: l.investorName,
        projectName: l.projectName,
        chain: l.chain,
        intendedInvestment: l.amount,
        source: l.source,
        regionCode: '370406109000',
        stage: l.stage,
        maxStage: l.stage === 'shelved' || l.stage === 'abandoned' ? 'contact' : l.stage,
        closedReason: l.closedReason ?? null,
        ownerId: owner.id,
        groupMemberId: member.id,
        nextAction: l.stage === 'negotiation' ? '协调并网指标/用地' : '电话回访',
        nextActionOn: addWorkdays(today, 5, cal),
        assessment: l.assessed
          ? {
              scores: { industry_fit: 85, strength: 75, land: 70, energy: 65 },
              total: 73.8,
              conclusion: '符合主导产业，建议推进',
              on: addWorkdays(registeredOn, 2, cal),
            }
          : null,
        registeredOn,
        respondedOn: l.followWdAgo === null ? null : addWorkdays(registeredOn, 1, cal),
        lastFollowupOn: l.followWdAgo == null ? null : d(l.followWdAgo),
        isDemo: true,
      })
      .returning({ id: leads.id });
    const leadId = row!.id;
    leadIds.set(l.projectName, leadId);
    await db.insert(leadStageHistory).values([
      { leadId, stage: 'lead', on: registeredOn, note: '登记线索', byName: owner.name },
      ...(l.stage !== 'lead'
        ? [
            {
              leadId,
              stage: l.stage,
              on: l.signed ? d(l.signed.wdAgo) : d(Math.max(1, l.wdAgo - 10)),
              note: l.note,
              byName: owner.name,
            },
          ]
        : []),
    ]);
    if (l.followWdAgo != null)
      await db
        .insert(leadFollowups)
        .values({ leadId, on: d(l.followWdAgo), mode: 'phone', content: l.note, byId: owner.id, byName: owner.name });
    if (l.signed)
      await db
        .insert(leadSignings)
        .values({ leadId, signedOn: d(l.signed.wdAgo), amount: l.signed.amount, event: l.signed.event, isDemo: true });
  }
  // the same broiler deal signed again at another event: flagged and counted once
  const broiler = leadIds.get('年出栏1000万只肉鸡养殖项目')!;
  const [first] = await db.select({ id: leadSignings.id }).from(leadSignings).where(eq(leadSignings.leadId, broiler));
  await db.insert(leadSignings).values({
    leadId: broiler,
    signedOn: d(12),
    amount: '280000000',
    event: '市级重点项目集中签约（同一项目再次签约）',
    duplicateOfId: first!.id,
    duplicateReason: '市级集中签约仪式上再次签约，属同一项目',
    isDemo: true,
  });
  await db.insert(investmentPlans).values([
    {
      year: 2023,
      regionCode: '370406109000',
      title: '凫城镇 2023 年招商引资工作方案',
      bigSigningsTarget: 3,
      leadingGroup: [
        { userId: null, name: '镇党委书记', role: '组长' },
        { userId: null, name: '镇长', role: '组长' },
        { userId: member.id, name: member.name, role: '副组长' },
        { userId: owner.id, name: owner.name, role: '成员（招商专员）' },
      ],
      note: '文章所述：全年签约过亿元项目 3 个',
    },
    {
      year,
      regionCode: '370406109000',
      title: `凫城镇 ${year} 年招商引资工作方案`,
      bigSigningsTarget: 3,
      signedAmountTarget: '500000000',
      landedTarget: 2,
      fundsInPlaceTarget: '200000000',
      leadingGroup: [
        { userId: member.id, name: member.name, role: '组长' },
        { userId: owner.id, name: owner.name, role: '成员（招商专员）' },
      ],
      note: '演示数据',
    },
  ]);
}
