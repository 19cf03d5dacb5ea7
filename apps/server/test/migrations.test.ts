import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('migrations', () => {
  it('are not stale: drizzle-kit generates nothing new from the tables', () => {
    // drizzle-kit takes `out` relative to its working directory
    const out = fs.mkdtempSync(path.join(root, '.test-migrations-'));
    try {
      fs.cpSync(path.join(root, 'drizzle'), out, { recursive: true });
      const before = fs.readdirSync(out).sort();
      const log = execFileSync('npx', ['drizzle-kit', 'generate', '--name', 'stale_check'], {
        cwd: root,
        env: { ...process.env, DRIZZLE_OUT: path.relative(root, out) },
        encoding: 'utf8',
      });
      const after = fs.readdirSync(out).sort();
      expect(after, `tables changed without a migration; run npm run db:generate\n${log}`).toEqual(before);
      expect(log).toMatch(/No schema changes/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('use no PostgreSQL 16+ functions (PGlite is 18, the server may be 15)', () => {
    const dir = path.join(root, 'drizzle');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.sql'))) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(text).not.toMatch(/uuidv7\(|any_value\(|json_table|merge_action/i);
    }
  });
});
