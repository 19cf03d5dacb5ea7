import { buildApp } from './app';
import { loadConfig } from './config';
import { purgeExpiredSessions } from './core/auth';
import { bootstrap } from './core/bootstrap';
import { type Database, DataDirLockedError, openPglite, openPostgres } from './core/db';
import { purgeOldLogs } from './modules/audit/audit.service';
import { getSetting } from './modules/settings/settings.service';
import { dailyTicketNotices } from './modules/tickets/tickets.jobs';

async function main() {
  const config = loadConfig();
  let database: Database;
  try {
    database = config.databaseUrl
      ? await openPostgres(config.databaseUrl)
      : await openPglite({ dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`Beizeng cannot start: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const boot = await bootstrap(database, config);
  const app = await buildApp({ config, database, logger: process.env.LOG_REQUESTS === '1' });
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  // One write, so a reader sees the whole banner at once.
  const lines = [`\nBeizeng 倍增 is running at http://${config.host}:${port}  (database: ${where})`];
  if (boot.installed === 'demo') {
    lines.push(
      'Demo data of 凫城镇 loaded. Demo accounts (password from BEIZENG_DEMO_PASSWORD, default Beizeng@2026):',
    );
    for (const a of boot.accounts) lines.push(`  ${a.username.padEnd(12)} ${a.role.padEnd(11)} ${a.displayName}`);
  } else if (boot.installed === 'admin') {
    lines.push(
      boot.oneTimePassword
        ? `First administrator: admin / ${boot.oneTimePassword}  (one-time password, shown once; change it at first login)`
        : 'First administrator: admin, with the password from BEIZENG_ADMIN_PASSWORD',
    );
  } else if (config.demo) {
    lines.push('Demo accounts: admin, leader, cadre, investment, department, enterprise, supervisor');
  }
  console.log(`${lines.join('\n')}\n`);

  // Housekeeping now and every 10 minutes; safe on several instances (idempotent deletes, deduplicated notices).
  const housekeep = async () => {
    try {
      await purgeExpiredSessions(database.db, config);
      await purgeOldLogs(database.db, await getSetting(database.db, 'auditRetentionDays'));
      await dailyTicketNotices(database.db);
    } catch (e) {
      app.log.warn({ err: e }, 'housekeeping failed');
    }
  };
  const housekeeping = setInterval(housekeep, 10 * 60_000);
  housekeeping.unref();
  setTimeout(housekeep, 5_000).unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests and stopping`);
    clearInterval(housekeeping);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close(); // stops accepting, waits for in-flight requests
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
