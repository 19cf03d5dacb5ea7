import { ALL_PERMISSIONS } from '@beizeng/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../src/modules';
import { createTestApp, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the route table', () => {
  it('every API route declares a permission or an explicit public mark, and every write an audit tag', () => {
    const api = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    const missing = api.filter((r) => !r.permission).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const unaudited = api
      .filter((r) => !['GET', 'HEAD'].includes(r.method) && !r.audit)
      .map((r) => `${r.method} ${r.url}`);
    expect(unaudited).toEqual([]);
    const known = new Set([...ALL_PERMISSIONS, 'public', 'authenticated']);
    expect(api.filter((r) => !known.has(r.permission!)).map((r) => r.url)).toEqual([]);
    const pub = api.filter((r) => r.permission === 'public' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(pub.sort()).toEqual([
      'GET /api/health',
      'GET /api/openapi.json',
      'GET /api/ready',
      'POST /api/v1/auth/login',
    ]);
  });

  it('modules are listed once with distinct prefixes', () => {
    const prefixes = MODULES.map((m) => m.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const m of MODULES) expect(m.prefix).toBe(m.name === 'open311' ? '/api/open311/v2' : `/api/v1/${m.name}`);
  });
});

// The role × route expectations (every route, every role, in-scope and out-of-scope ids, every surface) live in
// test/authz-matrix.test.ts, whose literal table must name every route of the app.
