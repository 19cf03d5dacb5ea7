import './core/exceljs-utf8'; // before anything loads ExcelJS
import { buildApp } from './app';
import { scheduleBackups } from './backup/backup';
import { loadConfig } from './config';
import { purgeExpiredSessions } from './core/auth';
import { bootstrap } from './core/bootstrap';
import { type Database, DataDirLockedError, openPglite, openPostgres } from './core/db';
import { purgeOldLogs } from './modules/audit/audit.service';
import { INSTANCE, periodOf, purgeJobRuns, runOncePerPeriod } from './modules/jobs/jobs.service';
import { refreshStaleLights } from './modules/projects/projects.service';
import { getSetting } from './modules/settings/settings.service';
import { compactTallies } from './modules/tallies/tallies.service';
import { refreshStaleClocks } from './modules/tickets/tickets.clocks';
import { dailyTicketNotices } from './modules/tickets/tickets.jobs';

async function main() {
  const config = loadConfig();
  let database: Database;
  try {
    database = config.databaseUrl
      ? await openPostgres(config.databaseUrl, { readUrl: config.databaseReadUrl })
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
      // No password in the log: the default demo password is in the README.
      'Demo data of 凫城镇 loaded. Demo accounts (password: BEIZENG_DEMO_PASSWORD, or the default in the README):',
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

  // Housekeeping soon after start and every HOUSEKEEPING_SECONDS (default 10 minutes). Each job runs once
  // per period across all instances: the instance that inserts its job_run row runs it, the others skip.
  const jobs: [string, () => Promise<unknown>][] = [
    ['purgeSessions', () => purgeExpiredSessions(database.db, config)],
    ['purgeLogs', async () => purgeOldLogs(database.db, await getSetting(database.db, 'auditRetentionDays'))],
    // derived state first (cheap when nothing is stale): ticket clock summaries after a calendar or SLA change,
    // project lights at midnight (CST) and after a calendar or light-rule change, the folded tally ledger
    ['ticketClocks', () => refreshStaleClocks(database.db)],
    ['projectLights', () => refreshStaleLights(database.db)],
    ['tallies', () => compactTallies(database.db)],
    ['ticketNotices', () => dailyTicketNotices(database.db)],
    ['purgeJobRuns', () => purgeJobRuns(database.db)],
  ];
  let housekeepingBusy = false;
  const housekeep = async () => {
    if (housekeepingBusy) return;
    housekeepingBusy = true;
    const period = periodOf(config.housekeepingSeconds);
    for (const [job, fn] of jobs) {
      try {
        const ran = await runOncePerPeriod(database.db, job, period, fn);
        app.log.info({ job, period, instance: INSTANCE }, ran ? 'scheduled job ran' : 'scheduled job skipped');
      } catch (e) {
        app.log.warn({ err: e, job, period }, 'scheduled job failed');
      }
    }
    housekeepingBusy = false;
  };
  const housekeeping = setInterval(housekeep, config.housekeepingSeconds * 1000);
  housekeeping.unref();
  setTimeout(housekeep, Math.min(5_000, config.housekeepingSeconds * 1000)).unref();
  // The daily backup at BACKUP_SCHEDULE (off unless set), from this process: see src/backup/backup.ts.
  const backups = scheduleBackups(database, config, app.log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests and stopping`);
    clearInterval(housekeeping);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    // Keep-alive connections that fall idle while closing are closed at once (streamed responses that began
    // before the signal cannot carry `Connection: close`).
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    sweep.unref();
    await app.close(); // stops accepting, waits for in-flight requests
    clearInterval(sweep);
    await backups.stop(); // lets a backup in progress finish
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
