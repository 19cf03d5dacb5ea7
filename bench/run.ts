/**
 * The benchmark suite (issue 8). Starts its own throwaway PostgreSQL, loads deterministic synthetic data, runs the
 * real server as a separate process, and measures each case with a closed-loop load generator (fixed concurrency
 * for a fixed time). Every read case is also served by the floor (bench/floor-server.ts: the same SQL, captured from
 * the server, on bare Fastify + pg) in the same run at the same concurrency. Then the PGlite cases at town scale.
 * Prints one table and writes bench/results/latest.json. Figures are measured and compared with the targets,
 * never asserted: the machine may be shared.
 *
 *   npm run bench [-- --scale district|province --cases search,projects --seconds 10 --concurrency 10 --no-pglite]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { freePort, startCluster } from '../apps/server/test/pg-cluster';
import { BENCH_PASSWORD, SCALES, type Scale, searchQueries } from './lib/generate';
import { loadData } from './lib/load-data';
import { type Proc, ROOT, SERVER_DIR, startProcess } from './lib/proc';
import { type LoadResult, round, runLoad } from './lib/stats';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'district' },
    cases: { type: 'string', default: '' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '10' },
    'no-pglite': { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'import-rows': { type: 'string', default: '50000' },
    'export-rows': { type: 'string', default: '100000' },
  },
});
const scale = args.scale as Scale;
if (!(scale in SCALES) || scale === 'town') throw new Error('--scale must be district or province');
const SECONDS = Number(args.seconds);
const CONCURRENCY = Number(args.concurrency);
const IMPORT_ROWS = Number(args['import-rows']);
const EXPORT_ROWS = Number(args['export-rows']);
const only = new Set(args.cases ? args.cases.split(',') : []);
const want = (c: string) => !only.size || only.has(c);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-bench-'));
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

interface Row {
  db: 'pg' | 'pglite';
  case: string;
  p50_ms: number | null;
  p95_ms: number | null;
  rps: number | null;
  requests?: number;
  errors?: number;
  seconds?: number | null;
  peak_rss_mb: number | null;
  floor_p50_ms?: number | null;
  floor_p95_ms?: number | null;
  floor_rps?: number | null;
  ratio_to_floor?: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
}
const rows: Row[] = [];
function push(r: Row) {
  rows.push(r);
  save();
  log(
    `${r.db} ${r.case}: p50 ${r.p50_ms} p95 ${r.p95_ms} rps ${r.rps} s ${r.seconds ?? ''} rss ${r.peak_rss_mb} floor ${r.floor_rps ?? ''} ${r.pass ? 'pass' : 'MISS'}`,
  );
}
const meta: Record<string, unknown> = {};
/** Writes what has been measured so far (a long run that is stopped keeps its figures). */
function save() {
  const dir = path.resolve(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const json = JSON.stringify({ ...meta, loadAverageNow: os.loadavg(), results: rows }, null, 2);
  fs.writeFileSync(path.join(dir, 'latest.json'), json);
  fs.writeFileSync(path.join(dir, `${scale}.json`), json);
}

/** Login through the HTTP API; a distinct X-Forwarded-For per call keeps the per-IP throttle out of the way. */
let ipCounter = 0;
async function login(base: string, username: string): Promise<string> {
  ipCounter++;
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
    },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${username} → ${r.status} ${await r.text()}`);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

async function getOk(url: string, cookie?: string) {
  const r = await fetch(url, { headers: cookie ? { cookie } : {} });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url} → ${r.status}`);
}

/** Measures one load against a process, with its peak RSS during the load. */
async function measure(proc: Proc, send: (i: number) => Promise<void>, opts?: Partial<Parameters<typeof runLoad>[1]>) {
  proc.resetPeak();
  let sampled = proc.rss() ?? 0;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, proc.rss() ?? 0);
  }, 100);
  const r = await runLoad(send, { concurrency: CONCURRENCY, seconds: SECONDS, minRequests: CONCURRENCY * 2, ...opts });
  clearInterval(timer);
  return { ...r, peak: Math.max(sampled, proc.peak() ?? 0) };
}

interface ReadCase {
  key: string;
  name: string;
  user: string;
  urls: string[];
  /** p95 limit in ms, or null when the target is the ratio to the floor. */
  p95?: number;
}

function readCases(towns: string[]): ReadCase[] {
  return [
    {
      key: 'search',
      name: 'enterprise search',
      user: 'bz.d0.leader',
      urls: searchQueries().map((q) => `/api/v1/enterprises?q=${encodeURIComponent(q)}&pageSize=20`),
      p95: 30,
    },
    {
      key: 'projects',
      name: 'project list (filters)',
      user: 'bz.d0.leader',
      urls: [
        '/api/v1/projects?stage=building&pageSize=20',
        '/api/v1/projects?big=true&sort=-totalInvestment&pageSize=20',
        `/api/v1/projects?regionCode=${towns[1]}&pageSize=20`,
        '/api/v1/projects?suspended=false&stage=started&pageSize=20',
      ],
    },
    {
      key: 'tickets',
      name: 'department ticket queue',
      user: 'bz.d0.dept2',
      urls: ['/api/v1/tickets?open=true&pageSize=20'],
    },
    { key: 'district-cockpit', name: 'district cockpit', user: 'bz.d0.leader', urls: ['/api/v1/cockpit'], p95: 100 },
    { key: 'province-cockpit', name: 'province cockpit', user: 'bz.p.leader', urls: ['/api/v1/cockpit'], p95: 300 },
    { key: 'forecast', name: 'lead forecast', user: 'bz.d0.leader', urls: ['/api/v1/leads/forecast'] },
  ];
}
const caseKey = (c: ReadCase) => c.key;

function mb(x: number | null | undefined) {
  return x == null ? null : Math.round(x);
}

async function runReadCases(
  db: 'pg' | 'pglite',
  server: Proc,
  cases: ReadCase[],
  capture: ((fn: () => Promise<void>) => Promise<{ text: string; values: unknown[] }[]>) | null,
) {
  const cookies = new Map<string, string>();
  for (const c of cases) if (!cookies.has(c.user)) cookies.set(c.user, await login(server.base, c.user));
  let authTexts = new Set<string>();
  if (capture) {
    const cookie = cookies.values().next().value!;
    authTexts = new Set((await capture(() => getOk(`${server.base}/api/v1/auth/me`, cookie))).map((s) => s.text));
  }
  const floorCases: Record<string, { text: string; values: unknown[] }[][]> = {};
  const results: { c: ReadCase; r: LoadResult & { peak: number } }[] = [];
  for (const c of cases) {
    const cookie = cookies.get(c.user)!;
    for (const u of c.urls) await getOk(`${server.base}${u}`, cookie); // warm up, and fail early on a bad URL
    if (capture) {
      floorCases[c.name] = [];
      for (const u of c.urls) {
        const stmts = await capture(() => getOk(`${server.base}${u}`, cookie));
        // the session lookup is the server's own cost (the floor has no auth); notices are background work
        floorCases[c.name]!.push(
          stmts.filter((s) => !authTexts.has(s.text) && !/^\s*insert into "notification"/i.test(s.text)),
        );
      }
    }
    log(`${db}: ${c.name}`);
    const r = await measure(server, (i) => getOk(`${server.base}${c.urls[i % c.urls.length]}`, cookie));
    results.push({ c, r });
  }
  return { results, floorCases };
}

/**
 * EXPLAIN ANALYZE of every read statement a case ran (first URL variant), slowest first, to
 * bench/results/explain-latest.txt: where the time of a slow case goes.
 */
/** Waits until `minMs` after now have passed and no other session of the database has been active for 2 s. */
async function waitIdle(url: string, minMs: number) {
  const until = Date.now() + minMs;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  let quiet = 0;
  while (Date.now() < until || quiet < 10) {
    const r = await c.query(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
    );
    quiet = r.rows[0].n === 0 ? quiet + 1 : 0;
    await new Promise((res) => setTimeout(res, 200));
  }
  await c.end();
}

async function explainCases(url: string, floorCases: Record<string, { text: string; values: unknown[] }[][]>) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const out: string[] = [];
  for (const [name, variants] of Object.entries(floorCases)) {
    const timed: { ms: number; text: string; plan: string }[] = [];
    for (const st of variants[0] ?? []) {
      if (!/^\s*(select|with)\b/i.test(st.text)) continue;
      const r = await c.query(`explain (analyze, buffers) ${st.text}`, st.values);
      const plan = r.rows.map((x: any) => x['QUERY PLAN']).join('\n');
      const ms = Number(plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? 0);
      timed.push({ ms, text: st.text, plan });
    }
    const total = timed.reduce((a, x) => a + x.ms, 0);
    out.push(`### ${name}: ${variants[0]?.length ?? 0} statements, ${total.toFixed(1)} ms of execution in all`);
    for (const t of timed.sort((a, b) => b.ms - a.ms).slice(0, 5))
      out.push(`-- ${t.ms.toFixed(1)} ms\n${t.text}\n${t.plan}\n`);
  }
  await c.end();
  const file = path.resolve(import.meta.dirname, 'results', 'explain-latest.txt');
  fs.writeFileSync(file, out.join('\n'));
  log(`EXPLAIN ANALYZE written to ${file}`);
}

async function main() {
  const load0 = os.loadavg();
  const startedAt = new Date().toISOString();
  log(`scale ${scale}; ${os.cpus().length} CPUs; load average ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  const cluster = await startCluster();
  const procs: Proc[] = [];
  let pgliteData: Awaited<ReturnType<typeof loadData>> | null = null;
  try {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    const url = cluster.url('bench');
    log(`loading ${scale} data`);
    const generated = await loadData({ databaseUrl: url }, scale, log);
    log(`loaded in ${generated.totalSeconds} s: ${JSON.stringify(generated.counts)}`);
    Object.assign(meta, {
      startedAt,
      scale,
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
      loadAverageBefore: load0,
      concurrency: CONCURRENCY,
      secondsPerCase: SECONDS,
      data: { counts: generated.counts, seconds: generated.seconds, totalSeconds: generated.totalSeconds },
    });

    const captureFile = path.join(tmp, 'capture.jsonl');
    const serverPort = await freePort();
    const startServer = () =>
      startProcess({
        entry: 'src/server.ts',
        cwd: SERVER_DIR,
        port: serverPort,
        readyPath: '/api/ready',
        preload: [path.join(import.meta.dirname, 'lib/capture.ts')],
        env: {
          DATABASE_URL: url,
          BEIZENG_DEMO: '0',
          TRUST_PROXY: 'on',
          LOG_LEVEL: 'warn',
          BENCH_CAPTURE_FILE: captureFile,
        },
        log: path.join(tmp, 'server.log'),
      });
    let server = await startServer();
    procs.push(server);
    log(`server ready (RSS ${server.rss()} MB)`);
    // the server's housekeeping (session purge, daily ticket notices) runs 5 s after start: let it finish first, so
    // the captured SQL is the request's alone
    await waitIdle(url, 20_000);
    const capture = async (fn: () => Promise<void>) => {
      server.child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 50));
      await fn();
      server.child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 50));
      return fs
        .readFileSync(captureFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    };
    const cases = readCases(generated.towns).filter((c) => want(caseKey(c)));
    const { results, floorCases } = await runReadCases('pg', server, cases, capture);

    if (args.explain) await explainCases(url, floorCases);
    // the floor: same SQL, same concurrency, bare Fastify + pg
    const floorFile = path.join(tmp, 'floor.json');
    fs.writeFileSync(floorFile, JSON.stringify(floorCases));
    const floor = await startProcess({
      entry: path.join(import.meta.dirname, 'floor-server.ts'),
      cwd: ROOT,
      port: await freePort(),
      readyPath: '/ready',
      env: { DATABASE_URL: url, FLOOR_CASES: floorFile },
      log: path.join(tmp, 'floor.log'),
    });
    procs.push(floor);
    for (const { c, r } of results) {
      log(`floor: ${c.name}`);
      const f = await measure(floor, (i) =>
        getOk(`${floor.base}/floor/${encodeURIComponent(c.name)}/${i % c.urls.length}`),
      );
      const ratio = r.rps / f.rps;
      const p95ok = c.p95 == null || r.p95 <= c.p95;
      const ratioOk = c.p95 != null || ratio >= 0.5;
      push({
        db: 'pg',
        case: c.name,
        p50_ms: round(r.p50),
        p95_ms: round(r.p95),
        rps: round(r.rps),
        requests: r.requests,
        errors: r.errors,
        peak_rss_mb: mb(r.peak),
        floor_p50_ms: round(f.p50),
        floor_p95_ms: round(f.p95),
        floor_rps: round(f.rps),
        ratio_to_floor: round(ratio, 2),
        target: c.p95 != null ? `p95 ≤ ${c.p95} ms` : 'rps ≥ 50% of floor',
        pass: p95ok && ratioOk && r.errors === 0 && r.peak <= 300,
        note:
          [r.errors ? `${r.errors} errors: ${r.firstError}` : '', r.peak > 300 ? 'RSS > 300 MB' : '']
            .filter(Boolean)
            .join('; ') || undefined,
      });
    }
    await floor.stop();

    if (want('login')) {
      log('pg: login');
      const users = (
        await (async () => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          const r = await c.query(`select username from app_user where username like 'bz.%' order by id`);
          await c.end();
          return r.rows.map((x: any) => x.username as string);
        })()
      ).slice(0, 2000);
      const r = await measure(server, async (i) => {
        await login(server.base, users[i % users.length]!);
      });
      push({
        db: 'pg',
        case: 'login',
        p50_ms: round(r.p50),
        p95_ms: round(r.p95),
        rps: round(r.rps),
        requests: r.requests,
        errors: r.errors,
        peak_rss_mb: mb(r.peak),
        target: 'RSS ≤ 300 MB (argon2id bound)',
        pass: r.errors === 0 && r.peak <= 300,
        note: r.errors ? `${r.errors} errors: ${r.firstError}` : undefined,
      });
    }

    // a fresh server process for the import and the export, so their peak RSS is theirs and not the heap left by
    // the read cases
    await server.stop();
    procs.length = 0;
    server = await startServer();
    procs.push(server);
    await waitIdle(url, 8_000);
    log(`fresh server for import/export (RSS ${server.rss()} MB)`);
    const adminCookie = await login(server.base, 'admin');
    if (want('import')) {
      log(`pg: import ${IMPORT_ROWS} rows (building the workbook)`);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('企业');
      ws.addRow(['企业名称*', '所在地区划代码*', '行业代码', '注册资本（元）']);
      const trades = ['食品', '建材', '机械', '新能源', '物流', '电商', '化工', '纺织', '农业', '科技'];
      for (let i = 0; i < IMPORT_ROWS; i++)
        ws.addRow([
          `导入测试${trades[i % 10]}${i}有限公司`,
          generated.towns[i % generated.towns.length],
          '1432',
          1000000 + i,
        ]);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const form = new FormData();
      form.append('file', new Blob([file]), 'import.xlsx');
      server.resetPeak();
      const t0 = performance.now();
      const imp = await fetch(`${server.base}/api/v1/enterprises/import?dryRun=false`, {
        method: 'POST',
        headers: { cookie: adminCookie },
        body: form,
      });
      const body: any = await imp.json();
      const s = (performance.now() - t0) / 1000;
      const peak = server.peak();
      push({
        db: 'pg',
        case: `import ${IMPORT_ROWS} rows`,
        p50_ms: null,
        p95_ms: null,
        rps: null,
        seconds: round(s, 2),
        peak_rss_mb: peak,
        target: '≤ 20 s, peak RSS ≤ 500 MB',
        pass: imp.status === 200 && s <= 20 && (peak ?? 0) <= 500,
        note: `status ${imp.status}, created ${body.created ?? JSON.stringify(body).slice(0, 200)}, ${(file.length / 1e6).toFixed(1)} MB file`,
      });
    }

    if (want('export')) {
      // top up the registry to EXPORT_ROWS enterprises so the export case always streams that many rows
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const [{ n }] = (await c.query(`select count(*)::int as n from enterprise where deleted_at is null`)).rows;
      if (n < EXPORT_ROWS)
        await c.query(
          `insert into enterprise (name, name_norm, region_code, register_status)
           select '补充企业' || g || '有限公司', '补充企业' || g || '有限公司', $2, 'below' from generate_series(1, $1::int) g`,
          [EXPORT_ROWS - n, generated.towns[0]],
        );
      await c.query('analyze enterprise');
      await c.end();
      log(`pg: export ${Math.max(n, EXPORT_ROWS)} rows (${n} before the top-up)`);
      server.resetPeak();
      const t0 = performance.now();
      const x = await fetch(`${server.base}/api/v1/enterprises/export`, { headers: { cookie: adminCookie } });
      const bytes = (await x.arrayBuffer()).byteLength;
      const s = (performance.now() - t0) / 1000;
      const peak = server.peak();
      push({
        db: 'pg',
        case: `export ${Math.max(n, EXPORT_ROWS)} rows`,
        p50_ms: null,
        p95_ms: null,
        rps: null,
        seconds: round(s, 2),
        peak_rss_mb: peak,
        target: '≤ 15 s, RSS ≤ 300 MB',
        pass: x.status === 200 && s <= 15 && (peak ?? 0) <= 300,
        note: `status ${x.status}, ${(bytes / 1e6).toFixed(1)} MB${n < EXPORT_ROWS ? `, ${EXPORT_ROWS - n} rows topped up` : ''}`,
      });
    }
    await server.stop();
    procs.length = 0;

    if (!args['no-pglite']) {
      const dataDir = path.join(tmp, 'pglite-town');
      log('loading town data into PGlite');
      pgliteData = await loadData({ dataDir }, 'town', log);
      const lite = await startProcess({
        entry: 'src/server.ts',
        cwd: SERVER_DIR,
        port: await freePort(),
        readyPath: '/api/ready',
        env: { DATA_DIR: dataDir, DATABASE_URL: '', BEIZENG_DEMO: '0', TRUST_PROXY: 'on', LOG_LEVEL: 'warn' },
        log: path.join(tmp, 'pglite-server.log'),
      });
      procs.push(lite);
      const liteCases = readCases(pgliteData.towns)
        .filter((c) => want(caseKey(c)))
        .map((c) =>
          c.name === 'project list (filters)' ? { ...c, urls: c.urls.filter((u) => !u.includes('regionCode')) } : c,
        );
      const { results: lr } = await runReadCases('pglite', lite, liteCases, null);
      for (const { c, r } of lr)
        push({
          db: 'pglite',
          case: `${c.name} (town)`,
          p50_ms: round(r.p50),
          p95_ms: round(r.p95),
          rps: round(r.rps),
          requests: r.requests,
          errors: r.errors,
          peak_rss_mb: mb(r.peak),
          target: c.p95 != null ? `p95 ≤ ${c.p95} ms` : 'RSS ≤ 300 MB (no floor on PGlite)',
          pass: (c.p95 == null || r.p95 <= c.p95) && r.errors === 0 && r.peak <= 300,
          note: r.errors ? `${r.errors} errors: ${r.firstError}` : undefined,
        });
      if (want('login')) {
        const users = ['bz.d0.leader', 'bz.d0.inv', 'bz.d0.dept1', 'bz.t0.leader', 'bz.t0.cadre1'];
        const r = await measure(lite, async (i) => {
          await login(lite.base, users[i % users.length]!);
        });
        push({
          db: 'pglite',
          case: 'login (town)',
          p50_ms: round(r.p50),
          p95_ms: round(r.p95),
          rps: round(r.rps),
          requests: r.requests,
          errors: r.errors,
          peak_rss_mb: mb(r.peak),
          target: 'RSS ≤ 300 MB',
          pass: r.errors === 0 && r.peak <= 300,
        });
      }
      await lite.stop();
    }
  } finally {
    for (const p of procs) await p.stop().catch(() => {});
    cluster.stop();
  }
  const load1 = os.loadavg();
  console.table(
    rows.map((r) => ({
      db: r.db,
      case: r.case,
      p50: r.p50_ms,
      p95: r.p95_ms,
      'req/s': r.rps,
      s: r.seconds,
      'RSS MB': r.peak_rss_mb,
      'floor p50': r.floor_p50_ms,
      'floor p95': r.floor_p95_ms,
      'floor req/s': r.floor_rps,
      ratio: r.ratio_to_floor,
      target: r.target,
      result: r.pass == null ? '' : r.pass ? 'pass' : 'MISS',
    })),
  );
  for (const r of rows) if (r.note) console.log(`  ${r.db} ${r.case}: ${r.note}`);
  Object.assign(meta, {
    finishedAt: new Date().toISOString(),
    loadAverageAfter: load1,
    pgliteData: pgliteData && { counts: pgliteData.counts, totalSeconds: pgliteData.totalSeconds },
  });
  save();
  const out = path.resolve(import.meta.dirname, 'results', 'latest.json');
  log(`written ${out}; load average ${load1.map((x) => x.toFixed(2)).join(' ')}`);
  if (args.keep) log(`captures and logs kept in ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  console.error(`logs kept in ${tmp}`);
  process.exit(1);
});
