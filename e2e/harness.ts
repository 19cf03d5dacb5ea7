import { type ChildProcess, execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { scanLog } from '../apps/server/test/log-scan';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHOTS = path.join(ROOT, 'e2e', 'screenshots');
export const DEMO_PASSWORD = 'Beizeng@2026';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Builds the SPA when apps/web/dist is missing (the CI runner builds it first). */
export function ensureWebBuilt() {
  if (!fs.existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) {
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  }
}

export interface RunningServer {
  url: string;
  proc: ChildProcess;
  dataDir: string;
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts the real server on a free port with a fresh data directory and waits for /api/ready. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-e2e-data-'));
  let output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BEIZENG_DEMO: '1',
      LOG_LEVEL: 'info',
      LOG_REQUESTS: '1', // request logs too: stop() scans them for secrets
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => {
    output += d;
  });
  proc.stderr?.on('data', (d) => {
    output += d;
  });
  const kill = () => {
    if (proc.exitCode === null && !proc.killed) proc.kill('SIGTERM');
  };
  process.once('exit', kill);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${output}`);
    try {
      const r = await fetch(`${url}/api/ready`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      kill();
      throw new Error(`server not ready after 180 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    proc,
    dataDir,
    log: () => output,
    stop: async () => {
      process.removeListener('exit', kill);
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      // The server's whole output must hold no password, cookie or authorization value, or unmasked phone number.
      const scan = scanLog(output, { passwords: [DEMO_PASSWORD], tokens: [] });
      console.log(`[log scan e2e] ${scan.lines} server log lines, hits: ${scan.hits.length}`);
      if (scan.hits.length)
        throw new Error(`secrets in the server log:\n${scan.hits.map((h) => `${h.kind}: ${h.line}`).join('\n')}`);
    },
  };
}

/** Debian's Chromium, headless, zh-CN; `bypassCSP` lets a test check what React's escaping alone prevents. */
export async function launchBrowser(
  opts: { bypassCSP?: boolean } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-e2e-chrome-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    bypassCSP: opts.bypassCSP ?? false,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(20_000);
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---- page helpers shared by the journeys ----

/** Records uncaught page errors and console errors (failed-request noise aside) into `problems`. */
export function watch(page: Page, problems: string[]): Page {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // a 401 from the session probe on the login page is expected; the browser logs every failed request
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  return page;
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Logs in through the login page and waits for the workbench greeting. */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[autocomplete=username]').fill(username);
  await page.locator('input[autocomplete=current-password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('welcome').waitFor();
}

export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录|Log out/ }).click();
  await page.waitForURL(/\/login/);
}

/** Page width against the viewport: a phone layout must not scroll sideways. */
export const overflow = (page: Page) =>
  page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
