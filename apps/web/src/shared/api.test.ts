import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../test/render';
import { ApiError, api, configureApi, fileNameOf, toSearch } from './api';

afterEach(() => vi.unstubAllGlobals());

/** Resolves with the error a call fails with (and fails the test if it succeeds). */
const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e) => e as ApiError,
  );

describe('api client', () => {
  it('sends JSON with the locale and same-origin credentials', async () => {
    configureApi({ locale: () => 'en' });
    const { fn } = mockFetch({ 'POST /api/v1/users': ({ body }) => json(200, { ok: true, got: body }) });
    const r = await api.post<{ got: unknown }>('/users', { a: 1 });
    expect(r.got).toEqual({ a: 1 });
    const init = fn.mock.calls[0][1] as RequestInit;
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['Accept-Language']).toBe('en');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    configureApi({ locale: () => 'zh-CN' });
  });

  it('drops empty query parameters', () => {
    expect(toSearch({ a: '1', b: '', c: undefined, d: null, e: 0 })).toBe('?a=1&e=0');
    expect(toSearch({})).toBe('');
  });

  it('turns problem+json into an ApiError with field errors', async () => {
    mockFetch({
      'POST /api/v1/users': () =>
        json(
          400,
          {
            status: 400,
            code: 'VALIDATION',
            message: '提交的内容有误',
            requestId: 'req-1',
            errors: [{ path: 'body.username', message: 'bad' }],
          },
          'application/problem+json',
        ),
    });
    const err = await fail(api.post('/users', {}));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('提交的内容有误');
    expect(err.requestId).toBe('req-1');
    expect(err.errors).toEqual([{ path: 'body.username', message: 'bad' }]);
  });

  it('sends people to the login page on 401 and to the password page on PASSWORD_CHANGE_REQUIRED', async () => {
    const unauthenticated = vi.fn();
    const passwordChangeRequired = vi.fn();
    configureApi({ unauthenticated, passwordChangeRequired });
    mockFetch({
      'GET /api/v1/users': () => json(401, { status: 401, code: 'SESSION_EXPIRED', message: 'x', requestId: 'r' }),
      'GET /api/v1/roles': () =>
        json(403, { status: 403, code: 'PASSWORD_CHANGE_REQUIRED', message: 'x', requestId: 'r' }),
      'POST /api/v1/auth/login': () =>
        json(401, { status: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误', requestId: 'r' }),
    });
    await api.get('/users').catch(() => {});
    expect(unauthenticated).toHaveBeenCalledTimes(1);
    await api.get('/roles').catch(() => {});
    expect(passwordChangeRequired).toHaveBeenCalledTimes(1);
    // a wrong password is not "logged out"
    const err = await fail(api.post('/auth/login', {}, { noAuthRedirect: true }));
    expect(err.code).toBe('INVALID_CREDENTIALS');
    expect(unauthenticated).toHaveBeenCalledTimes(1);
  });

  it('reports a network failure as NETWORK and a non-JSON error page by its status', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const e1 = await fail(api.get('/x'));
    expect(e1.code).toBe('NETWORK');
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502 })));
    const e2 = await fail(api.get('/x'));
    expect(e2.status).toBe(502);
    expect(e2.code).toBe('UNAVAILABLE');
  });

  it('reads the file name of a download', () => {
    expect(fileNameOf('attachment; filename="users.xlsx"; filename*=UTF-8\'\'%E7%94%A8%E6%88%B7.xlsx', 'x')).toBe(
      '用户.xlsx',
    );
    expect(fileNameOf('attachment; filename="a.xlsx"', 'x')).toBe('a.xlsx');
    expect(fileNameOf(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });
});

describe('login path', () => {
  it('carries a same-site redirect and the expiry flag', async () => {
    const { loginPath } = await import('./api');
    expect(loginPath('/system/users?status=active', false)).toBe('/login?redirect=%2Fsystem%2Fusers%3Fstatus%3Dactive');
    expect(loginPath('/', true)).toBe('/login?expired=1');
    expect(loginPath('//evil.example', false)).toBe('/login');
  });
});
