/**
 * Builds the web app (vite build into a temporary directory, in a child process) and measures the
 * JavaScript the login route loads: index.html's entry chunk with everything it imports statically
 * (what the browser fetches and modulepreloads), plus the login page's chunk if it is split off.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '../..');
const VITE = path.resolve(WEB, '../../node_modules/vite/bin/vite.js');
const LIMIT_KB = 350;
const LOGIN_PAGE = 'src/features/auth/LoginPage.tsx';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-web-build-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('web bundle', () => {
  it(`the login route loads at most ${LIMIT_KB} KB of gzipped JavaScript`, async () => {
    await promisify(execFile)(
      process.execPath,
      [VITE, 'build', '--outDir', out, '--emptyOutDir', '--manifest', '--logLevel', 'warn'],
      { cwd: WEB, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } },
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(out, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
    const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');

    // index.html's entry and its static imports, transitively
    const files = new Set<string>();
    const visit = (key: string) => {
      const c = manifest[key]!;
      if (files.has(c.file)) return;
      files.add(c.file);
      for (const k of c.imports ?? []) visit(k);
    };
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k.endsWith('index.html'));
    expect(entry, 'the build manifest names index.html as entry').toBeTruthy();
    visit(entry!);
    // the login page, if it is its own chunk (loaded lazily); otherwise it is part of the entry
    if (manifest[LOGIN_PAGE]) visit(LOGIN_PAGE);

    // Everything index.html asks for must be counted (script and modulepreload links).
    const linked = [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(linked.length).toBeGreaterThan(0);
    for (const f of linked) expect(files, `${f} is linked from index.html`).toContain(f);

    const sizes = [...files].map((f) => {
      const body = fs.readFileSync(path.join(out, f));
      return { f, raw: body.length, gz: gzipSync(body, { level: 9 }).length };
    });
    const kb = (n: number) => Math.round(n / 102.4) / 10;
    const gz = sizes.reduce((s, x) => s + x.gz, 0);
    const raw = sizes.reduce((s, x) => s + x.raw, 0);
    console.log(
      `[bundle] login route: ${kb(gz)} KB gzip (${kb(raw)} KB raw) in ${sizes.length} files, limit ${LIMIT_KB} KB\n` +
        sizes
          .sort((a, b) => b.gz - a.gz)
          .map((x) => `  ${x.f.padEnd(44)} ${String(kb(x.gz)).padStart(7)} KB gzip`)
          .join('\n'),
    );
    // Charts and spreadsheets are for later pages only.
    expect(sizes.filter((x) => /echarts|zrender|exceljs/i.test(x.f)).map((x) => x.f)).toEqual([]);
    expect(gz / 1024).toBeLessThanOrEqual(LIMIT_KB);
  }, 300_000);
});
