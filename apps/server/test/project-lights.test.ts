/**
 * Stored project lights (issue #7): after real writes through the API, the stored light of every project equals the
 * live computation, and lightCounts and the list's light filter equal live counts over all projects, also when
 * stored lights are stale (another day, another calendar or light-rule setting) and must be computed live.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../src/core/auth';
import type { AuthedCtx } from '../src/core/http';
import {
  currentLightRev,
  lightCounts,
  refreshStaleLights,
  storeLights,
} from '../src/modules/projects/projects.service';
import { call, createTestApp, q, type TestApp } from './harness';

const LIGHTS = ['green', 'amber', 'red'] as const;
type L = (typeof LIGHTS)[number];

let t: TestApp;
const c: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const r of ['admin', 'leader', 'cadre', 'investment', 'department', 'enterprise']) c[r] = await t.login(r);
});
afterAll(() => t.close());

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const monthStart = (monthsAgo: number) => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - monthsAgo);
  return d.toISOString().slice(0, 10);
};
const shiftDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function ctxOf(cookie: string): Promise<AuthedCtx> {
  const r = await loadActor(t.database.db, t.config, cookie.slice('bz_sid='.length));
  if (!r || !('actor' in r)) throw new Error('no actor');
  return { db: t.database.db, read: t.database.read, actor: r.actor, lang: 'zh-CN' } as unknown as AuthedCtx;
}

/** Every project the user sees, through the list without a light filter: each light computed live by enrich. */
async function liveLights(cookie: string, extra = ''): Promise<Map<number, L>> {
  const out = new Map<number, L>();
  for (let page = 1; ; page++) {
    const r = (await call(t, cookie, 'GET', `/api/v1/projects?pageSize=200&page=${page}${extra}`)).json();
    for (const p of r.items) out.set(p.id, p.light);
    if (page * 200 >= r.total) break;
  }
  return out;
}

const tally = (m: Map<number, L>) => {
  const n = { green: 0, amber: 0, red: 0 };
  for (const l of m.values()) n[l]++;
  return n;
};

/** lightCounts and the light filter (total and every page) equal the live lights of the user's projects. */
async function expectExact(cookie: string, region: string | null = null) {
  const live = await liveLights(cookie, region ? `&regionCode=${region}` : '');
  const expected = tally(live);
  expect(await lightCounts(await ctxOf(cookie), region)).toEqual(expected);
  for (const l of LIGHTS) {
    const ids: number[] = [];
    for (let page = 1; ; page++) {
      const r = (
        await call(
          t,
          cookie,
          'GET',
          `/api/v1/projects?light=${l}&pageSize=3&page=${page}&sort=name${region ? `&regionCode=${region}` : ''}`,
        )
      ).json();
      expect(r.total).toBe(expected[l]);
      expect(r.items.every((p: any) => p.light === l)).toBe(true);
      ids.push(...r.items.map((p: any) => p.id));
      if (page * 3 >= r.total) break;
    }
    expect(ids.length).toBe(expected[l]);
    expect(new Set(ids)).toEqual(new Set([...live].filter(([, x]) => x === l).map(([id]) => id)));
  }
  return expected;
}

interface Stored {
  id: number;
  light: L | null;
  on: string | null;
  rev: string | null;
}
const stored = () =>
  q<Stored>(
    t,
    'select id, light, light_on::text as "on", light_rev as rev from project where deleted_at is null order by id',
  );

/** Every project (not deleted) has a valid stored light, equal to the live one. */
async function expectAllStored() {
  const rev = await currentLightRev(t.database.db);
  const live = await liveLights(c.admin!);
  const rows = await stored();
  expect(rows.length).toBe(live.size);
  for (const r of rows)
    expect({ id: r.id, light: r.light, on: r.on, rev: r.rev }).toEqual({
      id: r.id,
      light: live.get(r.id),
      on: today,
      rev,
    });
}

async function create(body: Record<string, unknown>): Promise<number> {
  const r = await call(t, c.admin!, 'POST', '/api/v1/projects', {
    regionCode: '370406109000',
    totalInvestment: '100000000',
    ...body,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().id;
}
const version = async (id: number) => (await call(t, c.admin!, 'GET', `/api/v1/projects/${id}`)).json().version;

describe('stored project lights', () => {
  const ids: Record<string, number> = {};

  it('the demo projects carry stored lights equal to the live ones', async () => {
    await expectAllStored();
    const n = await expectExact(c.admin!);
    expect(n.green + n.amber + n.red).toBeGreaterThanOrEqual(8);
  });

  it('every write of a light input stores the light in its transaction', async () => {
    const villages = await q<{ code: string }>(
      t,
      "select code from region where code like '370406109%' and code <> '370406109000' order by code limit 2",
    );
    // projects not started: on time, one month late (amber), five months late (red)
    ids.onTime = await create({ name: '灯-按期', stage: 'signed', plannedStart: monthStart(0) });
    ids.late1 = await create({ name: '灯-晚一月', stage: 'signed', plannedStart: monthStart(1) });
    ids.late5 = await create({
      name: '灯-晚五月',
      stage: 'negotiating',
      plannedStart: monthStart(5),
      regionCode: villages[0]!.code,
    });
    // projects under construction with a year plan and investment ahead of, a bit behind, far behind time
    const year = Number(today.slice(0, 4));
    const elapsed = (Date.parse(`${today}T00:00:00Z`) - Date.UTC(year, 0, 1) + 86_400_000) / (365 * 86_400_000);
    for (const [k, share] of [
      ['ahead', 1],
      ['behind', Math.max(0, elapsed - 0.2)],
      ['far', Math.max(0, elapsed - 0.6)],
    ] as const) {
      ids[k] = await create({
        name: `灯-建设-${k}`,
        stage: 'building',
        actualStart: monthStart(8),
        regionCode: villages[1]?.code ?? '370406109000',
      });
      expect(
        (await call(t, c.admin!, 'PUT', `/api/v1/projects/${ids[k]}/plans`, { year, amount: '12000000' })).statusCode,
      ).toBe(200);
      const amount = (12_000_000 * share).toFixed(2);
      const inv = await call(t, c.admin!, 'PUT', `/api/v1/projects/${ids[k]}/investments`, {
        month: today.slice(0, 7),
        amount,
      });
      expect(inv.statusCode, inv.body).toBe(200);
    }
    // approval nodes from a template started long ago: overdue, so red; then done on time piece by piece
    ids.nodes = await create({ name: '灯-节点', stage: 'signed', plannedStart: monthStart(0) });
    const tpl = (await call(t, c.admin!, 'GET', '/api/v1/projects/templates'))
      .json()
      .items.find((x: any) => x.code === 'filing');
    const applied = await call(t, c.admin!, 'POST', `/api/v1/projects/${ids.nodes}/nodes`, {
      templateId: tpl.id,
      startDate: shiftDays(today, -120),
    });
    expect(applied.statusCode, applied.body).toBe(200);
    await expectAllStored();
    const before = await expectExact(c.admin!);
    const nodeLight = async () =>
      (await q<{ light: L }>(t, `select light from project where id = ${ids.nodes}`))[0]!.light;
    expect(await nodeLight()).toBe('red');
    // in order, each done on its due date as scheduled after the previous ones are done
    for (;;) {
      const open = (await call(t, c.admin!, 'GET', `/api/v1/projects/${ids.nodes}/nodes`))
        .json()
        .items.filter((n: any) => !n.actualDone)
        .sort((a: any, b: any) => (a.plannedStart < b.plannedStart ? -1 : 1));
      if (!open.length) break;
      const n = open[0];
      const r = await call(t, c.admin!, 'PUT', `/api/v1/projects/${ids.nodes}/nodes/${n.id}`, {
        actualDone: n.dueDate <= today ? n.dueDate : today,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect(await nodeLight()).toBe('green');
    // suspension turns red; resuming turns back
    const s = await call(t, c.admin!, 'POST', `/api/v1/projects/${ids.ahead}/stage`, {
      suspended: true,
      note: '资金未到位',
      on: today,
      version: await version(ids.ahead!),
    });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().light).toBe('red');
    // a start recorded by a stage change, and a plan moved by an update
    const st = await call(t, c.admin!, 'POST', `/api/v1/projects/${ids.late1}/stage`, {
      stage: 'started',
      on: today,
      version: await version(ids.late1!),
    });
    expect(st.statusCode, st.body).toBe(200);
    const up = await call(t, c.admin!, 'PATCH', `/api/v1/projects/${ids.onTime}`, {
      plannedStart: monthStart(2),
      version: await version(ids.onTime!),
    });
    expect(up.statusCode, up.body).toBe(200);
    // a 调度 report
    const rep = await call(t, c.admin!, 'POST', `/api/v1/projects/${ids.behind}/reports`, {
      period: today.slice(0, 7),
      progress: '主体施工',
      investment: '100000',
    });
    expect(rep.statusCode, rep.body).toBe(200);
    await expectAllStored();
    const after = await expectExact(c.admin!);
    expect(after.red + after.amber + after.green).toBe(before.red + before.amber + before.green);
    const lightOf = new Map((await stored()).map((r) => [r.id, r.light]));
    expect({
      nodes: lightOf.get(ids.nodes!),
      ahead: lightOf.get(ids.ahead!),
      late1: lightOf.get(ids.late1!),
      onTime: lightOf.get(ids.onTime!),
      late5: lightOf.get(ids.late5!),
    }).toEqual({ nodes: 'green', ahead: 'red', late1: 'green', onTime: 'amber', late5: 'red' });
  });

  it('a lead landed as a project stores its light', async () => {
    const lead = await call(t, c.investment!, 'POST', '/api/v1/leads', {
      investorName: '山东灯测装备有限公司',
      projectName: '灯-招商落地',
      chain: 'high_end_equipment',
      source: 'via_investor',
      regionCode: '370406109000',
      intendedInvestment: '150000000',
    });
    expect(lead.statusCode, lead.body).toBe(200);
    const id = lead.json().id;
    const lv = async () => (await call(t, c.investment!, 'GET', `/api/v1/leads/${id}`)).json().version;
    for (const stage of ['contact', 'inspection', 'negotiation'])
      expect(
        (await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/stage`, { stage, version: await lv() })).statusCode,
      ).toBe(200);
    await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/assessment`, {
      scores: { industry_fit: 90, strength: 80 },
      conclusion: '建议引进',
    });
    const signed = await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/sign`, {
      signedOn: today,
      amount: '150000000',
      event: '推介会',
      version: await lv(),
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const [{ id: cadre }] = await q<{ id: number }>(t, "select id from app_user where username = 'cadre'");
    const landed = await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/land`, {
      responsibleUserId: cadre,
      plannedStart: monthStart(4),
      version: await lv(),
    });
    expect(landed.statusCode, landed.body).toBe(200);
    const pid = landed.json().projectId;
    expect((await stored()).find((r) => r.id === pid)).toMatchObject({ light: 'red', on: today });
    await expectAllStored();
  });

  it('the Excel import stores the lights of the projects it creates and updates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目');
    ws.addRow(['项目名称*', '所在地区划代码*', '阶段', '总投资（元）*', '年度计划投资（元）', '计划开工日期']);
    ws.addRow(['灯-导入晚开工', '370406109000', '签约', 80000000, 20000000, monthStart(4)]);
    ws.addRow(['灯-按期', '370406109000', '签约', 100000000, null, monthStart(1)]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const b = 'lIgHtBoUnDaRy';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects/import?dryRun=false',
      payload: Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]),
      headers: { cookie: c.investment!, 'content-type': `multipart/form-data; boundary=${b}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, updated: 1, errors: [] });
    await expectAllStored();
    await expectExact(c.admin!);
  });

  it('a change of the light rules makes every stored light stale; counts stay exact, housekeeping restores', async () => {
    const rev = await currentLightRev(t.database.db);
    const before = tally(await liveLights(c.admin!));
    const r = await call(t, c.admin!, 'PUT', '/api/v1/settings', {
      projectLightRules: { startRedMonths: 1, investmentAmberPoints: 5, investmentRedPoints: 15 },
    });
    expect(r.statusCode, r.body).toBe(200);
    const rev2 = await currentLightRev(t.database.db);
    expect(rev2).not.toBe(rev);
    expect((await stored()).every((s) => s.rev === rev)).toBe(true); // nothing rewritten: all stale now
    const now = await expectExact(c.admin!);
    expect(now).not.toEqual(before); // one month late is red now
    const { refreshed } = await refreshStaleLights(t.database.db);
    expect(refreshed).toBe((await stored()).length);
    await expectAllStored();
    expect(await expectExact(c.admin!)).toEqual(now);
    expect((await refreshStaleLights(t.database.db)).refreshed).toBe(0);
    // back to the defaults: the earlier rev is valid again
    await call(t, c.admin!, 'PUT', '/api/v1/settings', { projectLightRules: null });
    expect(await currentLightRev(t.database.db)).toBe(rev);
    await expectExact(c.admin!);
    expect((await refreshStaleLights(t.database.db)).refreshed).toBe((await stored()).length);
  });

  it('a calendar override changes the rev and the node schedule; counts stay exact', async () => {
    // a project whose only node becomes overdue by one working day less when a day off is added
    ids.cal = await create({ name: '灯-日历', stage: 'signed', plannedStart: monthStart(0) });
    const tpl = (await call(t, c.admin!, 'GET', '/api/v1/projects/templates'))
      .json()
      .items.find((x: any) => x.code === 'filing');
    await call(t, c.admin!, 'POST', `/api/v1/projects/${ids.cal}/nodes`, {
      templateId: tpl.id,
      startDate: shiftDays(today, -30),
    });
    await expectAllStored();
    const rev = await currentLightRev(t.database.db);
    // the next working-day Monday..Friday in the past month becomes a day off
    let d = shiftDays(today, -20);
    while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = shiftDays(d, 1);
    const h = await call(t, c.admin!, 'PUT', `/api/v1/calendar/holidays/${d}`, {
      date: d,
      kind: 'off',
      name: '测试假日',
    });
    expect(h.statusCode, h.body).toBe(200);
    expect(await currentLightRev(t.database.db)).not.toBe(rev);
    await expectExact(c.admin!);
    await refreshStaleLights(t.database.db);
    await expectAllStored();
    expect((await call(t, c.admin!, 'DELETE', `/api/v1/calendar/holidays/${d}`)).statusCode).toBe(200);
    expect(await currentLightRev(t.database.db)).toBe(rev);
    await refreshStaleLights(t.database.db);
  });

  it('stale rows (another day, no rev, a wrong stored light) are computed live', async () => {
    await refreshStaleLights(t.database.db);
    const live = await liveLights(c.admin!);
    const rows = await stored();
    const wrong = (l: L): L => (l === 'red' ? 'green' : 'red');
    const yesterday = rows.filter((_, i) => i % 3 === 0);
    const noRev = rows.filter((_, i) => i % 3 === 1);
    for (const r of yesterday)
      await q(
        t,
        `update project set light_on = '${shiftDays(today, -1)}', light = '${wrong(live.get(r.id)!)}' where id = ${r.id}`,
      );
    for (const r of noRev)
      await q(t, `update project set light_rev = null, light = '${wrong(live.get(r.id)!)}' where id = ${r.id}`);
    await q(t, `update project set light = null where id = ${rows.at(-1)!.id}`);
    expect(await expectExact(c.admin!)).toEqual(tally(live));
    // every role's scope and a region
    const seen: Record<string, number> = {};
    for (const role of ['leader', 'cadre', 'investment', 'department', 'enterprise']) {
      if ((await call(t, c[role]!, 'GET', '/api/v1/projects')).statusCode !== 200) continue; // no project:list
      const n = await expectExact(c[role]!);
      seen[role] = n.green + n.amber + n.red;
    }
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(3);
    await expectExact(c.admin!, '370406109000');
    const village = (
      await q<{ code: string }>(t, `select region_code as code from project where id = ${ids.late5}`)
    )[0]!.code;
    const v = await expectExact(c.admin!, village);
    expect(v.red).toBeGreaterThan(0);
    const { refreshed } = await refreshStaleLights(t.database.db);
    expect(refreshed).toBeGreaterThanOrEqual(yesterday.length + noRev.length);
    await expectAllStored();
  });

  it('concurrent writes of one project and a housekeeping refresh leave stored lights equal to the live ones', async () => {
    const id = await create({ name: '灯-并发', stage: 'building', actualStart: monthStart(8) });
    await q(t, 'update project set light_on = null'); // all stale, so the refresh competes with the writers
    const year = Number(today.slice(0, 4));
    // three months of this year (fewer in January, February); the test pool has 5 connections
    const months = [0, 1, 2].map((k) => monthStart(k).slice(0, 7)).filter((m) => m.startsWith(String(year)));
    const res = await Promise.all([
      call(t, c.admin!, 'PUT', `/api/v1/projects/${id}/plans`, { year, amount: '12000000' }),
      ...months.map((month) =>
        call(t, c.admin!, 'PUT', `/api/v1/projects/${id}/investments`, { month, amount: '90000' }),
      ),
      refreshStaleLights(t.database.db).then(() => ({ statusCode: 200, body: '' })),
      call(t, c.admin!, 'PUT', `/api/v1/projects/${id}/plans`, { year, amount: '1000000' }),
    ]);
    for (const r of res) expect(r.statusCode, r.body).toBe(200);
    await refreshStaleLights(t.database.db); // rows the first refresh skipped while writers held them
    await expectAllStored();
    await expectExact(c.admin!);
  });

  it('a deleted project leaves the counts; storeLights is idempotent and keeps the version', async () => {
    const before = tally(await liveLights(c.admin!));
    const [p] = await q<{ light: L; version: number }>(t, `select light, version from project where id = ${ids.far}`);
    expect(await storeLights(t.database.db, [ids.far!, ids.far!])).toBe(1);
    expect((await q<{ version: number }>(t, `select version from project where id = ${ids.far}`))[0]!.version).toBe(
      p!.version,
    );
    const del = await call(t, c.admin!, 'DELETE', `/api/v1/projects/${ids.far}?version=${p!.version}`);
    expect([200, 204]).toContain(del.statusCode);
    const after = await expectExact(c.admin!);
    expect(after[p!.light]).toBe(before[p!.light] - 1);
  });
});
