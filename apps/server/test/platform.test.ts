import { ALL_PERMISSIONS, ERROR_CODES } from '@beizeng/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from './harness';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('platform endpoints', () => {
  it('health and readiness', async () => {
    const h = await call(t, '', 'GET', '/api/health');
    expect(h.statusCode).toBe(200);
    expect(h.json()).toEqual({ status: 'ok' });
    const r = await call(t, '', 'GET', '/api/ready');
    expect(r.statusCode).toBe(200);
  });

  it('OpenAPI 3 documents every /api/v1 route with its schemas', async () => {
    const res = await call(t, '', 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries<any>(doc.paths))
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`);
    const v1 = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
    expect(v1.length).toBeGreaterThan(30);
    for (const r of v1) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
    // request and response schemas are present, e.g. on user creation
    const create = doc.paths['/api/v1/users/'] ?? doc.paths['/api/v1/users'];
    expect(create.post.requestBody.content['application/json'].schema.properties.username).toBeTruthy();
    expect(create.post.responses['200'].content['application/json'].schema.properties.roles).toBeTruthy();
    const docs = await call(t, '', 'GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sets security headers; the API is not cached', async () => {
    const res = await call(t, admin, 'GET', '/api/v1/auth/me');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('errors are problem+json in the caller’s language, without internals', () => {
  it('unknown API path → 404 NOT_FOUND in Chinese by default', async () => {
    const res = await call(t, admin, 'GET', '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json();
    expect(p).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    expect(p.requestId).toBeTruthy();
  });

  it('English by Accept-Language', async () => {
    const res = await call(t, '', 'GET', '/api/v1/users', undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Please log in' });
  });

  it.each([
    'page=1e999',
    'pageSize=-1',
    'pageSize=201',
    'page=0',
    'page=abc',
    'page=1&page=2',
    'sort=password;drop',
    'sort=-nonexistent',
  ])('malformed list parameter %s → 400 with the field named', async (qs) => {
    const res = await call(t, admin, 'GET', `/api/v1/users?${qs}`);
    expect(res.statusCode).toBe(400);
    const p = res.json();
    expect(p.code).toBe('VALIDATION');
    expect(p.errors[0].path).toMatch(/^querystring/);
    expect(res.body).not.toMatch(/at .*\.ts:\d+|SELECT|postgres|drizzle/i);
  });

  it('validation errors name every bad field', async () => {
    const res = await call(t, admin, 'POST', '/api/v1/users', {
      username: '1x',
      displayName: '',
      regionCode: '37',
      roles: [],
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: any) => e.path);
    for (const f of ['username', 'displayName', 'regionCode', 'roles', 'password'])
      expect(paths).toContain(`body.${f}`);
  });

  it('refuses text/plain bodies (a CSRF-able simple request) with 415', async () => {
    const res = await call(t, admin, 'POST', '/api/v1/auth/password', 'oldPassword=x', {
      'content-type': 'text/plain',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a cookie-authenticated write from another origin (CSRF)', async () => {
    const cross = await call(
      t,
      admin,
      'PUT',
      '/api/v1/auth/locale',
      { locale: 'en' },
      { origin: 'https://evil.example' },
    );
    expect(cross.statusCode).toBe(403);
    expect(cross.json().code).toBe('CSRF');
    const site = await call(
      t,
      admin,
      'PUT',
      '/api/v1/auth/locale',
      { locale: 'en' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(site.statusCode).toBe(403);
    const same = await call(
      t,
      admin,
      'PUT',
      '/api/v1/auth/locale',
      { locale: 'zh-CN' },
      { origin: 'http://localhost:80', host: 'localhost:80' },
    );
    expect(same.statusCode).toBe(200);
  });

  it('invalid JSON → 400, huge body → 413, and nothing leaks', async () => {
    const bad = await call(t, admin, 'POST', '/api/v1/roles', '{"code":', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    const huge = await call(t, admin, 'POST', '/api/v1/roles', JSON.stringify({ code: 'x'.repeat(3 * 1024 * 1024) }), {
      'content-type': 'application/json',
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('the error code list is closed and every code maps to an HTTP status', () => {
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(status).toBeGreaterThanOrEqual(400);
    }
    expect(ALL_PERMISSIONS.every((p) => /^[a-z]+(:[a-z]+)+$/.test(p))).toBe(true);
  });
});
