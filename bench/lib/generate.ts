/**
 * Deterministic synthetic data for the benchmarks: regions, departments, users with roles and data scope,
 * enterprises (with the application's own search tokens), 36 months of indicators, projects with nodes,
 * plans, investments and reports, leads with follow-ups and signings, tickets with departments and histories.
 *
 * Small, name-bearing rows (enterprises, users) are made in JavaScript from a seeded PRNG and sent as arrays
 * (`insert … select from unnest($1::text[], …)`); bulk rows are made by the database with generate_series and an
 * integer hash of the row number, so millions of rows cost one statement per batch. Runs on PostgreSQL and PGlite.
 */
import { hashPassword } from '../../apps/server/src/core/auth';
import { nameFields } from '../../apps/server/src/modules/enterprises/derive';
import { h, mulberry32, pick } from './prng';

export type Scale = 'town' | 'district' | 'province';

export interface ScaleSpec {
  cities: number;
  districtsPerCity: number;
  townsPerDistrict: number;
  enterprises: number;
  months: number;
  projects: number;
  leads: number;
  tickets: number;
  users: number;
}

export const SCALES: Record<Scale, ScaleSpec> = {
  province: {
    cities: 10,
    districtsPerCity: 10,
    townsPerDistrict: 10,
    enterprises: 100_000,
    months: 36,
    projects: 20_000,
    leads: 30_000,
    tickets: 500_000,
    users: 5_000,
  },
  district: {
    cities: 1,
    districtsPerCity: 1,
    townsPerDistrict: 10,
    enterprises: 1_000,
    months: 36,
    projects: 200,
    leads: 300,
    tickets: 5_000,
    users: 50,
  },
  town: {
    cities: 1,
    districtsPerCity: 1,
    townsPerDistrict: 1,
    enterprises: 100,
    months: 36,
    projects: 20,
    leads: 30,
    tickets: 500,
    users: 5,
  },
};

/** The password of every generated user. */
export const BENCH_PASSWORD = 'Bench@2026pass';
/** The month after the last month of indicators (data are anchored here, so they never change). */
export const ANCHOR = '2026-11-01';
/** The district departments every district has (the ticket queue case uses one of them). */
export const DEPARTMENTS = [
  '发展和改革局',
  '工业和信息化局',
  '自然资源局',
  '住房和城乡建设局',
  '生态环境分局',
  '市场监督管理局',
  '税务局',
  '人力资源和社会保障局',
];

/** Anything with `query(text, params)` answering `{ rows }`: a pg Pool/Client or a PGlite instance. */
export interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Synthetic codes in a valid 12-digit hierarchy under 山东 (37): cities 3780–3789 are not real NBS codes. */
export const cityCode = (ci: number) => `37${80 + ci}00000000`;
export const districtCode = (di: number, s: ScaleSpec) =>
  `37${80 + Math.floor(di / s.districtsPerCity)}${pad((di % s.districtsPerCity) + 1, 2)}000000`;
export const townCode = (ti: number, s: ScaleSpec) =>
  `${districtCode(Math.floor(ti / s.townsPerDistrict), s).slice(0, 6)}${101 + (ti % s.townsPerDistrict)}000`;

const PLACES = [...'凫城山亭鲁南新华兴盛源泰恒通达金玉宏远勇辰德丰润峄薛台庄滕沂蒙汶泗洙水北湖岳峰安邦瑞祥嘉和永昌'];
const PLACE2 = Array.from({ length: 60 }, (_, i) => PLACES[i % PLACES.length]! + PLACES[(i * 7 + 3) % PLACES.length]!);
const WORDS = Array.from(
  { length: 80 },
  (_, i) => '华鑫宇博晟昊瀚铭泽润恒达腾飞卓越创新智能科技实业'[i % 20]! + '盛源通辉宏业丰隆荣光明远'[(i * 3) % 12]!,
);
const TRADES = [
  '食品',
  '建材',
  '机械',
  '新能源',
  '物流',
  '电商',
  '化工',
  '纺织',
  '农业',
  '科技',
  '电子',
  '医药',
  '包装',
  '五金',
  '家具',
  '塑业',
  '钢构',
  '陶瓷',
  '服饰',
  '能源',
  '环保',
  '商贸',
  '矿业',
  '材料',
];
const SUFFIXES = ['有限公司', '股份有限公司', '有限责任公司'];
const NAME_SPACE = PLACE2.length * WORDS.length * TRADES.length * SUFFIXES.length;
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂'];

/** The i-th enterprise name: a permutation of the name space, so names are unique and realistic. */
export function enterpriseName(i: number): string {
  let k = (i * 7919 + 13) % NAME_SPACE;
  const s = k % SUFFIXES.length;
  k = Math.floor(k / SUFFIXES.length);
  const t = k % TRADES.length;
  k = Math.floor(k / TRADES.length);
  const w = k % WORDS.length;
  const p = Math.floor(k / WORDS.length);
  return `${PLACE2[p]}${WORDS[w]}${TRADES[t]}${SUFFIXES[s]}`;
}

/** Search strings that hit generated names (two characters, pinyin initials, a trade, a longer fragment). */
export function searchQueries(): string[] {
  return [PLACE2[0]!, WORDS[1]!, 'xh', TRADES[3]!, `${PLACE2[2]}${WORDS[5]}`, PLACE2[7]!, 'sdyc', WORDS[9]!];
}

type Log = (msg: string) => void;

/**
 * `head` selects from columns c0, c1, … of unnest($1::type[], …); `extra` values follow the arrays as
 * $(n+1), $(n+2), ….
 */
async function batchInsert(
  sql: Sql,
  head: string,
  types: string[],
  cols: unknown[][],
  opts: { batch?: number; extra?: unknown[] } = {},
) {
  const n = cols[0]!.length;
  const batch = opts.batch ?? 5000;
  const names = types.map((_, i) => `c${i}`);
  const text = `${head} from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) as t(${names.join(', ')})`;
  for (let i = 0; i < n; i += batch)
    await sql.query(text, [...cols.map((c) => c.slice(i, i + batch)), ...(opts.extra ?? [])]);
}

export interface Generated {
  scale: Scale;
  counts: Record<string, number>;
  seconds: Record<string, number>;
  towns: string[];
  districts: string[];
}

export async function generate(sql: Sql, scale: Scale, log: Log = () => {}): Promise<Generated> {
  const s = SCALES[scale];
  const rnd = mulberry32(20260408);
  const seconds: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const step = async (name: string, fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    seconds[name] = Math.round(performance.now() - t0) / 1000;
    log(`  ${name}: ${seconds[name]} s`);
  };
  const existing = await sql.query(`select 1 from region where code = $1`, [cityCode(0)]);
  if (existing.rows.length)
    throw new Error('synthetic data are already loaded in this database (region 378000000000 exists)');
  const person = () => pick(rnd, SURNAMES) + pick(rnd, GIVEN) + (rnd() < 0.5 ? pick(rnd, GIVEN) : '');
  const nDistricts = s.cities * s.districtsPerCity;
  const nTowns = nDistricts * s.townsPerDistrict;
  const districts = Array.from({ length: nDistricts }, (_, di) => districtCode(di, s));
  const towns = Array.from({ length: nTowns }, (_, ti) => townCode(ti, s));

  await step('regions and departments', async () => {
    const rows: [string, string, number, string][] = [];
    for (let ci = 0; ci < s.cities; ci++) rows.push([cityCode(ci), `合成${ci + 1}市`, 2, '370000000000']);
    districts.forEach((d, di) => {
      rows.push([d, `合成${di + 1}区`, 3, cityCode(Math.floor(di / s.districtsPerCity))]);
    });
    towns.forEach((t, ti) => {
      rows.push([t, `合成${ti + 1}镇`, 4, districts[Math.floor(ti / s.townsPerDistrict)]!]);
    });
    await batchInsert(
      sql,
      `insert into region (code, name, level, parent_code, vintage) select c0, c1, c2, c3, 'bench'`,
      ['text', 'text', 'int', 'text'],
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
    // town offices (code T) and the district departments (code K1…K8)
    const dn: string[] = [];
    const dc: string[] = [];
    const dr: string[] = [];
    const dk: string[] = [];
    towns.forEach((t, ti) => {
      dn.push(`合成${ti + 1}镇经济发展办公室`);
      dc.push('T');
      dr.push(t);
      dk.push('town_office');
    });
    districts.forEach((d, di) => {
      DEPARTMENTS.forEach((name, k) => {
        dn.push(`合成${di + 1}区${name}`);
        dc.push(`K${k + 1}`);
        dr.push(d);
        dk.push('district_dept');
      });
    });
    await batchInsert(
      sql,
      `insert into department (name, code, region_code, kind) select c0, c1, c2, c3`,
      ['text', 'text', 'text', 'text'],
      [dn, dc, dr, dk],
    );
  });

  await step('users', async () => {
    const hash = await hashPassword(BENCH_PASSWORD);
    const roleIds = new Map<string, number>(
      (await sql.query(`select code, id from role`)).rows.map((r: any) => [r.code, r.id] as [string, number]),
    );
    const depts = new Map<string, number>(
      (await sql.query(`select region_code, code, id from department where code is not null`)).rows.map(
        (r: any) => [`${r.region_code}/${r.code}`, r.id] as [string, number],
      ),
    );
    const u: { username: string; name: string; region: string | null; dept: number | null; role: string }[] = [];
    u.push({ username: 'bz.p.leader', name: person(), region: '370000000000', dept: null, role: 'leader' });
    for (let ci = 0; ci < s.cities; ci++)
      u.push({ username: `bz.c${ci}.leader`, name: person(), region: cityCode(ci), dept: null, role: 'leader' });
    districts.forEach((d, di) => {
      u.push({ username: `bz.d${di}.leader`, name: person(), region: d, dept: null, role: 'leader' });
      u.push({ username: `bz.d${di}.inv`, name: person(), region: d, dept: null, role: 'investment' });
      DEPARTMENTS.forEach((_, k) => {
        u.push({
          username: `bz.d${di}.dept${k + 1}`,
          name: person(),
          region: d,
          dept: depts.get(`${d}/K${k + 1}`)!,
          role: 'department',
        });
      });
    });
    towns.forEach((t, ti) => {
      u.push({ username: `bz.t${ti}.leader`, name: person(), region: t, dept: null, role: 'leader' });
      for (let k = 1; k <= 2; k++)
        u.push({ username: `bz.t${ti}.cadre${k}`, name: person(), region: t, dept: null, role: 'cadre' });
    });
    // the rest are cadres of the towns in turn
    for (let i = 0; u.length < s.users; i++)
      u.push({
        username: `bz.t${i % nTowns}.cadre${3 + Math.floor(i / nTowns)}`,
        name: person(),
        region: towns[i % nTowns]!,
        dept: null,
        role: 'cadre',
      });
    await batchInsert(
      sql,
      `insert into app_user (username, display_name, password_hash, region_code, department_id, password_changed_at) select c0, c1, $5, c2, c3, now()`,
      ['text', 'text', 'text', 'int'],
      [u.map((x) => x.username), u.map((x) => x.name), u.map((x) => x.region), u.map((x) => x.dept)],
      { extra: [hash] },
    );
    await batchInsert(
      sql,
      `insert into user_role (user_id, role_id) select (select id from app_user where username = c0), c1`,
      ['text', 'int'],
      [u.map((x) => x.username), u.map((x) => roleIds.get(x.role)!)],
    );
    counts.users = u.length;
  });

  await step('enterprises', async () => {
    const inds = (
      await sql.query(
        `select i.code, d.parent_code as section from industry i join industry d on d.code = left(i.code, 2)
         where length(i.code) = 4 and i.is_industrial order by i.code`,
      )
    ).rows as { code: string; section: string }[];
    const others = (
      await sql.query(
        `select i.code, d.parent_code as section from industry i join industry d on d.code = left(i.code, 2)
         where length(i.code) = 4 and not i.is_industrial order by i.code`,
      )
    ).rows as { code: string; section: string }[];
    if (!inds.length) throw new Error('no industry codes: was the database bootstrapped?');
    const chains = [
      'building_materials',
      'health_food',
      'new_energy',
      'high_end_equipment',
      'e_commerce',
      'modern_logistics',
    ];
    const cats = ['wholesale_above', 'retail_above', 'services_above', 'catering_above'];
    const cols: unknown[][] = Array.from({ length: 18 }, () => []);
    for (let i = 0; i < s.enterprises; i++) {
      const name = enterpriseName(i);
      const f = nameFields(name);
      const industrial = rnd() < 0.6;
      const ind = industrial ? pick(rnd, inds) : pick(rnd, others.length ? others : inds);
      const r = rnd();
      // about a third of the industrial firms are in the 规上 register; some others are 限上 / 规上服务业
      const cat = industrial ? (r < 0.35 ? 'industry_above' : null) : r < 0.15 ? pick(rnd, cats) : null;
      const status = cat ? 'in' : 'below';
      const established = `${2000 + Math.floor(rnd() * 24)}-${pad(1 + Math.floor(rnd() * 12), 2)}-${pad(1 + Math.floor(rnd() * 28), 2)}`;
      const town = towns[i % nTowns]!;
      const values = [
        name,
        f.nameNorm,
        f.searchTokens.join('|'),
        f.pinyinInitials,
        f.pinyinKey,
        town,
        ind.code,
        ind.section,
        ind.code.slice(0, 2),
        cat,
        status,
        cat ? `${2015 + Math.floor(rnd() * 10)}-01-01` : null,
        person(),
        `1${pad(30000000000 + Math.floor(rnd() * 9999999999), 10)}`.slice(0, 11),
        established,
        String(Math.floor(rnd() * 1000) * 100000),
        `合成${Math.floor(i % nTowns) + 1}镇工业园${1 + Math.floor(rnd() * 300)}号`,
        rnd() < 0.4 ? pick(rnd, chains) : null,
      ];
      values.forEach((v, k) => {
        cols[k]!.push(v);
      });
    }
    await batchInsert(
      sql,
      `insert into enterprise (name, name_norm, search_tokens, pinyin_initials, pinyin_key, region_code, industry_code,
         industry_section, industry_division, stat_category, register_status, register_date, legal_person, contact_phone,
         established_on, registered_capital, address, chain)
       select c0, c1, string_to_array(c2, '|'), c3, c4, c5, c6, c7, c8, c9, c10, c11::date, c12, c13, c14::date, c15::numeric, c16, c17`,
      Array.from({ length: 18 }, () => 'text'),
      cols,
      { batch: 2000 },
    );
    counts.enterprises = s.enterprises;
  });
  const [{ e0, n }] = (
    await sql.query(
      `select min(id)::int as e0, (max(id) - min(id) + 1)::int as n from enterprise where region_code like '378%'`,
    )
  ).rows as [{ e0: number; n: number }];
  if (n !== s.enterprises) throw new Error(`enterprise ids are not contiguous (${n} ≠ ${s.enterprises})`);
  /** SQL: the enterprise of row `g` (salt k). */
  const ent = (g: string, k: number) => `(${e0} + ${h(g, k, n)})`;
  /** SQL join: `alias` is a district department (K1…K8) of the district of a 12-digit region code expression. */
  const deptJoin = (alias: string, region: string, g: string, k: number) =>
    `join department ${alias} on ${alias}.region_code = left(${region}, 6) || '000000' and ${alias}.code = 'K' || (1 + ${h(g, k, DEPARTMENTS.length)})`;
  const userOf = (region: string, suffix: string) =>
    `(select u.id from app_user u where u.region_code = left(${region}, 6) || '000000' and u.username like '%.${suffix}' limit 1)`;
  const firstMonth = `date '${ANCHOR}' - interval '${s.months} months'`;
  // child tables carry their parent's region code where the schema has the column (distribution by region)
  const withRegion = new Set(
    (
      await sql.query(
        `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'region_code'`,
      )
    ).rows.map((r: any) => r.table_name as string),
  );
  const rc = (table: string, expr: string) =>
    withRegion.has(table) ? { col: ', region_code', val: `, ${expr}` } : { col: '', val: '' };

  await step('indicators', async () => {
    // all enterprises report every month; output grows about 8 % a year with a seasonal swing
    const per = 5000;
    for (let a = 0; a < n; a += per) {
      await sql.query(
        `insert into enterprise_indicator (enterprise_id, month, revenue, output, profit, employees, electricity, status, source, confirmed_at${rc('enterprise_indicator', '').col})
         select e.id, m.month::date, round(v.base * m.f, 2), round(v.base * m.f * 1.08, 2), round(v.base * m.f * 0.06, 2),
                v.staff, round(v.base * m.f / 20, 2), 'confirmed', 'import', now()${rc('enterprise_indicator', 'e.region_code').val}
         from enterprise e
         cross join lateral (select (${h('e.id', 1, 400)} + 20) * 50000.0 as base, 10 + ${h('e.id', 2, 300)} as staff) v
         cross join lateral (select mm as month,
                (1 + 0.0065 * (extract(year from mm) * 12 + extract(month from mm) - 2023 * 12)
                  + 0.05 * sin(extract(month from mm)::float8 * 0.52 + ${h('e.id', 3, 6)}))::numeric as f
              from generate_series(${firstMonth}, date '${ANCHOR}' - interval '1 month', interval '1 month') mm) m
         where e.id between $1::int and $2::int`,
        [e0 + a, e0 + Math.min(n, a + per) - 1],
      );
    }
    counts.indicators = n * s.months;
  });

  await step('projects', async () => {
    const stages = `array['planning','negotiating','signed','started','building','producing','full_production']`;
    await sql.query(
      `insert into project (code, name, enterprise_id, region_code, industry_code, chain, chain_role, nature, approval_type,
         total_investment, expected_output, expected_tax, expected_jobs, planned_start, planned_production, actual_start,
         stage, suspended, leader_id, responsible_dept_id, responsible_user_id, report_cycle, construction_content)
       select 'BZP' || lpad(g::text, 9, '0'), e.name || (array['年产十万吨','智能制造','扩建','技术改造','产业园','生产线'])[1 + ${h('g', 4, 6)}] || '项目',
         e.id, e.region_code, e.industry_code, e.chain, (array['extend','link','complete'])[1 + ${h('g', 5, 3)}],
         (array['new','expansion','upgrade'])[1 + ${h('g', 6, 3)}], (array['核准','备案','审批'])[1 + ${h('g', 7, 3)}],
         x.inv, x.inv * 1.5, x.inv * 0.05, 20 + ${h('g', 8, 500)}, x.ps, x.ps + 540,
         case when x.st >= 4 then x.ps + ${h('g', 9, 60)} end,
         (${stages})[x.st], ${h('g', 10, 50)} = 0,
         ${userOf('e.region_code', 'leader')}, rd.id, ${userOf('e.region_code', 'inv')},
         'monthly', '建设厂房及配套设施'
       from generate_series(1, ${s.projects}) g
       join enterprise e on e.id = ${ent('g', 12)}
       ${deptJoin('rd', 'e.region_code', 'g', 11)}
       cross join lateral (select (5 + ${h('g', 13, 300)}) * 1000000.0 as inv, date '2023-06-01' + ${h('g', 14, 900)}::int as ps,
                                  1 + ${h('g', 15, 7)} as st) x`,
    );
    // six approval nodes each, in a chain, with a district department
    await sql.query(
      `insert into project_node (project_id, key, name, department_id, department_name, days, after, start_date, actual_start, actual_done${rc('project_node', '').col})
       select p.id, 'n' || k, (array['立项备案','用地预审','规划许可','环评批复','施工许可','竣工验收'])[k],
         d.id, d.name, 10 + ${h('p.id * 7 + k', 16, 20)}, case when k = 1 then '{}'::text[] else array['n' || (k - 1)] end,
         p.planned_start, case when k <= 2 + ${h('p.id', 17, 4)} then p.planned_start + (k - 1) * 20 end,
         case when k <= 1 + ${h('p.id', 17, 4)} then p.planned_start + k * 20 end${rc('project_node', 'p.region_code').val}
       from project p cross join generate_series(1, 6) k
       ${deptJoin('d', 'p.region_code', 'p.id * 7 + k', 18)}
       where p.code like 'BZP%'`,
    );
    await sql.query(
      `insert into project_plan (project_id, year, amount)
       select p.id, y, round(p.total_investment * 0.4, 2) from project p cross join generate_series(2025, 2026) y where p.code like 'BZP%'`,
    );
    await sql.query(
      `insert into project_investment (project_id, month, amount${rc('project_investment', '').col})
       select p.id, m::date, round(p.total_investment * (0.01 + ${h('p.id * 13 + extract(month from m)::int', 19, 30)} / 1000.0), 2)${rc('project_investment', 'p.region_code').val}
       from project p cross join generate_series(date '${ANCHOR}' - interval '12 months', date '${ANCHOR}' - interval '1 month', interval '1 month') m
       where p.code like 'BZP%' and p.stage in ('started','building','producing','full_production')`,
    );
    await sql.query(
      `insert into project_report (project_id, period, progress, investment, problems, next_steps, reported_by, reported_by_name, reported_at${rc('project_report', '').col})
       select p.id, to_char(m, 'YYYY-MM'), '主体工程按计划推进', round(p.total_investment * 0.02, 2),
         case when ${h('p.id', 20, 5)} = 0 then '用地指标待落实' end, '推进设备安装', p.responsible_user_id, '项目专员', m + interval '27 days'${rc('project_report', 'p.region_code').val}
       from project p cross join generate_series(date '${ANCHOR}' - interval '6 months', date '${ANCHOR}' - interval '1 month', interval '1 month') m
       where p.code like 'BZP%' and p.stage in ('started','building','producing','full_production')`,
    );
    await sql.query(
      `insert into project_stage_history (project_id, stage, "on", note, by_name)
       select p.id, p.stage, p.planned_start, '生成数据', '系统' from project p where p.code like 'BZP%'`,
    );
    const c = (
      await sql.query(`select
        (select count(*) from project_node)::int as nodes, (select count(*) from project_report)::int as reports,
        (select count(*) from project_investment)::int as investments`)
    ).rows[0];
    counts.projects = s.projects;
    Object.assign(counts, { projectNodes: c.nodes, projectReports: c.reports, projectInvestments: c.investments });
  });

  await step('leads', async () => {
    await sql.query(
      `insert into lead (investor_name, project_name, industry_code, chain, intended_investment, source, introducer, region_code,
         stage, max_stage, closed_reason, owner_id, next_action, next_action_on, registered_on, responded_on, last_followup_on)
       select x.investor, x.investor || '投资项目', e.industry_code, e.chain, (10 + ${h('g', 21, 500)}) * 1000000.0,
         (array['via_investor','resident_office','expo','platform','referral','other'])[1 + ${h('g', 22, 6)}], '商会推介',
         e.region_code, x.stage, case when x.stage in ('shelved','abandoned') then (array['lead','contact','inspection','negotiation'])[1 + ${h('g', 23, 4)}] else x.stage end,
         case when x.stage in ('shelved','abandoned') then '投资方调整计划' end,
         ${userOf('e.region_code', 'inv')}, '电话回访', date '${ANCHOR}' + ${h('g', 24, 30)}::int,
         x.reg, x.reg + 3, x.reg + 30 + ${h('g', 25, 200)}::int
       from generate_series(1, ${s.leads}) g
       join enterprise e on e.id = ${ent('g', 26)}
       cross join lateral (select
         (array['上海','深圳','杭州','苏州','北京','青岛','宁波','无锡'])[1 + ${h('g', 27, 8)}] || (array['华','鑫','宇','博','晟'])[1 + ${h('g', 28, 5)}] || (array['控股','集团','实业','科技'])[1 + ${h('g', 29, 4)}] || '有限公司' as investor,
         (array['lead','lead','contact','contact','inspection','negotiation','negotiation','signed','landed','shelved','abandoned','abandoned'])[1 + ${h('g', 30, 12)}] as stage,
         date '2024-01-01' + ${h('g', 31, 1000)}::int as reg) x`,
    );
    await sql.query(
      `insert into lead_signing (lead_id, signed_on, amount, terms, event)
       select l.id, date '${ANCHOR}' - (1 + ${h('l.id', 32, 600)})::int, l.intended_investment, '投资协议', '集中签约'
       from lead l where l.stage in ('signed','landed') and l.investor_name like '%有限公司'`,
    );
    await sql.query(
      `insert into lead_stage_history (lead_id, stage, "on", note, by_name)
       select l.id, l.stage, l.registered_on + 10, '生成数据', '系统' from lead l`,
    );
    await sql.query(
      `insert into lead_followup (lead_id, "on", mode, content, by_id, by_name${rc('lead_followup', '').col})
       select l.id, l.registered_on + k * 15, (array['电话','面谈','考察'])[k], '沟通投资意向', l.owner_id, '招商专员'${rc('lead_followup', 'l.region_code').val}
       from lead l cross join generate_series(1, 2) k`,
    );
    // a 招商 plan per district for the forecast
    await sql.query(
      `insert into investment_plan (year, region_code, title, big_signings_target)
       select y, r.code, '合成招商引资方案', 3 + ${h('length(r.name)', 33, 5)} from region r cross join (values (2025), (2026)) v(y)
       where r.code like '378%' and r.level = 3 on conflict do nothing`,
    );
    counts.leads = s.leads;
  });

  await step('tickets', async () => {
    const per = 50_000;
    const states = `array['registered','assigned','accepted','in_progress','answered','review','rating','archived']`;
    for (let a = 1; a <= s.tickets; a += per) {
      const b = Math.min(s.tickets, a + per - 1);
      await sql.query(
        `insert into ticket (code, enterprise_id, region_code, owner_region, level, category, title, description, source, priority, complex,
           state, registered_on, assigned_on, accepted_on, answered_on, closed_on, archived_on, answer, rating, rated_at, solved_confirmed)
         select 'BZT' || lpad(g::text, 9, '0'), e.id, e.region_code,
           case when x.district then left(e.region_code, 6) || '000000' else e.region_code end,
           case when x.district then 'district' else 'town' end, x.cat,
           (array['用地指标','电力增容','供水管网','贷款融资','招工难','审批提速','政策兑现','道路维修','环保评价','其他事项'])[x.ci] || '诉求',
           '企业反映' || (array['用地指标','电力增容','供水管网','贷款融资','招工难','审批提速','政策兑现','道路维修','环保评价','其他事项'])[x.ci] || '问题，请协调解决',
           (array['visit','self_report','hotline_12345','other'])[1 + ${h('g', 40, 4)}],
           (array['normal','normal','normal','urgent','critical'])[1 + ${h('g', 41, 5)}], ${h('g', 42, 10)} = 0,
           (${states})[x.st], x.reg,
           case when x.st >= 2 then x.reg + 1 end, case when x.st >= 3 then x.reg + 2 end,
           case when x.st >= 5 then x.reg + 6 end, case when x.st >= 7 then x.reg + 9 end,
           case when x.st = 8 then x.reg + 20 end, case when x.st >= 5 then '已协调相关部门解决' end,
           case when x.st = 8 then (array['satisfied','satisfied','satisfied','basic','unsatisfied'])[1 + ${h('g', 43, 5)}] end,
           case when x.st = 8 then (x.reg + 12)::timestamptz end, case when x.st = 8 then true end
         from generate_series($1::int, $2::int) g
         join enterprise e on e.id = ${ent('g', 44)}
         cross join lateral (select 1 + ${h('g', 45, 10)} as ci,
             (array['land','power','water','finance','labour','approval','policy','infrastructure','environment','other'])[1 + ${h('g', 45, 10)}] as cat,
             ${h('g', 46, 5)} = 0 as district,
             case when ${h('g', 47, 100)} < 60 then 8 when ${h('g', 47, 100)} < 70 then 7 else 1 + ${h('g', 48, 6)} end as st) y0
         cross join lateral (select y0.*, case when y0.st >= 7 then date '2023-11-01' + ${h('g', 49, 1060)}::int
             else date '${ANCHOR}' - (1 + ${h('g', 50, 40)})::int end as reg) x`,
        [a, b],
      );
    }
    await sql.query(
      `insert into ticket_department (ticket_id, department_id, role, active, assigned_at${rc('ticket_department', '').col})
       select t.id, d.id, 'lead', true, t.assigned_on::timestamptz${rc('ticket_department', 't.region_code').val}
       from ticket t ${deptJoin('d', 't.region_code', 't.id', 51)} where t.code like 'BZT%' and t.assigned_on is not null`,
    );
    // the history: one event per state the ticket went through
    for (let a = 1; a <= s.tickets; a += per) {
      await sql.query(
        `insert into ticket_event (ticket_id, at, actor_name, action, from_state, to_state, note${rc('ticket_event', '').col})
         select t.id, (t.registered_on + k)::timestamptz, '生成数据',
           (array['create','assign','accept','start','answer','submit_review','approve_close','archive'])[k],
           case when k > 1 then (${states})[k - 1] end, (${states})[k], null${rc('ticket_event', 't.region_code').val}
         from ticket t cross join generate_series(1, 8) k
         where t.code like 'BZT%' and t.id between (select min(id) from ticket where code like 'BZT%') + $1::int - 1
               and (select min(id) from ticket where code like 'BZT%') + $2::int - 1
           and k <= array_position(${states}, t.state)`,
        [a, Math.min(s.tickets, a + per - 1)],
      );
    }
    const c = (
      await sql.query(
        `select (select count(*) from ticket_event)::int as ev, (select count(*) from ticket_department)::int as td`,
      )
    ).rows[0];
    counts.tickets = s.tickets;
    counts.ticketEvents = c.ev;
    counts.ticketDepartments = c.td;
  });

  await step('targets and analyze', async () => {
    await sql.query(
      `insert into target (region_code, year, metric, value)
       select r.code, 2026, m, case m when 'industrial_output' then 5000000000 when 'project_investment' then 2000000000
         when 'tickets_on_time' then 0.95 else 100 end
       from region r cross join unnest(array['industrial_output','industrial_count','register_count','project_investment','big_signings','tickets_on_time']) m
       where r.code like '378%' on conflict do nothing`,
    );
    await sql.query('analyze');
  });
  return { scale, counts, seconds, towns, districts };
}
