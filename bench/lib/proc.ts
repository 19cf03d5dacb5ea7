import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SERVER_DIR = path.join(ROOT, 'apps/server');

export interface Proc {
  child: ChildProcess;
  base: string;
  /** Current resident memory in MB. */
  rss(): number | null;
  /** Peak resident memory in MB since start or the last resetPeak(). */
  peak(): number | null;
  /** Resets the kernel's peak-RSS counter (VmHWM) so a case's peak is its own. */
  resetPeak(): void;
  stop(): Promise<void>;
}

function status(pid: number, key: string): number | null {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${key}:\\s+(\\d+) kB`));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * Runs a TypeScript entry point (through tsx) as its own process, so its memory is measured apart from the load
 * generator, and waits until `readyPath` answers 200.
 */
export async function startProcess(opts: {
  entry: string;
  cwd: string;
  env: Record<string, string>;
  port: number;
  readyPath: string;
  preload?: string[];
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  timeoutMs?: number;
  log?: string;
}): Promise<Proc> {
  const args = [
    // the heap limit `npm run serve` sets (BEIZENG_MAX_HEAP_MB), so the figures are those of a real start
    `--max-old-space-size=${process.env.BEIZENG_MAX_HEAP_MB ?? 512}`,
    ...(opts.nodeArgs ?? []),
    '--import',
    'tsx',
    ...(opts.preload ?? []).flatMap((p) => ['--import', p]),
    opts.entry,
  ];
  const out = opts.log ? fs.openSync(opts.log, 'a') : 'ignore';
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env, PORT: String(opts.port), HOST: '127.0.0.1' },
    stdio: ['ignore', out, opts.log ? out : 'inherit'],
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const base = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  for (;;) {
    if (exited) throw new Error(`${opts.entry} exited before it was ready (see ${opts.log ?? 'stderr'})`);
    try {
      if ((await fetch(`${base}${opts.readyPath}`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.entry} not ready after ${opts.timeoutMs ?? 300_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  return {
    child,
    base,
    rss: () => status(pid, 'VmRSS'),
    peak: () => status(pid, 'VmHWM'),
    resetPeak: () => {
      try {
        fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
      } catch {}
    },
    stop: async () => {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(t);
    },
  };
}
