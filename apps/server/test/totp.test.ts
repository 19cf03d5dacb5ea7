/**
 * Two-factor authentication (TOTP, RFC 6238): enrolment, login with a code, replay and lockout,
 * roles that require it (forced enrolment), the user turning it off, and the administrator's reset.
 */
import { ROLE_CODES } from '@beizeng/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totpAt } from '../src/modules/auth/totp';
import { call, createTestApp, DEMO_PASSWORD, q, type TestApp } from './harness';

const KEY = 'test key of this deployment, at least 32 characters';
let t: TestApp;
let admin: string;
beforeAll(async () => {
  process.env.BEIZENG_TOTP_KEY = KEY;
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  delete process.env.BEIZENG_TOTP_KEY;
  await t.close();
});

let ip = 0;
const login = (username: string, totp?: string, password = DEMO_PASSWORD, lang = 'zh-CN') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...(totp !== undefined ? { totp } : {}) },
    remoteAddress: `127.9.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`,
    headers: { 'accept-language': lang },
  });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  `bz_sid=${res.cookies.find((c) => c.name === 'bz_sid')!.value}`;
const codeAt = (secret: string, offsetSteps = 0) => totpAt(base32Decode(secret), Date.now() + offsetSteps * 30_000);
const userId = async (username: string) =>
  (await q<{ id: number }>(t, `select id from app_user where username = '${username}'`))[0]!.id;
/** Lets the clock "move on": the next codes are accepted again (the replay guard is tested separately). */
const forgetLastStep = (username: string) =>
  q(t, `update app_user set totp_last_step = null where username = '${username}'`);

async function enrol(cookie: string): Promise<string> {
  const setup = await call(t, cookie, 'POST', '/api/v1/auth/totp/setup');
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json();
  const ok = await call(t, cookie, 'POST', '/api/v1/auth/totp/enable', { code: codeAt(secret) });
  expect(ok.statusCode).toBe(200);
  return secret;
}

describe('enrolment', () => {
  let secret: string;
  it('sets up with a QR URI, confirms with a code, and never returns or stores the secret in clear', async () => {
    const c = await t.login('cadre');
    const setup = await call(t, c, 'POST', '/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    secret = setup.json().secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.json().uri).toBe(
      `otpauth://totp/Beizeng:cadre?secret=${secret}&issuer=Beizeng&algorithm=SHA1&digits=6&period=30`,
    );
    expect(setup.headers['cache-control']).toContain('no-store');
    // not on until confirmed
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).json()).toMatchObject({ totpEnabled: false });
    expect((await login('cadre')).statusCode).toBe(200);
    const wrong = await call(t, c, 'POST', '/api/v1/auth/totp/enable', { code: codeAt(secret, 5) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('body.code');
    const bad = await call(t, c, 'POST', '/api/v1/auth/totp/enable', { code: '12a456' });
    expect(bad.statusCode).toBe(400);
    const other = await login('cadre'); // a second session, ended by enrolment
    const ok = await call(t, c, 'POST', '/api/v1/auth/totp/enable', {
      code: codeAt(secret).replace(/^(\d{3})/, '$1 '),
    });
    expect(ok.statusCode).toBe(200);
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).json()).toMatchObject({
      totpEnabled: true,
      mustEnrolTotp: false,
    });
    expect((await call(t, cookieOf(other), 'GET', '/api/v1/auth/me')).statusCode).toBe(401);

    const [row] = await q<{ s: string; p: string | null }>(
      t,
      `select totp_secret as s, totp_pending_secret as p from app_user where username = 'cadre'`,
    );
    expect(row!.s).toMatch(/^v1:/);
    expect(row!.s).not.toContain(secret);
    expect(row!.p).toBeNull();
    const id = await userId('cadre');
    const u = await call(t, admin, 'GET', `/api/v1/users/${id}`);
    expect(u.json().totpEnabled).toBe(true);
    expect(u.body).not.toContain(secret);
    expect(u.body).not.toMatch(/totpSecret|totp_secret/);
    const again = await call(t, c, 'POST', '/api/v1/auth/totp/setup');
    expect(again.statusCode).toBe(409);
    const audits = await q<{ action: string; after: unknown }>(
      t,
      `select action, after from audit_log where module = 'auth' and action like 'totp%' and entity_id = '${id}' order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['totpSetup', 'totpEnable']);
    expect(JSON.stringify(audits)).not.toContain(secret);
  });

  it('login without the code is refused with a clear message; a right code logs in; a used code is refused', async () => {
    const none = await login('cadre');
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'TOTP_REQUIRED' });
    expect(none.json().message).toContain('6 位动态验证码');
    expect((await login('cadre', undefined, DEMO_PASSWORD, 'en')).json().message).toContain('6-digit code');
    // a wrong password is still "wrong username or password", whatever the code
    expect((await login('cadre', codeAt(secret, 1), 'Wrong-Passw0rd')).json().code).toBe('INVALID_CREDENTIALS');
    const wrong = await login('cadre', codeAt(secret, 3));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('TOTP_INVALID');
    const code = codeAt(secret, 1); // the enrolment used the current step
    const ok = await login('cadre', code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ username: 'cadre', totpEnabled: true });
    const replay = await login('cadre', code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('TOTP_INVALID');
    const older = await login('cadre', codeAt(secret, 0));
    expect(older.json().code).toBe('TOTP_INVALID');
    const reasons = await q<{ reason: string | null; success: boolean }>(
      t,
      `select reason, success from login_log where username = 'cadre' order by id desc limit 4`,
    );
    expect(reasons.map((r) => r.reason)).toEqual(['bad_totp', 'bad_totp', 'totp', 'bad_totp']);
  });

  it('wrong codes count toward the lockout', async () => {
    await q(t, `update app_user set failed_logins = 0, locked_until = null where username = 'cadre'`);
    await forgetLastStep('cadre');
    for (let i = 1; i <= 4; i++) {
      expect((await login('cadre', codeAt(secret, 4))).json().code).toBe('TOTP_INVALID');
      const [r] = await q<{ n: number }>(t, `select failed_logins as n from app_user where username = 'cadre'`);
      expect(Number(r!.n)).toBe(i);
    }
    const fifth = await login('cadre', codeAt(secret, 4));
    expect(fifth.statusCode).toBe(423);
    // locked: even the right code is refused now
    expect((await login('cadre', codeAt(secret))).json().code).toBe('ACCOUNT_LOCKED');
    await q(t, `update app_user set failed_logins = 0, locked_until = null where username = 'cadre'`);
  });

  it('the user turns it off with the password and a current code (audited)', async () => {
    await forgetLastStep('cadre');
    const c = cookieOf(await login('cadre', codeAt(secret)));
    const noPw = await call(t, c, 'POST', '/api/v1/auth/totp/disable', { password: 'nope', code: codeAt(secret, 1) });
    expect(noPw.statusCode).toBe(400);
    const off = await call(t, c, 'POST', '/api/v1/auth/totp/disable', {
      password: DEMO_PASSWORD,
      code: codeAt(secret, 1),
    });
    expect(off.statusCode).toBe(200);
    expect((await login('cadre')).statusCode).toBe(200);
    const [a] = await q<{ action: string }>(
      t,
      `select action from audit_log where module = 'auth' and action = 'totpDisable' order by id desc limit 1`,
    );
    expect(a?.action).toBe('totpDisable');
  });
});

describe('roles that require a second factor', () => {
  it('forces enrolment at the next login, then lets the user work; it cannot be turned off', async () => {
    const roles = (await call(t, admin, 'GET', '/api/v1/roles')).json().items;
    const inv = roles.find((r: any) => r.code === 'investment');
    expect(inv.requireTotp).toBe(false);
    const put = await call(t, admin, 'PUT', `/api/v1/roles/${inv.id}`, { requireTotp: true, version: inv.version });
    expect(put.statusCode).toBe(200);
    expect(put.json().requireTotp).toBe(true);

    const res = await login('investment');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ totpRequired: true, totpEnabled: false, mustEnrolTotp: true });
    const c = cookieOf(res);
    const blocked = await call(t, c, 'GET', '/api/v1/enterprises');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    expect(blocked.json().message).toContain('双因素认证');
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);

    const secret = await enrol(c);
    expect((await call(t, c, 'GET', '/api/v1/enterprises')).statusCode).toBe(200);
    expect((await login('investment')).json().code).toBe('TOTP_REQUIRED');
    const refused = await call(t, c, 'POST', '/api/v1/auth/totp/disable', {
      password: DEMO_PASSWORD,
      code: codeAt(secret, 1),
    });
    expect(refused.statusCode).toBe(409);

    // the administrator resets it (lost phone): sessions end, and the role asks for a new enrolment
    const id = await userId('investment');
    expect((await call(t, await t.login('leader'), 'POST', `/api/v1/users/${id}/reset-totp`)).statusCode).toBe(403);
    const reset = await call(t, admin, 'POST', `/api/v1/users/${id}/reset-totp`);
    expect(reset.statusCode).toBe(200);
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const [a] = await q<{ action: string; before: any; after: any }>(
      t,
      `select action, before, after from audit_log where action = 'resetTotp' and entity_id = '${id}'`,
    );
    expect(a).toMatchObject({ before: { totpEnabled: true }, after: { totpEnabled: false, totpReset: true } });
    const again = await login('investment');
    expect(again.statusCode).toBe(200);
    expect(again.json().mustEnrolTotp).toBe(true);
    expect((await call(t, admin, 'GET', `/api/v1/users/${id}`)).json().totpEnabled).toBe(false);

    await call(t, admin, 'PUT', `/api/v1/roles/${inv.id}`, { requireTotp: false, version: put.json().version });
  });

  it('no demo role requires it: every demo account logs in with its password alone', async () => {
    for (const r of ROLE_CODES) {
      const res = await login(r);
      expect(res.statusCode, r).toBe(200);
      expect(res.json(), r).toMatchObject({ totpRequired: false, mustEnrolTotp: false });
    }
  });
});
