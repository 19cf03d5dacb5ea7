/**
 * Tests of the real server process (`node --import tsx src/server.ts`): start-up output, the PGlite
 * data directory lock, first-admin bootstrap, graceful shutdown on SIGTERM, and several instances
 * sharing one PostgreSQL database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DB_KIND, DEMO_PASSWORD } from './harness';
import { freePort } from './pg-cluster';

const SERVER_DIR = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT = 120_000;
const DEMO_ACCOUNTS = [
  'admin',
  'leader',
  'cadre',
  'cadre2',
  'cadre3',
  'investment',
  'department',
  'enterprise',
  'supervisor',
];

interface Server {
  proc: ChildProcess;
  port: number;
  url: string;
  /** stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-proc-'));
  tempDirs.push(d);
  return d;
}

/** The environment of the test worker, less what would change how the server starts. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VITEST|TEST_|BEIZENG_|DATA_DIR$|DATABASE_URL$|PORT$|HOST$|NODE_OPTIONS$|LOG_)/.test(k)) continue;
    env[k] = v;
  }
  return env;
}

/** Spawns the server; does not wait for it to listen. */
function spawnServer(env: Record<string, string>, port: number): Omit<Server, 'url'> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: { ...baseEnv(), HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  let out = '';
  proc.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
  });
  proc.stderr!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
  });
  const exited = new Promise<number | string>((resolve) => {
    proc.once('exit', (code, signal) => {
      children.delete(proc);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return { proc, port, output: () => out, exited };
}

/** Waits until the output matches, failing early if the process exits first. */
async function waitForOutput(s: Omit<Server, 'url'>, re: RegExp, timeout = START_TIMEOUT): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeout;
  let ended: number | string | null = null;
  void s.exited.then((c) => {
    ended = c;
  });
  for (;;) {
    const m = s.output().match(re);
    if (m) return m;
    if (ended !== null) {
      // let the last output arrive
      await new Promise((r) => setTimeout(r, 100));
      const late = s.output().match(re);
      if (late) return late;
      throw new Error(`server exited (${ended}) before printing ${re}; output:\n${s.output()}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; output:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts the server and waits until it listens. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const s = spawnServer(env, await freePort());
  const [, url] = await waitForOutput(s, /is running at (http:\/\/\S+)/);
  expect(url).toBe(`http://127.0.0.1:${s.port}`);
  return { ...s, url: url! };
}

async function stopServer(s: Omit<Server, 'url'>): Promise<number | string> {
  if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGTERM');
  return s.exited;
}

afterEach(async () => {
  // Never leave a server behind, whatever the test did.
  const left = [...children];
  for (const c of left) c.kill('SIGKILL');
  await Promise.all(
    left.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(0) : c.once('exit', r)))),
  );
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

interface Res {
  status: number;
  body: any;
  cookie: string | null;
}

async function request(
  base: string,
  method: string,
  url: string,
  opts: { cookie?: string | null; body?: unknown } = {},
): Promise<Res> {
  const res = await fetch(base + url, {
    method,
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {}
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('bz_sid='));
  return { status: res.status, body, cookie: sid && sid !== 'bz_sid=' ? sid : null };
}

async function login(base: string, username: string, password: string): Promise<Res> {
  return request(base, 'POST', '/api/v1/auth/login', { body: { username, password } });
}

/** A fresh, empty PostgreSQL database on the test cluster; dropped after the file. */
const pgDatabases: string[] = [];
async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>, db?: string): Promise<T> {
  const base = process.env.TEST_PG_URL;
  if (!base) throw new Error('TEST_PG_URL is not set: run through vitest with TEST_DB=pg');
  const c = new pg.Client({ connectionString: db ? base.replace(/\/[^/]*$/, `/${db}`) : base });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
async function freshPgDatabase(): Promise<{ name: string; url: string }> {
  const name = `p_${randomBytes(6).toString('hex')}`;
  await pgAdmin((c) => c.query(`create database ${name}`));
  pgDatabases.push(name);
  return { name, url: process.env.TEST_PG_URL!.replace(/\/[^/]*$/, `/${name}`) };
}
afterAll(async () => {
  for (const name of pgDatabases.splice(0)) {
    await pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
  }
});

/** Environment for a server on a new empty database of the current kind. */
async function emptyDatabaseEnv(): Promise<Record<string, string>> {
  if (DB_KIND === 'pg') return { DATABASE_URL: (await freshPgDatabase()).url };
  return { DATA_DIR: path.join(tempDir(), 'data') };
}

// Mode-specific tests are registered only in their mode: CI counts a skipped test as a failure.
if (DB_KIND === 'pglite')
  describe('embedded database (PGlite) in DATA_DIR', () => {
    it(
      'first start loads the demo; a second process on the same DATA_DIR is refused; a restart keeps the data',
      async () => {
        const dataDir = path.join(tempDir(), 'data');
        const a = await startServer({ DATA_DIR: dataDir, BEIZENG_DEMO: '1' });
        const out = a.output();
        expect(out).toContain(`PGlite in ${dataDir}`);
        expect(out).toContain('Demo data of 凫城镇 loaded');
        for (const u of DEMO_ACCOUNTS) expect(out).toMatch(new RegExp(`^\\s+${u}\\s+\\S+`, 'm'));

        const health = await request(a.url, 'GET', '/api/health');
        expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
        expect((await request(a.url, 'GET', '/api/ready')).status).toBe(200);
        const lockFile = path.join(dataDir, 'beizeng.pid');
        expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(a.proc.pid));

        // A second process on the same directory must refuse to start (two PGlite writers corrupt it).
        const b = spawnServer({ DATA_DIR: dataDir, BEIZENG_DEMO: '1' }, await freePort());
        const code = await b.exited;
        expect(code).not.toBe(0);
        expect(typeof code).toBe('number');
        expect(b.output()).toMatch(/in use/i);
        expect(b.output()).toContain(dataDir);
        expect(b.output()).not.toMatch(/is running at/);

        // The first server is unharmed: still answers, the lock is still its own, data intact.
        expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(a.proc.pid));
        const l = await login(a.url, 'admin', DEMO_PASSWORD);
        expect(l.status).toBe(200);
        expect(l.body.username).toBe('admin');
        const users = await request(a.url, 'GET', '/api/v1/users', { cookie: l.cookie });
        expect(users.status).toBe(200);

        // Graceful stop releases the lock.
        expect(await stopServer(a)).toBe(0);
        expect(a.output()).toContain('SIGTERM: finishing in-flight requests');
        expect(fs.existsSync(lockFile)).toBe(false);

        // A new process starts on the same directory, with the data kept (no demo reload).
        const c = await startServer({ DATA_DIR: dataDir, BEIZENG_DEMO: '1' });
        expect(c.output()).not.toContain('Demo data of');
        expect(c.output()).not.toMatch(/^\s+supervisor\s+supervisor/m);
        const again = await login(c.url, 'admin', DEMO_PASSWORD);
        expect(again.status).toBe(200);
        const me = await request(c.url, 'GET', '/api/v1/auth/me', { cookie: again.cookie });
        expect(me).toMatchObject({ status: 200, body: { username: 'admin' } });
        expect(await stopServer(c)).toBe(0);
        expect(fs.existsSync(lockFile)).toBe(false);
      },
      5 * 60_000,
    );

    it(
      'without demo and without BEIZENG_ADMIN_PASSWORD, prints a one-time admin password that must be changed',
      async () => {
        const dataDir = path.join(tempDir(), 'data');
        const s = await startServer({ DATA_DIR: dataDir, BEIZENG_DEMO: '0' });
        const m = s.output().match(/First administrator: admin \/ (\S+)\s+\(one-time password/);
        expect(m, s.output()).toBeTruthy();
        expect(s.output()).not.toContain('Demo');
        const oneTime = m![1]!;

        const l = await login(s.url, 'admin', oneTime);
        expect(l.status).toBe(200);
        expect(l.body.mustChangePassword).toBe(true);
        expect(l.cookie).toBeTruthy();
        const me = await request(s.url, 'GET', '/api/v1/auth/me', { cookie: l.cookie });
        expect(me).toMatchObject({ status: 200, body: { mustChangePassword: true } });

        const blocked = await request(s.url, 'GET', '/api/v1/users', { cookie: l.cookie });
        expect(blocked.status).toBe(403);
        expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');

        const changed = await request(s.url, 'POST', '/api/v1/auth/password', {
          cookie: l.cookie,
          body: { oldPassword: oneTime, newPassword: 'N3w-Passw0rd!x' },
        });
        expect(changed.status, JSON.stringify(changed.body)).toBe(200);
        const users = await request(s.url, 'GET', '/api/v1/users', { cookie: l.cookie });
        expect(users.status, JSON.stringify(users.body)).toBe(200);

        // The one-time password is gone; the new one works.
        expect((await login(s.url, 'admin', oneTime)).status).toBe(401);
        const fresh = await login(s.url, 'admin', 'N3w-Passw0rd!x');
        expect(fresh.status).toBe(200);
        expect(fresh.body.mustChangePassword).toBe(false);
        expect(await stopServer(s)).toBe(0);
      },
      5 * 60_000,
    );
  });

describe(`graceful shutdown (${DB_KIND})`, () => {
  it(
    'SIGTERM lets 20 in-flight requests finish (none dropped) and exits 0',
    async () => {
      // LOG_REQUESTS=1 makes the server log each request it received, so SIGTERM is sent only once all
      // 20 are inside the server (and not merely in the kernel's accept queue).
      const s = await startServer({ ...(await emptyDatabaseEnv()), BEIZENG_DEMO: '1', LOG_REQUESTS: '1' });
      const N = 20;
      const received = () =>
        (
          s
            .output()
            .match(
              /"url":"\/api\/v1\/auth\/login"[^\n]*"msg":"incoming request"|"msg":"incoming request"[^\n]*"url":"\/api\/v1\/auth\/login"/g,
            ) ?? []
        ).length;
      let killedAt = 0;
      const results = Array.from(
        { length: N },
        (_, i) =>
          new Promise<{ status: number; at: number } | { error: string }>((resolve) => {
            const body = JSON.stringify({ username: DEMO_ACCOUNTS[i % DEMO_ACCOUNTS.length], password: DEMO_PASSWORD });
            const req = http.request(
              {
                host: '127.0.0.1',
                port: s.port,
                method: 'POST',
                path: '/api/v1/auth/login',
                agent: false,
                headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
              },
              (res) => {
                res.resume();
                res.on('end', () => resolve({ status: res.statusCode!, at: Date.now() }));
                res.on('error', (e) => resolve({ error: String(e) }));
              },
            );
            req.on('error', (e) => resolve({ error: String(e) }));
            req.end(body);
          }),
      );
      const deadline = Date.now() + 30_000;
      while (received() < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(received(), s.output()).toBe(N);
      s.proc.kill('SIGTERM');
      killedAt = Date.now();

      const done = await Promise.all(results);
      const failures = done.filter((r) => 'error' in r || r.status >= 500);
      expect(failures, JSON.stringify(done)).toEqual([]);
      for (const r of done) expect('status' in r && r.status).toBe(200);
      // The test means something only if some requests were still running when the signal came.
      const after = done.filter((r) => 'at' in r && r.at >= killedAt).length;
      expect(after, 'responses finished after SIGTERM').toBeGreaterThan(0);

      expect(await s.exited).toBe(0);
      expect(s.output()).toContain('SIGTERM: finishing in-flight requests');
      // It no longer listens.
      await expect(fetch(`${s.url}/api/health`)).rejects.toThrow();
    },
    5 * 60_000,
  );
});

if (DB_KIND === 'pg')
  describe('several instances on one PostgreSQL database', () => {
    it(
      'two processes started together on an empty database migrate and seed once, and share sessions',
      async () => {
        const db = await freshPgDatabase();
        const env = { DATABASE_URL: db.url, BEIZENG_DEMO: '1' };
        const [a, b] = await Promise.all([startServer(env), startServer(env)]);
        for (const s of [a, b]) expect(s.output()).toContain('(database: PostgreSQL)');
        // Exactly one of them loaded the demo; the other found it loaded.
        const seeded = [a, b].filter((s) => s.output().includes('Demo data of 凫城镇 loaded'));
        expect(seeded.length, a.output() + b.output()).toBe(1);

        const { users, migrations } = await pgAdmin(async (c) => {
          const u = await c.query('select count(*)::int as n from app_user');
          const m = await c.query(
            'select count(*)::int as n, count(distinct hash)::int as d from drizzle.__drizzle_migrations',
          );
          return { users: u.rows[0].n as number, migrations: m.rows[0] as { n: number; d: number } };
        }, db.name);
        expect(users).toBe(DEMO_ACCOUNTS.length);
        const journal = JSON.parse(fs.readFileSync(path.join(SERVER_DIR, 'drizzle/meta/_journal.json'), 'utf8'));
        expect(migrations).toEqual({ n: journal.entries.length, d: journal.entries.length });

        for (const s of [a, b]) {
          expect((await request(s.url, 'GET', '/api/health')).status).toBe(200);
          expect((await request(s.url, 'GET', '/api/ready')).status).toBe(200);
        }

        // Sessions live in the database: a login on A is valid on B, and a logout on B ends it on A.
        const l = await login(a.url, 'admin', DEMO_PASSWORD);
        expect(l.status).toBe(200);
        expect(await request(b.url, 'GET', '/api/v1/auth/me', { cookie: l.cookie })).toMatchObject({
          status: 200,
          body: { username: 'admin' },
        });
        const out = await request(b.url, 'POST', '/api/v1/auth/logout', { cookie: l.cookie });
        expect(out.status).toBe(200);
        expect((await request(a.url, 'GET', '/api/v1/auth/me', { cookie: l.cookie })).status).toBe(401);
        expect((await request(b.url, 'GET', '/api/v1/auth/me', { cookie: l.cookie })).status).toBe(401);

        expect(await stopServer(a)).toBe(0);
        expect(await stopServer(b)).toBe(0);
      },
      5 * 60_000,
    );
  });
