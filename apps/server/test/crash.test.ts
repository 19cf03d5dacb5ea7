/**
 * Crash safety of a real server process (issue #9): `kill -9` at five points of a 50,000-row enterprise
 * import leaves 0 partial rows and the server restarts cleanly; 1,000 acknowledged writes followed by
 * `kill -9` are all present after the restart. PGlite in a DATA_DIR, or a fresh PostgreSQL database.
 *
 * Kill points: (1) while the file is still being uploaded; (2) and (3) at 30 % and 85 % of the time a
 * clean import of a same-sized file spent between the end of its upload and its first inserted row
 * (reading the sheet, then checking every row and matching it against the database); (4) when the
 * uncommitted insert has written half the bytes the clean import wrote from its first insert to its
 * commit; (5) when it has written 80 % of them, in the last seconds before the commit. Progress is read
 * from outside the server (see progressProbe): it grows while the transaction inserts even though no
 * other session can see its rows. Afterwards a direct query finds no row of the killed file.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/core/db';
import { DB_KIND } from './harness';
import {
  cleanUp,
  databaseEnv,
  kill9,
  login,
  pgQuery,
  request,
  type Server,
  scanAllServerLogs,
  seen,
  sleep,
  startServer,
  stopServer,
} from './server-process';

const ROWS = 50_000;
const REGION = '370406109000'; // 凫城镇

afterAll(async () => {
  await cleanUp();
});

/** Rows numbered from `first`: the two files never share a name, even if ExcelJS garbles a character. */
async function importFile(prefix: string, first: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(['企业名称*', '所在地区划代码*', '行业代码', '联系电话', '注册资本（元）']);
  for (let i = first; i < first + ROWS; i++)
    ws.addRow([
      `${prefix}${String(i).padStart(5, '0')}号测试企业有限公司`,
      REGION,
      '1432',
      `139${String(i).padStart(8, '0')}`,
      1_000_000 + i,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(buf: Buffer) {
  const boundary = '----beizeng-crash-boundary';
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="import.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      buf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

type Outcome = { status: number; body: any; at: number } | { error: string; at: number };

/**
 * Posts the import. `partial`: send only that fraction of the body and stop (the upload never completes).
 * `uploaded` resolves when the whole body has been handed to the kernel.
 */
function postImport(s: Server, cookie: string, file: Buffer, partial?: number) {
  const m = multipart(file);
  let markUploaded: (t: number) => void = () => {};
  const uploaded = new Promise<number>((r) => {
    markUploaded = r;
  });
  const done = new Promise<Outcome>((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        method: 'POST',
        path: '/api/v1/enterprises/import?dryRun=false',
        agent: false,
        headers: { cookie, 'content-type': m.type, 'content-length': m.body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', (e) => resolve({ error: String(e), at: performance.now() }));
        res.on('end', () => {
          let body: any = Buffer.concat(chunks).toString('utf8');
          try {
            body = JSON.parse(body);
          } catch {}
          resolve({ status: res.statusCode!, body, at: performance.now() });
        });
      },
    );
    req.on('error', (e) => resolve({ error: String(e), at: performance.now() }));
    if (partial !== undefined) req.write(m.body.subarray(0, Math.floor(m.body.length * partial)));
    else req.end(m.body, () => markUploaded(performance.now()));
  });
  return { done, uploaded };
}

/**
 * Progress of an import as seen from outside the server. `bytes`: PostgreSQL: WAL written by the cluster
 * (pg_current_wal_lsn; table files are no measure there, as autovacuum lets a later insert reuse the
 * space of an aborted one); PGlite: size of the files under DATA_DIR/pglite/base (no autovacuum, and
 * WAL segments are preallocated). `inserting(since)`: the import's transaction has begun inserting.
 */
async function progressProbe(env: { pgUrl: string | null; dataDir: string | null }) {
  if (env.pgUrl) {
    const c = new pg.Client({ connectionString: env.pgUrl });
    await c.connect();
    return {
      bytes: async () =>
        Number((await c.query("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint as n")).rows[0].n),
      // the import transaction takes a transaction id at its first insert
      inserting: async (_since: number) =>
        (
          await c.query(
            `select count(*)::int as n from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid()
               and backend_xid is not null and query ilike 'insert into%'`,
          )
        ).rows[0].n > 0,
      close: () => c.end(),
    };
  }
  const base = path.join(env.dataDir!, 'pglite', 'base');
  const du = (d: string): number => {
    let n = 0;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      try {
        n += e.isDirectory() ? du(p) : fs.statSync(p).size;
      } catch {} // a temporary file removed while we looked
    }
    return n;
  };
  return {
    bytes: async () => du(base),
    inserting: async (since: number) => du(base) - since > 256 * 1024,
    close: async () => {},
  };
}

/** Enterprises the admin sees (all of them) — through the API, so it also proves the server answers. */
async function enterpriseCount(s: Server, cookie: string): Promise<number> {
  const r = await request(s, 'GET', '/api/v1/enterprises?pageSize=1', { cookie });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.total;
}

async function restart(s: Server, label: string): Promise<{ server: Server; seconds: number }> {
  const t0 = performance.now();
  const server = await startServer(s.env);
  const seconds = (performance.now() - t0) / 1000;
  expect(server.output(), label).not.toContain('Demo data of');
  expect((await request(server, 'GET', '/api/ready')).status, label).toBe(200);
  return { server, seconds };
}

describe(`crash safety (${DB_KIND})`, () => {
  it(
    'kill -9 at five points of a 50,000-row import: 0 partial rows, clean restarts; then 1,000 acknowledged writes survive kill -9',
    async () => {
      const db = await databaseEnv();
      const [fileA, fileB] = await Promise.all([importFile('甲批', 0), importFile('乙批', ROWS)]);
      let s = await startServer(db.env);
      const cookie = await login(s);
      const probe = await progressProbe(db);
      const figures: Record<string, unknown>[] = [];
      try {
        // ---- a clean import of file A: its phases, timed and sized ----
        const n0 = await enterpriseCount(s, cookie);
        const g0 = await probe.bytes();
        const t0 = performance.now();
        const ctl = postImport(s, cookie, fileA);
        let tInsert = 0;
        let g1 = 0;
        let finished = false;
        void ctl.done.then(() => {
          finished = true;
        });
        while (!finished) {
          if (!tInsert && (await probe.inserting(g0))) {
            tInsert = performance.now();
            g1 = await probe.bytes();
          }
          await sleep(20);
        }
        const control = await ctl.done;
        expect('status' in control && control.status, JSON.stringify(control)).toBe(200);
        expect((control as any).body).toMatchObject({ created: ROWS, errors: [] });
        const tUp = await ctl.uploaded;
        expect(tInsert, 'saw the insert phase').toBeGreaterThan(tUp);
        const grown = (await probe.bytes()) - g1; // written from the first insert to the commit
        const preInsert = tInsert - tUp;
        const n1 = await enterpriseCount(s, cookie);
        expect(n1).toBe(n0 + ROWS);
        figures.push({
          run: 'clean import (file A)',
          upload_s: +((tUp - t0) / 1000).toFixed(2),
          read_and_check_s: +(preInsert / 1000).toFixed(2),
          insert_and_commit_s: +((control.at - tInsert) / 1000).toFixed(2),
          inserted_mb: +(grown / 2 ** 20).toFixed(1),
          rows_after: n1 - n0,
        });

        // ---- file B, killed at five points ----
        const points: { name: string; partial?: number; afterUploadMs?: number; grownFraction?: number }[] = [
          { name: 'uploading (40 % of the body sent)', partial: 0.4 },
          { name: 'reading the sheet', afterUploadMs: 0.3 * preInsert },
          { name: 'checking rows', afterUploadMs: 0.85 * preInsert },
          { name: 'inserting (50 % written)', grownFraction: 0.5 },
          // 80 %, not 99 %: the last seconds of the insert, with room for one run writing a little less than another
          { name: 'end of the insert, before commit (80 % written)', grownFraction: 0.8 },
        ];
        for (const [i, p] of points.entries()) {
          const before = await probe.bytes();
          const run = postImport(s, cookie, fileB, p.partial);
          let responded = false;
          void run.done.then((o) => {
            responded = 'status' in o;
          });
          let insertFrom = before;
          if (p.partial !== undefined) await sleep(500);
          else if (p.afterUploadMs !== undefined) {
            await run.uploaded;
            await sleep(p.afterUploadMs);
          } else {
            while (!responded && !(await probe.inserting(before))) await sleep(10);
            insertFrom = await probe.bytes();
            while (!responded && (await probe.bytes()) - insertFrom < p.grownFraction! * grown) await sleep(10);
          }
          const written = (await probe.bytes()) - insertFrom;
          const killedAt = performance.now();
          await kill9(s);
          const outcome = await run.done;
          const r = await restart(s, p.name);
          s = r.server;
          const rows = (await enterpriseCount(s, cookie)) - n1;
          const completed = 'status' in outcome && outcome.status === 200 && outcome.at < killedAt;
          figures.push({
            run: `kill -9 #${i + 1}: ${p.name}`,
            inserted_mb_when_killed: p.grownFraction ? +(written / 2 ** 20).toFixed(1) : 0,
            response: 'status' in outcome ? outcome.status : 'none (connection reset)',
            rows_after_restart: rows,
            restart_s: +r.seconds.toFixed(1),
          });
          expect(completed, `${p.name}: the import finished before the kill`).toBe(false);
          expect(rows, p.name).toBe(0);
        }
        if (db.pgUrl) {
          const [{ n }] = await pgQuery(
            db.pgUrl,
            "select count(*)::int as n from enterprise where name ~ '^[^0-9]*[5-9][0-9]{4}[^0-9]'",
          );
          expect(n).toBe(0);
        }

        // ---- 1,000 acknowledged writes, then kill -9 while more are in flight ----
        const acked: { id: number; name: string }[] = [];
        let inFlight = 0;
        let stop = false;
        let failures = 0;
        let seq = 0;
        const t1 = performance.now();
        const writers = Array.from({ length: 8 }, async () => {
          while (!stop) {
            const name = `持久写入${String(seq++).padStart(5, '0')}号企业`;
            inFlight++;
            try {
              const r = await request(s, 'POST', '/api/v1/enterprises', {
                cookie,
                body: { name, regionCode: REGION, contactPhone: `137${String(seq).padStart(8, '0')}` },
              });
              if (r.status === 200) {
                acked.push({ id: r.body.id, name });
                if (acked.length >= 1000) stop = true;
              } else failures++;
            } catch {
              if (!stop) failures++;
            } finally {
              inFlight--;
            }
          }
        });
        while (acked.length < 1000) await sleep(1);
        const pending = inFlight;
        await kill9(s); // the moment the 1,000th acknowledgement arrived
        const writeSeconds = (performance.now() - t1) / 1000;
        await Promise.all(writers);
        const ackedAtKill = acked.length;
        expect(failures).toBe(0);
        const r = await restart(s, 'after 1,000 writes');
        s = r.server;
        let present = 0;
        for (let i = 0; i < acked.length; i += 8)
          await Promise.all(
            acked.slice(i, i + 8).map(async (a) => {
              const g = await request(s, 'GET', `/api/v1/enterprises/${a.id}`, { cookie });
              if (g.status === 200 && g.body.name === a.name) present++;
            }),
          );
        figures.push({
          run: 'acknowledged writes then kill -9',
          acknowledged: ackedAtKill,
          in_flight_at_kill: pending,
          present_after_restart: present,
          writes_per_s: +(ackedAtKill / writeSeconds).toFixed(0),
          restart_s: +r.seconds.toFixed(1),
        });
        expect(ackedAtKill).toBeGreaterThanOrEqual(1000);
        expect(present).toBe(ackedAtKill);
        if (db.pgUrl) {
          const [{ n }] = await pgQuery(
            db.pgUrl,
            "select count(*)::int as n from enterprise where name like '持久写入%' and id = any($1)",
            [acked.map((a) => a.id)],
          );
          expect(n).toBe(ackedAtKill);
        }
        expect(await stopServer(s)).toBe(0);

        if (db.dataDir) {
          // Straight from the data directory (the server has released its lock): no row of file B (its names
          // are numbered from 50,000; digits survive even where ExcelJS garbles a Chinese character).
          const d = await openPglite({ dataDir: db.dataDir });
          const rows = (await d.db.execute(
            sql`select count(*)::int as n from enterprise where name ~ '^[^0-9]*[5-9][0-9]{4}[^0-9]'`,
          )) as any;
          await d.close();
          expect((rows.rows ?? rows)[0].n).toBe(0);
        }
      } finally {
        await probe.close();
        console.log(`crash safety on ${DB_KIND}:`);
        console.table(figures);
      }
      const scan = scanAllServerLogs(`crash ${DB_KIND}`);
      expect(scan.hits).toEqual([]);
      expect(seen.tokens.size).toBeGreaterThan(0);
    },
    20 * 60_000,
  );
});
