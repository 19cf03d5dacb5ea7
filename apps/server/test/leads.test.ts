import { ROLE_CODES } from '@beizeng/contract';
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
const leadId = async (name: string) =>
  (await q<{ id: number }>(t, `select id from lead where project_name = '${name}'`))[0]!.id;
const version = async (id: number) => (await call(t, c.investment!, 'GET', `/api/v1/leads/${id}`)).json().version;

describe('investment leads', () => {
  it('lists the article’s leads and invented ones in every stage; kanban sums; scope by role', async () => {
    const list = (await call(t, c.investment!, 'GET', '/api/v1/leads?pageSize=50')).json();
    const names = list.items.map((l: any) => l.projectName);
    for (const n of ['大唐褚峪20兆瓦农光互补项目', '汽车配件项目', '年出栏1000万只肉鸡养殖项目'])
      expect(names).toContain(n);
    const stages = new Set(list.items.map((l: any) => l.stage));
    for (const s of ['lead', 'contact', 'inspection', 'negotiation', 'signed', 'shelved', 'abandoned'])
      expect(stages).toContain(s);
    const k = (await call(t, c.leader!, 'GET', '/api/v1/leads/kanban')).json();
    expect(k.columns.reduce((a: number, x: any) => a + x.count, 0)).toBe(list.total);
    expect((await call(t, c.enterprise!, 'GET', '/api/v1/leads')).statusCode).toBe(403);
    expect((await call(t, c.department!, 'GET', '/api/v1/leads')).statusCode).toBe(403);
    // the unanswered lead carries a time-limit warning
    const warned = (await call(t, c.investment!, 'GET', '/api/v1/leads?warning=true&pageSize=50')).json();
    expect(warned.items.some((l: any) => l.warnings.some((w: any) => w.rule === 'respond'))).toBe(true);
  });

  it('refuses bad input without writing: units, the future, a region outside', async () => {
    const before = (await q<{ n: number }>(t, 'select count(*)::int as n from lead'))[0]!.n;
    const bad = await call(t, c.investment!, 'POST', '/api/v1/leads', {
      investorName: '某公司',
      projectName: '某项目',
      source: 'platform',
      regionCode: '370406102000',
      intendedInvestment: '1亿元',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: any) => e.path)).toContain('body.intendedInvestment');
    const outside = await call(t, c.investment!, 'POST', '/api/v1/leads', {
      investorName: '某公司',
      projectName: '某项目',
      source: 'platform',
      regionCode: '370406102000',
    });
    expect(outside.statusCode).toBe(400);
    expect((await q<{ n: number }>(t, 'select count(*)::int as n from lead'))[0]!.n).toBe(before);
    const id = await leadId('汽车配件项目');
    const future = await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/followups`, {
      on: '2999-01-01',
      mode: 'phone',
      content: '未来',
    });
    expect(future.statusCode).toBe(400);
    const unsigned = await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/land`, {
      responsibleUserId: 1,
      version: await version(id),
    });
    expect(unsigned.statusCode).toBe(409);
  });

  it('moves a lead to 签约 and lands it as a project handed to its 责任人, with the lead’s history linked', async () => {
    const created = await call(t, c.investment!, 'POST', '/api/v1/leads', {
      investorName: '山东新锐装备有限公司',
      projectName: '智能装备产业园',
      chain: 'high_end_equipment',
      source: 'via_investor',
      introducer: '鲁凫机械',
      regionCode: '370406109000',
      intendedInvestment: '150000000',
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().id;
    for (const stage of ['contact', 'inspection', 'negotiation'])
      expect(
        (await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/stage`, { stage, version: await version(id) }))
          .statusCode,
      ).toBe(200);
    expect(
      (
        await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/followups`, {
          on: today,
          mode: 'on_site',
          content: '实地考察园区用地',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/assessment`, {
          scores: { industry_fit: 90, strength: 80 },
          conclusion: '建议引进',
        })
      ).json().assessment.total,
    ).toBe(85);
    const signed = await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/sign`, {
      signedOn: today,
      amount: '150000000',
      event: '镇招商推介会',
      version: await version(id),
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().stage).toBe('signed');
    const [{ id: cadre }] = await q<{ id: number }>(t, "select id from app_user where username = 'cadre'");
    const landed = await call(t, c.investment!, 'POST', `/api/v1/leads/${id}/land`, {
      responsibleUserId: cadre,
      version: await version(id),
    });
    expect(landed.statusCode).toBe(200);
    const projectId = landed.json().projectId;
    expect(projectId).toBeGreaterThan(0);
    const project = (await call(t, c.leader!, 'GET', `/api/v1/projects/${projectId}`)).json();
    expect(project).toMatchObject({
      name: '智能装备产业园',
      totalInvestment: '150000000.00',
      stage: 'signed',
      responsibleName: expect.any(String),
    });
    expect(project.enterpriseName).toBe('山东新锐装备有限公司');
    // the enterprise's timeline shows the lead's history
    const tl = (await call(t, c.leader!, 'GET', `/api/v1/enterprises/${project.enterpriseId}/timeline`)).json().items;
    expect(tl.some((i: any) => i.kind === 'leads.land')).toBe(true);
    const notes = await q(t, `select 1 from notification where user_id = ${cadre} and kind = 'project.handover'`);
    expect(notes.length).toBe(1);
  });

  it('flags a repeat signing of the same deal, needs a reason and counts it once', async () => {
    const created = (
      await call(t, c.investment!, 'POST', '/api/v1/leads', {
        investorName: '青岛海润新能源有限公司',
        projectName: '分布式光伏项目',
        source: 'referral',
        regionCode: '370406109000',
        intendedInvestment: '100000000',
      })
    ).json();
    const again = await call(t, c.investment!, 'POST', `/api/v1/leads/${created.id}/sign`, {
      signedOn: today,
      amount: '100000000',
      event: '另一场签约会',
      version: created.version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('body.duplicateReason');
    const ok = await call(t, c.investment!, 'POST', `/api/v1/leads/${created.id}/sign`, {
      signedOn: today,
      amount: '100000000',
      event: '另一场签约会',
      duplicateReason: '同一项目在市推介会再次签约',
      version: created.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().signings[0].duplicateOfId).not.toBeNull();
    const plans = (await call(t, c.leader!, 'GET', '/api/v1/investment-plans')).json().items;
    const cur = plans.find((p: any) => p.year === Number(today.slice(0, 4)));
    // every ≥ 1亿 signing row this year, repeats included, against what the plan counts
    const y = today.slice(0, 4);
    const [rows] = await q<{ all: number; counted: number }>(
      t,
      `select count(*)::int as all, count(distinct lead_id) filter (where duplicate_of_id is null)::int as counted from lead_signing where signed_on >= '${y}-01-01' and amount >= 100000000`,
    );
    expect(rows!.all).toBeGreaterThan(rows!.counted); // the broiler and PV repeats exist …
    expect(cur.progress.bigSignings).toBe(rows!.counted); // … and are counted once
    expect(cur.bigSigningsTarget).toBe(3);
  });

  it('forecasts ≥ 1亿 signings and the probability of reaching the target', async () => {
    const f = (await call(t, c.leader!, 'GET', `/api/v1/leads/forecast?year=${today.slice(0, 4)}`)).json();
    expect(f.target).toBe(3);
    expect(f.pReach).toBeGreaterThanOrEqual(0);
    expect(f.pReach).toBeLessThanOrEqual(1);
    expect(f.expected).toBeGreaterThanOrEqual(f.already);
    expect(f.leads.length).toBeGreaterThan(0);
    expect(f.probabilities.negotiation).toBe(0.5);
    const p2023 = (await call(t, c.leader!, 'GET', '/api/v1/investment-plans'))
      .json()
      .items.find((p: any) => p.year === 2023);
    expect(p2023).toMatchObject({ bigSigningsTarget: 3, title: expect.stringContaining('2023') });
    expect(p2023.leadingGroup.length).toBeGreaterThan(2);
  });
});
