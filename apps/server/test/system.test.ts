import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, q, readXlsx, type TestApp } from './harness';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('roles', () => {
  it('validates permissions against the tree and protects built-in roles', async () => {
    const bad = await call(t, admin, 'POST', '/api/v1/roles', {
      code: 'x_role',
      name: '测试',
      nameEn: 'Test',
      dataScope: 'region',
      permissions: ['system:user:list', 'made:up'],
    });
    expect(bad.statusCode).toBe(400);
    const roles = (await call(t, admin, 'GET', '/api/v1/roles')).json().items;
    expect(roles.map((r: any) => r.code)).toEqual(
      expect.arrayContaining(['admin', 'leader', 'cadre', 'investment', 'department', 'enterprise', 'supervisor']),
    );
    const cadre = roles.find((r: any) => r.code === 'cadre');
    expect(cadre.userCount).toBe(3);
    expect((await call(t, admin, 'DELETE', `/api/v1/roles/${cadre.id}`)).statusCode).toBe(409);
    const custom = (
      await call(t, admin, 'POST', '/api/v1/roles', {
        code: 'x_role',
        name: '测试',
        nameEn: 'Test',
        dataScope: 'self',
        permissions: ['system:user:list'],
      })
    ).json();
    expect((await call(t, admin, 'DELETE', `/api/v1/roles/${custom.id}`)).statusCode).toBe(200);
  });

  it('changing a role’s rights ends its holders’ sessions and applies at next login', async () => {
    const roles = (await call(t, admin, 'GET', '/api/v1/roles')).json().items;
    const inv = roles.find((r: any) => r.code === 'investment');
    const c = await t.login('investment');
    expect((await call(t, c, 'GET', '/api/v1/enterprises')).statusCode).toBe(200);
    const upd = await call(t, admin, 'PUT', `/api/v1/roles/${inv.id}`, {
      permissions: inv.permissions.filter((p: string) => p !== 'enterprise:list'),
      version: inv.version,
    });
    expect(upd.statusCode).toBe(200);
    expect((await call(t, c, 'GET', '/api/v1/enterprises')).statusCode).toBe(401);
    const c2 = await t.login('investment');
    expect((await call(t, c2, 'GET', '/api/v1/enterprises')).statusCode).toBe(403);
    const stale = await call(t, admin, 'PUT', `/api/v1/roles/${inv.id}`, { name: 'x', version: inv.version });
    expect(stale.statusCode).toBe(409);
  });
});

describe('departments', () => {
  it('creates, edits and refuses to delete a department with members', async () => {
    const list = (await call(t, admin, 'GET', '/api/v1/departments')).json().items;
    const district = list.filter((d: any) => d.kind === 'district_dept');
    expect(district.length).toBeGreaterThanOrEqual(8);
    const created = await call(t, admin, 'POST', '/api/v1/departments', {
      name: '统计站',
      regionCode: '370406109000',
      kind: 'town_office',
      phone: '0632-8881234',
    });
    expect(created.statusCode).toBe(200);
    const d = created.json();
    const self = await call(t, admin, 'PUT', `/api/v1/departments/${d.id}`, { parentId: d.id, version: 1 });
    expect(self.statusCode).toBe(400);
    const [member] = await q<{ department_id: number }>(
      t,
      "select department_id from app_user where username = 'department'",
    );
    expect((await call(t, admin, 'DELETE', `/api/v1/departments/${member!.department_id}`)).statusCode).toBe(409);
    expect((await call(t, admin, 'DELETE', `/api/v1/departments/${d.id}`)).statusCode).toBe(200);
    const after = (await call(t, admin, 'GET', '/api/v1/departments')).json().items;
    expect(after.some((x: any) => x.id === d.id)).toBe(false);
  });
});

describe('dictionaries', () => {
  it('manages types and items; disabled items leave the active list; values are immutable', async () => {
    const types = (await call(t, admin, 'GET', '/api/v1/dicts/types')).json().items;
    expect(types.map((x: any) => x.code)).toEqual(
      expect.arrayContaining(['industry_chain', 'ticket_category', 'lead_source']),
    );
    const chain = (await call(t, admin, 'GET', '/api/v1/dicts/types/industry_chain/items')).json().items;
    expect(chain.map((i: any) => i.label)).toEqual(expect.arrayContaining(['新型建材', '大健康食品', '新能源']));
    const item = (
      await call(t, admin, 'POST', '/api/v1/dicts/types/industry_chain/items', {
        value: 'new_chain',
        label: '数字经济',
        labelEn: 'Digital economy',
        color: 'blue',
      })
    ).json();
    expect(item.id).toBeTruthy();
    const dup = await call(t, admin, 'POST', '/api/v1/dicts/types/industry_chain/items', {
      value: 'new_chain',
      label: '重复',
      labelEn: 'dup',
    });
    expect(dup.statusCode).toBe(409);
    const rename = await call(t, admin, 'PUT', `/api/v1/dicts/items/${item.id}`, { value: 'other', version: 1 });
    expect(rename.statusCode).toBe(400);
    const off = await call(t, admin, 'PUT', `/api/v1/dicts/items/${item.id}`, { status: 'disabled', version: 1 });
    expect(off.statusCode).toBe(200);
    const all = (await call(t, admin, 'GET', '/api/v1/dicts/all')).json();
    expect(all.industry_chain.some((i: any) => i.value === 'new_chain')).toBe(false);
    expect((await call(t, admin, 'GET', '/api/v1/dicts/types/no_such_type/items')).statusCode).toBe(404);
  });
});

describe('holiday calendar and working days', () => {
  it('serves the 2026 calendar and computes working days', async () => {
    const y = (await call(t, admin, 'GET', '/api/v1/calendar/holidays?year=2026')).json().items;
    expect(y.length).toBe(39);
    expect(y.find((h: any) => h.date === '2026-10-10')).toMatchObject({ kind: 'workday', name: '国庆节' });
    const add = (await call(t, admin, 'GET', '/api/v1/calendar/workdays?from=2026-09-30&days=3')).json();
    expect(add.date).toBe('2026-10-10');
    const between = (await call(t, admin, 'GET', '/api/v1/calendar/workdays?from=2026-09-30&to=2026-10-10')).json();
    expect(between.workdays).toBe(3);
    expect((await call(t, admin, 'GET', '/api/v1/calendar/workdays?from=2026-02-30&days=1')).statusCode).toBe(400);
    expect((await call(t, admin, 'GET', '/api/v1/calendar/workdays?from=2026-02-01')).statusCode).toBe(400);
  });

  it('lets an admin enter next year’s notice; the clock follows at once', async () => {
    const before = (await call(t, admin, 'GET', '/api/v1/calendar/workdays?from=2026-12-31&days=1')).json().date;
    expect(before).toBe('2027-01-01'); // no 2027 data yet: a Friday counts as a working day
    const put = await call(t, admin, 'PUT', '/api/v1/calendar/holidays/2027-01-01', {
      date: '2027-01-01',
      kind: 'off',
      name: '元旦',
      note: '2027年通知',
    });
    expect(put.statusCode).toBe(200);
    const after = (await call(t, admin, 'GET', '/api/v1/calendar/workdays?from=2026-12-31&days=1')).json().date;
    expect(after).toBe('2027-01-04');
    const weekdayMakeUp = await call(t, admin, 'PUT', '/api/v1/calendar/holidays/2027-01-05', {
      date: '2027-01-05',
      kind: 'workday',
      name: '错误',
    });
    expect(weekdayMakeUp.statusCode).toBe(400);
    const mismatch = await call(t, admin, 'PUT', '/api/v1/calendar/holidays/2027-01-06', {
      date: '2027-01-07',
      kind: 'off',
      name: 'x',
    });
    expect(mismatch.statusCode).toBe(400);
    expect((await call(t, admin, 'DELETE', '/api/v1/calendar/holidays/2027-01-01')).statusCode).toBe(200);
    expect((await call(t, admin, 'DELETE', '/api/v1/calendar/holidays/2027-01-01')).statusCode).toBe(404);
    const audits = await q<any>(t, "select action from audit_log where module = 'calendar' order by id");
    expect(audits.map((a) => a.action)).toEqual(['upsert', 'delete']);
  });
});

describe('regions and industries', () => {
  it('has the 枣庄 slice with 凫城镇 and its 18 villages', async () => {
    const top = (await call(t, admin, 'GET', '/api/v1/regions')).json().items;
    expect(top).toEqual([expect.objectContaining({ code: '370000000000', name: '山东省', hasChildren: true })]);
    const towns = (await call(t, admin, 'GET', '/api/v1/regions?parent=370406000000')).json().items;
    expect(towns.length).toBe(11);
    expect(towns.find((r: any) => r.code === '370406109000').name).toBe('凫城镇');
    const villages = (await call(t, admin, 'GET', '/api/v1/regions?parent=370406109000')).json().items;
    expect(villages.length).toBe(18);
    expect(villages.every((v: any) => v.level === 5 && !v.hasChildren)).toBe(true);
    const v = (await call(t, admin, 'GET', `/api/v1/regions/${villages[0].code}`)).json();
    expect(v.path.map((p: any) => p.name)).toEqual(['山东省', '枣庄市', '山亭区', '凫城镇']);
    const found = (await call(t, admin, 'GET', `/api/v1/regions/search?q=${encodeURIComponent('凫城')}`)).json().items;
    expect(found.map((r: any) => r.code)).toContain('370406109000');
    const meta = (await call(t, admin, 'GET', '/api/v1/regions/meta')).json();
    expect(meta.vintage).toBe('2023');
    expect(meta.count).toBeGreaterThan(2000);
  });

  it('has GB/T 4754-2017 with 工业 = B, C, D', async () => {
    const top = (await call(t, admin, 'GET', '/api/v1/industries')).json().items;
    expect(top.length).toBe(20);
    expect(top.filter((i: any) => i.isIndustrial).map((i: any) => i.code)).toEqual(['B', 'C', 'D']);
    const c = (await call(t, admin, 'GET', '/api/v1/industries?parent=C')).json().items;
    expect(c.length).toBe(31); // 大类 13–43
    const food = (await call(t, admin, 'GET', `/api/v1/industries?q=${encodeURIComponent('食品')}`)).json().items;
    expect(food.some((i: any) => i.code === '14')).toBe(true); // 食品制造业
  });
});

describe('audit and login logs', () => {
  it('filters the audit log, exports it, and keeps ordinary users out', async () => {
    await call(t, admin, 'PUT', '/api/v1/settings', { auditRetentionDays: 400 });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const list = (await call(t, admin, 'GET', `/api/v1/audit/logs?module=settings&from=${today}&to=${today}`)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ username: 'admin', module: 'settings', action: 'update' });
    expect(list.items[0].before.auditRetentionDays).toBe(190);
    expect(list.items[0].after.auditRetentionDays).toBe(400);
    const none = (
      await call(t, admin, 'GET', '/api/v1/audit/logs?module=settings&from=2020-01-01&to=2020-12-31')
    ).json();
    expect(none.total).toBe(0);
    const x = await call(t, admin, 'GET', '/api/v1/audit/logs/export?module=settings');
    const rows = await readXlsx(x.rawPayload);
    expect(rows.length).toBe(2);
    expect(rows[0]).toContain('修改前');
    // nobody can alter the audit log through the API: no write route exists for it
    const writes = t.app.registeredRoutes.filter(
      (r) => r.url.startsWith('/api/v1/audit') && r.method !== 'GET' && r.method !== 'HEAD',
    );
    expect(writes).toEqual([]);
  });

  it('lists and exports login attempts', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'leader', password: 'Bad-password1' },
      remoteAddress: '127.0.8.8',
    });
    const failed = (await call(t, admin, 'GET', '/api/v1/audit/logins?success=false&username=leader')).json();
    expect(failed.total).toBe(1);
    expect(failed.items[0]).toMatchObject({
      username: 'leader',
      success: false,
      reason: 'bad_password',
      ip: '127.0.8.8',
    });
    const x = await call(t, admin, 'GET', '/api/v1/audit/logins/export?success=false');
    expect((await readXlsx(x.rawPayload)).length).toBeGreaterThanOrEqual(2);
  });

  it('retention is a setting of at least 190 days', async () => {
    const low = await call(t, admin, 'PUT', '/api/v1/settings', { auditRetentionDays: 189 });
    expect(low.statusCode).toBe(400);
    expect((await call(t, admin, 'GET', '/api/v1/settings')).json().auditRetentionDays).toBe(400);
    const { purgeOldLogs } = await import('../src/modules/audit/audit.service');
    await q(
      t,
      "insert into audit_log (at, module, action) values (now() - interval '191 days', 'x', 'old'), (now() - interval '189 days', 'x', 'recent')",
    );
    await purgeOldLogs(t.database.db, 100); // a setting below the floor still keeps 190 days
    const left = await q<any>(t, "select action from audit_log where module = 'x'");
    expect(left.map((r) => r.action)).toEqual(['recent']);
  });
});
