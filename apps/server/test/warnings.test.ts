import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, q, type TestApp } from './harness';

/**
 * Warnings count every row at any scale. The lead warning filter (`?warning=true`, and the cockpit's 线索长期未跟进)
 * is SQL over dates computed from the working-day limits: it must select exactly the leads whose own warnings
 * (computed per lead) are not empty, including leads right at each limit. The cockpit's 升规对象营收连续三个月下降
 * must equal the radar rows marked falling3, over every page of the radar.
 */
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

async function all(url: string): Promise<any[]> {
  const out: any[] = [];
  for (let page = 1; ; page++) {
    const r = await call(t, admin, 'GET', `${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=200`);
    expect(r.statusCode, r.body).toBe(200);
    out.push(...r.json().items);
    if (out.length >= r.json().total) return out;
  }
}

describe('lead warnings', () => {
  it('the filter and the cockpit count select exactly the leads whose own warnings are not empty', async () => {
    // 90 copies of an open lead, registered 0…89 days ago and followed up at other distances, so that every limit
    // (respond, assess, report) has leads on the day before it, on it and after it, weekends and holidays included
    const [{ cols }] = await q<{ cols: string }>(
      t,
      "select string_agg(column_name, ', ') as cols from information_schema.columns where table_name = 'lead' and column_name <> 'id' and is_generated = 'NEVER'",
    );
    const [{ id: model }] = await q<{ id: number }>(
      t,
      "select id from lead where stage in ('lead', 'contact', 'inspection', 'negotiation') order by id limit 1",
    );
    await q(
      t,
      `insert into lead (${cols}) select ${cols} from lead, generate_series(1, 90) g where lead.id = ${model}`,
    );
    const cst = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await q(
      t,
      `with n as (select id, row_number() over (order by id) - 1 as k from lead where id > ${model} and project_name = (select project_name from lead where id = ${model}))
       update lead l set registered_on = date '${cst}' - n.k::int,
         last_followup_on = case when n.k % 3 = 0 then null else date '${cst}' - (n.k::int / 3) end,
         responded_on = case when n.k % 2 = 0 then null else date '${cst}' - n.k::int end,
         assessment = case when n.k % 4 = 1 then null else l.assessment end
       from n where l.id = n.id`,
    );
    const leads = await all('/api/v1/leads');
    const warned = leads.filter((l) => l.warnings.length).map((l) => l.id);
    const reported = leads.filter((l) => l.warnings.some((w: any) => w.rule === 'report')).map((l) => l.id);
    expect(warned.length, JSON.stringify(leads.slice(0, 3))).toBeGreaterThan(0);
    expect(warned.length).toBeLessThan(leads.length);
    expect(reported.length).toBeGreaterThan(0);
    const filtered = await all('/api/v1/leads?warning=true');
    expect(filtered.map((l) => l.id).sort()).toEqual([...warned].sort());
    const w = (await call(t, admin, 'GET', '/api/v1/warnings')).json();
    const stale = w.items.find((x: any) => x.rule === 'lead_untouched');
    expect(stale.count).toBe(reported.length);
    expect(stale.items.map((x: any) => x.id).sort()).toEqual([...reported].sort());
  });

  it('升规对象营收连续三个月下降 counts every falling radar row, not a first page', async () => {
    const asOf = (await call(t, admin, 'GET', '/api/v1/cultivation/radar?pageSize=1')).json().asOf as string;
    const monthsBack = (n: number) =>
      new Date(Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)) - 1 - n, 1)).toISOString().slice(0, 10);
    // 250 more candidates with revenue six months ago, and one with a tiny falling revenue: its ratio is the
    // lowest, so it lies beyond the radar's first 200 rows
    const model =
      "(select id from enterprise where stat_category = 'industry_above' and industry_code is not null order by id limit 1)";
    await q(
      t,
      `insert into enterprise (name, region_code, stat_category, register_status, industry_code, industry_section)
       select '预警测试企业' || g, '370406109000', 'industry_above', 'below', industry_code, industry_section
       from enterprise, generate_series(0, 250) g where id = ${model}`,
    );
    // revenue at 90 % of their threshold: all 250 are 临规 (near), most of them beyond the first 200 rows
    const threshold = Number(
      (await all('/api/v1/cultivation/radar')).find((r) => r.name === '预警测试企业1').threshold,
    );
    await q(
      t,
      `insert into enterprise_indicator (enterprise_id, region_code, month, revenue, status, source)
       select id, region_code, '${monthsBack(6)}', ${threshold * 0.9}, 'confirmed', 'cadre' from enterprise
       where name like '预警测试企业%' and name <> '预警测试企业0'`,
    );
    const before = (await all('/api/v1/cultivation/radar')).filter((r) => r.falling3);
    expect(before.length).toBeGreaterThan(0);
    for (const [i, back] of [3, 2, 1, 0].entries())
      await q(
        t,
        `insert into enterprise_indicator (enterprise_id, region_code, month, revenue, status, source)
         select id, region_code, '${monthsBack(back)}', ${4 - i}, 'confirmed', 'cadre' from enterprise
         where name = '预警测试企业0'`,
      );
    const radar = await all('/api/v1/cultivation/radar');
    const last = radar.findIndex((r) => r.name === '预警测试企业0');
    expect(last).toBeGreaterThanOrEqual(200);
    expect(radar[last].falling3).toBe(true);
    const falling = radar.filter((r) => r.falling3);
    expect(falling.length).toBe(before.length + 1);
    const w = (await call(t, admin, 'GET', '/api/v1/warnings')).json();
    const warn = w.items.find((x: any) => x.rule === 'candidate_falling');
    expect(warn.count).toBe(falling.length);
    expect(warn.items.map((x: any) => x.id).sort()).toEqual(falling.map((r) => r.enterpriseId).sort());
    // the monthly brief's 升规纳统 sentence counts every radar row too (it read the first 200)
    const year = asOf.slice(0, 4);
    const near = radar.filter((r) => r.near).length;
    expect(near).toBeGreaterThan(250);
    const crossing = radar.filter((r) => r.crossesIn?.startsWith(year) && r.gap !== '0.00').length;
    const brief = (await call(t, admin, 'GET', `/api/v1/reports/brief?kind=monthly&period=${asOf}`)).json();
    const sentence = brief.paragraphs.find((x: any) => x.heading === '二、升规纳统').text as string;
    expect(sentence).toContain(
      `升规纳统培育对象${radar.length}家，其中临规企业${near}家，按当前增速预计年内可达标${crossing}家`,
    );
  });
});
