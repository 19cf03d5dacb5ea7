/**
 * `npm run backup` / `npm run restore` as real processes, on the database of this run (PGlite or PostgreSQL):
 * a round trip (backup → change and delete data → restore) keeps every table's row count and md5,
 * retention keeps only BACKUP_KEEP files, the embedded database refuses while a live server holds it,
 * and the scheduled in-process backup of an open database restores to the same checksums.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  listBackups,
  loadBackupConfig,
  msUntil,
  prune,
  scheduleBackups,
  summarise,
  type TableSum,
  tableChecksums,
} from '../src/backup/backup';
import { loadConfig } from '../src/config';
import { type Database, openPglite, openPostgres } from '../src/core/db';
import { DB_KIND } from './harness';

const SERVER_DIR = path.resolve(import.meta.dirname, '..');
const CLI = path.join(SERVER_DIR, 'src/backup/cli.ts');
const exec = promisify(execFile);
const temp: string[] = [];
const dropDbs: string[] = [];

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-backup-'));
  temp.push(d);
  return d;
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VITEST|TEST_|BEIZENG_|DATA_DIR$|DATABASE_URL$|BACKUP_|NODE_OPTIONS$)/.test(k)) continue;
    e[k] = v;
  }
  return { ...e, ...extra };
}

async function cli(args: string[], extra: Record<string, string>) {
  const t0 = performance.now();
  try {
    const r = await exec(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: SERVER_DIR,
      env: env(extra),
    });
    return { code: 0, out: r.stdout + r.stderr, ms: performance.now() - t0 };
  } catch (e: any) {
    return { code: e.code as number, out: String(e.stdout) + String(e.stderr), ms: performance.now() - t0 };
  }
}

/** A fresh copy of the migrated demo database, as the CLI would find it; returns the CLI environment. */
async function freshTarget(): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  if (DB_KIND === 'pg') {
    const base = process.env.TEST_PG_URL!;
    const name = `b_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template beizeng_template`);
    await admin.end();
    dropDbs.push(name);
    const url = base.replace(/\/[^/]*$/, `/${name}`);
    return { env: { DATABASE_URL: url }, open: () => openPostgres(url, { max: 2 }) };
  }
  const dataDir = path.join(tempDir(), 'data');
  fs.mkdirSync(path.join(dataDir, 'pglite'), { recursive: true });
  const blob = new Blob([fs.readFileSync(process.env.TEST_PGLITE_TEMPLATE!)]);
  const c = await PGlite.create(path.join(dataDir, 'pglite'), { loadDataDir: blob });
  await c.close();
  return { env: { DATA_DIR: dataDir }, open: () => openPglite({ dataDir }) };
}

async function sums(open: () => Promise<Database>): Promise<TableSum[]> {
  const d = await open();
  try {
    return await tableChecksums(d.db);
  } finally {
    await d.close();
  }
}

/** Changes, inserts and deletes across several tables (children first, so foreign keys hold). */
async function vandalise(open: () => Promise<Database>) {
  const d = await open();
  try {
    await d.db.execute(
      sql`update app_user set display_name = display_name || '×' where id in (select id from app_user limit 3)`,
    );
    await d.db.execute(sql`delete from login_log`);
    await d.db.execute(sql`delete from session`);
    await d.db.execute(sql`update role set name_en = name_en || ' (x)'`);
    await d.db.execute(sql`delete from holiday where date < '2025-01-01'`);
    await d.db.execute(
      sql`update enterprise set name = name || '（改）' where id in (select id from enterprise limit 5)`,
    );
    await d.db.execute(
      sql`insert into holiday (date, kind, name) values ('2031-01-01', 'off', '测试') on conflict do nothing`,
    );
  } finally {
    await d.close();
  }
}

const differing = (a: TableSum[], b: TableSum[]) => {
  const m = new Map(b.map((s) => [s.table, s]));
  return a.filter((s) => m.get(s.table)?.md5 !== s.md5 || m.get(s.table)?.rows !== s.rows).map((s) => s.table);
};

afterAll(async () => {
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
  if (dropDbs.length) {
    const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL! });
    await admin.connect();
    for (const n of dropDbs) await admin.query(`drop database if exists ${n} with (force)`);
    await admin.end();
  }
});

describe(`backup and restore (${DB_KIND})`, () => {
  it('a round trip keeps every table’s row count and checksum', async () => {
    const target = await freshTarget();
    const backupDir = tempDir();
    const before = await sums(target.open);
    const b = await cli(['backup'], { ...target.env, BACKUP_DIR: backupDir });
    expect(b.out).toContain('Backup written');
    expect(b.code).toBe(0);
    const files = listBackups(backupDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(
      DB_KIND === 'pg' ? /^beizeng-pg-\d{8}-\d{6}\.dump$/ : /^beizeng-pglite-\d{8}-\d{6}\.tar\.gz$/,
    );
    const file = path.join(backupDir, files[0]!);
    const size = fs.statSync(file).size;

    await vandalise(target.open);
    const changed = differing(before, await sums(target.open));
    expect(changed.length).toBeGreaterThanOrEqual(4);

    const r = await cli(['restore', file], target.env);
    expect(r.out).toContain('Restored');
    expect(r.code).toBe(0);
    const after = await sums(target.open);
    expect(differing(before, after)).toEqual([]);
    expect(after.map((s) => s.table)).toEqual(before.map((s) => s.table));
    const { tables, rows } = summarise(before);
    expect(tables).toBeGreaterThan(40);
    console.log(
      `[backup ${DB_KIND}] ${tables} tables, ${rows} rows; backup ${(size / 1024 / 1024).toFixed(2)} MB in ${(b.ms / 1000).toFixed(1)} s ` +
        `(process incl. start-up); restore ${(r.ms / 1000).toFixed(1)} s; ${changed.length} tables changed then restored, 0 checksum differences`,
    );
  });

  it('retention keeps only the newest BACKUP_KEEP backups', async () => {
    const target = await freshTarget();
    const dir = tempDir();
    const ext = DB_KIND === 'pg' ? 'dump' : 'tar.gz';
    const old = ['20240101-010000', '20240102-010000', '20240103-010000'].map((s) => `beizeng-${DB_KIND}-${s}.${ext}`);
    for (const f of old) fs.writeFileSync(path.join(dir, f), 'old');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
    const b = await cli(['backup'], { ...target.env, BACKUP_DIR: dir, BACKUP_KEEP: '2' });
    expect(b.code).toBe(0);
    expect(b.out).toContain('deleted 2 old backup(s)');
    const left = listBackups(dir);
    expect(left).toHaveLength(2);
    expect(left[0]).toBe(old[2]);
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);
    // prune() alone, with same-second suffixes
    for (const s of ['a', 'b'])
      fs.writeFileSync(path.join(dir, `beizeng-${DB_KIND}-20990101-000000${s === 'a' ? '' : '-2'}.${ext}`), s);
    expect(prune(dir, 1)).toHaveLength(3);
    expect(listBackups(dir)).toEqual([`beizeng-${DB_KIND}-20990101-000000-2.${ext}`]);
    console.log(`[backup ${DB_KIND}] retention: BACKUP_KEEP=2 left ${left.length} of ${old.length + 1}`);
  });

  it('the scheduled in-process backup of the open database restores to the same checksums', async () => {
    const target = await freshTarget();
    const dir = tempDir();
    const database = await target.open();
    let before: TableSum[];
    try {
      before = await tableChecksums(database.db);
      const config = loadConfig({ ...target.env });
      const logs: string[] = [];
      const log = { info: (_o: object, m: string) => logs.push(m), error: (_o: object, m: string) => logs.push(m) };
      const s = scheduleBackups(database, config, log, { ...loadBackupConfig({}), dir, keep: 3, schedule: '02:30' });
      const r = await s.runNow();
      await s.stop();
      expect(logs).toEqual(['backup written']);
      expect(r && fs.existsSync(r.file)).toBe(true);
      console.log(
        `[backup ${DB_KIND}] in-process backup ${(r!.bytes / 1024 / 1024).toFixed(2)} MB in ${(r!.ms / 1000).toFixed(1)} s`,
      );
    } finally {
      await database.close();
    }
    await vandalise(target.open);
    const file = path.join(dir, listBackups(dir)[0]!);
    const r = await cli(['restore', file], target.env);
    expect(r.code).toBe(0);
    expect(differing(before, await sums(target.open))).toEqual([]);
  });

  it('parses BACKUP_* settings and computes the next run', () => {
    expect(loadBackupConfig({}).keep).toBe(14);
    expect(() => loadBackupConfig({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP/);
    expect(() => loadBackupConfig({ BACKUP_SCHEDULE: '25:00' })).toThrow(/BACKUP_SCHEDULE/);
    const now = new Date(2026, 0, 1, 3, 0, 0);
    expect(msUntil('02:30', now)).toBe(23.5 * 3600_000);
    expect(msUntil('03:01', now)).toBe(60_000);
  });

  if (DB_KIND === 'pglite') {
    it('refuses to back up or restore while a live server holds DATA_DIR', async () => {
      const target = await freshTarget();
      const dir = tempDir();
      // the test worker (a live node process) stands in for the running server
      fs.writeFileSync(path.join(target.env.DATA_DIR!, 'beizeng.pid'), String(process.pid));
      const b = await cli(['backup'], { ...target.env, BACKUP_DIR: dir });
      expect(b.code).toBe(2);
      expect(b.out).toMatch(/in use by another Beizeng process \(pid \d+\).*Stop the server first/s);
      expect(listBackups(dir)).toEqual([]);
      fs.copyFileSync(process.env.TEST_PGLITE_TEMPLATE!, path.join(dir, 'x.tar.gz'));
      const r2 = await cli(['restore', path.join(dir, 'x.tar.gz')], target.env);
      expect(r2.code).toBe(2);
      expect(r2.out).toContain('in use by another Beizeng process');
      // a stale lock of a dead process is taken over
      fs.writeFileSync(path.join(target.env.DATA_DIR!, 'beizeng.pid'), '999999');
      const b2 = await cli(['backup'], { ...target.env, BACKUP_DIR: dir });
      expect(b2.code).toBe(0);
      expect(fs.existsSync(path.join(target.env.DATA_DIR!, 'beizeng.pid'))).toBe(false);
    });

    it('a restore that fails leaves the old database in place', async () => {
      const target = await freshTarget();
      const before = await sums(target.open);
      const bad = path.join(tempDir(), 'broken.tar.gz');
      fs.writeFileSync(bad, randomBytes(4096));
      const r = await cli(['restore', bad], target.env);
      expect(r.code).toBe(1);
      expect(differing(before, await sums(target.open))).toEqual([]);
      expect(fs.readdirSync(target.env.DATA_DIR!).filter((f) => f.startsWith('pglite'))).toEqual(['pglite']);
    });
  }
});
