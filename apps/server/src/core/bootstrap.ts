import { randomBytes } from 'node:crypto';
import { passwordProblems } from '@beizeng/contract';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../config';
import { roles } from '../modules/roles/roles.tables';
import { userRoles, users } from '../modules/users/users.tables';
import { seedDemo } from '../seed/demo';
import { seedReference } from '../seed/reference';
import { hashPassword } from './auth';
import type { Database, Db } from './db';
import { backfillRegionCodes } from './region-codes';

export interface BootstrapResult {
  /** What happened to an empty database: demo loaded, first admin created, or nothing (not empty). */
  installed: 'demo' | 'admin' | null;
  accounts: { username: string; role: string; displayName: string }[];
  /** A generated one-time admin password, to print once. */
  oneTimePassword: string | null;
}

/** Migrates, loads reference data, and on an empty database the demo or the first admin. */
export async function bootstrap(database: Database, config: Config): Promise<BootstrapResult> {
  let result: BootstrapResult = { installed: null, accounts: [], oneTimePassword: null };
  await database.migrate(async (db) => {
    await seedReference(db);
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(users)) as [{ n: number }];
    if (n === 0) {
      if (config.demo) {
        const { accounts } = await seedDemo(db, { password: config.demoPassword });
        result = { installed: 'demo', accounts, oneTimePassword: null };
      } else {
        result = await createFirstAdmin(db, config);
      }
    }
    await backfillRegionCodes(db);
  });
  return result;
}

function generatePassword(): string {
  // 16 characters from four classes, so it always satisfies the policy
  for (;;) {
    const p = `${randomBytes(12).toString('base64url')}a7Z#`;
    if (!passwordProblems(p)) return p;
  }
}

async function createFirstAdmin(db: Db, config: Config): Promise<BootstrapResult> {
  const given = config.adminPassword;
  if (given && passwordProblems(given)) {
    throw new Error(
      'BEIZENG_ADMIN_PASSWORD does not meet the password policy (at least 10 characters with 3 of: lower case, upper case, digits, symbols)',
    );
  }
  const password = given ?? generatePassword();
  await db.transaction(async (tx) => {
    const [u] = await tx
      .insert(users)
      .values({
        username: 'admin',
        displayName: '系统管理员',
        passwordHash: await hashPassword(password),
        regionCode: '370406000000',
        mustChangePassword: !given,
      })
      .returning({ id: users.id });
    const [r] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.code, 'admin'));
    await tx.insert(userRoles).values({ userId: u!.id, roleId: r!.id });
  });
  return {
    installed: 'admin',
    accounts: [{ username: 'admin', role: 'admin', displayName: '系统管理员' }],
    oneTimePassword: given ? null : password,
  };
}
