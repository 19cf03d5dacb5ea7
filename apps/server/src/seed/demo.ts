import { eq } from 'drizzle-orm';
import { hashPassword, roleIdsByCode } from '../core/auth';
import { today as todayCst } from '../core/dates';
import type { Db } from '../core/db';
import { pairings } from '../modules/assignments/assignments.tables';
import { cultivationPool } from '../modules/cultivation/cultivation.tables';
import { departments } from '../modules/departments/departments.tables';
import { industryPath, nameFields } from '../modules/enterprises/derive';
import {
  enterpriseIndicators,
  enterprises,
  enterpriseTaxes,
  type RegisterStatus,
} from '../modules/enterprises/enterprises.tables';
import { enterprisePoolMembers, enterprisePools, honours } from '../modules/honours/honours.tables';
import { projects } from '../modules/projects/projects.tables';
import { doublingPlans, targets } from '../modules/targets/targets.tables';
import { userRoles, users } from '../modules/users/users.tables';
import { DEMO_DEPARTMENTS, DEMO_ENTERPRISES, DEMO_PAIRINGS, DEMO_USERS } from './demo-data';
import { demoIndicators } from './demo-figures';
import { seedDemoLeads } from './demo-leads';
import { seedDemoProjects } from './demo-projects';
import { seedDemoTickets } from './demo-tickets';
import { seedDemoTour } from './demo-tour';

export interface DemoAccount {
  username: string;
  role: string;
  displayName: string;
}

/**
 * Loads the 凫城镇 demo data set (departments, enterprises, one user per role) in one transaction.
 * Not idempotent: the caller runs it on an empty database, after seedReference (it needs the roles).
 */
export async function seedDemo(
  db: Db,
  opts: { password: string; today?: string },
): Promise<{ accounts: DemoAccount[] }> {
  const today = opts.today ?? todayCst();
  const passwordHash = await hashPassword(opts.password); // argon2 is slow: hash once, share it

  await db.transaction(async (tx) => {
    const roleIds = await roleIdsByCode(tx, [...new Set(DEMO_USERS.map((u) => u.role))]);
    const missing = DEMO_USERS.filter((u) => !roleIds.has(u.role)).map((u) => u.role);
    if (missing.length) throw new Error(`seedDemo: roles missing (${missing.join(', ')}); run seedReference first`);

    const deptRows = await tx
      .insert(departments)
      .values(
        DEMO_DEPARTMENTS.map((d, i) => ({
          name: d.name,
          code: d.code,
          kind: d.kind,
          regionCode: d.regionCode,
          leader: d.leader,
          phone: d.phone,
          sort: (i + 1) * 10,
          isDemo: true,
        })),
      )
      .returning({ id: departments.id, name: departments.name });
    const deptId = new Map(deptRows.map((r) => [r.name, r.id]));

    const STATUS: Record<string, RegisterStatus> = { 规下: 'below', 在库: 'in', 退库: 'out' };
    const entValues = [];
    for (const e of DEMO_ENTERPRISES) {
      const path = await industryPath(tx, e.industryCode);
      if (!path) throw new Error(`seedDemo: unknown industry ${e.industryCode}`);
      entValues.push({
        name: e.name,
        shortName: e.shortName,
        ...nameFields(e.name, e.shortName),
        uscc: e.uscc,
        regionCode: e.regionCode,
        industryCode: e.industryCode,
        ...path,
        chain: e.chain,
        statCategory: e.statCategory,
        registerStatus: STATUS[e.registerStatus]!,
        targetRegister: e.targetRegister,
        note: e.note,
        isDemo: true,
      });
    }
    const entRows = await tx
      .insert(enterprises)
      .values(entValues)
      .returning({ id: enterprises.id, name: enterprises.name });
    const entId = new Map(entRows.map((r) => [r.name, r.id]));

    const lookup = (map: Map<string, number>, name: string | undefined, what: string) => {
      if (!name) return null;
      const id = map.get(name);
      if (id === undefined) throw new Error(`seedDemo: unknown ${what} ${name}`);
      return id;
    };

    const userRows = await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          phone: u.phone,
          passwordHash,
          regionCode: u.regionCode,
          departmentId: lookup(deptId, u.departmentName, 'department'),
          enterpriseId: lookup(entId, u.enterpriseName, 'enterprise'),
          passwordChangedAt: new Date(),
          isDemo: true,
        })),
      )
      .returning({ id: users.id, username: users.username });
    const userId = new Map(userRows.map((r) => [r.username, r.id]));

    await tx
      .insert(userRoles)
      .values(DEMO_USERS.map((u) => ({ userId: userId.get(u.username)!, roleId: roleIds.get(u.role)! })));

    // 帮包: the 19 paired enterprises, since the start of the year before last
    const since = `${Number(today.slice(0, 4)) - 1}-03-01`;
    await tx.insert(pairings).values(
      DEMO_PAIRINGS.map((p) => ({
        enterpriseId: lookup(entId, p.enterpriseName, 'enterprise')!,
        cadreId: userId.get(p.cadre)!,
        primary: true,
        startedOn: since,
        isDemo: true,
      })),
    );

    // 24 months of indicators and taxes
    const indicatorRows: (typeof enterpriseIndicators.$inferInsert)[] = [];
    const taxRows: (typeof enterpriseTaxes.$inferInsert)[] = [];
    DEMO_ENTERPRISES.forEach((e, i) => {
      const id = entId.get(e.name)!;
      const industrial = e.statCategory === 'industry_above';
      for (const f of demoIndicators(e.shortName, i, industrial, today)) {
        const { tax, ...ind } = f;
        indicatorRows.push({ enterpriseId: id, ...ind, source: 'cadre', status: 'confirmed', isDemo: true });
        taxRows.push({ enterpriseId: id, month: f.month, amount: tax, isDemo: true });
      }
    });
    for (let i = 0; i < indicatorRows.length; i += 400) {
      await tx.insert(enterpriseIndicators).values(indicatorRows.slice(i, i + 400));
      await tx.insert(enterpriseTaxes).values(taxRows.slice(i, i + 400));
    }

    // 培育库: the enterprises the article names for 升规纳统, each with its paired cadre
    const year = Number(today.slice(0, 4));
    const cadreOf = new Map(DEMO_PAIRINGS.map((p) => [p.enterpriseName, userId.get(p.cadre)!]));
    await tx.insert(cultivationPool).values(
      DEMO_ENTERPRISES.filter((e) => e.targetRegister).map((e, i) => ({
        enterpriseId: entId.get(e.name)!,
        targetRegister: e.targetRegister!,
        cadreId: cadreOf.get(e.name) ?? userId.get('cadre')!,
        targetYear: i % 3 === 2 ? year + 1 : year,
        isDemo: true,
      })),
    );

    // Honours, one of them expiring within 90 days, and the "521" pool
    const h = (name: string, title: string, level: 'national' | 'provincial' | 'city', y: number, expires: string) => ({
      enterpriseId: lookup(entId, name, 'enterprise')!,
      title,
      level,
      year: y,
      awardedOn: `${y}-06-30`,
      expiresOn: expires,
      certificateNo: `DEMO-${title.toUpperCase()}-${y}-${entId.get(name)}`,
      isDemo: true,
    });
    const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
    await tx
      .insert(honours)
      .values([
        h('枣庄华沃水泥有限公司', 'high_tech', 'national', year - 2, `${year + 1}-06-29`),
        h('山东卜珂食品有限公司', 'innovative_sme', 'provincial', year - 3, soon),
        h('山东卜珂食品有限公司', 'provincial_srdi', 'provincial', year - 1, `${year + 2}-06-29`),
        h('山东中岩重科机械有限公司', 'innovative_sme', 'provincial', year - 1, `${year + 2}-06-29`),
        h('枣庄金正石膏有限公司', 'high_tech', 'national', year - 1, `${year + 2}-06-29`),
      ]);
    const userNames = new Map(
      DEMO_USERS.map((u) => [u.username, { id: userId.get(u.username)!, name: u.displayName }]),
    );
    await seedDemoTickets(tx, { enterprise: entId, user: userNames, department: deptId }, today);
    await seedDemoProjects(tx, { enterprise: entId, user: userNames, department: deptId }, today);
    await seedDemoLeads(tx, { user: userNames }, today);

    // targets of the year and the doubling plan of 凫城镇 (invented figures, demo)
    const town = '370406109000';
    const src = '演示数据';
    await tx.insert(targets).values([
      { regionCode: town, year, metric: 'industrial_output', value: '650000000', source: src },
      { regionCode: town, year, metric: 'industrial_count', value: '10', source: src },
      { regionCode: town, year, metric: 'register_count', value: '12', source: src },
      { regionCode: town, year, metric: 'project_investment', value: '200000000', source: src },
      { regionCode: town, year, metric: 'big_signings', value: '3', source: '招商引资方案：签约过亿元项目 3 个' },
      { regionCode: town, year, metric: 'tickets_on_time', value: '0.9', source: src },
    ]);
    await seedDemoTour(
      tx,
      {
        user: userNames,
        enterprise: entId,
        project: async (name) =>
          (await tx.select({ id: projects.id }).from(projects).where(eq(projects.name, name)))[0]?.id ?? null,
      },
      year,
    );
    await tx.insert(doublingPlans).values({
      regionCode: town,
      metric: 'industrial_output',
      baseYear: year - 2,
      baseValue: '450000000',
      targetYear: year + 3,
      multiple: '2',
      source: '工业倍增：规上工业产值五年翻一番（基数为演示虚构）',
    });

    const [pool] = await tx
      .select({ id: enterprisePools.id })
      .from(enterprisePools)
      .where(eq(enterprisePools.code, '521'));
    if (pool) {
      const members: [string, string][] = [
        ['枣庄华沃水泥有限公司', '5'],
        ['山东卜珂食品有限公司', '2'],
        ['山东中岩重科机械有限公司', '2'],
        ['山东勇辰食品有限公司', '1'],
      ];
      await tx.insert(enterprisePoolMembers).values(
        members.map(([name, tier]) => ({
          poolId: pool.id,
          enterpriseId: entId.get(name)!,
          tier,
          since: `${year - 1}-01-01`,
        })),
      );
    }
  });

  return { accounts: DEMO_USERS.map((u) => ({ username: u.username, role: u.role, displayName: u.displayName })) };
}
