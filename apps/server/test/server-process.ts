/**
 * Real server processes for the crash, shutdown and load tests: spawn `node --import tsx src/server.ts`,
 * wait for its banner, talk HTTP to it, kill it. Every byte a server writes is kept, and every session
 * token and password a test used is remembered, so the file can scan the logs for secrets at the end
 * (see log-scan.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DB_KIND, DEMO_PASSWORD } from './harness';
import { type LogHit, scanLog } from './log-scan';
import { freePort } from './pg-cluster';

export const SERVER_DIR = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT = 180_000;

export interface Server {
  proc: ChildProcess;
  port: number;
  url: string;
  env: Record<string, string>;
  /** stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];
const pgDatabases: { base: string; name: string }[] = [];

/** Everything every server of this test file wrote, and the secrets the tests handled. */
export const seen = { logs: [] as (() => string)[], tokens: new Set<string>(), passwords: new Set([DEMO_PASSWORD]) };

export function tempDir(): string {
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

/** Spawns the server (with request logging on) and waits until it listens. */
export async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: { ...baseEnv(), HOST: '127.0.0.1', PORT: String(port), LOG_REQUESTS: '1', ...env },
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
  seen.logs.push(() => out);
  let ended: number | string | null = null;
  const exited = new Promise<number | string>((resolve) => {
    proc.once('exit', (code, signal) => {
      children.delete(proc);
      ended = code ?? signal ?? 'unknown';
      resolve(ended);
    });
  });
  const deadline = Date.now() + START_TIMEOUT;
  for (;;) {
    const m = out.match(/is running at (http:\/\/\S+)/);
    if (m) return { proc, port, url: m[1]!, env, output: () => out, exited };
    if (ended !== null) throw new Error(`server exited (${ended}) before listening; output:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start in time; output:\n${out}`);
    await sleep(50);
  }
}

export function kill9(s: Server): Promise<number | string> {
  if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
  return s.exited;
}

export function stopServer(s: Server): Promise<number | string> {
  if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGTERM');
  return s.exited;
}

/** Kills what is left and removes temporary directories and databases (call in afterAll). */
export async function cleanUp() {
  const left = [...children];
  for (const c of left) c.kill('SIGKILL');
  await Promise.all(
    left.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(0) : c.once('exit', r)))),
  );
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  for (const { base, name } of pgDatabases.splice(0)) {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Environment for a server on a new database of the current kind: PGlite in an empty DATA_DIR (the server
 * loads the demo at its first start), or a fresh PostgreSQL database on the test cluster, copied from the
 * migrated demo template unless `empty`.
 */
export async function databaseEnv(opts: { pgBase?: string; empty?: boolean } = {}): Promise<{
  env: Record<string, string>;
  /** PostgreSQL only: the database URL, for direct checks. */
  pgUrl: string | null;
  dataDir: string | null;
}> {
  const base = opts.pgBase ?? (DB_KIND === 'pg' ? process.env.TEST_PG_URL : undefined);
  if (base) {
    const name = `p_${randomBytes(6).toString('hex')}`;
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`create database ${name}${opts.empty || opts.pgBase ? '' : ' template beizeng_template'}`);
    await c.end();
    pgDatabases.push({ base, name });
    const url = base.replace(/\/[^/]*$/, `/${name}`);
    return { env: { DATABASE_URL: url, BEIZENG_DEMO: '1' }, pgUrl: url, dataDir: null };
  }
  const dataDir = path.join(tempDir(), 'data');
  return { env: { DATA_DIR: dataDir, BEIZENG_DEMO: '1' }, pgUrl: null, dataDir };
}

/** One query on a PostgreSQL database. */
export async function pgQuery<T = any>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export interface Res {
  status: number;
  body: any;
  headers: http.IncomingHttpHeaders;
}

/** One HTTP request; the session token of a Set-Cookie is remembered for the log scan. */
export function request(
  s: { port: number },
  method: string,
  url: string,
  opts: { cookie?: string; body?: unknown; agent?: http.Agent | false; timeout?: number } = {},
): Promise<Res> {
  const payload = opts.body !== undefined ? Buffer.from(JSON.stringify(opts.body)) : null;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        method,
        path: url,
        agent: opts.agent ?? false,
        headers: {
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
        timeout: opts.timeout ?? 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {}
          rememberToken(res.headers);
          resolve({ status: res.statusCode!, body, headers: res.headers });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(payload ?? undefined);
  });
}

export function rememberToken(headers: http.IncomingHttpHeaders) {
  for (const c of headers['set-cookie'] ?? []) {
    const m = c.match(/^bz_sid=([^;]+)/);
    if (m?.[1]) seen.tokens.add(m[1]);
  }
}

/** Logs in and returns the Cookie header value. */
export async function login(s: { port: number }, username = 'admin', password = DEMO_PASSWORD): Promise<string> {
  seen.passwords.add(password);
  const r = await request(s, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  const sid = (r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('bz_sid='));
  if (!sid) throw new Error('no session cookie');
  return sid;
}

/** Peak resident memory of a process so far, in MB (Linux VmHWM). */
export function peakRssMb(pid: number | undefined): number | null {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Scans the output of every server this test file started; prints the figure. */
export function scanAllServerLogs(label: string): { lines: number; hits: LogHit[]; servers: number } {
  const texts = seen.logs.map((f) => f());
  const { lines, hits } = scanLog(texts.join('\n'), seen);
  console.log(
    `[log scan ${label}] ${texts.length} server processes, ${lines} log lines, ` +
      `${seen.tokens.size} session tokens and ${seen.passwords.size} passwords checked, hits: ${hits.length}`,
  );
  for (const h of hits.slice(0, 10)) console.log(`  ${h.kind}: ${h.line}`);
  return { lines, hits, servers: texts.length };
}
