/**
 * Shutdown and outages of a real server process (issue #9):
 * - SIGTERM while 50 requests (reads, an export and writes) are in flight on keep-alive connections:
 *   every one completes with 2xx, readiness answers 503, new connections are refused, idle keep-alive
 *   connections do not hold the process, and it exits 0.
 * - PostgreSQL only: the database restarted (`pg_ctl restart -m fast`, on a cluster of this test's own)
 *   under load: the app answers 503 UNAVAILABLE (never another 5xx, never a dropped connection) while the
 *   database is away, then recovers by itself.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_KIND } from './harness';
import { type Cluster, pgBin, startCluster } from './pg-cluster';
import {
  cleanUp,
  databaseEnv,
  login,
  request,
  type Server,
  scanAllServerLogs,
  sleep,
  startServer,
} from './server-process';

const REGION = '370406109000';

afterAll(async () => {
  await cleanUp();
});

type Result = { status: number; code?: string; message?: string; at: number } | { error: string; at: number };

describe(`SIGTERM with requests in flight (${DB_KIND})`, () => {
  it(
    '50 in-flight requests on keep-alive connections all complete with 2xx; new connections refused; exit 0',
    async () => {
      const db = await databaseEnv();
      const s = await startServer(db.env);
      const cookie = await login(s);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 60 });
      // 60 keep-alive connections, all idle: 50 will carry the slow requests, 10 stay idle.
      await Promise.all(Array.from({ length: 60 }, () => request(s, 'GET', '/api/health', { agent })));
      const sockets = Object.values(agent.freeSockets).flat().length;
      expect(sockets).toBe(60);

      const N = 50;
      const marker = (i: number) => `&n=${i}`;
      const jobs = Array.from({ length: N }, (_, i) => {
        if (i % 5 === 0) return { method: 'GET', url: `/api/v1/enterprises/export?pageSize=20${marker(i)}` };
        if (i % 5 === 1)
          return {
            method: 'POST',
            url: `/api/v1/enterprises?n=${i}`,
            body: { name: `停机测试${i}号企业`, regionCode: REGION },
          };
        return { method: 'GET', url: `/api/v1/enterprises?pageSize=200&page=1${marker(i)}` };
      });
      const logged = () =>
        s
          .output()
          .split('\n')
          .filter(
            (l) => l.includes('"msg":"incoming request"') && /"url":"\/api\/v1\/enterprises[^"]*[?&]n=\d+/.test(l),
          ).length;
      const before = logged();
      const results: Promise<Result>[] = jobs.map(
        (j) =>
          new Promise<Result>((resolve) => {
            const payload = j.body ? JSON.stringify(j.body) : undefined;
            const req = http.request(
              {
                host: '127.0.0.1',
                port: s.port,
                method: j.method,
                path: j.url,
                agent,
                headers: {
                  cookie,
                  ...(payload
                    ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
                    : {}),
                },
              },
              (res) => {
                res.resume();
                res.on('end', () => resolve({ status: res.statusCode!, at: performance.now() }));
                res.on('error', (e) => resolve({ error: String(e), at: performance.now() }));
              },
            );
            req.on('error', (e) => resolve({ error: String(e), at: performance.now() }));
            req.end(payload);
          }),
      );
      // SIGTERM once every request is inside the server (its request log line printed).
      const deadline = Date.now() + 30_000;
      while (logged() - before < N && Date.now() < deadline) await sleep(2);
      const inside = logged() - before;
      s.proc.kill('SIGTERM');
      const termAt = performance.now();

      // New connections are refused once the listener is closed (a request that raced the signal may still
      // be answered, with 2xx or 503).
      let refusedAfterMs: number | null = null;
      const raced: number[] = [];
      while (performance.now() - termAt < 10_000) {
        try {
          const r = await request(s, 'GET', '/api/ready', { timeout: 5_000 });
          raced.push(r.status);
        } catch (e: any) {
          if (e.code === 'ECONNREFUSED') {
            refusedAfterMs = performance.now() - termAt;
            break;
          }
          throw e;
        }
        await sleep(5);
      }

      const done = await Promise.all(results);
      const code = await s.exited;
      const exitedAfterMs = performance.now() - termAt;
      agent.destroy();
      const ok = done.filter((r) => 'status' in r && r.status >= 200 && r.status < 300).length;
      const finishedAfterTerm = done.filter((r) => r.at > termAt).length;
      console.log(
        `SIGTERM (${DB_KIND}): ${inside}/${N} requests inside the server at the signal, ${ok}/${N} answered 2xx ` +
          `(${finishedAfterTerm} of them after the signal); new connections refused after ` +
          `${refusedAfterMs?.toFixed(0)} ms (${raced.length} raced requests answered: ${raced.join(',') || '-'}); ` +
          `exit code ${code} after ${exitedAfterMs.toFixed(0)} ms`,
      );
      expect(inside).toBe(N);
      expect(done.filter((r) => !('status' in r) || r.status < 200 || r.status >= 300)).toEqual([]);
      expect(finishedAfterTerm, 'requests still running at the signal').toBeGreaterThan(0);
      expect(refusedAfterMs).not.toBeNull();
      for (const st of raced) expect([200, 503]).toContain(st);
      expect(code).toBe(0); // not the 15-second forced exit (1): idle keep-alive connections were closed
      expect(s.output()).toContain('SIGTERM: finishing in-flight requests');
      const scan = scanAllServerLogs(`shutdown ${DB_KIND}`);
      expect(scan.hits).toEqual([]);
    },
    5 * 60_000,
  );
});

/** `pg_ctl restart -m fast` on a test cluster, without blocking the event loop (the load keeps running). */
function restartPostgres(cluster: Cluster): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const pgCtl = pgBin('pg_ctl');
  const args = ['-D', path.join(cluster.dir, 'data'), '-l', path.join(cluster.dir, 'pg.log'), '-m', 'fast', '-w'];
  const [cmd, full] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', pgCtl, ...args, 'restart']]
    : [pgCtl, [...args, 'restart']];
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, full as string[], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (d) => {
      err += d;
    });
    p.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`pg_ctl restart failed (${c}): ${err}`))));
  });
}

if (DB_KIND === 'pg')
  describe('PostgreSQL restarted under load', () => {
    let cluster: Cluster | null = null;
    afterAll(async () => {
      await cleanUp(); // the server first, then its cluster
      cluster?.stop();
    });

    it(
      'answers 503 UNAVAILABLE while the database restarts, no other error, and recovers without a restart',
      async () => {
        cluster = await startCluster();
        const db = await databaseEnv({ pgBase: cluster.url() });
        const s: Server = await startServer(db.env);
        const cookie = await login(s);
        const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
        const log: (Result & { op: string })[] = [];
        let stop = false;
        let seq = 0;
        const t0 = performance.now();
        const workers = Array.from({ length: 20 }, async (_, w) => {
          while (!stop) {
            const k = seq++;
            const op = k % 10 === 0 ? 'create' : k % 10 < 4 ? 'me' : 'list';
            try {
              const r =
                op === 'create'
                  ? await request(s, 'POST', '/api/v1/enterprises', {
                      cookie,
                      agent,
                      body: { name: `重启测试${k}号企业`, regionCode: REGION },
                    })
                  : await request(
                      s,
                      'GET',
                      op === 'me' ? '/api/v1/auth/me' : `/api/v1/enterprises?page=${1 + (w % 3)}`,
                      {
                        cookie,
                        agent,
                      },
                    );
              log.push({
                op,
                status: r.status,
                code: r.body?.code,
                message: r.body?.message,
                at: performance.now() - t0,
              });
              if (r.status === 503) await sleep(20); // a client backing off
            } catch (e: any) {
              log.push({ op, error: String(e.code ?? e.message ?? e), at: performance.now() - t0 });
            }
          }
        });
        await sleep(3_000);
        const restartAt = performance.now() - t0;
        await restartPostgres(cluster);
        const restartedAt = performance.now() - t0;
        await sleep(5_000);
        stop = true;
        await Promise.all(workers);
        agent.destroy();

        const unavailable = log.filter((r) => 'status' in r && r.status === 503);
        const otherFailures = log.filter((r) => !('status' in r) || (r.status >= 300 && r.status !== 503));
        const first503 = unavailable.length ? Math.min(...unavailable.map((r) => r.at)) : null;
        const last503 = unavailable.length ? Math.max(...unavailable.map((r) => r.at)) : null;
        const afterLast = log.filter((r) => last503 !== null && r.at > last503);
        const lastSecond = log.filter((r) => r.at > restartedAt + 4_000);
        console.log(
          `PostgreSQL restart under load: ${log.length} requests (20 clients), pg_ctl restart took ` +
            `${(restartedAt - restartAt).toFixed(0)} ms; 503 window ${
              first503 === null ? 'none' : `${(last503! - first503).toFixed(0)} ms`
            } (${unavailable.length} × 503, codes: ${[...new Set(unavailable.map((r: any) => r.code))].join(',')}); ` +
            `other failures: ${otherFailures.length}; ${afterLast.length} requests after the last 503, all 2xx: ${afterLast.every((r) => 'status' in r && r.status < 300)}`,
        );
        expect(otherFailures.slice(0, 5)).toEqual([]);
        expect(unavailable.length, 'the restart was seen by the app').toBeGreaterThan(0);
        for (const r of unavailable) expect((r as any).code).toBe('UNAVAILABLE');
        expect((unavailable[0] as any).message).toBe('服务暂不可用，请稍后重试');
        expect(afterLast.length).toBeGreaterThan(0);
        expect(lastSecond.length).toBeGreaterThan(0);
        for (const r of lastSecond) expect('status' in r && r.status).toBe(200);
        // The same process answers after the outage: ready again, data readable.
        expect(s.proc.exitCode).toBeNull();
        expect((await request(s, 'GET', '/api/ready')).status).toBe(200);
        const scan = scanAllServerLogs('postgres restart');
        expect(scan.hits).toEqual([]);
      },
      5 * 60_000,
    );
  });
