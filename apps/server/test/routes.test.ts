import { ALL_PERMISSIONS, ROLE_CODES } from '@beizeng/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../src/modules';
import { call, createTestApp, q, type TestApp } from './harness';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const r of ROLE_CODES) cookies[r] = await t.login(r);
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

// Literal expectations: which demo roles may read each core route (everyone else gets 403).
const ALL = [...ROLE_CODES];
const READS: [string, string[]][] = [
  ['/api/v1/auth/me', ALL],
  ['/api/v1/users', ['admin']],
  ['/api/v1/users/1', ['admin']],
  ['/api/v1/users/export', ['admin']],
  ['/api/v1/roles', ['admin']],
  ['/api/v1/departments', ALL],
  ['/api/v1/dicts/all', ALL],
  ['/api/v1/dicts/types', ['admin']],
  ['/api/v1/dicts/types/industry_chain/items', ['admin']],
  ['/api/v1/calendar/holidays?year=2026', ['admin']],
  ['/api/v1/calendar/workdays?from=2026-09-30&days=3', ALL],
  ['/api/v1/regions?parent=370406109000', ALL],
  ['/api/v1/regions/370406109000', ALL],
  ['/api/v1/regions/meta', ALL],
  ['/api/v1/industries?parent=C', ALL],
  ['/api/v1/enterprises', ['admin', 'leader', 'cadre', 'investment', 'department', 'enterprise', 'supervisor']],
  ['/api/v1/enterprises/import-template', ['admin', 'cadre']],
  ['/api/v1/cultivation/radar', ['admin', 'leader', 'cadre', 'supervisor']],
  ['/api/v1/cultivation/pool', ['admin', 'leader', 'cadre', 'supervisor']],
  ['/api/v1/cultivation/thresholds', ['admin', 'leader', 'cadre', 'supervisor']],
  ['/api/v1/honours', ['admin', 'leader', 'cadre', 'investment', 'enterprise', 'supervisor']],
  ['/api/v1/honours/pools', ['admin', 'leader', 'cadre', 'investment', 'enterprise', 'supervisor']],
  ['/api/v1/assignments', ['admin', 'leader', 'cadre', 'investment', 'department', 'enterprise', 'supervisor']],
  ['/api/v1/visits', ['admin', 'leader', 'cadre', 'department', 'supervisor']],
  ['/api/v1/tickets', ['admin', 'leader', 'cadre', 'department', 'enterprise', 'supervisor']],
  ['/api/v1/tickets/stats', ['admin', 'leader', 'cadre', 'department', 'enterprise', 'supervisor']],
  ['/api/v1/notifications', ALL],
  ['/api/v1/users/lookup?role=cadre', ALL],
  ['/api/v1/cockpit', ['admin', 'leader', 'supervisor']],
  ['/api/v1/warnings', ['admin', 'leader', 'supervisor']],
  ['/api/v1/targets', ['admin', 'leader', 'supervisor']],
  ['/api/v1/leads', ['admin', 'leader', 'cadre', 'investment', 'supervisor']],
  ['/api/v1/leads/forecast', ['admin', 'leader', 'cadre', 'investment', 'supervisor']],
  ['/api/v1/investment-plans', ['admin', 'leader', 'cadre', 'investment', 'supervisor']],
  ['/api/v1/projects', ['admin', 'leader', 'cadre', 'investment', 'department', 'supervisor']],
  ['/api/v1/projects/kanban', ['admin', 'leader', 'cadre', 'investment', 'department', 'supervisor']],
  ['/api/v1/projects/schedule-report.xlsx', ['admin', 'leader', 'cadre', 'investment', 'department', 'supervisor']],
  ['/api/open311/v2/requests.json', ['admin', 'leader', 'cadre', 'department', 'enterprise', 'supervisor']],
  ['/api/v1/audit/logs', ['admin', 'supervisor']],
  ['/api/v1/audit/logs/export', ['admin']],
  ['/api/v1/audit/logins', ['admin']],
  ['/api/v1/audit/logins/export', ['admin']],
  ['/api/v1/settings', ['admin']],
];

describe('role × route', () => {
  for (const [url, allowed] of READS) {
    it(`GET ${url}`, async () => {
      for (const role of ROLE_CODES) {
        const res = await call(t, cookies[role]!, 'GET', url);
        const expected = allowed.includes(role) ? 200 : 403;
        expect(res.statusCode, `${role} GET ${url}: ${res.body.slice(0, 200)}`).toBe(expected);
      }
      expect((await call(t, '', 'GET', url)).statusCode).toBe(401);
    });
  }

  it('writes of the system module are refused to every role but admin, and change nothing', async () => {
    const before = await q<{ n: number }>(t, 'select count(*)::int as n from audit_log');
    const writes: [string, string, unknown][] = [
      [
        'POST',
        '/api/v1/users',
        {
          username: 'intruder',
          displayName: 'x',
          regionCode: '370406109000',
          roles: ['admin'],
          password: 'Abcdefgh12!',
        },
      ],
      ['PUT', '/api/v1/users/2', { displayName: 'x', version: 1 }],
      ['POST', '/api/v1/users/2/status', { status: 'disabled', version: 1 }],
      ['POST', '/api/v1/users/2/reset-password', { password: 'Abcdefgh12!' }],
      ['POST', '/api/v1/roles', { code: 'evil', name: 'x', nameEn: 'x', dataScope: 'all', permissions: [] }],
      ['PUT', '/api/v1/roles/1', { name: 'x', version: 1 }],
      ['DELETE', '/api/v1/roles/1', undefined],
      ['POST', '/api/v1/departments', { name: 'x', regionCode: '370406109000', kind: 'other' }],
      ['POST', '/api/v1/dicts/types', { code: 'evil', name: 'x', nameEn: 'x' }],
      ['PUT', '/api/v1/calendar/holidays/2027-01-01', { date: '2027-01-01', kind: 'off', name: '元旦' }],
      ['DELETE', '/api/v1/calendar/holidays/2026-10-01', undefined],
      ['PUT', '/api/v1/settings', { auditRetentionDays: 365 }],
    ];
    for (const role of ROLE_CODES.filter((r) => r !== 'admin')) {
      for (const [method, url, body] of writes) {
        const res = await call(t, cookies[role]!, method as any, url, body);
        expect(res.statusCode, `${role} ${method} ${url}`).toBe(403);
      }
    }
    const after = await q<{ n: number }>(t, 'select count(*)::int as n from audit_log');
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await q(t, "select 1 from app_user where username = 'intruder'")).toEqual([]);
  });
});
