#!/usr/bin/env node
/**
 * Runs every test suite of the repository, streams their output, prints a summary table and, as the
 * very last line, `N passed, N failed` (all tests of all suites).
 *
 *   npm test                 all suites
 *   npm test -- server pg    only the named suites: server (PGlite), pg (PostgreSQL), web, e2e
 *
 * A suite that crashes, exits non-zero without a failed test, or runs no test counts as 1 failed.
 * With CI=true, skipped tests count as failed, and so does a suite whose tools are missing
 * (PostgreSQL's initdb/pg_ctl, /usr/bin/chromium); outside CI such a suite is reported as skipped.
 * Node built-ins only.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CI = !!process.env.CI && !['0', 'false', 'no', ''].includes(process.env.CI.toLowerCase());
const SUITE_TIMEOUT_MS = Number(process.env.SUITE_TIMEOUT_MINUTES || 30) * 60_000;
// Optional budget for the whole run (CI has a hard limit): a suite gets at most what is left of it.
const DEADLINE = process.env.TEST_ALL_BUDGET_MINUTES
  ? Date.now() + Number(process.env.TEST_ALL_BUDGET_MINUTES) * 60_000
  : Number.POSITIVE_INFINITY;
// Steps that failed before the tests (e.g. `npm run check` in .ci/run), comma-separated: 1 failed each.
const FAILED_STEPS = (process.env.TEST_ALL_FAILED_STEPS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const CHROMIUM = '/usr/bin/chromium';

/** @typedef {{ name: string, title: string, config: string, cwd: string, env?: Record<string,string>, prepare?: () => Promise<string|null> }} Suite */

/** @type {Suite[]} */
const SUITES = [
  {
    name: 'server',
    title: 'server (PGlite)',
    config: 'apps/server/vitest.config.ts',
    cwd: 'apps/server',
    env: { TEST_DB: 'pglite' },
  },
  {
    name: 'pg',
    title: 'server (PostgreSQL)',
    config: 'apps/server/vitest.config.ts',
    cwd: 'apps/server',
    env: { TEST_DB: 'pg' },
    prepare: async () => {
      const missing = ['initdb', 'pg_ctl'].filter((b) => !findPgBin(b));
      return missing.length
        ? `PostgreSQL binaries not found (${missing.join(', ')}): install the Debian package postgresql-15`
        : null;
    },
  },
  { name: 'web', title: 'web (unit)', config: 'apps/web/vitest.config.ts', cwd: '.' },
  {
    name: 'e2e',
    title: 'e2e (Chromium)',
    config: 'e2e/vitest.config.ts',
    cwd: '.',
    prepare: async () => {
      if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} not found: apt-get install chromium fonts-noto-cjk`;
      return null;
    },
  },
];

const ALIASES = {
  server: 'server',
  pglite: 'server',
  pg: 'pg',
  postgres: 'pg',
  postgresql: 'pg',
  web: 'web',
  e2e: 'e2e',
};

function findPgBin(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (r.stdout?.trim()) return r.stdout.trim();
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  for (const v of fs.readdirSync(base).sort().reverse()) {
    const p = path.join(base, v, 'bin', name);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

function loud(msg) {
  const bar = '!'.repeat(Math.min(100, msg.length + 8));
  console.log(`\n${bar}\n!!! ${msg}\n${bar}\n`);
}

let current = null; // the running child, to stop on our own SIGINT/SIGTERM
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current) killTree(current, 'SIGTERM');
    console.log(`\n${sig}: stopping`);
    process.exit(130);
  });
}

function killTree(child, signal) {
  try {
    process.kill(-child.pid, signal); // the child leads its own process group (detached)
  } catch {
    try {
      child.kill(signal);
    } catch {}
  }
}

/** Runs a command with live output; resolves with its exit code (or -1 on a signal / timeout). */
function run(cmd, args, { cwd = ROOT, env = {} } = {}) {
  const timeoutMs = Math.max(60_000, Math.min(SUITE_TIMEOUT_MS, DEADLINE - Date.now()));
  return new Promise((resolve) => {
    const fullEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete fullEnv[k];
    const child = spawn(cmd, args, { cwd, env: fullEnv, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      loud(`${cmd} ${args.join(' ')} still running after ${Math.round(timeoutMs / 60_000)} min: killing it`);
      killTree(child, 'SIGTERM');
      setTimeout(() => killTree(child, 'SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.on('error', (e) => {
      console.error(`cannot run ${cmd}: ${e.message}`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      current = null;
      if (timedOut) console.log(`(timed out after ${Math.round(timeoutMs / 60_000)} min)`);
      resolve(code ?? -1);
    });
  });
}

function vitestCommand() {
  const mjs = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  if (fs.existsSync(mjs)) return [process.execPath, [mjs]];
  return ['npx', ['vitest']];
}

/** Reads vitest's JSON report into counts; null when there is none. */
function readReport(file) {
  let j;
  try {
    j = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const passed = j.numPassedTests ?? 0;
  let failed = j.numFailedTests ?? 0;
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  const total = j.numTotalTests ?? passed + failed + skipped;
  // A test file that failed to load (syntax error, failing hook…) has no failed test but is a failure.
  const brokenFiles = (j.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  );
  failed += brokenFiles.length;
  return { passed, failed, skipped, total, brokenFiles: brokenFiles.map((f) => path.relative(ROOT, f.name)) };
}

async function runSuite(suite, tmp) {
  const started = Date.now();
  const result = { suite: suite.title, status: '', passed: 0, failed: 0, skipped: 0, seconds: 0, note: '' };
  const finish = () => {
    result.seconds = Math.round((Date.now() - started) / 1000);
    return result;
  };
  const configPath = path.join(ROOT, suite.config);
  if (!fs.existsSync(configPath)) {
    result.status = 'absent';
    result.note = `${suite.config} does not exist`;
    console.log(`\n=== ${suite.title}: ${result.note}, nothing to run`);
    return finish();
  }
  if (Date.now() > DEADLINE - 60_000) {
    result.status = 'FAILED';
    result.failed = 1;
    result.note = 'not run: the time budget (TEST_ALL_BUDGET_MINUTES) is used up';
    loud(`${suite.title}: ${result.note}`);
    return finish();
  }
  console.log(`\n=== ${suite.title}: vitest --config ${suite.config}${CI ? '  (CI)' : ''}\n`);

  const problem = suite.prepare ? await suite.prepare() : null;
  if (problem) {
    result.note = problem;
    if (CI) {
      result.status = 'FAILED';
      result.failed = 1;
      loud(`${suite.title} cannot run in CI: ${problem}`);
    } else {
      result.status = 'SKIPPED';
      loud(`${suite.title} SKIPPED (not counted): ${problem}`);
    }
    return finish();
  }

  if (suite.name === 'e2e' && !fs.existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) {
    console.log('apps/web/dist/index.html is missing: npm run build\n');
    const code = await run('npm', ['run', 'build']);
    if (code !== 0) {
      result.status = 'FAILED';
      result.failed = 1;
      result.note = `npm run build exited with ${code}`;
      loud(`${suite.title}: ${result.note}`);
      return finish();
    }
  }

  const report = path.join(tmp, `${suite.name}.json`);
  const [cmd, pre] = vitestCommand();
  const env = { TEST_DB: undefined, ...(suite.env ?? {}) };
  const code = await run(
    cmd,
    [...pre, 'run', '--config', configPath, '--reporter=default', '--reporter=json', `--outputFile=${report}`],
    { cwd: path.join(ROOT, suite.cwd), env },
  );
  const counts = readReport(report);
  const notes = [];
  if (!counts) {
    result.failed = 1;
    notes.push(`no test report (vitest exited with ${code})`);
  } else {
    result.passed = counts.passed;
    result.failed = counts.failed;
    result.skipped = counts.skipped;
    if (counts.brokenFiles.length) notes.push(`files that failed to run: ${counts.brokenFiles.join(', ')}`);
    if (counts.total === 0 && result.failed === 0) {
      result.failed = 1;
      notes.push('no test ran');
    }
    if (code !== 0 && result.failed === 0) {
      result.failed = 1;
      notes.push(`vitest exited with ${code} without a failed test (unhandled error?)`);
    }
    if (CI && result.skipped > 0) {
      result.failed += result.skipped;
      notes.push(`${result.skipped} skipped test(s) count as failed in CI`);
    }
  }
  result.status = result.failed > 0 ? 'FAILED' : 'passed';
  result.note = notes.join('; ');
  return finish();
}

function table(rows) {
  const head = ['suite', 'result', 'passed', 'failed', 'skipped', 'time', 'note'];
  const cells = rows.map((r) => [
    r.suite,
    r.status,
    String(r.passed),
    String(r.failed),
    String(r.skipped),
    `${r.seconds}s`,
    r.note,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((x, i) => (i >= 2 && i <= 5 ? x.padStart(widths[i]) : x.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main() {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const wanted = new Set();
  for (const a of args) {
    const n = ALIASES[a.toLowerCase()];
    if (!n) {
      console.error(`unknown suite "${a}": use ${Object.keys(ALIASES).join(', ')}`);
      console.log('0 passed, 1 failed');
      process.exit(2);
    }
    wanted.add(n);
  }
  const suites = SUITES.filter((s) => wanted.size === 0 || wanted.has(s.name));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-test-all-'));
  const rows = FAILED_STEPS.map((step) => ({
    suite: step,
    status: 'FAILED',
    passed: 0,
    failed: 1,
    skipped: 0,
    seconds: 0,
    note: 'failed before the tests (see above)',
  }));
  try {
    for (const s of suites) rows.push(await runSuite(s, tmp));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  const skipped = CI ? 0 : rows.reduce((n, r) => n + r.skipped, 0);
  const skippedSuites = rows.filter((r) => r.status === 'SKIPPED');
  console.log(`\n=== Summary${CI ? ' (CI: skipped tests count as failed)' : ''}\n`);
  console.log(table(rows));
  if (skippedSuites.length) {
    console.log(`\nWARNING: ${skippedSuites.length} suite(s) SKIPPED: ${skippedSuites.map((r) => r.suite).join(', ')}`);
  }
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
