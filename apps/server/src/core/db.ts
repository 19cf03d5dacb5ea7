import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleLite } from 'drizzle-orm/pglite';
import { migrate as migrateLite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../modules/schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Db;

export interface Database {
  kind: 'pglite' | 'pg';
  db: Db;
  /** For read-only queries that may lag a little (cockpit, lists): the replica pool, else `db`. */
  read: Db;
  /** Runs migrations and then `afterMigrate` under one cross-instance lock. */
  migrate(afterMigrate?: (db: Db) => Promise<void>): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball (tests start each file from one). */
  dump?: () => Promise<Blob>;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../drizzle');
const MIGRATION_LOCK = 7_240_406_109; // 凫城镇's code, as an advisory-lock key

export class DataDirLockedError extends Error {}

/** PGlite takes no lock on its directory; two processes on one directory silently lose writes. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'beizeng.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {}
      };
      process.once('exit', release);
      return release;
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `DATA_DIR ${dataDir} is in use by another Beizeng process (pid ${pid}). ` +
            'The embedded database allows one process only: stop that process, use another DATA_DIR, or set DATABASE_URL to use PostgreSQL.',
        );
      }
      fs.unlinkSync(lockPath); // stale lock from a process that died
    }
  }
  throw new DataDirLockedError(`could not lock ${dataDir}`);
}

/** Whether `pid` is a live Node process (a reused pid of another program after a reboot is not). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e: any) {
    if (e.code !== 'EPERM') return false;
  }
  try {
    return /node|tsx/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc: trust the signal check
  }
}

export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  let release = () => {};
  let dir: string | undefined;
  if (opts.dataDir) {
    release = lockDataDir(opts.dataDir);
    dir = path.join(opts.dataDir, 'pglite');
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  } catch (e) {
    release();
    throw e;
  }
  const db = drizzleLite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    read: db,
    async migrate(after) {
      await migrateLite(db as any, { migrationsFolder: MIGRATIONS_DIR });
      if (after) await after(db);
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await client.close();
      release();
    },
    dump: async () => (await client.dumpDataDir('gzip')) as Blob,
  };
}

function newPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  // Without these a database restart crashes the process (node-postgres emits 'error' on idle clients).
  pool.on('error', () => {});
  pool.on('connect', (c) => {
    c.on('error', () => {});
  });
  return pool;
}

/** `readUrl`: a streaming replica (or a read-only role) for `Database.read`; unset, reads use the primary. */
export async function openPostgres(
  url: string,
  opts: { max?: number; readUrl?: string | null } = {},
): Promise<Database> {
  const pool = newPool(url, opts.max ?? 10);
  const readPool = opts.readUrl ? newPool(opts.readUrl, opts.max ?? 10) : null;
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const read = readPool ? (drizzlePg(readPool, { schema }) as unknown as Db) : db;
  return {
    kind: 'pg',
    db,
    read,
    async migrate(after) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        const cdb = drizzlePg(client, { schema }) as unknown as Db;
        await migratePg(cdb as any, { migrationsFolder: MIGRATIONS_DIR });
        if (after) await after(cdb);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await Promise.all([pool.end(), readPool?.end()]);
    },
  };
}

/** Rows of a raw `db.execute` on either driver. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as any).rows ?? result) as T[];
}
