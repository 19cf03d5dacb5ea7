/**
 * Where a slow request spends its time: loads a scale into a throwaway PostgreSQL, runs the server under
 * --cpu-prof, sends the request a few times from one client, and prints the request times and the functions with
 * the most self time (JavaScript in the server process; time waiting for PostgreSQL shows as idle).
 *
 *   npx tsx bench/profile.ts [--scale district] [--user bz.d0.leader] [--url /api/v1/cockpit] [--times 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, startCluster } from '../apps/server/test/pg-cluster';
import { BENCH_PASSWORD, type Scale } from './lib/generate';
import { loadData } from './lib/load-data';
import { SERVER_DIR, startProcess } from './lib/proc';

const { values: a } = parseArgs({
  options: {
    scale: { type: 'string', default: 'district' },
    user: { type: 'string', default: 'bz.d0.leader' },
    url: { type: 'string', multiple: true },
    times: { type: 'string', default: '3' },
  },
});
const urls = a.url?.length ? a.url : ['/api/v1/cockpit'];

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-prof-'));
  const cluster = await startCluster();
  try {
    const c = new pg.Client({ connectionString: cluster.url() });
    await c.connect();
    await c.query('create database bench');
    await c.end();
    await loadData({ databaseUrl: cluster.url('bench') }, a.scale as Scale, () => {});
    const server = await startProcess({
      entry: 'src/server.ts',
      cwd: SERVER_DIR,
      port: await freePort(),
      readyPath: '/api/ready',
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${tmp}`],
      env: { DATABASE_URL: cluster.url('bench'), BEIZENG_DEMO: '0', LOG_LEVEL: 'warn' },
      log: path.join(tmp, 'server.log'),
    });
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: a.user, password: BENCH_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    await new Promise((r) => setTimeout(r, 8000)); // past the start-up housekeeping
    for (const u of urls)
      for (let i = 0; i < Number(a.times); i++) {
        const t0 = performance.now();
        const r = await fetch(`${server.base}${u}`, { headers: { cookie } });
        const bytes = (await r.arrayBuffer()).byteLength;
        console.log(
          `${u}: ${r.status} ${(performance.now() - t0).toFixed(0)} ms, ${bytes} bytes, RSS ${server.rss()} MB`,
        );
      }
    await server.stop();
    const file = fs.readdirSync(tmp).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no CPU profile written');
    const prof = JSON.parse(fs.readFileSync(path.join(tmp, file), 'utf8')) as {
      nodes: Node[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    prof.samples.forEach((id, i) => {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(apps|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
    });
    const total = [...self.values()].reduce((x, y) => x + y, 0);
    console.log(`\nself time, top 25 of ${total.toFixed(0)} ms sampled (whole process life):`);
    for (const [k, ms] of [...self.entries()].sort((x, y) => y[1] - x[1]).slice(0, 25))
      console.log(`${ms.toFixed(0).padStart(8)} ms  ${k}`);
  } finally {
    cluster.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
