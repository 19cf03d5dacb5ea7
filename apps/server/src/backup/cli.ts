/**
 * `npm run backup` and `npm run restore -- <file>`.
 * PostgreSQL (DATABASE_URL): pg_dump -Fc / pg_restore. Embedded (DATA_DIR): PGlite's data-directory tarball;
 * the server must be stopped (the embedded database allows one process at a time).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { DataDirLockedError, openPostgres } from '../core/db';
import {
  backupOpenPglite,
  backupPostgres,
  loadBackupConfig,
  openExistingPglite,
  restorePglite,
  restorePostgres,
  summarise,
  type TableSum,
  tableChecksums,
} from './backup';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const figures = (sums: TableSum[]) => {
  const s = summarise(sums);
  return `${s.tables} tables, ${s.rows} rows`;
};

async function backup() {
  const config = loadConfig();
  const cfg = loadBackupConfig();
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl, { max: 1 });
    let sums: TableSum[];
    try {
      sums = await tableChecksums(database.db);
    } finally {
      await database.close();
    }
    const r = await backupPostgres(config.databaseUrl, cfg);
    report(r, sums);
    return;
  }
  const database = await openExistingPglite(config.dataDir);
  try {
    const sums = await tableChecksums(database.db);
    const r = await backupOpenPglite(database, cfg);
    report(r, sums);
  } finally {
    await database.close();
  }
}

function report(r: { file: string; bytes: number; ms: number; pruned: string[] }, sums: TableSum[]) {
  console.log(`Backup written: ${r.file}`);
  console.log(`  ${figures(sums)}, ${mb(r.bytes)}, ${secs(r.ms)}`);
  if (r.pruned.length) console.log(`  retention: deleted ${r.pruned.length} old backup(s): ${r.pruned.join(', ')}`);
}

async function restore(file: string | undefined) {
  if (!file) throw new Error('usage: npm run restore -- <backup file>');
  const config = loadConfig();
  const full = path.resolve(file);
  if (!fs.existsSync(full)) throw new Error(`backup file not found: ${full}`);
  if (config.databaseUrl) {
    if (!full.endsWith('.dump')) throw new Error('DATABASE_URL is set: restore a PostgreSQL backup (.dump)');
    const r = await restorePostgres(config.databaseUrl, full);
    const database = await openPostgres(config.databaseUrl, { max: 1 });
    try {
      console.log(`Restored ${full} into PostgreSQL: ${figures(await tableChecksums(database.db))}, ${secs(r.ms)}`);
    } finally {
      await database.close();
    }
    return;
  }
  if (!full.endsWith('.tar.gz')) throw new Error('restore an embedded-database backup (.tar.gz), or set DATABASE_URL');
  const r = await restorePglite(config.dataDir, full);
  console.log(`Restored ${full} into ${config.dataDir}: ${figures(r.sums)}, ${secs(r.ms)}`);
}

const [cmd, arg] = process.argv.slice(2);
(cmd === 'backup'
  ? backup()
  : cmd === 'restore'
    ? restore(arg)
    : Promise.reject(new Error('usage: backup | restore <file>'))
)
  .then(() => process.exit(0))
  .catch((e) => {
    const msg =
      e instanceof DataDirLockedError
        ? `${e.message} Stop the server first, or set BACKUP_SCHEDULE so the running server backs itself up.`
        : e?.message || String(e);
    console.error(`${cmd ?? 'backup'} failed: ${msg}`);
    process.exit(e instanceof DataDirLockedError ? 2 : 1);
  });
