import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, DEMO_PASSWORD, q, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, ip = '127.0.0.9', headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
    headers,
  });

describe('login and sessions', () => {
  it('logs in with an HttpOnly SameSite cookie, a new session id each time, and returns me', async () => {
    const a = await login('cadre', DEMO_PASSWORD, '127.0.1.1');
    const b = await login('cadre', DEMO_PASSWORD, '127.0.1.1');
    expect(a.statusCode).toBe(200);
    const ca = a.cookies.find((c) => c.name === 'bz_sid')!;
    const cb = b.cookies.find((c) => c.name === 'bz_sid')!;
    expect(ca.httpOnly).toBe(true);
    expect(ca.sameSite).toBe('Lax');
    expect(ca.secure).toBeFalsy(); // plain http on loopback; Secure behind https
    expect(ca.value).not.toBe(cb.value);
    expect(ca.value.length).toBeGreaterThanOrEqual(43);
    const me = a.json();
    expect(me).toMatchObject({ username: 'cadre', roles: ['cadre'], regionCode: '370406109000', regionName: '凫城镇' });
    expect(me.scope.kind).toBe('region');
    expect(me.permissions).toContain('ticket:edit');
    expect(me.permissions).not.toContain('system:user:list');
    // the token is not stored: only its hash is
    const stored = await q<{ id: string }>(t, 'select id from session');
    expect(stored.some((s) => s.id === ca.value)).toBe(false);
  });

  it('the session cookie is Secure behind https (trusted proxy)', async () => {
    const t2 = await createTestApp({ TRUST_PROXY: 'on' });
    try {
      const res = await t2.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'leader', password: DEMO_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.cookies.find((c) => c.name === 'bz_sid')!.secure).toBe(true);
    } finally {
      await t2.close();
    }
  });

  it('records every attempt in the login log with IP and user agent', async () => {
    await login('leader', 'wrong-password-1A', '127.0.2.1', { 'user-agent': 'TestAgent/1.0' });
    await login('leader', DEMO_PASSWORD, '127.0.2.1', { 'user-agent': 'TestAgent/1.0' });
    await login('nobody', 'whatever', '127.0.2.1', { 'user-agent': 'Other' });
    const rows = await q<any>(
      t,
      "select username, success, reason, ip, user_agent from login_log where ip = '127.0.2.1' order by id",
    );
    expect(rows).toEqual([
      { username: 'leader', success: false, reason: 'bad_password', ip: '127.0.2.1', user_agent: 'TestAgent/1.0' },
      { username: 'leader', success: true, reason: null, ip: '127.0.2.1', user_agent: 'TestAgent/1.0' },
      { username: 'nobody', success: false, reason: 'unknown_user', ip: '127.0.2.1', user_agent: 'Other' },
    ]);
  });

  it('wrong password and unknown user answer the same 401', async () => {
    const a = await login('investment', 'Wrong-passw0rd', '127.0.3.1');
    const b = await login('no-such-user', 'Wrong-passw0rd', '127.0.3.1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe('INVALID_CREDENTIALS');
    expect(b.json().code).toBe('INVALID_CREDENTIALS');
    expect(a.json().message).toBe(b.json().message);
  });

  it('five failed logins lock the account for 15 minutes, even against the right password', async () => {
    for (let i = 0; i < 4; i++)
      expect((await login('supervisor', `Wrong-pass${i}x`, '127.0.4.1')).statusCode).toBe(401);
    const fifth = await login('supervisor', 'Wrong-pass5x', '127.0.4.1');
    expect(fifth.statusCode).toBe(423);
    const right = await login('supervisor', DEMO_PASSWORD, '127.0.4.2');
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    const [u] = await q<any>(t, "select locked_until from app_user where username = 'supervisor'");
    const minutes = (new Date(u.locked_until).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    // once the lock has passed, the right password works again
    await q(t, "update app_user set locked_until = now() - interval '1 second' where username = 'supervisor'");
    expect((await login('supervisor', DEMO_PASSWORD, '127.0.4.3')).statusCode).toBe(200);
  });

  it('limits login attempts per IP and ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await login('nobody', 'x', '127.0.5.1', { 'x-forwarded-for': `10.0.0.${i}` });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes.slice(30)).toEqual([429, 429]);
    // another client address is not affected
    expect((await login('leader', DEMO_PASSWORD, '127.0.5.2')).statusCode).toBe(200);

    const t2 = await createTestApp({ TRUST_PROXY: 'on' });
    try {
      const res: number[] = [];
      for (let i = 0; i < 32; i++) {
        const r = await t2.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'nobody', password: 'x' },
          remoteAddress: '127.0.5.9',
          headers: { 'x-forwarded-for': `10.0.1.${i}` },
        });
        res.push(r.statusCode);
      }
      expect(res.every((c) => c === 401)).toBe(true); // each forwarded client has its own budget
    } finally {
      await t2.close();
    }
  });

  it('logout ends the session on the server', async () => {
    const cookie = await t.login('investment');
    expect((await call(t, cookie, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const out = await call(t, cookie, 'POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(200);
    const after = await call(t, cookie, 'GET', '/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
  });

  it('idle timeout and absolute lifetime end sessions', async () => {
    const idle = await t.login('department');
    await q(t, "update session set last_seen_at = now() - interval '31 minutes'");
    const r1 = await call(t, idle, 'GET', '/api/v1/auth/me');
    expect(r1.statusCode).toBe(401);
    expect(r1.json().code).toBe('SESSION_EXPIRED');

    const old = await t.login('department');
    await q(t, "update session set expires_at = now() - interval '1 second'");
    expect((await call(t, old, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);

    const fresh = await t.login('department');
    expect((await call(t, fresh, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('changing the password ends the user’s other sessions and keeps this one', async () => {
    const here = await t.login('cadre3');
    const elsewhere = await t.login('cadre3');
    const weak = await call(t, here, 'POST', '/api/v1/auth/password', {
      oldPassword: DEMO_PASSWORD,
      newPassword: 'abcdefghij',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('body.newPassword');
    const wrongOld = await call(t, here, 'POST', '/api/v1/auth/password', {
      oldPassword: 'Nope-12345',
      newPassword: 'Str0ng-Passw0rd',
    });
    expect(wrongOld.statusCode).toBe(400);
    expect(wrongOld.json().errors[0].path).toBe('body.oldPassword');
    const ok = await call(t, here, 'POST', '/api/v1/auth/password', {
      oldPassword: DEMO_PASSWORD,
      newPassword: 'Str0ng-Passw0rd',
    });
    expect(ok.statusCode).toBe(200);
    expect((await call(t, here, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await call(t, elsewhere, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('cadre3', DEMO_PASSWORD, '127.0.6.1')).statusCode).toBe(401);
    expect((await login('cadre3', 'Str0ng-Passw0rd', '127.0.6.1')).statusCode).toBe(200);
    const audit = await q<any>(t, "select action, after from audit_log where module = 'auth' and action = 'password'");
    expect(audit.length).toBe(1);
    expect(JSON.stringify(audit[0])).not.toContain('Str0ng');
  });

  it('the interface language is remembered on the user', async () => {
    const c = await t.login('leader');
    expect((await call(t, c, 'PUT', '/api/v1/auth/locale', { locale: 'en' })).statusCode).toBe(200);
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).json().locale).toBe('en');
    expect((await call(t, c, 'PUT', '/api/v1/auth/locale', { locale: 'fr' })).statusCode).toBe(400);
  });
});
