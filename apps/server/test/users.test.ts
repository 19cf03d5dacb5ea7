import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, DEMO_PASSWORD, q, readXlsx, type TestApp } from './harness';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const auditCount = async () => (await q<{ n: number }>(t, 'select count(*)::int as n from audit_log'))[0]!.n;
const newUser = (over: Record<string, unknown> = {}) => ({
  username: `u${Math.random().toString(36).slice(2, 8)}`,
  displayName: '王小明',
  phone: '13812345678',
  regionCode: '370406109000',
  roles: ['cadre'],
  password: 'Gongzuo-2026',
  ...over,
});

describe('users', () => {
  it('creates a user with roles, audited in the same transaction without secrets', async () => {
    const body = newUser();
    const res = await call(t, admin, 'POST', '/api/v1/users', body);
    expect(res.statusCode).toBe(200);
    const u = res.json();
    expect(u).toMatchObject({
      username: body.username,
      roles: ['cadre'],
      regionName: '凫城镇',
      status: 'active',
      version: 1,
    });
    const [a] = await q<any>(
      t,
      `select module, action, entity, entity_id, after, user_id from audit_log where entity = 'user' and entity_id = '${u.id}'`,
    );
    expect(a).toMatchObject({ module: 'users', action: 'create', entity: 'user', entity_id: String(u.id) });
    expect(a.after.username).toBe(body.username);
    expect(JSON.stringify(a)).not.toContain('Gongzuo');
    expect(JSON.stringify(a)).not.toContain('argon2');
    // the new user logs in with the password the admin gave (no forced change)
    const c = await t.login(body.username, body.password);
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).json().mustChangePassword).toBe(false);
  });

  it('refuses bad references and duplicates without writing anything', async () => {
    const before = await auditCount();
    const users0 = await q<{ n: number }>(t, 'select count(*)::int as n from app_user');
    const bad = await call(
      t,
      admin,
      'POST',
      '/api/v1/users',
      newUser({ departmentId: 99999, roles: ['cadre', 'nope'] }),
    );
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.departmentId', 'body.roles']));
    const dup = await call(t, admin, 'POST', '/api/v1/users', newUser({ username: 'cadre' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE');
    const region = await call(t, admin, 'POST', '/api/v1/users', newUser({ regionCode: '370406109999' }));
    expect(region.statusCode).toBe(400);
    expect(await auditCount()).toBe(before);
    expect((await q<{ n: number }>(t, 'select count(*)::int as n from app_user'))[0]!.n).toBe(users0[0]!.n);
  });

  it('optimistic locking: a stale update gets 409 and changes nothing', async () => {
    const u = (await call(t, admin, 'POST', '/api/v1/users', newUser())).json();
    const first = await call(t, admin, 'PUT', `/api/v1/users/${u.id}`, { displayName: '王大明', version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const before = await auditCount();
    const second = await call(t, admin, 'PUT', `/api/v1/users/${u.id}`, { displayName: '王二明', version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('STALE_VERSION');
    expect(second.json().details.current.displayName).toBe('王大明');
    expect(await auditCount()).toBe(before);
    const [audit] = await q<any>(
      t,
      `select before, after from audit_log where entity_id = '${u.id}' and action = 'update'`,
    );
    expect(audit.before.displayName).toBe('王小明');
    expect(audit.after.displayName).toBe('王大明');
  });

  it('masks phone numbers without pii:view; unmasking is audited', async () => {
    const role = await call(t, admin, 'POST', '/api/v1/roles', {
      code: 'user_clerk',
      name: '用户查看员',
      nameEn: 'User clerk',
      dataScope: 'all',
      permissions: ['system:user:list'],
    });
    expect(role.statusCode).toBe(200);
    const clerk = newUser({ roles: ['user_clerk'] });
    expect((await call(t, admin, 'POST', '/api/v1/users', clerk)).statusCode).toBe(200);
    const c = await t.login(clerk.username, clerk.password);
    const list = (await call(t, c, 'GET', '/api/v1/users?q=cadre2')).json();
    expect(list.items[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect((await call(t, c, 'GET', `/api/v1/users/${list.items[0].id}/phone`)).statusCode).toBe(403);
    // holders of pii:view also see masked numbers in lists; revealing one is a separate, audited call
    const adminList = (await call(t, admin, 'GET', '/api/v1/users?q=cadre2')).json();
    expect(adminList.items[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const full = await call(t, admin, 'GET', `/api/v1/users/${list.items[0].id}/phone`);
    expect(full.json().phone).toMatch(/^1\d{10}$/);
    const audits = await q<any>(
      t,
      `select action from audit_log where entity_id = '${list.items[0].id}' and action = 'unmask'`,
    );
    expect(audits.length).toBe(1);
  });

  it('data scope: a town administrator sees and manages only the town’s users (others are 404)', async () => {
    const role = await call(t, admin, 'POST', '/api/v1/roles', {
      code: 'town_admin',
      name: '镇管理员',
      nameEn: 'Town admin',
      dataScope: 'region',
      permissions: ['system:user:list', 'system:user:edit', 'system:role:list'],
    });
    expect(role.statusCode).toBe(200);
    const ta = newUser({ roles: ['town_admin'], regionCode: '370406109000' });
    expect((await call(t, admin, 'POST', '/api/v1/users', ta)).statusCode).toBe(200);
    const c = await t.login(ta.username, ta.password);
    const list = (await call(t, c, 'GET', '/api/v1/users?pageSize=200')).json();
    expect(list.items.length).toBeGreaterThan(3);
    expect(list.items.every((u: any) => u.regionCode.startsWith('370406109'))).toBe(true);
    expect(list.total).toBe(list.items.length);
    const [districtUser] = await q<{ id: number }>(t, "select id from app_user where username = 'admin'");
    expect((await call(t, c, 'GET', `/api/v1/users/${districtUser!.id}`)).statusCode).toBe(404);
    expect(
      (await call(t, c, 'PUT', `/api/v1/users/${districtUser!.id}`, { displayName: 'x', version: 1 })).statusCode,
    ).toBe(404);
    // cannot place a user in another town, nor grant a role with rights it lacks
    const elsewhere = await call(t, c, 'POST', '/api/v1/users', newUser({ regionCode: '370406101000' }));
    expect(elsewhere.statusCode).toBe(400);
    const escalate = await call(t, c, 'POST', '/api/v1/users', newUser({ roles: ['admin'] }));
    expect(escalate.statusCode).toBe(400);
    expect(escalate.json().errors[0].path).toBe('body.roles');
    // the export applies the same scope
    const x = await call(t, c, 'GET', '/api/v1/users/export');
    const rows = await readXlsx(x.rawPayload);
    expect(rows.length - 1).toBe(list.total);
  });

  it('disabling a user or changing their roles ends their sessions', async () => {
    const body = newUser();
    const u = (await call(t, admin, 'POST', '/api/v1/users', body)).json();
    let c = await t.login(body.username, body.password);
    const upd = await call(t, admin, 'PUT', `/api/v1/users/${u.id}`, { roles: ['investment'], version: 1 });
    expect(upd.statusCode).toBe(200);
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    c = await t.login(body.username, body.password);
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).json().roles).toEqual(['investment']);
    const dis = await call(t, admin, 'POST', `/api/v1/users/${u.id}/status`, { status: 'disabled', version: 2 });
    expect(dis.statusCode).toBe(200);
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: body.username, password: body.password },
      remoteAddress: '127.0.9.9',
    });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('ACCOUNT_DISABLED');
    // an administrator cannot disable themself
    const [me] = await q<any>(t, "select id, version from app_user where username = 'admin'");
    expect(
      (await call(t, admin, 'POST', `/api/v1/users/${me.id}/status`, { status: 'disabled', version: me.version }))
        .statusCode,
    ).toBe(409);
  });

  it('a reset password must be changed at the next login', async () => {
    const [u] = await q<{ id: number }>(t, "select id from app_user where username = 'cadre2'");
    const weak = await call(t, admin, 'POST', `/api/v1/users/${u!.id}/reset-password`, { password: 'password' });
    expect(weak.statusCode).toBe(400);
    const ok = await call(t, admin, 'POST', `/api/v1/users/${u!.id}/reset-password`, { password: 'Temp-Passw0rd' });
    expect(ok.statusCode).toBe(200);
    const c = await t.login('cadre2', 'Temp-Passw0rd');
    expect((await call(t, c, 'GET', '/api/v1/auth/me')).json().mustChangePassword).toBe(true);
    const blocked = await call(t, c, 'GET', '/api/v1/enterprises');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      (
        await call(t, c, 'POST', '/api/v1/auth/password', {
          oldPassword: 'Temp-Passw0rd',
          newPassword: 'Mine-Passw0rd',
        })
      ).statusCode,
    ).toBe(200);
    expect((await call(t, c, 'GET', '/api/v1/enterprises')).statusCode).toBe(200);
    expect(DEMO_PASSWORD).not.toBe('Mine-Passw0rd');
  });

  it('lists with filters, sorting and paging; exports a real xlsx with formula cells neutralised', async () => {
    const evil = newUser({ displayName: '=HYPERLINK("http://x","y")' });
    expect((await call(t, admin, 'POST', '/api/v1/users', evil)).statusCode).toBe(200);
    const page1 = (await call(t, admin, 'GET', '/api/v1/users?pageSize=2&page=1&sort=username')).json();
    const page2 = (await call(t, admin, 'GET', '/api/v1/users?pageSize=2&page=2&sort=username')).json();
    expect(page1.items.length).toBe(2);
    expect(page1.total).toBe(page2.total);
    expect(page1.items[1].username < page2.items[0].username).toBe(true);
    const town = (await call(t, admin, 'GET', '/api/v1/users?regionCode=370406109000&pageSize=200')).json();
    expect(town.total).toBeGreaterThan(3);
    expect(town.items.every((u: any) => u.regionCode.startsWith('370406109'))).toBe(true);
    const cadres = (await call(t, admin, 'GET', '/api/v1/users?role=cadre&pageSize=200')).json();
    expect(cadres.items.map((u: any) => u.username)).toEqual(expect.arrayContaining(['cadre', 'cadre2', 'cadre3']));
    expect(cadres.items.some((u: any) => u.username === 'leader')).toBe(false);
    expect(cadres.items.every((u: any) => u.roles.includes('cadre'))).toBe(true);
    const x = await call(t, admin, 'GET', `/api/v1/users/export?q=${evil.username}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]).toContain('用户名');
    expect(rows.length).toBe(2);
    expect(rows[1]![1]).toBe(`'=HYPERLINK("http://x","y")`);
  });
});
