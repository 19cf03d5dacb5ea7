/**
 * Load on a real server process (issue #9): mixed reads and writes at 50 connections — 60 s on PostgreSQL,
 * 15 s on PGlite (one session: requests queue behind each other, so a shorter run says as much).
 * 0 errors are allowed, and the written rows reconcile: every acknowledged create is in the database
 * exactly once, with its audit row, and nothing else was written under the run's name prefix.
 * Prints requests, req/s, p50/p95/p99 latency, errors and the server's peak RSS.
 */
import http from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, rowsOf } from '../src/core/db';
import { DB_KIND } from './harness';
import {
  cleanUp,
  databaseEnv,
  login,
  peakRssMb,
  percentile,
  pgQuery,
  request,
  scanAllServerLogs,
  startServer,
  stopServer,
} from './server-process';

const SECONDS = Number(process.env.LOAD_SECONDS) || (DB_KIND === 'pg' ? 60 : 15);
const CONNECTIONS = 50;
const REGION = '370406109000';
const PREFIX = '负载测试';

afterAll(async () => {
  await cleanUp();
});

describe(`load (${DB_KIND})`, () => {
  it(
    `${SECONDS} s of mixed reads and writes at ${CONNECTIONS} connections: 0 errors, writes reconcile`,
    async () => {
      const db = await databaseEnv();
      const s = await startServer(db.env);
      const admin = await login(s, 'admin');
      const cadre = await login(s, 'cadre');
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      const first = await request(s, 'GET', '/api/v1/enterprises?pageSize=100', { cookie: admin, agent });
      expect(first.status).toBe(200);
      const ids: number[] = first.body.items.map((e: any) => e.id);
      expect(ids.length).toBeGreaterThan(5);
      // warm up (compilation, pool, caches) before measuring
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          request(s, 'GET', `/api/v1/enterprises?page=${1 + (i % 3)}`, { cookie: admin, agent }),
        ),
      );

      const created: { id: number; name: string }[] = [];
      const ops: { name: string; weight: number; run: (k: number) => Promise<number> }[] = [
        {
          name: 'list',
          weight: 35,
          run: async (k) =>
            (await request(s, 'GET', `/api/v1/enterprises?page=${1 + (k % 5)}&pageSize=20`, { cookie: cadre, agent }))
              .status,
        },
        {
          name: 'search',
          weight: 10,
          run: async (k) =>
            (
              await request(s, 'GET', `/api/v1/enterprises?q=${encodeURIComponent(['凫城', '食品', 'sdyc'][k % 3]!)}`, {
                cookie: admin,
                agent,
              })
            ).status,
        },
        {
          name: 'get',
          weight: 20,
          run: async (k) =>
            (await request(s, 'GET', `/api/v1/enterprises/${ids[k % ids.length]}`, { cookie: admin, agent })).status,
        },
        {
          name: 'me',
          weight: 15,
          run: async () => (await request(s, 'GET', '/api/v1/auth/me', { cookie: cadre, agent })).status,
        },
        {
          name: 'create',
          weight: 20,
          run: async (k) => {
            const name = `${PREFIX}${String(k).padStart(7, '0')}号企业`;
            const r = await request(s, 'POST', '/api/v1/enterprises', {
              cookie: admin,
              agent,
              body: { name, regionCode: REGION, industryCode: '1432' },
            });
            if (r.status === 200) created.push({ id: r.body.id, name });
            return r.status;
          },
        },
      ];
      const wheel = ops.flatMap((o) => Array<typeof o>(o.weight).fill(o));
      const latencies: number[] = [];
      const errors: { op: string; status?: number; error?: string }[] = [];
      const perOp: Record<string, number> = {};
      let seq = 0;
      const t0 = performance.now();
      const end = t0 + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < end) {
            const k = seq++;
            const op = wheel[(k * 37) % wheel.length]!;
            const start = performance.now();
            try {
              const status = await op.run(k);
              if (status < 200 || status >= 300) errors.push({ op: op.name, status });
            } catch (e: any) {
              errors.push({ op: op.name, error: String(e.code ?? e.message) });
            }
            latencies.push(performance.now() - start);
            perOp[op.name] = (perOp[op.name] ?? 0) + 1;
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const rss = peakRssMb(s.proc.pid);
      agent.destroy();
      expect(await stopServer(s)).toBe(0);

      // Reconcile straight from the database.
      let rows: { id: number; name: string }[];
      let auditIds: { id: string }[];
      const auditSql =
        "select distinct entity_id as id from audit_log where entity = 'enterprise' and action = 'create'";
      if (db.pgUrl) {
        rows = await pgQuery(db.pgUrl, 'select id::int as id, name from enterprise where name like $1', [`${PREFIX}%`]);
        auditIds = await pgQuery(db.pgUrl, auditSql);
      } else {
        const d = await openPglite({ dataDir: db.dataDir! });
        try {
          rows = rowsOf(
            await d.db.execute(sql`select id::int as id, name from enterprise where name like ${`${PREFIX}%`}`),
          );
          auditIds = rowsOf(await d.db.execute(sql.raw(auditSql)));
        } finally {
          await d.close();
        }
      }
      const auditSet = new Set(auditIds.map((r) => String(r.id)));
      const audited = created.filter((c) => auditSet.has(String(c.id))).length;
      const byId = new Map(rows.map((r) => [r.id, r.name]));
      const missing = created.filter((c) => byId.get(c.id) !== c.name).length;
      const names = new Set(rows.map((r) => r.name));

      console.log(`load on ${DB_KIND}:`);
      console.table([
        {
          seconds: +seconds.toFixed(1),
          connections: CONNECTIONS,
          requests: latencies.length,
          req_per_s: +(latencies.length / seconds).toFixed(0),
          p50_ms: +percentile(latencies, 50).toFixed(0),
          p95_ms: +percentile(latencies, 95).toFixed(0),
          p99_ms: +percentile(latencies, 99).toFixed(0),
          errors: errors.length,
          creates_acknowledged: created.length,
          rows_in_db: rows.length,
          missing,
          audited,
          server_peak_rss_mb: rss,
        },
      ]);
      console.log('requests per operation:', perOp);
      expect(errors.slice(0, 5)).toEqual([]);
      expect(created.length).toBeGreaterThan(0);
      expect(missing).toBe(0);
      expect(rows.length).toBe(created.length); // nothing unacknowledged, nothing twice
      expect(names.size).toBe(rows.length);
      expect(audited).toBe(created.length);
      const scan = scanAllServerLogs(`load ${DB_KIND}`);
      expect(scan.hits).toEqual([]);
    },
    10 * 60_000,
  );
});
