import { ROLE_CODES } from '@beizeng/contract';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, q, type TestApp } from './harness';

let t: TestApp;
const c: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const r of ROLE_CODES) c[r] = await t.login(r);
});
afterAll(() => t.close());

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const pid = async (name: string) =>
  (await q<{ id: number }>(t, `select id from project where name = '${name}'`))[0]!.id;

describe('projects: registry, lights and kanban', () => {
  it('lists the article’s projects with amounts, stages and every light', async () => {
    const list = (await call(t, c.leader!, 'GET', '/api/v1/projects?pageSize=50')).json();
    expect(list.total).toBe(8);
    const hw = list.items.find((p: any) => p.name === '水泥窑协同处置污泥或飞灰、锂电回收项目');
    expect(hw).toMatchObject({
      totalInvestment: '200000000.00',
      stage: 'building',
      chain: 'building_materials',
      enterpriseName: '枣庄华沃水泥有限公司',
      inStats: true,
    });
    const lights = new Set(list.items.map((p: any) => p.light));
    expect(lights).toEqual(new Set(['green', 'amber', 'red']));
    const ps = list.items.find((p: any) => p.name === '抽水蓄能电站一期工程');
    expect(ps.light).toBe('red');
    expect(ps.lightReasons.map((r: any) => r.rule)).toContain('start');
    const red = (await call(t, c.leader!, 'GET', '/api/v1/projects?light=red')).json();
    expect(red.items.every((p: any) => p.light === 'red')).toBe(true);
    const big = (await call(t, c.leader!, 'GET', '/api/v1/projects?big=true')).json();
    expect(big.items.every((p: any) => Number(p.totalInvestment) >= 100_000_000)).toBe(true);
    const k = (await call(t, c.leader!, 'GET', '/api/v1/projects/kanban')).json();
    expect(k.columns.map((x: any) => x.stage)).toEqual([
      'planning',
      'negotiating',
      'signed',
      'started',
      'building',
      'producing',
      'full_production',
    ]);
    expect(k.columns.reduce((a: number, x: any) => a + x.count, 0) + k.suspended).toBe(8);
  });

  it('shows the pumped-storage plant waiting at 省发改委核准立项, which gates the start', async () => {
    const id = await pid('抽水蓄能电站一期工程');
    const nodes = (await call(t, c.leader!, 'GET', `/api/v1/projects/${id}/nodes`)).json().items;
    expect(nodes.map((n: any) => n.name)).toEqual(['征地移民安置规划大纲审批', '省发改委核准立项', '开工准备']);
    expect(nodes[0].actualDone).not.toBeNull();
    expect(nodes[1].actualDone).toBeNull();
    const cur = (await call(t, c.admin!, 'GET', `/api/v1/projects/${id}`)).json();
    const jump = await call(t, c.admin!, 'POST', `/api/v1/projects/${id}/stage`, {
      stage: 'started',
      on: today,
      version: cur.version,
    });
    expect(jump.statusCode).toBe(409);
    expect(jump.json().message).toContain('省发改委核准立项');
    // the department responsible for the node records it; then the start is allowed
    const dep = await call(t, c.admin!, 'PUT', `/api/v1/projects/${id}/nodes/${nodes[1].id}`, { actualDone: today });
    expect(dep.statusCode).toBe(200);
    await call(t, c.admin!, 'PUT', `/api/v1/projects/${id}/nodes/${nodes[2].id}`, {
      actualStart: today,
      actualDone: today,
    });
    const ok = await call(t, c.admin!, 'POST', `/api/v1/projects/${id}/stage`, {
      stage: 'started',
      on: today,
      version: cur.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'started', actualStart: today });
    expect(ok.json().stageHistory.at(-1)).toMatchObject({ stage: 'started', on: today });
  });

  it('creates a project from a template, computes node due dates, and reports progress', async () => {
    const ent = (await q<{ id: number }>(t, "select id from enterprise where name = '山东勇辰食品有限公司'"))[0]!.id;
    const bad = await call(t, c.investment!, 'POST', '/api/v1/projects', {
      name: '测试项目',
      regionCode: '370406109000',
      totalInvestment: '5000万元',
      code: '2024-370406',
      plannedStart: '2026-12-01',
      plannedProduction: '2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.totalInvestment', 'body.code']));
    const created = await call(t, c.investment!, 'POST', '/api/v1/projects', {
      name: '速冻食品生产线项目',
      code: '2026-370406-14-03-012345',
      enterpriseId: ent,
      regionCode: '370406109205',
      chain: 'health_food',
      chainRole: 'link',
      nature: 'new',
      totalInvestment: '60000000',
      plannedStart: today,
      stage: 'signed',
      reportCycle: 'monthly',
    });
    expect(created.statusCode).toBe(200);
    const p = created.json();
    const dup = await call(t, c.investment!, 'POST', '/api/v1/projects', {
      name: '另一个',
      code: '2026-370406-14-03-012345',
      regionCode: '370406109000',
      totalInvestment: '1',
    });
    expect(dup.statusCode).toBe(409);
    const tpl = (await call(t, c.investment!, 'GET', '/api/v1/projects/templates'))
      .json()
      .items.find((x: any) => x.code === 'filing');
    const nodes = (
      await call(t, c.investment!, 'POST', `/api/v1/projects/${p.id}/nodes`, {
        templateId: tpl.id,
        startDate: '2026-09-30',
      })
    ).json().items;
    const filing = nodes.find((n: any) => n.key === 'filing');
    expect(filing.dueDate).toBe('2026-10-10'); // 3 working days over National Day: 10-08, 10-09, 10-10 (调休)
    const permit = nodes.find((n: any) => n.key === 'permit');
    expect(permit.after).toEqual(['eia', 'energy']);
    expect(permit.plannedStart >= nodes.find((n: any) => n.key === 'eia').dueDate).toBe(true);
    // stage to 开工 is gated by the permit
    const v = (await call(t, c.investment!, 'GET', `/api/v1/projects/${p.id}`)).json().version;
    expect(
      (
        await call(t, c.investment!, 'POST', `/api/v1/projects/${p.id}/stage`, {
          stage: 'started',
          on: today,
          version: v,
        })
      ).statusCode,
    ).toBe(409);
    // investment above the total is refused; a plan and a month are recorded
    expect(
      (
        await call(t, c.cadre!, 'PUT', `/api/v1/projects/${p.id}/investments`, {
          month: today.slice(0, 7),
          amount: '70000000',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call(t, c.cadre!, 'PUT', `/api/v1/projects/${p.id}/investments`, { month: '2099-01', amount: '1' }))
        .statusCode,
    ).toBe(400);
    const inv = await call(t, c.cadre!, 'PUT', `/api/v1/projects/${p.id}/investments`, {
      month: today.slice(0, 7),
      amount: '2000000',
    });
    expect(inv.statusCode).toBe(200);
    expect(inv.json().sinceStartCompleted).toBe('2000000.00');
    // lowering the total needs a reason and cannot go below what is done
    const cur = inv.json();
    expect(
      (
        await call(t, c.investment!, 'PATCH', `/api/v1/projects/${p.id}`, {
          totalInvestment: '50000000',
          version: cur.version,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(t, c.investment!, 'PATCH', `/api/v1/projects/${p.id}`, {
          totalInvestment: '1000000',
          adjustReason: '缩减规模',
          version: cur.version,
        })
      ).statusCode,
    ).toBe(400);
    const adj = await call(t, c.investment!, 'PATCH', `/api/v1/projects/${p.id}`, {
      totalInvestment: '50000000',
      adjustReason: '缩减一条生产线',
      version: cur.version,
    });
    expect(adj.statusCode).toBe(200);
    expect(adj.json().stageHistory.at(-1).note).toContain('缩减一条生产线');
    // a report whose problem becomes a ticket linked to the project
    const rep = await call(t, c.cadre!, 'POST', `/api/v1/projects/${p.id}/reports`, {
      period: today.slice(0, 7),
      progress: '厂房基础施工',
      investment: '2000000',
      problems: '施工用电未接入',
      problemToTicket: { category: 'power' },
    });
    expect(rep.statusCode).toBe(200);
    const [tk] = await q<any>(
      t,
      `select project_id, category, enterprise_id from ticket where id = ${rep.json().ticketId}`,
    );
    expect(tk).toMatchObject({ project_id: p.id, category: 'power', enterprise_id: ent });
    expect(
      (
        await call(t, c.cadre!, 'POST', `/api/v1/projects/${p.id}/reports`, {
          period: today.slice(0, 7),
          progress: '重复',
          investment: '0',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('lists missing reports, suspends with a reason, and scopes by role', async () => {
    const missing = (await call(t, c.leader!, 'GET', '/api/v1/projects/reports/missing')).json();
    expect(missing.items.length).toBeGreaterThan(0);
    expect(missing.items[0]).toMatchObject({ period: today.slice(0, 7) });
    const id = await pid('窑超低排放项目');
    const v = (await call(t, c.admin!, 'GET', `/api/v1/projects/${id}`)).json().version;
    expect(
      (await call(t, c.admin!, 'POST', `/api/v1/projects/${id}/stage`, { suspended: true, on: today, version: v }))
        .statusCode,
    ).toBe(400);
    const s = await call(t, c.admin!, 'POST', `/api/v1/projects/${id}/stage`, {
      suspended: true,
      on: today,
      note: '环保限产',
      version: v,
    });
    expect(s.json()).toMatchObject({ suspended: true, suspendReason: '环保限产', light: 'red' });
    // roles: enterprise sees none of another's projects; department sees those with its nodes
    const own = (await call(t, c.enterprise!, 'GET', '/api/v1/projects')).statusCode;
    expect(own).toBe(403);
    // a department sees the projects with a node assigned to it, and only those
    const before = (await call(t, c.department!, 'GET', '/api/v1/projects?pageSize=50')).json();
    const target = await pid('自动化生产加工技术改造项目');
    expect(before.items.map((p: any) => p.id)).not.toContain(target);
    const tpl = (await call(t, c.admin!, 'GET', '/api/v1/projects/templates'))
      .json()
      .items.find((x: any) => x.code === 'approval');
    expect(
      (await call(t, c.admin!, 'POST', `/api/v1/projects/${target}/nodes`, { templateId: tpl.id, startDate: today }))
        .statusCode,
    ).toBe(200);
    const after = (await call(t, c.department!, 'GET', '/api/v1/projects?pageSize=50')).json();
    expect(after.items.map((p: any) => p.id)).toContain(target); // 用地预审 and 规划许可 are 区自然资源局's
    expect(after.total).toBe(before.total + 1);
    const node = (await call(t, c.department!, 'GET', `/api/v1/projects/${target}/nodes`))
      .json()
      .items.find((n: any) => n.key === 'land');
    expect(node.departmentName).toBe('区自然资源局');
    expect(
      (await call(t, c.department!, 'PUT', `/api/v1/projects/${target}/nodes/${node.id}`, { actualStart: today }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call(t, c.cadre!, 'POST', '/api/v1/projects', {
          name: 'x',
          regionCode: '370406109000',
          totalInvestment: '1',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('writes the 调度 table in the usual layout', async () => {
    const res = await call(t, c.leader!, 'GET', `/api/v1/projects/schedule-report.xlsx?period=${today.slice(0, 7)}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toContain('重点项目调度表');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      '序号',
      '项目名称',
      '总投资（万元）',
      '年度计划（万元）',
      '本月完成（万元）',
      '累计完成（万元）',
      '完成率',
      '形象进度',
      '存在问题',
      '责任单位/责任人',
      '包保领导',
      '亮灯',
    ]);
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 2) names.push(String(row.getCell(2).value));
    });
    expect(names).toContain('水泥窑协同处置污泥或飞灰、锂电回收项目');
    const hwRow = ws
      .getRows(3, ws.rowCount - 2)!
      .find((r) => r.getCell(2).value === '水泥窑协同处置污泥或飞灰、锂电回收项目')!;
    expect(hwRow.getCell(3).value).toBe(20000); // 2亿元 = 20000 万元
    const x = await call(t, c.leader!, 'GET', '/api/v1/projects/export');
    expect(x.statusCode).toBe(200);
  });
});
