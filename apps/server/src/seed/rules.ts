import { sql } from 'drizzle-orm';
import type { Db } from '../core/db';
import { registerThresholds } from '../modules/cultivation/cultivation.tables';
import type { Criterion } from '../modules/honours/criteria';
import { enterprisePools, honourRules } from '../modules/honours/honours.tables';
import { nodeTemplates } from '../modules/projects/projects.tables';
import { ticketSlas } from '../modules/tickets/tickets.tables';

const NBS = '国家统计局《统计上大中小微型企业划分办法》及“四上”企业入库标准（domain.md §1.1）';

/** Register thresholds (domain.md §1.1), in 元. Admins may add later versions with their own dates. */
export const THRESHOLD_SEED: (typeof registerThresholds.$inferInsert)[] = [
  {
    category: 'industry_above',
    metric: 'main_revenue',
    amount: '5000000',
    effectiveFrom: '2007-01-01',
    effectiveTo: '2010-12-31',
    source: `${NBS}：2007–2010 年为 500 万元`,
  },
  {
    category: 'industry_above',
    metric: 'main_revenue',
    amount: '20000000',
    effectiveFrom: '2011-01-01',
    source: `${NBS}：年主营业务收入 2000 万元及以上（2011 年起）`,
  },
  {
    category: 'wholesale_above',
    metric: 'main_revenue',
    amount: '20000000',
    effectiveFrom: '2011-01-01',
    source: `${NBS}：限额以上批发业 2000 万元`,
  },
  {
    category: 'retail_above',
    metric: 'main_revenue',
    amount: '5000000',
    effectiveFrom: '2011-01-01',
    source: `${NBS}：限额以上零售业 500 万元`,
  },
  {
    category: 'lodging_above',
    metric: 'main_revenue',
    amount: '2000000',
    effectiveFrom: '2011-01-01',
    source: `${NBS}：限额以上住宿业 200 万元`,
  },
  {
    category: 'catering_above',
    metric: 'main_revenue',
    amount: '2000000',
    effectiveFrom: '2011-01-01',
    source: `${NBS}：限额以上餐饮业 200 万元`,
  },
  {
    category: 'services_above',
    industryPrefixes: ['G', 'I', 'N', '84'],
    metric: 'operating_revenue',
    amount: '20000000',
    effectiveFrom: '2011-01-01',
    source: `${NBS}：规上服务业第一档 2000 万元（交通运输仓储邮政、信息技术、水利环境公共设施、卫生）`,
  },
  {
    category: 'services_above',
    industryPrefixes: ['L', 'M', 'P', '7020', '7030', '7040', '7090'],
    metric: 'operating_revenue',
    amount: '10000000',
    effectiveFrom: '2011-01-01',
    source: `${NBS}：规上服务业第二档 1000 万元（租赁商务、科研技术、教育、物业管理等四个小类）`,
  },
  {
    category: 'services_above',
    industryPrefixes: ['O', 'R', '85'],
    metric: 'operating_revenue',
    amount: '5000000',
    effectiveFrom: '2011-01-01',
    source: `${NBS}：规上服务业第三档 500 万元（居民服务修理、文体娱乐、社会工作）`,
  },
];

const c = (key: string, zh: string, en: string, fact: string, op: Criterion['op'], value?: number): Criterion => ({
  key,
  zh,
  en,
  fact,
  op,
  ...(value !== undefined ? { value } : {}),
});

const S2022 = '《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）';
const S2026 = '《优质中小企业梯度培育管理办法》（工信部企业〔2026〕2号，2026-04-01 施行；据公开二手资料，待核）';

/** Honour criteria as versioned rule sets (domain.md §2). Facts not held in the registry show as unknown. */
export const HONOUR_RULE_SEED: (typeof honourRules.$inferInsert)[] = [
  {
    title: 'innovative_sme',
    regime: '2022',
    effectiveFrom: '2022-06-01',
    effectiveTo: '2026-03-31',
    source: S2022,
    criteria: [
      c('score', '评价得分 ≥ 60 分（或满足直通条件）', 'Score ≥ 60 (or a direct route)', 'innovationScore', '>=', 60),
    ],
  },
  {
    title: 'innovative_sme',
    regime: '2026',
    effectiveFrom: '2026-04-01',
    source: `${S2026}；合并标准出台前沿用 2022 年创新型中小企业评价标准`,
    criteria: [
      c('score', '评价得分 ≥ 60 分（或满足直通条件）', 'Score ≥ 60 (or a direct route)', 'innovationScore', '>=', 60),
    ],
  },
  {
    title: 'provincial_srdi',
    regime: '2022',
    effectiveFrom: '2022-06-01',
    effectiveTo: '2026-03-31',
    source: S2022,
    criteria: [
      c('niche', '从事特定细分市场 ≥ 2 年', 'In a niche market ≥ 2 years', 'nicheYears', '>=', 2),
      c('rd', '上年研发费用 ≥ 100 万元', 'Prior-year R&D ≥ ¥1M', 'rdSpendLastYear', '>=', 1_000_000),
      c('rdRatio', '上年研发费用占营业收入 ≥ 3%', 'R&D ≥ 3% of revenue', 'rdRatio', '>=', 0.03),
      c(
        'revenue',
        '上年营业收入 ≥ 1000 万元（或近 2 年新增股权融资 ≥ 2000 万元）',
        'Revenue ≥ ¥10M (or ≥ ¥20M new equity)',
        'revenueLastYear',
        '>=',
        10_000_000,
      ),
      c(
        'score',
        '专精特新评价得分 ≥ 60 分（或直通条件）',
        'Evaluation score ≥ 60 (or a direct route)',
        'srdiScore',
        '>=',
        60,
      ),
    ],
  },
  {
    title: 'provincial_srdi',
    regime: '2026',
    effectiveFrom: '2026-04-01',
    source: S2026,
    criteria: [
      c('title', '持有科技和创新型中小企业称号', 'Holds the innovative-SME title', 'holds_innovative_sme', 'true'),
      c('niche', '从事特定细分市场 ≥ 3 年', 'In a niche market ≥ 3 years', 'nicheYears', '>=', 3),
      c(
        'revenue',
        '上年营业收入 ≥ 1500 万元（或 2 年内合格股权融资 ≥ 2000 万元）',
        'Revenue ≥ ¥15M (or ≥ ¥20M equity)',
        'revenueLastYear',
        '>=',
        15_000_000,
      ),
      c('mainShare', '主营业务收入占比 ≥ 80%', 'Main business ≥ 80% of revenue', 'mainRevenueShare', '>=', 0.8),
      c('debt', '资产负债率 ≤ 80%', 'Debt ratio ≤ 80%', 'debtRatio', '<=', 0.8),
      c('rd', '近 2 年研发费用每年 ≥ 100 万元且 ≥ 3%', 'R&D ≥ ¥1M and ≥ 3% in each of 2 years', 'rdRatio', '>=', 0.03),
      c('ip', 'Ⅰ类知识产权 ≥ 1 项', '≥ 1 class-I IP right', 'ipClass1', '>=', 1),
      c('score', '专精特新发展评价得分 ≥ 50 分', 'Evaluation score ≥ 50', 'srdiScore', '>=', 50),
    ],
  },
  {
    title: 'little_giant',
    regime: '2022',
    effectiveFrom: '2022-06-01',
    effectiveTo: '2026-03-31',
    source: S2022,
    criteria: [
      c('niche', '从事特定细分市场 ≥ 3 年', 'In a niche market ≥ 3 years', 'nicheYears', '>=', 3),
      c('mainShare', '主营业务收入占比 ≥ 70%', 'Main business ≥ 70% of revenue', 'mainRevenueShare', '>=', 0.7),
      c('growth', '近 2 年主营业务收入平均增速 ≥ 5%', '2-year average growth ≥ 5%', 'revenueCagr2', '>=', 0.05),
      c('debt', '资产负债率 ≤ 70%', 'Debt ratio ≤ 70%', 'debtRatio', '<=', 0.7),
      c('share', '细分市场全国占有率 ≥ 10%', 'National niche share ≥ 10%', 'marketShare', '>=', 0.1),
      c('ip', 'Ⅰ类知识产权 ≥ 2 项', '≥ 2 class-I IP rights', 'ipClass1', '>=', 2),
    ],
  },
  {
    title: 'little_giant',
    regime: '2026',
    effectiveFrom: '2026-04-01',
    source: S2026,
    criteria: [
      c(
        'title',
        '持有有效期内的省级专精特新中小企业称号',
        'Holds a valid provincial SRDI title',
        'holds_provincial_srdi',
        'true',
      ),
      c('niche', '从事特定细分市场 ≥ 3 年', 'In a niche market ≥ 3 years', 'nicheYears', '>=', 3),
      c('revenue', '上年营业收入 ≥ 5000 万元', 'Revenue ≥ ¥50M', 'revenueLastYear', '>=', 50_000_000),
      c('mainShare', '主营业务收入占比 ≥ 90%', 'Main business ≥ 90% of revenue', 'mainRevenueShare', '>=', 0.9),
      c('growth', '近 2 年营业收入复合增长率 ≥ 5%', '2-year revenue CAGR ≥ 5%', 'revenueCagr2', '>=', 0.05),
      c('debt', '资产负债率 ≤ 75%', 'Debt ratio ≤ 75%', 'debtRatio', '<=', 0.75),
      c('rd', '近 2 年研发费用合计 ≥ 1200 万元', '2-year R&D ≥ ¥12M', 'rdSpend2Years', '>=', 12_000_000),
      c('ip', 'Ⅰ类知识产权 ≥ 4 项', '≥ 4 class-I IP rights', 'ipClass1', '>=', 4),
      c('score', '评价得分 ≥ 60 分', 'Evaluation score ≥ 60', 'srdiScore', '>=', 60),
    ],
  },
  {
    title: 'single_champion',
    regime: '2023',
    effectiveFrom: '2023-01-01',
    source:
      '《制造业单项冠军企业认定管理办法》（工信部政法〔2023〕138号）及 2023 年申报通知（domain.md §2.3，部分条件待核）',
    criteria: [
      c('years', '从事相关领域 ≥ 10 年', 'In the field ≥ 10 years', 'nicheYears', '>=', 10),
      c('rank', '单项产品市场占有率全球前三', 'Global market share top 3', 'globalRank', '<=', 3),
      c(
        'revenue',
        '单项产品销售收入 ≥ 4 亿元（或为专精特新“小巨人”）',
        'Sales ≥ ¥400M (or a little giant)',
        'revenueLastYear',
        '>=',
        400_000_000,
      ),
    ],
  },
  {
    title: 'gazelle',
    regime: 'torch',
    effectiveFrom: '2016-01-01',
    source: '科技部火炬中心瞪羚企业研究口径（domain.md §2.3；山东省认定办法的具体门槛未取得）',
    criteria: [
      c('age', '成立 ≤ 15 年', 'Founded ≤ 15 years ago', 'yearsRegistered', '<=', 15),
      c('growth', '近 3 年营业收入复合增长率 ≥ 20%', '3-year revenue CAGR ≥ 20%', 'revenueCagr3', '>=', 0.2),
      c('rd', '研发投入强度 > 2.5%', 'R&D intensity > 2.5%', 'rdRatio', '>', 0.025),
    ],
  },
  {
    title: 'high_tech',
    regime: '2016',
    effectiveFrom: '2016-01-01',
    source: '《高新技术企业认定管理办法》（国科发火〔2016〕32号）第十一条',
    criteria: [
      c('age', '注册成立 ≥ 1 年', 'Registered ≥ 1 year', 'yearsRegistered', '>=', 1),
      c('ip', '拥有核心自主知识产权', 'Owns core IP', 'ipClass1', '>=', 1),
      c('staff', '科技人员占职工总数 ≥ 10%', 'S&T staff ≥ 10%', 'techStaffShare', '>=', 0.1),
      c(
        'rd',
        '近 3 年研发费用占销售收入比例达标（≤5000 万元的企业 ≥ 5%）',
        'R&D ratio per size band (≥ 5% under ¥50M)',
        'rdRatio',
        '>=',
        0.05,
      ),
      c('hitech', '高新技术产品（服务）收入占比 ≥ 60%', 'High-tech income ≥ 60%', 'hitechIncomeShare', '>=', 0.6),
    ],
  },
];

export const POOL_SEED: (typeof enterprisePools.$inferInsert)[] = [
  {
    code: '521',
    name: '山亭区“521”企业培壮行动培育库',
    tiers: [
      { code: '5', name: '第一梯队' },
      { code: '2', name: '第二梯队' },
      { code: '1', name: '第三梯队' },
    ],
    source: '山亭区“工业强区、产业兴区”三年攻坚突破行动（domain.md §9；5、2、1 的含义未查到，梯队名称可由管理员修改）',
  },
  {
    code: 'hitech_pool',
    name: '高企培育库',
    tiers: [{ code: 'candidate', name: '培育对象' }],
    source: 'domain.md §9',
  },
];

/** Idempotent: thresholds only into an empty table (they have no natural key); the rest on conflict do nothing. */
export async function seedRules(db: Db): Promise<void> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(registerThresholds)) as [{ n: number }];
  if (n === 0) await db.insert(registerThresholds).values(THRESHOLD_SEED);
  await db.insert(honourRules).values(HONOUR_RULE_SEED).onConflictDoNothing();
  await db.insert(enterprisePools).values(POOL_SEED).onConflictDoNothing();
  await seedSla(db);
  await seedNodeTemplates(db);
}

/** Default ticket time limits: Shandong 企业诉求“接诉即办” (2020-05-10), domain.md §7. */
export const SLA_SEED: (typeof ticketSlas.$inferInsert)[] = [
  {
    category: null,
    level: null,
    sign: 1,
    answer: 3,
    resolve: 15,
    complexResolve: 30,
    effectiveFrom: '2020-05-10',
    source:
      '山东省企业诉求“接诉即办”：1 个工作日内启动核查、3 个工作日内答复、15 个工作日内办结，复杂问题最长 30 个工作日（枣庄市工信局，domain.md §7）',
  },
];

export async function seedSla(db: Db): Promise<void> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(ticketSlas)) as [{ n: number }];
  if (n === 0) await db.insert(ticketSlas).values(SLA_SEED);
}

const N = (
  key: string,
  name: string,
  department: string | null,
  days: number,
  after: string[] = [],
  gate: string | null = null,
) => ({
  key,
  name,
  department,
  days,
  after,
  gate,
});

/** Approval node templates; departments are matched by name when applied, durations in working days. */
export const NODE_TEMPLATE_SEED: (typeof nodeTemplates.$inferInsert)[] = [
  {
    code: 'approval',
    name: '企业投资核准类',
    source: '《企业投资项目核准和备案管理条例》常见审批链条（时长为本地承诺时限的示例值，可按实际修改）',
    nodes: [
      N('apply', '项目核准', '区发展和改革局', 20),
      N('land', '用地预审与选址意见', '区自然资源局', 20),
      N('eia', '环境影响评价审批', '区生态环境分局', 30),
      N('plan', '建设工程规划许可', '区自然资源局', 20, ['apply', 'land', 'eia']),
      N('permit', '施工许可', '区住房和城乡建设局', 10, ['plan'], 'started'),
    ],
  },
  {
    code: 'filing',
    name: '企业投资备案类',
    source: '《企业投资项目核准和备案管理条例》备案类（示例时限）',
    nodes: [
      N('filing', '项目备案', '区发展和改革局', 3),
      N('eia', '环境影响评价', '区生态环境分局', 20, ['filing']),
      N('energy', '节能审查', '区发展和改革局', 15, ['filing']),
      N('permit', '施工许可', '区住房和城乡建设局', 10, ['eia', 'energy'], 'started'),
    ],
  },
  {
    code: 'government',
    name: '政府投资审批类',
    source: '《政府投资条例》审批链条（示例时限）',
    nodes: [
      N('proposal', '项目建议书批复', '区发展和改革局', 20),
      N('feasibility', '可行性研究报告批复', '区发展和改革局', 20, ['proposal']),
      N('design', '初步设计及概算批复', '区发展和改革局', 20, ['feasibility']),
      N('permit', '施工许可', '区住房和城乡建设局', 10, ['design'], 'started'),
    ],
  },
  {
    code: 'pumped_storage',
    name: '抽水蓄能电站（核准类）',
    source: '文章所述：征地移民安置规划大纲审批 → 省发改委核准立项 → 开工',
    nodes: [
      N('resettlement', '征地移民安置规划大纲审批', '区发展和改革局', 40),
      N('approval', '省发改委核准立项', '区发展和改革局', 60, ['resettlement'], 'started'),
      N('start', '开工准备', '区住房和城乡建设局', 20, ['approval'], 'started'),
    ],
  },
];

export async function seedNodeTemplates(db: Db): Promise<void> {
  await db.insert(nodeTemplates).values(NODE_TEMPLATE_SEED).onConflictDoNothing();
}
