import { hashPassword, roleIdsByCode } from '../core/auth';
import type { Db } from '../core/db';
import { departments } from '../modules/departments/departments.tables';
import { industryPath, nameFields } from '../modules/enterprises/derive';
import { enterprises, type RegisterStatus } from '../modules/enterprises/enterprises.tables';
import { userRoles, users } from '../modules/users/users.tables';
import { DEMO_DEPARTMENTS, DEMO_ENTERPRISES, DEMO_USERS } from './demo-data';

export interface DemoAccount {
  username: string;
  role: string;
  displayName: string;
}

/**
 * Loads the 凫城镇 demo data set (departments, enterprises, one user per role) in one transaction.
 * Not idempotent: the caller runs it on an empty database, after seedReference (it needs the roles).
 */
export async function seedDemo(db: Db, opts: { password: string }): Promise<{ accounts: DemoAccount[] }> {
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
  });

  return { accounts: DEMO_USERS.map((u) => ({ username: u.username, role: u.role, displayName: u.displayName })) };
}
