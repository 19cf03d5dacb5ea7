/**
 * Demo tickets: the article's three solved problems with their full history, and invented ones in every
 * state (waiting for dispatch, just assigned, overdue, escalated with a 督办 order, 重办 after an
 * unsatisfied rating, answered, awaiting rating, paused, extension requested), dated relative to the
 * install day over the real working-day calendar. Plus a few visits.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../core/db';
import { loadCalendar } from '../modules/calendar/calendar.service';
import { addWorkdays } from '../modules/calendar/workdays';
import { storeClocks } from '../modules/tickets/tickets.clocks';
import {
  ticketDepartments,
  ticketEvents,
  ticketPauses,
  ticketSupervisions,
  tickets,
} from '../modules/tickets/tickets.tables';
import type { TicketState } from '../modules/tickets/workflow';
import { visits } from '../modules/visits/visits.tables';

type Step = [action: string, wd: number, by: string, note?: string];

interface Scenario {
  enterprise: string;
  title: string;
  description: string;
  category: string;
  source: string;
  priority?: string;
  complex?: boolean;
  /** working days before today when it was registered */
  startWd: number;
  town?: string;
  lead?: string;
  assist?: string[];
  escalateTo?: string;
  steps: Step[];
  state: TicketState;
  rating?: 'satisfied' | 'basic' | 'unsatisfied';
  answer?: string;
  supervise?: { wd: number; deadlineWd: number; by: string; content: string };
  pausedFromWd?: number;
  extension?: number;
  reopen?: boolean;
}

const S: Scenario[] = [
  {
    enterprise: '枣庄金正石膏有限公司',
    title: '厂区高压线整改',
    description: '一条 10kV 高压线横穿厂区，影响新车间建设和生产安全，企业希望迁改线路。（文章所述问题，已解决）',
    category: 'power',
    source: 'visit',
    priority: 'urgent',
    startWd: 70,
    town: '经济发展办公室',
    escalateTo: '国网山亭供电中心',
    steps: [
      ['assign', 0, 'cadre2', '交办镇经发办现场核实'],
      ['accept', 1, 'cadre2'],
      ['escalate', 2, 'cadre2', '线路迁改需供电部门实施，提级交办'],
      ['accept', 3, 'department'],
      ['start', 3, 'department'],
      ['answer', 5, 'department', '已完成勘察，制定迁改方案，费用由供电公司与企业协商分担'],
      ['submit_review', 12, 'department'],
      ['approve_close', 13, 'admin', '线路迁改完成，现场验收'],
      ['rate', 15, 'enterprise', '满意，感谢镇里和供电中心'],
    ],
    state: 'archived',
    rating: 'satisfied',
    answer: '高压线路已迁出厂区，新车间可按期施工。',
  },
  {
    enterprise: '山东中岩重科机械有限公司',
    title: '厂区东扩土地',
    description: '企业订单增长，计划向东扩建厂区约 30 亩，需落实用地指标和规划调整。（文章所述问题，已解决）',
    category: 'land',
    source: 'visit',
    complex: true,
    startWd: 60,
    town: '自然资源所',
    escalateTo: '区自然资源局',
    steps: [
      ['assign', 0, 'cadre2'],
      ['accept', 1, 'cadre2'],
      ['escalate', 3, 'cadre2', '用地指标需区级统筹'],
      ['accept', 4, 'department'],
      ['start', 4, 'department'],
      ['answer', 7, 'department', '已纳入年度用地计划，启动规划调整'],
      ['submit_review', 26, 'department'],
      ['approve_close', 27, 'admin'],
      ['rate', 28, 'enterprise'],
    ],
    state: 'archived',
    rating: 'satisfied',
    answer: '东扩用地已纳入年度计划并完成规划调整，企业可办理供地手续。',
  },
  {
    enterprise: '枣庄金煜建材有限公司',
    title: '厂房历史遗留问题',
    description: '老厂房建设时手续不全，无法办理不动产登记，影响企业融资和升级改造。（文章所述问题，已解决）',
    category: 'approval',
    source: 'visit',
    complex: true,
    startWd: 55,
    town: '自然资源所',
    escalateTo: '区自然资源局',
    assist: ['区住房和城乡建设局'],
    steps: [
      ['assign', 0, 'cadre3'],
      ['accept', 1, 'cadre3'],
      ['escalate', 2, 'cadre3', '涉及历史遗留问题，需区直部门联合办理'],
      ['accept', 3, 'department'],
      ['start', 3, 'department'],
      ['answer', 6, 'department', '按历史遗留问题处置办法补办手续'],
      ['submit_review', 28, 'department'],
      ['approve_close', 29, 'admin'],
      ['rate', 31, 'enterprise'],
    ],
    state: 'archived',
    rating: 'basic',
    answer: '已按处置办法补办规划和竣工手续，不动产登记已受理。',
  },
  {
    enterprise: '山东勇辰食品有限公司',
    title: '旺季用工缺口约 40 人',
    description: '中秋、春节前生产旺季缺少包装工人约 40 名，希望协助招聘。',
    category: 'labour',
    source: 'self_report',
    startWd: 0,
    steps: [],
    state: 'registered',
  },
  {
    enterprise: '山东鸿泰昆仑能源科技有限公司',
    title: '危险化学品经营许可证延续',
    description: '许可证将于下月到期，咨询延续办理材料和时限。',
    category: 'approval',
    source: 'visit',
    startWd: 1,
    lead: '区行政审批服务局',
    steps: [['assign', 0, 'cadre']],
    state: 'assigned',
  },
  {
    enterprise: '山东乾德源新材料科技发展有限公司',
    title: '新上生产线环评批复',
    description: '新材料生产线环评报告已编制，申请加快审批。',
    category: 'environment',
    source: 'visit',
    startWd: 24,
    lead: '区生态环境分局',
    steps: [
      ['assign', 0, 'cadre'],
      ['accept', 1, 'admin'],
      ['start', 1, 'admin'],
    ],
    state: 'in_progress',
  },
  {
    enterprise: '山东乾德源新材料科技发展有限公司',
    title: '二期项目用地报批',
    description: '二期项目需新增建设用地 15 亩，镇里协调后需区级报批。',
    category: 'land',
    source: 'visit',
    priority: 'urgent',
    startWd: 12,
    town: '自然资源所',
    escalateTo: '区自然资源局',
    steps: [
      ['assign', 0, 'cadre'],
      ['accept', 1, 'cadre'],
      ['escalate', 2, 'cadre', '需区级报批'],
      ['accept', 3, 'department'],
      ['start', 3, 'department'],
    ],
    state: 'in_progress',
    supervise: { wd: 8, deadlineWd: -3, by: 'leader', content: '请区自然资源局加快报批，确保项目按期开工' },
  },
  {
    enterprise: '山东亭好电商科技有限公司',
    title: '电商平台流动资金贷款',
    description: '平台扩大农产品收购，需流动资金贷款 300 万元。',
    category: 'finance',
    source: 'self_report',
    startWd: 30,
    lead: '经济发展办公室',
    steps: [
      ['assign', 0, 'cadre3'],
      ['accept', 1, 'cadre3'],
      ['start', 1, 'cadre3'],
      ['answer', 3, 'cadre3', '已对接银行，等待授信'],
      ['submit_review', 10, 'cadre3'],
      ['approve_close', 11, 'cadre3'],
      ['rate', 12, 'enterprise', '额度不足，不满意'],
    ],
    state: 'in_progress',
    rating: 'unsatisfied',
    reopen: true,
  },
  {
    enterprise: '枣庄欣源日用品有限公司',
    title: '门店招牌设置审批',
    description: '新开门店招牌设置，咨询审批流程。',
    category: 'approval',
    source: 'hotline_12345',
    startWd: 6,
    lead: '区市场监督管理局',
    steps: [
      ['assign', 0, 'cadre'],
      ['accept', 1, 'admin'],
      ['start', 1, 'admin'],
      ['answer', 2, 'admin', '已告知办理流程和材料'],
    ],
    state: 'answered',
    answer: '招牌设置属告知承诺事项，已告知材料清单，企业可网上办理。',
  },
  {
    enterprise: '山东勇辰食品有限公司',
    title: '冷库用电增容',
    description: '新建冷库需增容 400kVA。',
    category: 'power',
    source: 'visit',
    startWd: 14,
    lead: '国网山亭供电中心',
    steps: [
      ['assign', 0, 'cadre'],
      ['accept', 1, 'admin'],
      ['start', 1, 'admin'],
      ['answer', 3, 'admin', '增容方案已批复'],
      ['submit_review', 8, 'admin'],
      ['approve_close', 9, 'cadre'],
    ],
    state: 'rating',
    answer: '增容工程已完成送电。',
  },
  {
    enterprise: '枣庄市山亭区老峄县餐饮服务有限公司',
    title: '食品经营许可证变更',
    description: '经营面积扩大，需变更食品经营许可。',
    category: 'approval',
    source: 'self_report',
    startWd: 5,
    lead: '区市场监督管理局',
    steps: [
      ['assign', 0, 'cadre'],
      ['accept', 1, 'admin'],
      ['start', 1, 'admin'],
      ['pause', 2, 'admin', '等待企业补充平面布局图'],
    ],
    state: 'in_progress',
    pausedFromWd: 2,
  },
  {
    enterprise: '山东中岩重科机械有限公司',
    title: '厂区道路硬化与排水',
    description: '厂区外道路雨天积水，影响货车通行。',
    category: 'infrastructure',
    source: 'visit',
    startWd: 10,
    lead: '区自然资源局',
    steps: [
      ['assign', 0, 'cadre2'],
      ['accept', 1, 'department'],
      ['start', 1, 'department'],
      ['request_extension', 8, 'department', '需纳入明年道路计划，申请延期 10 个工作日'],
    ],
    state: 'in_progress',
    extension: 10,
  },
];

export async function seedDemoTickets(
  db: Db,
  ids: {
    enterprise: Map<string, number>;
    user: Map<string, { id: number; name: string }>;
    department: Map<string, number>;
  },
  today: string,
): Promise<void> {
  const cal = await loadCalendar(db);
  const day = (wdBefore: number, plus: number) => addWorkdays(addWorkdays(today, -wdBefore, cal), plus, cal);
  const n = 0;
  let seq = n;
  const created: number[] = [];
  for (const s of S) {
    seq++;
    const enterpriseId = ids.enterprise.get(s.enterprise);
    if (!enterpriseId) throw new Error(`demo ticket: unknown enterprise ${s.enterprise}`);
    const [ent] = await db
      .select()
      .from((await import('../modules/enterprises/enterprises.tables')).enterprises)
      .where(eq((await import('../modules/enterprises/enterprises.tables')).enterprises.id, enterpriseId));
    const registeredOn = day(s.startWd, 0);
    const at = (wd: number) => new Date(`${day(s.startWd, wd)}T${String(9 + (wd % 8)).padStart(2, '0')}:30:00+08:00`);
    const stepDate = (a: string) => {
      const st = [...s.steps].reverse().find((x) => x[0] === a);
      return st ? day(s.startWd, st[1]) : null;
    };
    const escalated = s.steps.some((x) => x[0] === 'escalate');
    const lastAssign = [...s.steps].reverse().find((x) => x[0] === 'assign' || x[0] === 'escalate');
    const acceptAfterAssign = s.steps.filter((x) => x[0] === 'accept' && lastAssign && x[1] >= lastAssign[1]).at(-1);
    const reopenDay = s.reopen ? day(s.startWd, s.steps.at(-1)![1]) : null;
    const [t] = await db
      .insert(tickets)
      .values({
        code: `XZ${registeredOn.slice(0, 4)}-D${String(seq).padStart(4, '0')}`,
        enterpriseId,
        regionCode: ent!.regionCode,
        ownerRegion: escalated ? '370406000000' : '370406109000',
        level: escalated ? 'district' : 'town',
        category: s.category,
        title: s.title,
        description: s.description,
        source: s.source,
        priority: s.priority ?? 'normal',
        complex: s.complex ?? false,
        state: s.state,
        paused: s.pausedFromWd !== undefined,
        extensionRequested: !!s.extension,
        requestedExtensionDays: s.extension ?? null,
        registeredOn,
        assignedOn: s.reopen ? reopenDay : lastAssign ? day(s.startWd, lastAssign[1]) : null,
        acceptedOn: s.reopen ? null : acceptAfterAssign ? day(s.startWd, acceptAfterAssign[1]) : null,
        answeredOn: s.reopen ? null : stepDate('answer'),
        closedOn: s.reopen ? null : stepDate('approve_close'),
        archivedOn: s.state === 'archived' ? stepDate('rate') : null,
        answer: s.answer ?? null,
        rating: s.rating ?? null,
        ratedAt: s.rating ? at(s.steps.find((x) => x[0] === 'rate')![1]) : null,
        solvedConfirmed: s.rating ? s.rating !== 'unsatisfied' : null,
        reopenCount: s.reopen ? 1 : 0,
        isDemo: true,
        createdBy: ids.user.get('cadre')!.id,
        createdAt: at(0),
        updatedAt: at(s.steps.at(-1)?.[1] ?? 0),
      })
      .returning({ id: tickets.id });
    const ticketId = t!.id;
    created.push(ticketId);
    const events: (typeof ticketEvents.$inferInsert)[] = [
      {
        ticketId,
        at: at(0),
        actorId: ids.user.get('cadre')!.id,
        actorName: ids.user.get('cadre')!.name,
        action: 'register',
        toState: 'registered',
        note: '登记',
      },
    ];
    let state: string = 'registered';
    const TO: Record<string, string> = {
      assign: 'assigned',
      escalate: 'assigned',
      accept: 'accepted',
      start: 'in_progress',
      answer: 'answered',
      submit_review: 'review',
      approve_close: 'rating',
      rate: 'archived',
    };
    for (const [action, wd, by, note] of s.steps) {
      const u = ids.user.get(by)!;
      let to = TO[action] ?? state;
      if (action === 'rate' && s.rating === 'unsatisfied') to = 'in_progress';
      events.push({
        ticketId,
        at: at(wd),
        actorId: u.id,
        actorName: u.name,
        action,
        fromState: state,
        toState: to,
        note: note ?? null,
      });
      state = to;
    }
    await db.insert(ticketEvents).values(events);
    const deps: (typeof ticketDepartments.$inferInsert)[] = [];
    if (s.town)
      deps.push({
        ticketId,
        departmentId: ids.department.get(s.town)!,
        role: 'lead',
        active: !escalated,
        assignedAt: at(0),
      });
    const leadName = s.escalateTo ?? s.lead;
    if (leadName) {
      const at2 = at(lastAssign?.[1] ?? 0);
      deps.push({ ticketId, departmentId: ids.department.get(leadName)!, role: 'lead', active: true, assignedAt: at2 });
      for (const a of s.assist ?? [])
        deps.push({ ticketId, departmentId: ids.department.get(a)!, role: 'assist', active: true, assignedAt: at2 });
    }
    if (deps.some((d) => d.departmentId === undefined))
      throw new Error(`demo ticket: unknown department in ${s.title}`);
    if (deps.length) await db.insert(ticketDepartments).values(deps);
    if (s.supervise) {
      const u = ids.user.get(s.supervise.by)!;
      await db.insert(ticketSupervisions).values({
        ticketId,
        issuedBy: u.id,
        issuedAt: at(s.supervise.wd),
        deadline: addWorkdays(today, -s.supervise.deadlineWd, cal),
        content: s.supervise.content,
      });
      await db.insert(ticketEvents).values({
        ticketId,
        at: at(s.supervise.wd),
        actorId: u.id,
        actorName: u.name,
        action: 'supervise',
        fromState: state,
        toState: state,
        note: s.supervise.content,
      });
    }
    if (s.pausedFromWd !== undefined)
      await db
        .insert(ticketPauses)
        .values({ ticketId, fromDate: day(s.startWd, s.pausedFromWd), reason: '等待企业补充材料' });
  }
  // the clock summaries the card filters and counts read (tickets.clocks.ts)
  await storeClocks(db, created);
  // visits: the cadres' recent visits to their enterprises
  const v = (name: string, wd: number, by: string, content: string, mode = 'on_site') => ({
    enterpriseId: ids.enterprise.get(name)!,
    regionCode: '370406109000',
    visitedOn: addWorkdays(today, -wd, cal),
    visitorId: ids.user.get(by)!.id,
    mode,
    content,
    needs: [],
    isDemo: true,
  });
  await db
    .insert(visits)
    .values([
      v('山东勇辰食品有限公司', 3, 'cadre', '了解旺季生产和用工情况，企业提出用工缺口'),
      v('山东乾德源新材料科技发展有限公司', 12, 'cadre', '调度二期项目用地进展'),
      v('枣庄金正石膏有限公司', 20, 'cadre2', '回访高压线迁改后生产情况', 'phone'),
      v('山东亭好电商科技有限公司', 8, 'cadre3', '座谈电商平台融资需求', 'forum'),
    ]);
}
