/**
 * Enterprise benchmarks (issue 3's figures): search at 100,000 enterprises on PostgreSQL, a 50,000-row
 * import, a 100,000-row streamed export. Starts its own throwaway PostgreSQL cluster; prints a table and
 * writes bench/results/enterprises.json. Figures are measured, never asserted (the machine is shared).
 *
 *   npx tsx bench/enterprises.bench.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import { bootstrap } from '../apps/server/src/core/bootstrap';
import { openPostgres } from '../apps/server/src/core/db';
import { nameFields } from '../apps/server/src/modules/enterprises/derive';
import { freePort, startCluster } from '../apps/server/test/pg-cluster';
import { SERVER_DIR, startProcess } from './lib/proc';
import { pct } from './lib/stats';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const FAM = '山东枣庄凫城山亭鲁南新华兴盛源泰恒通达金玉宏远勇辰德丰润';
const TRADE = ['食品', '建材', '机械', '新能源', '物流', '电商', '化工', '纺织', '农业', '科技'];

async function main() {
  const cluster = await startCluster();
  const results: Record<string, unknown>[] = [];
  let stopServer = () => {};
  try {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    const database = await openPostgres(cluster.url('bench'), { max: 10 });
    const config = loadConfig({ BEIZENG_DEMO: '1', PORT: '0' });
    await bootstrap(database, config);
    // synthetic enterprises across Zaozhuang's towns, names with search tokens built by the application
    const towns = (await database.db.execute('select code from region where level = 4' as any)) as any;
    const townCodes: string[] = (towns.rows ?? towns).map((r: any) => r.code);
    let t0 = Date.now();
    const client = new pg.Client({ connectionString: cluster.url('bench') });
    await client.connect();
    for (let i = 0; i < N; i += 2000) {
      const vals: unknown[] = [];
      const rows: string[] = [];
      for (let j = i; j < Math.min(N, i + 2000); j++) {
        const name = `${FAM[j % FAM.length]}${FAM[(j * 7) % FAM.length]}${FAM[(j * 13) % FAM.length]}${TRADE[j % TRADE.length]}${j}有限公司`;
        const f = nameFields(name);
        const k = vals.length;
        rows.push(`($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}, $${k + 5}, $${k + 6})`);
        vals.push(
          name,
          f.nameNorm,
          `{${f.searchTokens.map((x) => `"${x}"`).join(',')}}`,
          f.pinyinInitials,
          f.pinyinKey,
          townCodes[j % townCodes.length],
        );
      }
      await client.query(
        `insert into enterprise (name, name_norm, search_tokens, pinyin_initials, pinyin_key, region_code) values ${rows.join(',')}`,
        vals,
      );
    }
    await client.query('analyze enterprise');
    await client.end();
    results.push({ case: `load ${N} enterprises`, seconds: (Date.now() - t0) / 1000 });

    await database.close();
    // the server runs in its own process, so its memory is measured apart from the load generator
    const server = await startProcess({
      entry: 'src/server.ts',
      cwd: SERVER_DIR,
      port: await freePort(),
      readyPath: '/api/ready',
      env: { DATABASE_URL: cluster.url('bench'), BEIZENG_DEMO: '1' },
    });
    stopServer = () => server.child.kill('SIGKILL');
    const base = server.base;
    /** Peak resident memory of the server process so far (VmHWM). */
    const peakRss = server.peak;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Beizeng@2026' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const get = async (url: string) => {
      const s = performance.now();
      const r = await fetch(`${base}${url}`, { headers: { cookie } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${url} → ${r.status}`);
      return performance.now() - s;
    };
    // enterprise search: two-character names, pinyin initials, USCC-less fragments; 10 concurrent clients
    const queries = ['凫城', '勇辰', '食品', 'sdyc', 'lnxh', '金玉', '新能源', 'zzfc'];
    for (const q of queries.slice(0, 2)) await get(`/api/v1/enterprises?q=${encodeURIComponent(q)}`); // warm up
    const single: number[] = [];
    for (let i = 0; i < 200; i++)
      single.push(await get(`/api/v1/enterprises?q=${encodeURIComponent(queries[i % queries.length]!)}&pageSize=20`));
    results.push({
      case: 'enterprise search (1 client)',
      p50_ms: +pct(single, 50).toFixed(1),
      p95_ms: +pct(single, 95).toFixed(1),
      target: 'p95 ≤ 30 ms',
    });
    const times: number[] = [];
    t0 = Date.now();
    await Promise.all(
      Array.from({ length: 10 }, async (_, c) => {
        for (let i = 0; i < 40; i++)
          times.push(
            await get(`/api/v1/enterprises?q=${encodeURIComponent(queries[(c + i) % queries.length]!)}&pageSize=20`),
          );
      }),
    );
    results.push({
      case: 'enterprise search (10 clients)',
      p50_ms: +pct(times, 50).toFixed(1),
      p95_ms: +pct(times, 95).toFixed(1),
      req_per_s: +(times.length / ((Date.now() - t0) / 1000)).toFixed(1),
      target: 'p95 ≤ 30 ms',
    });

    // 50,000-row import
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['企业名称*', '所在地区划代码*', '行业代码', '注册资本（元）']);
    for (let i = 0; i < IMPORT_ROWS; i++)
      ws.addRow([`导入测试${TRADE[i % 10]}${i}有限公司`, '370406109000', '1432', 1000000 + i]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const form = new FormData();
    form.append('file', new Blob([file]), 'import.xlsx');
    const before = peakRss();
    t0 = Date.now();
    const imp = await fetch(`${base}/api/v1/enterprises/import?dryRun=false`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    const impBody = await imp.json();
    results.push({
      case: `import ${IMPORT_ROWS} rows`,
      seconds: (Date.now() - t0) / 1000,
      status: imp.status,
      created: impBody.created,
      server_peak_rss_mb: peakRss(),
      server_peak_before_mb: before,
      target: '≤ 20 s, server peak RSS ≤ 500 MB',
    });

    // 100,000-row streamed export
    t0 = Date.now();
    const x = await fetch(`${base}/api/v1/enterprises/export`, { headers: { cookie } });
    const bytes = (await x.arrayBuffer()).byteLength;
    results.push({
      case: 'export (all enterprises, streamed)',
      seconds: (Date.now() - t0) / 1000,
      bytes,
      server_peak_rss_mb: peakRss(),
      target: '100,000 rows ≤ 15 s',
    });
  } finally {
    stopServer();
    cluster.stop();
  }
  console.table(results);
  const out = path.resolve(import.meta.dirname, 'results', 'enterprises.json');
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), machine: '2 cores', results }, null, 2));
  console.log(`written ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
