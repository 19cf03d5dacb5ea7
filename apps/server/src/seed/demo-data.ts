/**
 * Demo data set for 凫城镇 (370406109000), 山亭区 (370406000000), 枣庄市.
 *
 * Facts marked `fromArticle: true` come from the 2023 article behind the product (/work/shared/seed/README.md):
 * names of projects, leads, enterprises and problems, amounts and states. Everything else (the other
 * enterprises of the 19 帮包 enterprises, officials, phone numbers, USCCs, villages, industry codes, who is paired
 * with whom) is invented. Every row loaded from this file is stored with is_demo = true.
 */
import { checkUscc, orgCodeCheckChar, type RoleCode, usccCheckChar } from '@beizeng/contract';

export const DISTRICT_CODE = '370406000000'; // 山亭区
export const TOWN_CODE = '370406109000'; // 凫城镇

// ---------- 统一社会信用代码 (GB 32100-2015): check functions live in the contract ----------
/**
 * Builds a USCC: registration authority '9' (market regulation) and kind '1' (enterprise), the 6-digit
 * registering region, the 9-character organisation code (body + GB 11714 check) and the GB 32100 check.
 */
export function makeUscc(orgBody8: string, region6 = '370406', authority = '9', kind = '1'): string {
  const first17 = `${authority}${kind}${region6}${orgBody8}${orgCodeCheckChar(orgBody8)}`;
  return first17 + usccCheckChar(first17);
}

/** True when both the GB 32100 check character and the embedded GB 11714 check character are right. */
export const isValidUscc = (s: string): boolean => checkUscc(s).ok;

// ---------- departments ----------
export interface DemoDepartment {
  name: string;
  code: string;
  kind: 'town_office' | 'district_dept';
  regionCode: string;
  leader: string;
  phone: string;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  // 凫城镇 offices
  {
    name: '党政办公室',
    code: 'FC-DZB',
    kind: 'town_office',
    regionCode: TOWN_CODE,
    leader: '吴海燕',
    phone: '0632-8561001',
  },
  {
    name: '经济发展办公室',
    code: 'FC-JFB',
    kind: 'town_office',
    regionCode: TOWN_CODE,
    leader: '郑宏伟',
    phone: '0632-8561002',
  },
  {
    name: '招商服务中心',
    code: 'FC-ZSZX',
    kind: 'town_office',
    regionCode: TOWN_CODE,
    leader: '陈晓东',
    phone: '0632-8561003',
  },
  {
    name: '自然资源所',
    code: 'FC-ZRS',
    kind: 'town_office',
    regionCode: TOWN_CODE,
    leader: '冯长青',
    phone: '0632-8561004',
  },
  {
    name: '应急管理办公室',
    code: 'FC-YJB',
    kind: 'town_office',
    regionCode: TOWN_CODE,
    leader: '褚立新',
    phone: '0632-8561005',
  },
  // 山亭区 departments that receive escalated tickets
  {
    name: '区发展和改革局',
    code: 'ST-FGJ',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '杜文涛',
    phone: '0632-8812101',
  },
  {
    name: '区工业和信息化局',
    code: 'ST-GXJ',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '孔令军',
    phone: '0632-8812102',
  },
  {
    name: '区自然资源局',
    code: 'ST-ZRZYJ',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '周文静',
    phone: '0632-8812103',
  },
  {
    name: '区住房和城乡建设局',
    code: 'ST-ZJJ',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '田立华',
    phone: '0632-8812104',
  },
  {
    name: '区市场监督管理局',
    code: 'ST-SJJ',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '孟凡强',
    phone: '0632-8812105',
  },
  {
    name: '区行政审批服务局',
    code: 'ST-SPJ',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '葛玉兰',
    phone: '0632-8812106',
  },
  {
    name: '国网山亭供电中心',
    code: 'ST-GDZX',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '邵建国',
    phone: '0632-8812107',
  },
  {
    name: '区人力资源和社会保障局',
    code: 'ST-RSJ',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '黄丽娟',
    phone: '0632-8812108',
  },
  {
    name: '区商务局',
    code: 'ST-SWJ',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '程志刚',
    phone: '0632-8812109',
  },
  {
    name: '区生态环境分局',
    code: 'ST-STHJ',
    kind: 'district_dept',
    regionCode: DISTRICT_CODE,
    leader: '秦晓峰',
    phone: '0632-8812110',
  },
];

// ---------- enterprises ----------
/** The cadres (科级干部) who are each paired point-to-point (帮包) with enterprises. */
export const CADRE_USERNAMES = ['cadre', 'cadre2', 'cadre3'] as const;
export type CadreUsername = (typeof CADRE_USERNAMES)[number];

export interface DemoEnterprise {
  name: string;
  shortName: string;
  /** GB 32100-2015 code, computed by makeUscc from an invented organisation code body. */
  uscc: string;
  /** One of 凫城镇's 18 villages (370406109200–217) or the town itself. */
  regionCode: string;
  /** GB/T 4754-2017 小类. */
  industryCode: string;
  /** Value of dictionary industry_chain. */
  chain: string;
  /** Value of dictionary stat_category: the register the enterprise belongs in (or would) by its trade. */
  statCategory: string | null;
  registerStatus: '规下' | '在库' | '退库';
  /** Value of dictionary stat_category: set for the 升规纳统 candidates (the 培育库). */
  targetRegister: string | null;
  /** 帮包: the cadre (by username) paired with this enterprise; null = not one of the 19. */
  pairedCadre: CadreUsername | null;
  /** Named in the article (the rest of the row is still invented). */
  fromArticle: boolean;
  note: string | null;
}

const E = (
  e: Omit<DemoEnterprise, 'uscc' | 'fromArticle' | 'note'> & { org: string; fromArticle?: boolean; note?: string },
): DemoEnterprise => {
  const { org, fromArticle = false, note = null, ...rest } = e;
  return { ...rest, uscc: makeUscc(org), fromArticle, note };
};

export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  // --- named in the article ---
  E({
    name: '枣庄华沃水泥有限公司',
    shortName: '华沃水泥',
    org: '16816552',
    regionCode: '370406109201',
    industryCode: '3011',
    chain: 'building_materials',
    statCategory: 'industry_above',
    registerStatus: '在库',
    targetRegister: null,
    pairedCadre: 'cadre',
    fromArticle: true,
    note: '三个技改项目：协同处置污泥/飞灰及锂电回收、窑超低排放、节能降碳及大型风机改造',
  }),
  E({
    name: '山东卜珂食品有限公司',
    shortName: '卜珂食品',
    org: '68064012',
    regionCode: TOWN_CODE,
    industryCode: '1421',
    chain: 'health_food',
    statCategory: 'industry_above',
    registerStatus: '在库',
    targetRegister: null,
    pairedCadre: 'cadre',
    fromArticle: true,
    note: '自动化生产加工技术改造项目实施中',
  }),
  E({
    name: '枣庄金正石膏有限公司',
    shortName: '金正石膏',
    org: '74566327',
    regionCode: '370406109204',
    industryCode: '3024',
    chain: 'building_materials',
    statCategory: 'industry_above',
    registerStatus: '在库',
    targetRegister: null,
    pairedCadre: 'cadre2',
    fromArticle: true,
  }),
  E({
    name: '山东中岩重科机械有限公司',
    shortName: '中岩重科',
    org: 'MA3C2YT7',
    regionCode: TOWN_CODE,
    industryCode: '3511',
    chain: 'high_end_equipment',
    statCategory: 'industry_above',
    registerStatus: '在库',
    targetRegister: null,
    pairedCadre: 'cadre2',
    fromArticle: true,
  }),
  E({
    name: '枣庄金煜建材有限公司',
    shortName: '金煜建材',
    org: '79616830',
    regionCode: '370406109206',
    industryCode: '3021',
    chain: 'building_materials',
    statCategory: 'industry_above',
    registerStatus: '在库',
    targetRegister: null,
    pairedCadre: 'cadre3',
    fromArticle: true,
  }),
  E({
    name: '中广核山亭风力发电有限公司',
    shortName: '中广核风电',
    org: '39963571',
    regionCode: '370406109209',
    industryCode: '4415',
    chain: 'new_energy',
    statCategory: 'industry_above',
    registerStatus: '规下',
    targetRegister: 'industry_above',
    pairedCadre: 'cadre3',
    fromArticle: true,
    note: '文中列为培育升规对象',
  }),
  // --- the six 升规纳统 candidates named in the article ---
  E({
    name: '山东勇辰食品有限公司',
    shortName: '勇辰食品',
    org: 'MA3MF4K1',
    regionCode: '370406109205',
    industryCode: '1432',
    chain: 'health_food',
    statCategory: 'industry_above',
    registerStatus: '规下',
    targetRegister: 'industry_above',
    pairedCadre: 'cadre',
    fromArticle: true,
  }),
  E({
    name: '山东乾德源新材料科技发展有限公司',
    shortName: '乾德源新材料',
    org: 'MA3TB8X2',
    regionCode: '370406109203',
    industryCode: '3099',
    chain: 'building_materials',
    statCategory: 'industry_above',
    registerStatus: '规下',
    targetRegister: 'industry_above',
    pairedCadre: 'cadre2',
    fromArticle: true,
  }),
  E({
    name: '山东鸿泰昆仑能源科技有限公司',
    shortName: '鸿泰昆仑',
    org: 'MA3NQ7D5',
    regionCode: TOWN_CODE,
    industryCode: '5162',
    chain: 'other',
    statCategory: 'wholesale_above',
    registerStatus: '规下',
    targetRegister: 'wholesale_above',
    pairedCadre: 'cadre3',
    fromArticle: true,
  }),
  E({
    name: '山东亭好电商科技有限公司',
    shortName: '亭好电商',
    org: 'MA3R6JW0',
    regionCode: TOWN_CODE,
    industryCode: '5292',
    chain: 'e_commerce',
    statCategory: 'retail_above',
    registerStatus: '规下',
    targetRegister: 'retail_above',
    pairedCadre: 'cadre',
    fromArticle: true,
    note: '运营“山东亭好”电商平台',
  }),
  E({
    name: '枣庄市山亭区老峄县餐饮服务有限公司',
    shortName: '老峄县餐饮',
    org: 'MA3EH92L',
    regionCode: '370406109200',
    industryCode: '6210',
    chain: 'other',
    statCategory: 'catering_above',
    registerStatus: '规下',
    targetRegister: 'catering_above',
    pairedCadre: 'cadre2',
    fromArticle: true,
  }),
  E({
    name: '枣庄欣源日用品有限公司',
    shortName: '欣源日用品',
    org: 'MA3PK5U8',
    regionCode: '370406109202',
    industryCode: '5211',
    chain: 'other',
    statCategory: 'retail_above',
    registerStatus: '规下',
    targetRegister: 'retail_above',
    pairedCadre: 'cadre3',
    fromArticle: true,
  }),
  // --- invented: the rest of the 19 帮包 enterprises ---
  E({
    name: '山东凫山源食品有限公司',
    shortName: '凫山源食品',
    org: 'MA3D7N4G',
    regionCode: '370406109207',
    industryCode: '1373',
    chain: 'health_food',
    statCategory: 'industry_above',
    registerStatus: '规下',
    targetRegister: null,
    pairedCadre: 'cadre',
    note: '年产2000吨花生坚果自动化深加工项目业主（业主为演示虚构）',
  }),
  E({
    name: '枣庄鑫磊石材有限公司',
    shortName: '鑫磊石材',
    org: '58714206',
    regionCode: '370406109211',
    industryCode: '3032',
    chain: 'building_materials',
    statCategory: 'industry_above',
    registerStatus: '在库',
    targetRegister: null,
    pairedCadre: 'cadre',
  }),
  E({
    name: '山东凫城新能源科技有限公司',
    shortName: '凫城新能源',
    org: 'MA3W1R6H',
    regionCode: '370406109210',
    industryCode: '3825',
    chain: 'new_energy',
    statCategory: 'industry_above',
    registerStatus: '规下',
    targetRegister: null,
    pairedCadre: 'cadre2',
  }),
  E({
    name: '枣庄鲁凫机械制造有限公司',
    shortName: '鲁凫机械',
    org: '67451290',
    regionCode: TOWN_CODE,
    industryCode: '3484',
    chain: 'high_end_equipment',
    statCategory: 'industry_above',
    registerStatus: '在库',
    targetRegister: null,
    pairedCadre: 'cadre2',
  }),
  E({
    name: '枣庄凫城冷链物流有限公司',
    shortName: '凫城冷链',
    org: 'MA3UG3B9',
    regionCode: '370406109214',
    industryCode: '5432',
    chain: 'modern_logistics',
    statCategory: 'services_above',
    registerStatus: '规下',
    targetRegister: null,
    pairedCadre: 'cadre3',
  }),
  E({
    name: '枣庄华盛杂粮食品有限公司',
    shortName: '华盛杂粮',
    org: '55673418',
    regionCode: '370406109215',
    industryCode: '1319',
    chain: 'health_food',
    statCategory: 'industry_above',
    registerStatus: '在库',
    targetRegister: null,
    pairedCadre: 'cadre3',
  }),
  E({
    name: '枣庄福源包装材料有限公司',
    shortName: '福源包装',
    org: '77305846',
    regionCode: '370406109208',
    industryCode: '2231',
    chain: 'other',
    statCategory: 'industry_above',
    registerStatus: '退库',
    targetRegister: null,
    pairedCadre: 'cadre',
    note: '产值下滑退库，帮扶重新入库',
  }),
  // --- invented: enterprises of the town that are not among the 19 ---
  E({
    name: '枣庄凫城惠民超市有限公司',
    shortName: '惠民超市',
    org: 'MA3F8LC4',
    regionCode: '370406109212',
    industryCode: '5212',
    chain: 'other',
    statCategory: 'retail_above',
    registerStatus: '规下',
    targetRegister: null,
    pairedCadre: null,
  }),
  E({
    name: '枣庄山亭恒泰砖瓦有限公司',
    shortName: '恒泰砖瓦',
    org: '72624935',
    regionCode: '370406109216',
    industryCode: '3031',
    chain: 'building_materials',
    statCategory: 'industry_above',
    registerStatus: '退库',
    targetRegister: null,
    pairedCadre: null,
  }),
  E({
    name: '枣庄凫城鲁香油脂有限公司',
    shortName: '鲁香油脂',
    org: '59351877',
    regionCode: '370406109217',
    industryCode: '1331',
    chain: 'health_food',
    statCategory: 'industry_above',
    registerStatus: '规下',
    targetRegister: null,
    pairedCadre: null,
  }),
];

/** 帮包 pairs (enterprise name → cadre username): exactly the 19 enterprises of the article. */
export const DEMO_PAIRINGS: { enterpriseName: string; cadre: CadreUsername }[] = DEMO_ENTERPRISES.filter(
  (e) => e.pairedCadre,
).map((e) => ({ enterpriseName: e.name, cadre: e.pairedCadre! }));

// ---------- users ----------
export interface DemoUser {
  username: string;
  role: RoleCode;
  displayName: string;
  phone: string;
  regionCode: string;
  /** By name, from DEMO_DEPARTMENTS. */
  departmentName?: string;
  /** By name, from DEMO_ENTERPRISES. */
  enterpriseName?: string;
}

/** One account per role, named after the role, plus two more cadres for the 帮包 pairs. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', role: 'admin', displayName: '孙明', phone: '13806321001', regionCode: DISTRICT_CODE },
  { username: 'leader', role: 'leader', displayName: '刘振华', phone: '13906321002', regionCode: TOWN_CODE },
  { username: 'cadre', role: 'cadre', displayName: '张志强', phone: '15806321003', regionCode: TOWN_CODE },
  { username: 'cadre2', role: 'cadre', displayName: '李红梅', phone: '15906321004', regionCode: TOWN_CODE },
  { username: 'cadre3', role: 'cadre', displayName: '赵国栋', phone: '18706321005', regionCode: TOWN_CODE },
  { username: 'investment', role: 'investment', displayName: '陈晓东', phone: '13706321006', regionCode: TOWN_CODE },
  {
    username: 'department',
    role: 'department',
    displayName: '周文静',
    phone: '13606321007',
    regionCode: DISTRICT_CODE,
    departmentName: '区自然资源局',
  },
  {
    username: 'enterprise',
    role: 'enterprise',
    displayName: '韩勇',
    phone: '18306321008',
    regionCode: TOWN_CODE,
    enterpriseName: '山东勇辰食品有限公司',
  },
  {
    username: 'supervisor',
    role: 'supervisor',
    displayName: '马卫国',
    phone: '15306321009',
    regionCode: DISTRICT_CODE,
  },
];

// ---------- projects, leads and tickets (exported for the modules that will load them) ----------
/** 谋划 → 洽谈 → 签约 → 开工 → 建设 → 投产 → 达产 */
export type DemoProjectStage =
  | 'planning'
  | 'negotiating'
  | 'signed'
  | 'started'
  | 'construction'
  | 'production'
  | 'full_production';

export interface DemoProject {
  name: string;
  /** Owner by name (from DEMO_ENTERPRISES); null where the article names none. */
  enterpriseName: string | null;
  /** Total investment in 元 as an exact decimal string; null where the article gives none. */
  investment: string | null;
  chain: string;
  chainRole: string | null;
  nature: string;
  stage: DemoProjectStage;
  /** The state as the article describes it. */
  stateNote: string;
  stateNoteEn: string;
  fromArticle: true;
}

export const DEMO_PROJECTS: DemoProject[] = [
  {
    name: '水泥窑协同处置污泥或飞灰、锂电回收项目',
    enterpriseName: '枣庄华沃水泥有限公司',
    investment: '200000000',
    chain: 'building_materials',
    chainRole: 'extend',
    nature: 'upgrade',
    stage: 'construction',
    stateNote: '加快推进',
    stateNoteEn: 'Being pushed forward',
    fromArticle: true,
  },
  {
    name: '窑超低排放项目',
    enterpriseName: '枣庄华沃水泥有限公司',
    investment: '37000000',
    chain: 'building_materials',
    chainRole: null,
    nature: 'upgrade',
    stage: 'construction',
    stateNote: '加快推进',
    stateNoteEn: 'Being pushed forward',
    fromArticle: true,
  },
  {
    name: '窑系统水泥磨系统节能降碳及大型风机改造项目',
    enterpriseName: '枣庄华沃水泥有限公司',
    investment: '18000000',
    chain: 'building_materials',
    chainRole: null,
    nature: 'upgrade',
    stage: 'construction',
    stateNote: '加快推进',
    stateNoteEn: 'Being pushed forward',
    fromArticle: true,
  },
  {
    name: '自动化生产加工技术改造项目',
    enterpriseName: '山东卜珂食品有限公司',
    investment: '50000000',
    chain: 'health_food',
    chainRole: 'link',
    nature: 'upgrade',
    stage: 'construction',
    stateNote: '正在实施',
    stateNoteEn: 'Being carried out',
    fromArticle: true,
  },
  {
    name: '年产2000吨花生坚果自动化深加工项目',
    enterpriseName: '山东凫山源食品有限公司', // the article names no owner; this one is invented
    investment: null,
    chain: 'health_food',
    chainRole: null,
    nature: 'new',
    stage: 'started',
    stateNote: '帮助推进',
    stateNoteEn: 'Being helped along',
    fromArticle: true,
  },
  {
    name: '抽水蓄能电站一期工程',
    enterpriseName: null,
    investment: null,
    chain: 'new_energy',
    chainRole: 'complete',
    nature: 'new',
    stage: 'planning',
    stateNote: '省级征地移民安置规划已批复，待省发改委核准立项后开工建设',
    stateNoteEn:
      "Provincial land-acquisition and resettlement plan approved; waiting for the provincial Development and Reform Commission's approval, then construction starts",
    fromArticle: true,
  },
  {
    name: '中广核风力发电项目',
    enterpriseName: '中广核山亭风力发电有限公司',
    investment: null,
    chain: 'new_energy',
    chainRole: null,
    nature: 'new',
    stage: 'production',
    stateNote: '培育升规',
    stateNoteEn: 'To be grown into the statistical register',
    fromArticle: true,
  },
  {
    name: '乾山集中式光伏项目',
    enterpriseName: null,
    investment: null,
    chain: 'new_energy',
    chainRole: null,
    nature: 'new',
    stage: 'production',
    stateNote: '培育升规',
    stateNoteEn: 'To be grown into the statistical register',
    fromArticle: true,
  },
];

/** 线索 → 接洽 → 考察 → 洽谈 → 签约 → 落地 */
export type DemoLeadStage = 'lead' | 'contact' | 'inspection' | 'negotiation' | 'signed' | 'landed';

export interface DemoLead {
  name: string;
  /** The investor as the article names it (none of them is an enterprise of the town yet). */
  investorName: string;
  investment: string | null;
  chain: string;
  chainRole: string | null;
  /** Value of dictionary lead_source (invented: the article does not say). */
  source: string;
  stage: DemoLeadStage;
  stateNote: string;
  stateNoteEn: string;
  fromArticle: true;
}

export const DEMO_LEADS: DemoLead[] = [
  {
    name: '大唐褚峪20兆瓦农光互补项目',
    investorName: '大唐',
    investment: null,
    chain: 'new_energy',
    chainRole: 'complete',
    source: 'referral',
    stage: 'negotiation',
    stateNote: '正在申请并网指标',
    stateNoteEn: 'Applying for a grid-connection quota',
    fromArticle: true,
  },
  {
    name: '汽车配件项目',
    investorName: '车之捷科技发展股份有限公司',
    investment: null,
    chain: 'high_end_equipment',
    chainRole: 'complete',
    source: 'via_investor',
    stage: 'contact',
    stateNote: '正在对接，拟落户园区',
    stateNoteEn: "In contact; planned to land in the town's park",
    fromArticle: true,
  },
  {
    name: '年出栏1000万只肉鸡养殖项目',
    investorName: '智慧农牧',
    investment: null,
    chain: 'health_food',
    chainRole: 'extend',
    source: 'via_investor',
    stage: 'signed',
    stateNote: '推动快落地、快投产',
    stateNoteEn: 'Pushed to land and start production fast',
    fromArticle: true,
  },
];

export interface DemoTicket {
  enterpriseName: string;
  title: string;
  /** Value of dictionary ticket_category. */
  category: string;
  /** Value of dictionary ticket_source. */
  source: string;
  /** Value of dictionary ticket_priority. */
  priority: string;
  /** The cadre who registered it (the enterprise's 帮包 cadre). */
  cadre: CadreUsername;
  /** The district department it was escalated to (from DEMO_DEPARTMENTS). */
  escalatedTo: string;
  /** The article reports all three as solved. */
  state: 'closed';
  fromArticle: true;
}

export const DEMO_TICKETS: DemoTicket[] = [
  {
    enterpriseName: '枣庄金正石膏有限公司',
    title: '厂区高压线整改',
    category: 'power',
    source: 'visit',
    priority: 'urgent',
    cadre: 'cadre2',
    escalatedTo: '国网山亭供电中心',
    state: 'closed',
    fromArticle: true,
  },
  {
    enterpriseName: '山东中岩重科机械有限公司',
    title: '厂区东扩土地',
    category: 'land',
    source: 'visit',
    priority: 'normal',
    cadre: 'cadre2',
    escalatedTo: '区自然资源局',
    state: 'closed',
    fromArticle: true,
  },
  {
    enterpriseName: '枣庄金煜建材有限公司',
    title: '厂房历史遗留问题',
    category: 'approval',
    source: 'visit',
    priority: 'normal',
    cadre: 'cadre3',
    escalatedTo: '区自然资源局',
    state: 'closed',
    fromArticle: true,
  },
];
