import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { type App, buildApp } from '../src/app';
import { type Config, DEFAULT_DEMO_PASSWORD, loadConfig } from '../src/config';
import { type Database, openPglite, openPostgres } from '../src/core/db';

export const DEMO_PASSWORD = DEFAULT_DEMO_PASSWORD;
export const DB_KIND = process.env.TEST_DB === 'pg' ? 'pg' : 'pglite';

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  /** Logs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database (a copy of the migrated demo) and an app on it, for one test file. */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (DB_KIND === 'pg') {
    const base = process.env.TEST_PG_URL;
    if (!base) throw new Error('TEST_PG_URL is not set: run through vitest (global setup starts PostgreSQL)');
    const name = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template beizeng_template`);
    await admin.end();
    const database = await openPostgres(base.replace(/\/[^/]*$/, `/${name}`), { max: 5 });
    return {
      database,
      drop: async () => {
        await database.close();
        const a = new pg.Client({ connectionString: base });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const file = process.env.TEST_PGLITE_TEMPLATE;
  if (!file) throw new Error('TEST_PGLITE_TEMPLATE is not set: run through vitest (global setup builds it)');
  const blob = new Blob([fs.readFileSync(file)]);
  const database = await openPglite({ loadDataDir: blob });
  return { database, drop: () => database.close() };
}

const rnd = () => 1 + Math.floor(Math.random() * 250);

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({ BEIZENG_DEMO: '1', ...env });
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    config,
    async login(username, password = DEMO_PASSWORD) {
      // each test login comes from its own loopback address, so the per-IP login limit is not shared
      const remoteAddress = `127.${rnd()}.${rnd()}.${rnd()}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
        remoteAddress,
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'bz_sid');
      return `bz_sid=${c!.value}`;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** Shorthand for an injected request as a logged-in user (cookie may be empty). */
export function call(
  t: TestApp,
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url,
    headers: { ...(cookie ? { cookie } : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as any } : {}),
  });
}

/** Rows of a raw SQL query on the test database. */
export async function q<T = Record<string, unknown>>(t: TestApp, text: string): Promise<T[]> {
  const { sql } = await import('drizzle-orm');
  const r: any = await t.database.db.execute(sql.raw(text));
  return (r.rows ?? r) as T[];
}

/** Reads an .xlsx response body into rows of cell values (first sheet). */
export async function readXlsx(body: Buffer): Promise<unknown[][]> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as any);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
