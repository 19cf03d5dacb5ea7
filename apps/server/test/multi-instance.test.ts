/**
 * Several app instances on one PostgreSQL database (PostgreSQL only: vitest.config.ts leaves this file
 * out of the PGlite run, where one process per data directory is the rule).
 *
 * Two real server processes behind a small round-robin proxy: a session made on one works on the other,
 * scheduled jobs run once per period, and 1,000 concurrent updates of one record lose nothing.
 * Then the read replica setting (DATABASE_READ_URL) with a read-only role on the same database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openPostgres } from '../src/core/db';
import { DB_KIND, DEMO_PASSWORD } from './harness';
import { freePort } from './pg-cluster';

const SERVER_DIR = path.resolve(import.meta.dirname, '..');
const HOUSEKEEPING_SECONDS = 2;

function pgUrl(db: string, user?: string): string {
  const base = process.env.TEST_PG_URL;
  if (!base || DB_KIND !== 'pg') throw new Error('run with TEST_DB=pg (vitest global setup starts PostgreSQL)');
  const u = new URL(base);
  u.pathname = `/${db}`;
  if (user) u.username = user;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>, db = 'postgres'): Promise<T> {
  const c = new pg.Client({ connectionString: pgUrl(db) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A copy of the migrated demo database. */
async function demoDatabase(): Promise<string> {
  const name = `mi_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name} template beizeng_template`));
  return name;
}
async function dropDatabase(name: string) {
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

// ---------- server processes ----------

interface Server {
  proc: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | string>;
}

function spawnServer(env: Record<string, string>, port: number): Server {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VITEST|TEST_|BEIZENG_|DATA_DIR$|DATABASE_|PORT$|HOST$|NODE_OPTIONS$|LOG_|HOUSEKEEPING_)/.test(k)) continue;
    base[k] = v;
  }
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: { ...base, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
  });
  proc.stderr!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
  });
  const exited = new Promise<number | string>((resolve) => {
    proc.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { proc, port, output: () => out, exited };
}

async function waitForOutput(s: Server, re: RegExp, timeout = 120_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let ended: number | string | null = null;
  void s.exited.then((c) => {
    ended = c;
  });
  while (!re.test(s.output())) {
    if (ended !== null) throw new Error(`server exited (${ended}) before printing ${re}:\n${s.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---------- round-robin proxy ----------

interface Proxy {
  url: string;
  /** Requests sent to each backend, and PATCHes each answered with 200. */
  sent: number[];
  patched: number[];
  close: () => Promise<void>;
}

async function startProxy(ports: number[]): Promise<Proxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const sent = ports.map(() => 0);
  const patched = ports.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next++ % ports.length;
    sent[i]!++;
    const up = http.request(
      { host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: req.headers, agent },
      (r) => {
        if (req.method === 'PATCH' && r.statusCode === 200) patched[i]!++;
        res.writeHead(r.statusCode!, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
    req.pipe(up);
  });
  // Clients pause between retries: keep their idle connections (a reused socket the server just closed
  // is an ECONNRESET for the client).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    patched,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      agent.destroy();
    },
  };
}

// ---------- HTTP ----------

interface Res {
  status: number;
  body: any;
  cookie: string | null;
}

/** Client connections: kept alive and pooled like a browser's, at most 200 at once per address. */
const clientAgent = new http.Agent({ keepAlive: true, maxSockets: 200 });

function request(
  base: string,
  method: string,
  url: string,
  opts: { cookie?: string | null; body?: unknown } = {},
): Promise<Res> {
  const payload = opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
  const u = new URL(base + url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        agent: clientAgent,
        headers: {
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('error', reject);
        res.on('end', () => {
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {}
          const sid = ([] as string[])
            .concat(res.headers['set-cookie'] ?? [])
            .map((c) => c.split(';')[0]!)
            .find((c) => c.startsWith('bz_sid='));
          resolve({ status: res.statusCode!, body, cookie: sid && sid !== 'bz_sid=' ? sid : null });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------- two instances ----------

describe('two app instances on one PostgreSQL database, behind a round-robin proxy', () => {
  let dbName = '';
  let a: Server;
  let b: Server;
  let proxy: Proxy;

  beforeAll(async () => {
    dbName = await demoDatabase();
    const env = {
      DATABASE_URL: pgUrl(dbName),
      BEIZENG_DEMO: '1',
      HOUSEKEEPING_SECONDS: String(HOUSEKEEPING_SECONDS),
      LOG_REQUESTS: '1',
    };
    a = spawnServer(env, await freePort());
    b = spawnServer(env, await freePort());
    await Promise.all([a, b].map((s) => waitForOutput(s, /is running at http:\/\/127\.0\.0\.1:\d+/)));
    proxy = await startProxy([a.port, b.port]);
  });

  afterAll(async () => {
    clientAgent.destroy();
    await proxy?.close();
    for (const s of [a, b]) if (s && s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGTERM');
    await Promise.all([a, b].filter(Boolean).map((s) => s.exited));
    if (dbName) await dropDatabase(dbName);
  });

  const direct = (s: Server) => `http://127.0.0.1:${s.port}`;

  it('a session made on one instance works on the other, and a logout on either ends it on both', async () => {
    const l = await request(direct(a), 'POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: DEMO_PASSWORD },
    });
    expect(l.status).toBe(200);
    expect(l.cookie).toBeTruthy();
    expect(await request(direct(b), 'GET', '/api/v1/auth/me', { cookie: l.cookie })).toMatchObject({
      status: 200,
      body: { username: 'admin' },
    });
    // Through the proxy, requests alternate between the instances: all of them see the session.
    const before = [...proxy.sent];
    for (let i = 0; i < 6; i++) {
      const me = await request(proxy.url, 'GET', '/api/v1/auth/me', { cookie: l.cookie });
      expect(me.status).toBe(200);
    }
    expect(proxy.sent.map((n, i) => n - before[i]!)).toEqual([3, 3]);
    expect((await request(direct(b), 'POST', '/api/v1/auth/logout', { cookie: l.cookie })).status).toBe(200);
    for (const s of [a, b])
      expect((await request(direct(s), 'GET', '/api/v1/auth/me', { cookie: l.cookie })).status).toBe(401);
  });

  it('each scheduled job runs once per period across both instances', async () => {
    interface Run {
      job: string;
      period: string;
      instance: string;
      server: 'a' | 'b';
    }
    const logged = (msg: string): Run[] =>
      (['a', 'b'] as const).flatMap((server) =>
        (server === 'a' ? a : b)
          .output()
          .split('\n')
          .filter((l) => l.includes(`"msg":"${msg}"`))
          .map((l) => ({ ...(JSON.parse(l) as { job: string; period: string; instance: string }), server })),
      );
    const rows = () =>
      admin(
        async (c) =>
          (await c.query('select job, period, instance from job_run order by started_at')).rows as {
            job: string;
            period: string;
            instance: string;
          }[],
        dbName,
      );

    // Wait for several housekeeping periods.
    const deadline = Date.now() + 90_000;
    let runs = await rows();
    while (new Set(runs.filter((r) => r.job === 'ticketNotices').map((r) => r.period)).size < 4) {
      if (Date.now() > deadline) throw new Error(`too few housekeeping periods: ${JSON.stringify(runs)}`);
      await sleep(500);
      runs = await rows();
    }
    // Every claimed run is reported by the instance that ran it (the log line comes when the job ends).
    const key = (r: { job: string; period: string; instance: string }) => `${r.job}@${r.period}@${r.instance}`;
    const until = Date.now() + 30_000;
    while (!runs.every((r) => logged('scheduled job ran').some((l) => key(l) === key(r)))) {
      if (Date.now() > until) throw new Error(`runs without a log line: ${JSON.stringify(runs)}`);
      await sleep(200);
    }
    const ran = logged('scheduled job ran');
    const skipped = logged('scheduled job skipped');
    const jobs = ['purgeSessions', 'purgeLogs', 'ticketNotices', 'purgeJobRuns'];
    for (const job of jobs) {
      const periods = ran.filter((r) => r.job === job).map((r) => r.period);
      // never twice in one period, whichever instance
      expect(new Set(periods).size, `${job}: ${periods.join(' ')}`).toBe(periods.length);
    }
    // What the instances say they ran is exactly what job_run holds (for the runs of the snapshot).
    const ranKeys = new Set(ran.map(key));
    for (const r of runs) expect(ranKeys.has(key(r))).toBe(true);
    // The instances really competed: in some period one ran a job and the other found it taken.
    const contested = skipped.filter((s) =>
      ran.some((r) => r.job === s.job && r.period === s.period && r.server !== s.server),
    );
    expect(contested.length).toBeGreaterThan(0);
    const byServer = { a: ran.filter((r) => r.server === 'a').length, b: ran.filter((r) => r.server === 'b').length };
    console.log(
      `[multi-instance] housekeeping every ${HOUSEKEEPING_SECONDS}s: ${ran.length} job runs over ${
        new Set(ran.map((r) => r.period)).size
      } periods (instance A ${byServer.a}, B ${byServer.b}), ${skipped.length} skipped as taken, 0 duplicates`,
    );
  }, 180_000);

  it('1,000 concurrent updates of one enterprise across both instances lose nothing (409 → re-read → retry)', async () => {
    const l = await request(proxy.url, 'POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: DEMO_PASSWORD },
    });
    expect(l.status).toBe(200);
    const cookie = l.cookie;
    const list = await request(proxy.url, 'GET', '/api/v1/enterprises?page=1&pageSize=1', { cookie });
    expect(list.status).toBe(200);
    const id = list.body.items[0].id as number;
    const first = await request(proxy.url, 'GET', `/api/v1/enterprises/${id}`, { cookie });
    expect(first.status).toBe(200);
    const v0 = first.body.version as number;
    const hits0 = Number(first.body.facts?.hits ?? 0);
    const auditsBefore = await admin(
      async (c) =>
        (
          await c.query(
            "select count(*)::int as n from audit_log where entity = 'enterprise' and entity_id = $1 and action = 'update'",
            [String(id)],
          )
        ).rows[0].n as number,
      dbName,
    );

    const N = 1000;
    let conflicts = 0;
    let otherErrors = 0;
    const patchedBefore = [...proxy.patched];
    const started = Date.now();
    // Each client: read the record, add one to a counter in it, write it back with the version it read;
    // on 409 wait a little (random, growing) and start again from a fresh read.
    // At most C read-modify-write cycles are on the wire at once (many browsers, each with one request
    // in flight); without a bound the queues grow until almost every read is stale by the time it is used.
    const C = 8;
    let free = C;
    const waiting: (() => void)[] = [];
    const acquire = (): Promise<void> => {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise<void>((r) => waiting.push(r));
    };
    const release = () => {
      const next = waiting.shift();
      if (next) next();
      else free++;
    };
    const update = async (): Promise<number> => {
      for (let attempt = 1; ; attempt++) {
        await acquire();
        let r: Res;
        try {
          const cur = await request(proxy.url, 'GET', `/api/v1/enterprises/${id}`, { cookie });
          if (cur.status !== 200) throw new Error(`GET ${cur.status} ${JSON.stringify(cur.body)}`);
          const facts = { ...cur.body.facts, hits: Number(cur.body.facts?.hits ?? 0) + 1 };
          r = await request(proxy.url, 'PATCH', `/api/v1/enterprises/${id}`, {
            cookie,
            body: { version: cur.body.version, facts },
          });
        } finally {
          release();
        }
        if (r.status === 200) return attempt;
        if (r.status !== 409 || r.body.code !== 'STALE_VERSION') {
          otherErrors++;
          throw new Error(`PATCH ${r.status} ${JSON.stringify(r.body)}`);
        }
        conflicts++;
        await sleep(Math.random() * 20);
      }
    };
    const attempts = await Promise.all(Array.from({ length: N }, update));
    const seconds = (Date.now() - started) / 1000;

    expect(otherErrors).toBe(0);
    const after = await request(proxy.url, 'GET', `/api/v1/enterprises/${id}`, { cookie });
    expect(after.status).toBe(200);
    // Every one of the 1,000 increments is in the final state, and the version moved 1,000 times.
    expect(Number(after.body.facts.hits)).toBe(hits0 + N);
    expect(after.body.version).toBe(v0 + N);
    // One audit row per successful update, and both instances served successful updates.
    const auditsAfter = await admin(
      async (c) =>
        (
          await c.query(
            "select count(*)::int as n from audit_log where entity = 'enterprise' and entity_id = $1 and action = 'update'",
            [String(id)],
          )
        ).rows[0].n as number,
      dbName,
    );
    expect(auditsAfter - auditsBefore).toBe(N);
    const perInstance = proxy.patched.map((n, i) => n - patchedBefore[i]!);
    expect(perInstance[0]! + perInstance[1]!).toBe(N);
    expect(perInstance[0]).toBeGreaterThan(0);
    expect(perInstance[1]).toBeGreaterThan(0);
    // Stale writes were really refused (the test means something only under contention).
    expect(conflicts).toBeGreaterThan(0);
    expect(attempts.reduce((x, y) => x + y, 0)).toBe(N + conflicts);
    console.log(
      `[multi-instance] ${N} concurrent updates of one enterprise (at most ${C} on the wire) through 2 instances: ` +
        `${conflicts} answered 409 ` +
        `and were retried (max ${Math.max(...attempts)} attempts by one client), ${seconds.toFixed(1)} s, ` +
        `successes per instance ${perInstance.join(' / ')}, final version ${after.body.version} (= ${v0} + ${N})`,
    );
  }, 600_000);
});

// ---------- read replica ----------

describe('DATABASE_READ_URL: read-only queries on a second pool', () => {
  it('cockpit and the enterprise list read through the replica role; writes go to the primary', async () => {
    const dbName = await demoDatabase();
    const role = `ro_${randomBytes(4).toString('hex')}`;
    await admin(async (c) => {
      await c.query(`create role ${role} login`);
      await c.query(`alter role ${role} set default_transaction_read_only = on`);
    });
    await admin(async (c) => {
      await c.query(`grant select on all tables in schema public to ${role}`);
    }, dbName);
    const config = loadConfig({
      BEIZENG_DEMO: '1',
      DATABASE_URL: pgUrl(dbName),
      DATABASE_READ_URL: pgUrl(dbName, role),
    });
    expect(config.databaseReadUrl).toBe(pgUrl(dbName, role));
    const database = await openPostgres(config.databaseUrl!, { max: 4, readUrl: config.databaseReadUrl });
    const app = await buildApp({ config, database });
    await app.ready();
    const readBackends = () =>
      admin(
        async (c) =>
          (
            await c.query('select query from pg_stat_activity where usename = $1 and datname = $2', [role, dbName])
          ).rows.map((r) => r.query as string),
        dbName,
      );
    try {
      // The replica role cannot write at all.
      const ro = new pg.Client({ connectionString: pgUrl(dbName, role) });
      await ro.connect();
      await expect(ro.query("update enterprise set note = 'x'")).rejects.toThrow(/read-only transaction/);
      await ro.end();
      expect(await readBackends()).toEqual([]);

      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const cookie = `bz_sid=${login.cookies.find((c) => c.name === 'bz_sid')!.value}`;
      const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

      const list = await get('/api/v1/enterprises?page=1&pageSize=5');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.length).toBe(5);
      const queries = await readBackends();
      expect(queries.length).toBeGreaterThan(0);
      expect(queries.join('\n')).toMatch(/"enterprise"/);
      expect((await get('/api/v1/cockpit')).statusCode).toBe(200);

      // Proof that those reads use the replica role: take its right to read enterprises (and the cockpit's ledger)
      // away, and the list and the cockpit fail while a read on the primary (the detail) and a write still succeed.
      await admin((c) => c.query(`revoke select on enterprise, tally_ledger from ${role}`), dbName);
      expect((await get('/api/v1/enterprises?page=1&pageSize=5')).statusCode).toBe(500);
      expect((await get('/api/v1/cockpit')).statusCode).toBe(500);
      const id = list.json().items[0].id as number;
      const detail = await get(`/api/v1/enterprises/${id}`);
      expect(detail.statusCode).toBe(200);
      const patch = await app.inject({
        method: 'PATCH',
        url: `/api/v1/enterprises/${id}`,
        headers: { cookie },
        payload: { version: detail.json().version, note: 'written on the primary' },
      });
      expect(patch.statusCode, patch.body).toBe(200);
      expect(patch.json().note).toBe('written on the primary');
      await admin((c) => c.query(`grant select on enterprise, tally_ledger to ${role}`), dbName);
      const again = await get('/api/v1/enterprises?page=1&pageSize=5');
      expect(again.statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
      await dropDatabase(dbName);
      await admin((c) => c.query(`drop role if exists ${role}`));
    }
  }, 180_000);
});
