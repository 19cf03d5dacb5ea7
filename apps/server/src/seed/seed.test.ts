import { usccCheckChar } from '@beizeng/contract';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../core/auth';
import { type Database, type Db, openPglite, rowsOf } from '../core/db';
import { holidays } from '../modules/calendar/calendar.tables';
import { departments } from '../modules/departments/departments.tables';
import { dictItems, dictTypes } from '../modules/dicts/dicts.tables';
import { enterprises } from '../modules/enterprises/enterprises.tables';
import { industries } from '../modules/industries/industries.tables';
import { regions } from '../modules/regions/regions.tables';
import { roles } from '../modules/roles/roles.tables';
import { settings } from '../modules/settings/settings.tables';
import { userRoles, users } from '../modules/users/users.tables';
import { seedDemo } from './demo';
import {
  CADRE_USERNAMES,
  DEMO_DEPARTMENTS,
  DEMO_ENTERPRISES,
  DEMO_LEADS,
  DEMO_PAIRINGS,
  DEMO_PROJECTS,
  DEMO_TICKETS,
  DEMO_USERS,
  isValidUscc,
  makeUscc,
  TOWN_CODE,
} from './demo-data';
import { DICT_SEED, KNOWN_PERMISSIONS_KEY, parseCsv, seedReference } from './reference';
import { ROLE_SEED } from './roles';

const PASSWORD = 'Demo-Passw0rd!';
const ROLE_USERNAMES = ['admin', 'leader', 'cadre', 'investment', 'department', 'enterprise', 'supervisor'];

let database: Database;
let db: Db;

const count = async (table: Parameters<Db['$count']>[0]) => db.$count(table);
async function counts() {
  return {
    regions: await count(regions),
    industries: await count(industries),
    holidays: await count(holidays),
    dictTypes: await count(dictTypes),
    dictItems: await count(dictItems),
    settings: await count(settings),
    roles: await count(roles),
  };
}

describe('seed', () => {
  let firstCounts: Awaited<ReturnType<typeof counts>>;
  let accounts: { username: string; role: string; displayName: string }[];

  beforeAll(async () => {
    database = await openPglite({});
    db = database.db;
    await database.migrate();
    await seedReference(db);
    firstCounts = await counts();
    await seedReference(db);
    ({ accounts } = await seedDemo(db, { password: PASSWORD }));
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('seedReference is idempotent', async () => {
    expect(await counts()).toEqual(firstCounts);
    expect(firstCounts.roles).toBe(7);
    expect(firstCounts.dictTypes).toBe(DICT_SEED.length);
    expect(firstCounts.dictItems).toBe(DICT_SEED.reduce((n, t) => n + t.items.length, 0));
  });

  it('loads the region tree of 枣庄 with its vintage', async () => {
    const [town] = await db.select().from(regions).where(eq(regions.code, TOWN_CODE));
    expect(town).toMatchObject({ name: '凫城镇', level: 4, parentCode: '370406000000', vintage: '2023' });
    const villages = await db.select().from(regions).where(eq(regions.parentCode, TOWN_CODE));
    expect(villages).toHaveLength(18);
    expect(villages.every((v) => v.level === 5)).toBe(true);
    expect(await db.$count(regions, eq(regions.parentCode, '370406000000'))).toBe(11);
    const [district] = await db.select().from(regions).where(eq(regions.code, '370406000000'));
    expect(district.name).toBe('山亭区');
  });

  it('loads GB/T 4754-2017 with the industrial sections flagged', async () => {
    const rows = rowsOf<{ level: string; n: number }>(
      await db.execute(sql`select level, count(*)::int as n from industry group by level`),
    );
    expect(Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]))).toEqual({
      门类: 20,
      大类: 97,
      中类: 473,
      小类: 1381,
    });
    const flag = async (code: string) =>
      (await db.select().from(industries).where(eq(industries.code, code)))[0]?.isIndustrial;
    expect(await flag('C')).toBe(true);
    expect(await flag('B')).toBe(true);
    expect(await flag('D')).toBe(true);
    expect(await flag('A')).toBe(false);
    expect(await flag('3011')).toBe(true); // 水泥制造
    expect(await flag('4415')).toBe(true); // 风力发电 (D)
    expect(await flag('5292')).toBe(false); // 互联网零售 (F)
  });

  it('loads the holiday calendar 2024–2026', async () => {
    expect(await db.$count(holidays)).toBe(108);
    const [oct1] = await db.select().from(holidays).where(eq(holidays.date, '2026-10-01'));
    expect(oct1).toMatchObject({ kind: 'off', name: '国庆节' });
    expect(oct1.note).toContain('国办发明电');
    const [makeup] = await db.select().from(holidays).where(eq(holidays.date, '2024-02-04'));
    expect(makeup.kind).toBe('workday');
  });

  it('seeds dictionaries, settings and roles', async () => {
    const chains = await db.select().from(dictItems).where(eq(dictItems.typeCode, 'industry_chain'));
    expect(chains.map((c) => c.label)).toEqual([
      '新型建材',
      '大健康食品',
      '新能源',
      '高端装备',
      '电子商务',
      '现代物流',
      '其他',
    ]);
    expect(chains.every((c) => c.color && c.labelEn)).toBe(true);
    const [retention] = await db.select().from(settings).where(eq(settings.key, 'auditRetentionDays'));
    expect(retention.value).toBe(190);
    const [cadre] = await db.select().from(roles).where(eq(roles.code, 'cadre'));
    expect(cadre).toMatchObject({ name: '帮包干部', nameEn: 'Liaison cadre', builtin: true, dataScope: 'region' });
  });

  it('grants permission codes added by a later release to the built-in roles of an earlier install', async () => {
    const all = async () => new Map((await db.select().from(roles)).map((r) => [r.code, r.permissions]));
    const setPerms = (code: string, p: string[]) =>
      db.update(roles).set({ permissions: p }).where(eq(roles.code, code));
    const defaults = new Map(ROLE_SEED.map((r) => [r.code as string, r.permissions]));
    // a code the cadre role has by default and the leader role has not
    const newCode = defaults.get('cadre')!.find((c) => !defaults.get('leader')!.includes(c))!;
    const removedByAdmin = defaults.get('cadre')!.find((c) => c !== newCode)!;
    const before = await all();
    try {
      // An install made before `newCode` existed: no role holds it and no record of known codes exists.
      for (const [code, p] of before)
        await setPerms(
          code,
          p.filter((c) => c !== newCode),
        );
      await db.delete(settings).where(eq(settings.key, KNOWN_PERMISSIONS_KEY));
      await seedReference(db);
      let now = await all();
      for (const [code, def] of defaults) expect(now.get(code)!.includes(newCode), code).toBe(def.includes(newCode));
      expect(now.get('leader')).not.toContain(newCode);
      // An admin then removes a known code from the cadre role: the next start leaves it removed.
      await setPerms(
        'cadre',
        now.get('cadre')!.filter((c) => c !== removedByAdmin),
      );
      await seedReference(db);
      now = await all();
      expect(now.get('cadre')).not.toContain(removedByAdmin);
      expect(now.get('cadre')).toContain(newCode);
    } finally {
      for (const [code, p] of before) await setPerms(code, p);
    }
  });

  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,b,c\n1,"x, ""y""",3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', '3'],
    ]);
  });

  it('computes and checks 统一社会信用代码', () => {
    // published codes
    expect(isValidUscc('91330100799655058B')).toBe(true);
    expect(isValidUscc('9144030071526726XG')).toBe(true);
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    const codes = DEMO_ENTERPRISES.map((e) => e.uscc);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) {
      expect(c).toMatch(/^91370406/);
      expect(isValidUscc(c)).toBe(true);
    }
    const good = makeUscc('MA3C2YT7');
    const mutated = `${good.slice(0, 10)}${good[10] === '1' ? '2' : '1'}${good.slice(11)}`;
    expect(isValidUscc(mutated)).toBe(false);
    expect(isValidUscc(`${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`)).toBe(false);
  });

  it('loads the demo enterprises, 19 of them paired with cadres', async () => {
    const rows = await db.select().from(enterprises);
    expect(rows).toHaveLength(DEMO_ENTERPRISES.length);
    expect(rows.every((r) => r.isDemo && r.uscc && isValidUscc(r.uscc))).toBe(true);
    const townRegions = new Set([
      TOWN_CODE,
      ...(await db.select().from(regions).where(eq(regions.parentCode, TOWN_CODE))).map((r) => r.code),
    ]);
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(DEMO_PAIRINGS).toHaveLength(19);
    for (const p of DEMO_PAIRINGS) {
      const e = byName.get(p.enterpriseName);
      expect(e, p.enterpriseName).toBeDefined();
      expect(townRegions.has(e!.regionCode)).toBe(true);
      expect(CADRE_USERNAMES).toContain(p.cadre);
    }
    for (const e of rows) {
      const [ind] = await db.select().from(industries).where(eq(industries.code, e.industryCode!));
      expect(ind?.level, `${e.name} ${e.industryCode}`).toBe('小类');
    }
    const chainValues = new Set(DICT_SEED.find((t) => t.code === 'industry_chain')!.items.map((i) => i.value));
    expect(rows.every((r) => chainValues.has(r.chain!))).toBe(true);
    const candidates = rows.filter((r) => r.targetRegister).map((r) => [r.name, r.targetRegister]);
    expect(candidates).toEqual(
      expect.arrayContaining([
        ['山东勇辰食品有限公司', 'industry_above'],
        ['山东乾德源新材料科技发展有限公司', 'industry_above'],
        ['山东鸿泰昆仑能源科技有限公司', 'wholesale_above'],
        ['山东亭好电商科技有限公司', 'retail_above'],
        ['枣庄市山亭区老峄县餐饮服务有限公司', 'catering_above'],
        ['枣庄欣源日用品有限公司', 'retail_above'],
      ]),
    );
    expect(await db.$count(departments)).toBe(DEMO_DEPARTMENTS.length);
  });

  it('creates one account per role with exactly that role', async () => {
    expect(accounts.map((a) => a.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    for (const username of ROLE_USERNAMES) {
      const rows = rowsOf<{ code: string }>(
        await db.execute(
          sql`select r.code from ${users} u join ${userRoles} ur on ur.user_id = u.id join ${roles} r on r.id = ur.role_id where u.username = ${username}`,
        ),
      );
      expect(rows.map((r) => r.code)).toEqual([username]);
    }
    const [ent] = await db.select().from(users).where(eq(users.username, 'enterprise'));
    const [yongchen] = await db.select().from(enterprises).where(eq(enterprises.name, '山东勇辰食品有限公司'));
    expect(ent.enterpriseId).toBe(yongchen.id);
    const [dept] = await db.select().from(users).where(eq(users.username, 'department'));
    const [zrzy] = await db.select().from(departments).where(eq(departments.name, '区自然资源局'));
    expect(dept.departmentId).toBe(zrzy.id);
    expect(zrzy.regionCode).toBe('370406000000');
    const all = await db.select().from(users);
    expect(all.every((u) => u.isDemo && /^1[3-9]\d{9}$/.test(u.phone ?? ''))).toBe(true);
    expect(await verifyPassword(ent.passwordHash, PASSWORD)).toBe(true);
  });

  it('keeps the article facts for projects, leads and tickets consistent', () => {
    const names = new Set(DEMO_ENTERPRISES.map((e) => e.name));
    const deptNames = new Set(DEMO_DEPARTMENTS.map((d) => d.name));
    const paired = new Map(DEMO_PAIRINGS.map((p) => [p.enterpriseName, p.cadre]));
    for (const p of DEMO_PROJECTS) if (p.enterpriseName) expect(names.has(p.enterpriseName)).toBe(true);
    expect(DEMO_PROJECTS.filter((p) => p.enterpriseName === '枣庄华沃水泥有限公司').map((p) => p.investment)).toEqual([
      '200000000',
      '37000000',
      '18000000',
    ]);
    expect(DEMO_LEADS).toHaveLength(3);
    for (const t of DEMO_TICKETS) {
      expect(paired.get(t.enterpriseName)).toBe(t.cadre);
      expect(deptNames.has(t.escalatedTo)).toBe(true);
    }
  });
});
