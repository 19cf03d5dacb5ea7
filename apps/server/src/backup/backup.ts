/**
 * Backups: pg_dump -Fc / pg_restore on PostgreSQL, PGlite's data-directory tarball on the embedded database.
 * Files are `beizeng-<pg|pglite>-YYYYMMDD-HHMMSS.<dump|tar.gz>` in BACKUP_DIR; BACKUP_KEEP newest are kept.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { Config } from '../config';
import { type Database, type Db, lockDataDir, openPglite, rowsOf } from '../core/db';

const run = promisify(execFile);

export interface BackupConfig {
  dir: string;
  keep: number;
  /** `HH:MM` local time of the daily in-process backup, or null. */
  schedule: string | null;
}

export function loadBackupConfig(env: NodeJS.ProcessEnv = process.env): BackupConfig {
  const keep = env.BACKUP_KEEP?.trim() || '14';
  if (!/^\d+$/.test(keep) || Number(keep) < 1 || Number(keep) > 10_000)
    throw new Error(`BACKUP_KEEP must be a whole number between 1 and 10000 (got "${keep}")`);
  const schedule = env.BACKUP_SCHEDULE?.trim() || null;
  if (schedule && !/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule))
    throw new Error(`BACKUP_SCHEDULE must be a time of day like 02:30 (got "${schedule}")`);
  return { dir: path.resolve(env.BACKUP_DIR || './backups'), keep: Number(keep), schedule };
}

export const BACKUP_NAME = /^beizeng-(pg|pglite)-(\d{8}-\d{6})(?:-(\d+))?\.(dump|tar\.gz)$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export function stamp(d = new Date()): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** A new, unused file name for a backup taken now. */
function newBackupPath(dir: string, kind: 'pg' | 'pglite'): string {
  fs.mkdirSync(dir, { recursive: true });
  const ext = kind === 'pg' ? 'dump' : 'tar.gz';
  const base = `beizeng-${kind}-${stamp()}`;
  let file = path.join(dir, `${base}.${ext}`);
  for (let i = 2; fs.existsSync(file); i++) file = path.join(dir, `${base}-${i}.${ext}`);
  return file;
}

/** Backups in `dir`, oldest first (the names sort by time). */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => BACKUP_NAME.test(f))
    .map((f) => {
      const m = f.match(BACKUP_NAME)!;
      return { f, key: `${m[2]}-${(m[3] ?? '1').padStart(6, '0')}` };
    })
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((x) => x.f);
}

/** Deletes the oldest backups beyond `keep`; returns the deleted file names. */
export function prune(dir: string, keep: number): string[] {
  const all = listBackups(dir);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const f of old) fs.rmSync(path.join(dir, f), { force: true });
  return old;
}

/** A PostgreSQL client program (pg_dump, pg_restore) from PATH or /usr/lib/postgresql/<newest>/bin. */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const p = path.join(base, v, 'bin', name);
      if (fs.existsSync(p)) return p;
    }
  }
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  throw new Error(`${name} not found: install the PostgreSQL client (Debian package postgresql-client-15 or newer)`);
}

export interface TableSum {
  table: string;
  rows: number;
  md5: string | null;
}

/** Row count and an md5 over the sorted rows of every table; equal sums mean equal contents. */
export async function tableChecksums(db: Db): Promise<TableSum[]> {
  const tables = rowsOf<{ s: string; t: string }>(
    await db.execute(sql`
      select table_schema as s, table_name as t from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      order by 1, 2`),
  );
  const out: TableSum[] = [];
  for (const { s, t } of tables) {
    const name = `"${s.replaceAll('"', '""')}"."${t.replaceAll('"', '""')}"`;
    const [r] = rowsOf<{ n: number | string; h: string | null }>(
      await db.execute(
        sql.raw(`select count(*) as n, md5(string_agg(x::text, '' order by x::text)) as h from ${name} x`),
      ),
    );
    out.push({ table: `${s}.${t}`, rows: Number(r!.n), md5: r!.h });
  }
  return out;
}

export const summarise = (sums: TableSum[]) => ({
  tables: sums.length,
  rows: sums.reduce((a, s) => a + s.rows, 0),
});

const redact = (s: string) => s.replace(/(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/g, '$1***@');

/** The URL without its password, which goes to PGPASSWORD instead (not visible in the process list). */
function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  try {
    const u = new URL(url);
    if (!u.password) return { url, env: process.env };
    const password = decodeURIComponent(u.password);
    u.password = '';
    return { url: u.toString(), env: { ...process.env, PGPASSWORD: password } };
  } catch {
    return { url, env: process.env };
  }
}

async function tool(bin: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await run(bin, args, { maxBuffer: 16 * 1024 * 1024, env });
  } catch (e: any) {
    const msg = String(e.stderr || e.message || e).trim();
    throw new Error(`${path.basename(bin)} failed: ${redact(msg)}`);
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  pruned: string[];
}

/** Writes to `<file>.partial` and renames, so a crash never leaves a truncated file with a backup's name. */
async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<number> {
  const tmp = `${file}.partial`;
  try {
    await write(tmp);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return fs.statSync(file).size;
}

export async function backupPostgres(url: string, cfg: BackupConfig): Promise<BackupResult> {
  const t0 = performance.now();
  const file = newBackupPath(cfg.dir, 'pg');
  const conn = splitPassword(url);
  const bytes = await writeAtomically(file, (tmp) =>
    tool(
      pgTool('pg_dump'),
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${conn.url}`],
      conn.env,
    ),
  );
  return { file, bytes, ms: performance.now() - t0, pruned: prune(cfg.dir, cfg.keep) };
}

/** pg_restore in one transaction: the database holds either the backup or what it held before. */
export async function restorePostgres(url: string, file: string): Promise<{ ms: number }> {
  const t0 = performance.now();
  if (!fs.existsSync(file)) throw new Error(`backup file not found: ${file}`);
  const conn = splitPassword(url);
  await tool(
    pgTool('pg_restore'),
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${conn.url}`,
      file,
    ],
    conn.env,
  );
  return { ms: performance.now() - t0 };
}

/** A backup of an open PGlite database (the running server's, in process). */
export async function backupOpenPglite(database: Database, cfg: BackupConfig): Promise<BackupResult> {
  if (!database.dump) throw new Error('not a PGlite database');
  const t0 = performance.now();
  const file = newBackupPath(cfg.dir, 'pglite');
  const blob = await database.dump();
  const bytes = await writeAtomically(file, async (tmp) => {
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  });
  return { file, bytes, ms: performance.now() - t0, pruned: prune(cfg.dir, cfg.keep) };
}

const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');

/** Opens DATA_DIR's database under the pid lock; refuses when a live server holds it. */
export async function openExistingPglite(dataDir: string): Promise<Database> {
  if (!fs.existsSync(path.join(pgliteDir(dataDir), 'PG_VERSION')))
    throw new Error(`no embedded database in ${dataDir} (expected ${pgliteDir(dataDir)})`);
  return openPglite({ dataDir });
}

/**
 * Replaces DATA_DIR's database with a backup: loads it into a new directory, checks it opens and has
 * tables, swaps it in, and only then deletes the old directory (kept aside until then).
 */
export async function restorePglite(
  dataDir: string,
  file: string,
): Promise<{ ms: number; sums: TableSum[]; aside: string | null }> {
  const t0 = performance.now();
  if (!fs.existsSync(file)) throw new Error(`backup file not found: ${file}`);
  const release = lockDataDir(dataDir); // throws DataDirLockedError when a live server holds it
  const live = pgliteDir(dataDir);
  const fresh = `${live}.restoring`;
  const aside = `${live}.before-restore-${stamp()}`;
  let swapped = false;
  try {
    fs.rmSync(fresh, { recursive: true, force: true });
    fs.mkdirSync(fresh, { recursive: true });
    const blob = new Blob([fs.readFileSync(file)]);
    const client = await PGlite.create(fresh, { loadDataDir: blob });
    await client.close();
    if (fs.existsSync(live)) fs.renameSync(live, aside);
    fs.renameSync(fresh, live);
    swapped = true;
    // Verify the restored directory opens and holds the schema before discarding the old one.
    const check = await PGlite.create(live);
    let sums: TableSum[];
    try {
      const { drizzle } = await import('drizzle-orm/pglite');
      sums = await tableChecksums(drizzle(check) as unknown as Db);
      if (!sums.some((s) => s.table === 'public.app_user' && s.rows > 0))
        throw new Error('the restored database has no users: not a Beizeng backup');
    } finally {
      await check.close();
    }
    fs.rmSync(aside, { recursive: true, force: true });
    return { ms: performance.now() - t0, sums, aside: null };
  } catch (e) {
    // Put the old database back.
    fs.rmSync(fresh, { recursive: true, force: true });
    if (swapped && fs.existsSync(aside)) {
      fs.rmSync(live, { recursive: true, force: true });
      fs.renameSync(aside, live);
    }
    throw e;
  } finally {
    release();
  }
}

/** Milliseconds from `now` until the next `HH:MM` local time. */
export function msUntil(hhmm: string, now = new Date()): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const next = new Date(now);
  next.setHours(h, m, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}

const SCHEDULE_LOCK = 7_240_406_110;

export interface Logger {
  info: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

/**
 * The daily backup of the running server at BACKUP_SCHEDULE. PGlite is dumped from the open instance (no
 * other process may open it); on PostgreSQL pg_dump runs under an advisory lock, so of several instances
 * only one backs up.
 */
export function scheduleBackups(
  database: Database,
  config: Config,
  log: Logger,
  cfg: BackupConfig = loadBackupConfig(),
): { stop: () => Promise<void>; runNow: () => Promise<BackupResult | null> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<BackupResult | null> | null = null;
  let stopped = false;
  const once = async (): Promise<BackupResult | null> => {
    if (database.kind === 'pglite') return backupOpenPglite(database, cfg);
    return database.db.transaction(async (tx) => {
      const [r] = rowsOf<{ ok: boolean }>(
        await tx.execute(sql`select pg_try_advisory_xact_lock(${SCHEDULE_LOCK}) as ok`),
      );
      if (!r?.ok) return null; // another instance is backing up
      return backupPostgres(config.databaseUrl!, cfg);
    });
  };
  const runNow = () => {
    running = once()
      .then((r) => {
        if (r) log.info({ file: r.file, bytes: r.bytes, ms: Math.round(r.ms), pruned: r.pruned }, 'backup written');
        return r;
      })
      .catch((e) => {
        log.error({ err: e }, 'scheduled backup failed');
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const arm = () => {
    if (stopped || !cfg.schedule) return;
    timer = setTimeout(async () => {
      await runNow();
      arm();
    }, msUntil(cfg.schedule));
    timer.unref();
  };
  arm();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
