import { ROLE_CODES } from '@beizeng/contract';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, q, readXlsx, type TestApp } from './harness';

let t: TestApp;
const c: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const r of ROLE_CODES) c[r] = await t.login(r);
});
afterAll(() => t.close());

const idOf = async (name: string) =>
  (await q<{ id: number }>(t, `select id from enterprise where name = '${name}'`))[0]!.id;

async function xlsx(rows: unknown[][], headers?: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(
    headers ?? [
      '企业名称*',
      '统一社会信用代码',
      '所在地区划代码*',
      '行业代码',
      '产业链',
      '入库状态',
      '成立日期',
      '注册资本（元）',
    ],
  );
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(buf: Buffer, filename = 'import.xlsx') {
  const boundary = '----beizeng-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (cookie: string, url: string, buf: Buffer, filename?: string) => {
  const m = multipart(buf, filename);
  return t.app.inject({ method: 'POST', url, payload: m.body, headers: { ...m.headers, cookie } });
};

describe('finding enterprises', () => {
  it('finds by pinyin initials, two-character name fragments and USCC', async () => {
    const py = (await call(t, c.cadre!, 'GET', '/api/v1/enterprises?q=ycsp')).json();
    expect(py.items.map((e: any) => e.name)).toEqual(['山东勇辰食品有限公司']);
    const two = (await call(t, c.cadre!, 'GET', `/api/v1/enterprises?q=${encodeURIComponent('勇辰')}`)).json();
    expect(two.items.map((e: any) => e.name)).toEqual(['山东勇辰食品有限公司']);
    const [{ uscc }] = await q<{ uscc: string }>(t, "select uscc from enterprise where name = '山东勇辰食品有限公司'");
    const byCode = (await call(t, c.cadre!, 'GET', `/api/v1/enterprises?q=${uscc!.toLowerCase()}`)).json();
    expect(byCode.total).toBe(1);
    const food = (
      await call(t, c.cadre!, 'GET', `/api/v1/enterprises?q=${encodeURIComponent('食品')}&pageSize=50`)
    ).json();
    expect(food.total).toBeGreaterThanOrEqual(4);
    expect(food.items.every((e: any) => e.name.includes('食品'))).toBe(true);
  });

  it('filters by industry, chain, register status, honour, cadre and pool; sorts by revenue', async () => {
    const chain = (await call(t, c.leader!, 'GET', '/api/v1/enterprises?chain=building_materials&pageSize=50')).json();
    expect(chain.total).toBeGreaterThan(3);
    expect(chain.items.every((e: any) => e.chain === 'building_materials')).toBe(true);
    const c13 = (
      await call(t, c.leader!, 'GET', '/api/v1/enterprises?industrySection=C&registerStatus=in&pageSize=50')
    ).json();
    expect(c13.items.every((e: any) => e.registerStatus === 'in')).toBe(true);
    const ht = (await call(t, c.leader!, 'GET', '/api/v1/enterprises?honour=high_tech')).json();
    expect(ht.items.map((e: any) => e.name).sort()).toEqual(['枣庄华沃水泥有限公司', '枣庄金正石膏有限公司'].sort());
    const [{ id: cadreId }] = await q<{ id: number }>(t, "select id from app_user where username = 'cadre'");
    const mine = (await call(t, c.leader!, 'GET', `/api/v1/enterprises?cadreId=${cadreId}&pageSize=50`)).json();
    expect(mine.total).toBe(7);
    expect(mine.items.every((e: any) => e.cadreId === cadreId)).toBe(true);
    const pool = (await call(t, c.leader!, 'GET', '/api/v1/enterprises?pool=521')).json();
    expect(pool.total).toBe(4);
    const byRevenue = (await call(t, c.leader!, 'GET', '/api/v1/enterprises?sort=-revenue12&pageSize=3')).json();
    expect(byRevenue.items[0].name).toBe('枣庄华沃水泥有限公司');
    expect(Number(byRevenue.items[0].revenue12)).toBeGreaterThan(Number(byRevenue.items[1].revenue12));
  });

  it('applies scope: an enterprise user sees only its own enterprise; others are 404', async () => {
    const own = (await call(t, c.enterprise!, 'GET', '/api/v1/enterprises')).json();
    expect(own.items.map((e: any) => e.name)).toEqual(['山东勇辰食品有限公司']);
    const other = await idOf('枣庄华沃水泥有限公司');
    expect((await call(t, c.enterprise!, 'GET', `/api/v1/enterprises/${other}`)).statusCode).toBe(404);
    expect((await call(t, c.enterprise!, 'GET', `/api/v1/enterprises/${other}/indicators`)).statusCode).toBe(404);
    expect((await call(t, c.enterprise!, 'GET', `/api/v1/enterprises/${other}/timeline`)).statusCode).toBe(404);
    const x = await call(t, c.enterprise!, 'GET', '/api/v1/enterprises/export');
    expect((await readXlsx(x.rawPayload)).length).toBe(2);
    // a district department picks from the district's enterprises (for tickets and visits)
    const dept = (await call(t, c.department!, 'GET', '/api/v1/enterprises?pageSize=200')).json();
    expect(dept.total).toBeGreaterThan(0);
    expect(dept.items.every((e: any) => e.regionCode.startsWith('370406'))).toBe(true);
  });

  it('applies scope: a town sees only its town', async () => {
    const elsewhere = await call(t, c.admin!, 'POST', '/api/v1/enterprises', {
      name: '枣庄店子某某农产品有限公司',
      regionCode: '370406102000',
      industryCode: '1371',
    });
    expect(elsewhere.statusCode).toBe(200);
    const id = elsewhere.json().id;
    expect((await call(t, c.cadre!, 'GET', `/api/v1/enterprises/${id}`)).statusCode).toBe(404);
    const list = (await call(t, c.cadre!, 'GET', '/api/v1/enterprises?pageSize=200')).json();
    expect(list.items.every((e: any) => e.regionCode.startsWith('370406109'))).toBe(true);
    expect((await call(t, c.supervisor!, 'GET', `/api/v1/enterprises/${id}`)).statusCode).toBe(200);
    // a cadre cannot create one outside the town either
    const out = await call(t, c.cadre!, 'POST', '/api/v1/enterprises', {
      name: '外镇企业',
      regionCode: '370406102000',
    });
    expect(out.statusCode).toBe(400);
    expect(out.json().errors[0].path).toBe('body.regionCode');
  });
});

describe('creating and editing', () => {
  it('checks the USCC and names the position at fault', async () => {
    const bad = await call(t, c.cadre!, 'POST', '/api/v1/enterprises', {
      name: '山东测试科技有限公司',
      uscc: '91370406MA3C7Q1N7B',
      regionCode: '370406109000',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'body.uscc' });
    expect(bad.json().errors[0].message).toContain('第 18 位');
    const i = await call(t, c.cadre!, 'POST', '/api/v1/enterprises', {
      name: '山东测试科技有限公司',
      uscc: '91370406MA3C7Q1NI0',
      regionCode: '370406109000',
    });
    expect(i.json().errors[0].message).toContain('第 17 位');
  });

  it('lets only an admin override a failing checksum, with a reason the audit keeps', async () => {
    const body = {
      name: '厦门例外代码有限公司',
      uscc: '91350203M0001QAY9B',
      usccOverride: '营业执照原件核实无误',
      regionCode: '370406109000',
    };
    const cadre = await call(t, c.cadre!, 'POST', '/api/v1/enterprises', body);
    expect(cadre.statusCode).toBe(400);
    expect(cadre.json().errors[0].path).toBe('body.usccOverride');
    const admin = await call(t, c.admin!, 'POST', '/api/v1/enterprises', body);
    expect(admin.statusCode).toBe(200);
    expect(admin.json().usccOverride).toBe('营业执照原件核实无误');
    const [a] = await q<any>(
      t,
      `select after from audit_log where entity = 'enterprise' and entity_id = '${admin.json().id}'`,
    );
    expect(a.after.usccOverride).toBe('营业执照原件核实无误');
  });

  it('refuses the same USCC or the same normalised name with a link to the existing record', async () => {
    const [{ uscc, id }] = await q<{ uscc: string; id: number }>(
      t,
      "select uscc, id from enterprise where name = '枣庄华沃水泥有限公司'",
    );
    const dupCode = await call(t, c.admin!, 'POST', '/api/v1/enterprises', {
      name: '另一家公司',
      uscc,
      regionCode: '370406109000',
    });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json()).toMatchObject({
      code: 'DUPLICATE',
      details: { existingId: id, link: `/enterprises/${id}` },
    });
    const dupName = await call(t, c.admin!, 'POST', '/api/v1/enterprises', {
      name: '枣庄华沃水泥有限公司 ',
      regionCode: '370406109000',
    });
    expect(dupName.statusCode).toBe(409);
    const fullWidth = await call(t, c.admin!, 'POST', '/api/v1/enterprises', {
      name: '枣庄华沃水泥有限公司',
      regionCode: '370406109000',
    });
    expect(fullWidth.statusCode).toBe(409);
  });

  it('keeps the address region apart from the registering region; rejects unknown codes and bad amounts', async () => {
    const ok = await call(t, c.cadre!, 'POST', '/api/v1/enterprises', {
      name: '枣庄凫城测试农业有限公司',
      uscc: '91370406MA3C7Q1N7A',
      regionCode: '370406109201',
      industryCode: '0141',
      registeredCapital: '5000000.00',
      tags: ['tech_sme'],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      regionCode: '370406109201',
      registrationRegion: '370406',
      industryName: expect.any(String),
    });
    const bad = await call(t, c.cadre!, 'POST', '/api/v1/enterprises', {
      name: '枣庄凫城测试二号有限公司',
      regionCode: '370406109201',
      industryCode: '9999',
      chain: 'no_such_chain',
      registeredCapital: '50万元',
      establishedOn: '2999-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: any) => e.path);
    expect(paths).toContain('body.registeredCapital');
  });

  it('patches with the version; a stale patch gets 409 and changes nothing; delete is soft', async () => {
    const id = await idOf('枣庄凫城测试农业有限公司');
    const cur = (await call(t, c.cadre!, 'GET', `/api/v1/enterprises/${id}`)).json();
    const p1 = await call(t, c.cadre!, 'PATCH', `/api/v1/enterprises/${id}`, {
      shortName: '凫城测试农业',
      version: cur.version,
    });
    expect(p1.statusCode).toBe(200);
    const p2 = await call(t, c.cadre!, 'PATCH', `/api/v1/enterprises/${id}`, {
      shortName: '别的简称',
      version: cur.version,
    });
    expect(p2.statusCode).toBe(409);
    expect((await call(t, c.cadre!, 'GET', `/api/v1/enterprises/${id}`)).json().shortName).toBe('凫城测试农业');
    // the new short name is searchable by pinyin
    const py = (await call(t, c.cadre!, 'GET', '/api/v1/enterprises?q=fccsny')).json();
    expect(py.items.map((e: any) => e.id)).toContain(id);
    expect((await call(t, c.cadre!, 'DELETE', `/api/v1/enterprises/${id}?version=${cur.version + 1}`)).statusCode).toBe(
      403,
    );
    expect((await call(t, c.admin!, 'DELETE', `/api/v1/enterprises/${id}?version=${cur.version + 1}`)).statusCode).toBe(
      200,
    );
    expect((await call(t, c.cadre!, 'GET', `/api/v1/enterprises/${id}`)).statusCode).toBe(404);
    const timeline = (await call(t, c.admin!, 'GET', `/api/v1/enterprises/${id}/timeline`)).statusCode;
    expect(timeline).toBe(404);
  });
});

describe('monthly indicators', () => {
  it('shows 累计, 同比 and 环比', async () => {
    const id = await idOf('山东勇辰食品有限公司');
    const rows = (await call(t, c.cadre!, 'GET', `/api/v1/enterprises/${id}/indicators`)).json().items;
    expect(rows.length).toBe(24);
    const last = rows.at(-1);
    const sameYear = rows.filter((r: any) => r.month.slice(0, 4) === last.month.slice(0, 4));
    const sum = sameYear.reduce((a: number, r: any) => a + Math.round(Number(r.revenue) * 100), 0);
    expect(Math.round(Number(last.revenueYtd) * 100)).toBe(sum);
    const lastYear = rows.find((r: any) => r.month === `${Number(last.month.slice(0, 4)) - 1}${last.month.slice(4)}`);
    expect(last.revenueYoy).toBeCloseTo(
      (Number(last.revenue) - Number(lastYear.revenue)) / Number(lastYear.revenue),
      3,
    );
    expect(rows[0].revenueYoy).toBeNull();
    expect(last.tax).not.toBeNull();
  });

  it('an enterprise reports its own month; it waits for the cadre to confirm', async () => {
    const id = await idOf('山东勇辰食品有限公司');
    const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const rep = await call(t, c.enterprise!, 'PUT', `/api/v1/enterprises/${id}/indicators`, {
      month: now,
      revenue: '1800000.00',
      employees: 52,
      tax: '45000',
    });
    expect(rep.statusCode).toBe(200);
    expect(rep.json()).toMatchObject({ status: 'pending', source: 'enterprise', revenue: '1800000.00' });
    const other = await idOf('枣庄华沃水泥有限公司');
    expect(
      (await call(t, c.enterprise!, 'PUT', `/api/v1/enterprises/${other}/indicators`, { month: now, revenue: '1' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(t, c.enterprise!, 'POST', `/api/v1/enterprises/${id}/indicators/${now}/confirm`)).statusCode,
    ).toBe(403);
    const conf = await call(t, c.cadre!, 'POST', `/api/v1/enterprises/${id}/indicators/${now}/confirm`);
    expect(conf.statusCode).toBe(200);
    expect(conf.json().status).toBe('confirmed');
    expect((await call(t, c.cadre!, 'POST', `/api/v1/enterprises/${id}/indicators/${now}/confirm`)).statusCode).toBe(
      409,
    );
    // an existing month changes only with its version (no blind overwrite)
    const blind = await call(t, c.cadre!, 'PUT', `/api/v1/enterprises/${id}/indicators`, { month: now, revenue: '1' });
    expect(blind.statusCode).toBe(409);
    const seen = await call(t, c.cadre!, 'PUT', `/api/v1/enterprises/${id}/indicators`, {
      month: now,
      revenue: '1900000',
      version: conf.json().version,
    });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().revenue).toBe('1900000.00');
  });

  it('refuses a future month, negative or absurd amounts, without writing', async () => {
    const id = await idOf('山东勇辰食品有限公司');
    const before = (await q<{ n: number }>(t, 'select count(*)::int as n from enterprise_indicator'))[0]!.n;
    for (const body of [
      { month: '2099-01', revenue: '1' },
      { month: '2026-13', revenue: '1' },
      { month: '2025-01', revenue: '-5' },
      { month: '2025-01', revenue: '1e999' },
      { month: '2025-01', revenue: '99999999999999999999' },
      { month: '2025-01', employees: -1 },
    ]) {
      const r = await call(t, c.cadre!, 'PUT', `/api/v1/enterprises/${id}/indicators`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await q<{ n: number }>(t, 'select count(*)::int as n from enterprise_indicator'))[0]!.n).toBe(before);
  });
});

describe('升规纳统 radar and the pool', () => {
  it('lists candidates against their thresholds with the gap and a projected crossing', async () => {
    const r = (await call(t, c.leader!, 'GET', '/api/v1/cultivation/radar?pageSize=50')).json();
    expect(r.total).toBeGreaterThanOrEqual(6);
    const yc = r.items.find((i: any) => i.name === '山东勇辰食品有限公司');
    expect(yc.threshold).toBe('20000000.00');
    expect(Number(yc.trailing12)).toBeGreaterThan(15_000_000);
    expect(Number(yc.gap)).toBeCloseTo(Math.max(0, 20_000_000 - Number(yc.trailing12)), 0);
    expect(yc.pool).toMatchObject({ cadreName: expect.any(String) });
    expect(yc.thresholdSource).toContain('2000');
    const catering = r.items.find((i: any) => i.name === '枣庄市山亭区老峄县餐饮服务有限公司');
    expect(catering.threshold).toBe('2000000.00');
    const falling = r.items.find((i: any) => i.name === '枣庄欣源日用品有限公司');
    expect(falling.falling3).toBe(true);
    const near = (await call(t, c.leader!, 'GET', '/api/v1/cultivation/radar?near=true&pageSize=50')).json();
    expect(near.items.every((i: any) => i.ratio >= near.nearShare && i.ratio < 1)).toBe(true);
    const x = await call(t, c.leader!, 'GET', '/api/v1/cultivation/radar/export');
    expect((await readXlsx(x.rawPayload)).length).toBe(r.total + 1);
    expect((await call(t, c.enterprise!, 'GET', '/api/v1/cultivation/radar')).statusCode).toBe(403);
  });

  it('manages the cultivation pool and versioned thresholds', async () => {
    const pool = (await call(t, c.cadre!, 'GET', '/api/v1/cultivation/pool')).json().items;
    expect(pool.length).toBe(7);
    const id = await idOf('山东凫城新能源科技有限公司');
    const add = await call(t, c.cadre!, 'POST', '/api/v1/cultivation/pool', {
      enterpriseId: id,
      targetRegister: 'industry_above',
      targetYear: 2027,
    });
    expect(add.statusCode).toBe(200);
    expect(
      (
        await call(t, c.cadre!, 'POST', '/api/v1/cultivation/pool', {
          enterpriseId: id,
          targetRegister: 'industry_above',
          targetYear: 2027,
        })
      ).statusCode,
    ).toBe(409);
    const upd = await call(t, c.cadre!, 'PUT', `/api/v1/cultivation/pool/${add.json().id}`, {
      status: 'entered',
      version: 1,
    });
    expect(upd.json().status).toBe('entered');
    const th = (await call(t, c.leader!, 'GET', '/api/v1/cultivation/thresholds')).json().items;
    expect(th.find((x: any) => x.category === 'industry_above' && x.effectiveTo === null).amount).toBe('20000000.00');
    const bad = await call(t, c.cadre!, 'POST', '/api/v1/cultivation/thresholds', {
      category: 'industry_above',
      metric: 'main_revenue',
      amount: '30000000',
      effectiveFrom: '2030-01-01',
      effectiveTo: '2029-01-01',
      source: '测试',
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('honours ladder', () => {
  it('flags honours expiring within 90 days and gives a criteria checklist', async () => {
    const soon = (await call(t, c.leader!, 'GET', '/api/v1/honours?expiring=true')).json();
    expect(soon.items.map((h: any) => [h.enterpriseName, h.title])).toEqual([
      ['山东卜珂食品有限公司', 'innovative_sme'],
    ]);
    expect(soon.items[0].expiringSoon).toBe(true);
    const id = await idOf('山东卜珂食品有限公司');
    const cl = (await call(t, c.leader!, 'GET', `/api/v1/honours/checklist/${id}?date=2026-06-01`)).json();
    const srdi = cl.titles.find((x: any) => x.title === 'provincial_srdi');
    expect(srdi.regime).toBe('2026');
    expect(srdi.held).toBe(true);
    const revenue = srdi.items.find((i: any) => i.key === 'revenue');
    expect(revenue.status).toBe('met'); // ¥68M a year
    expect(srdi.items.find((i: any) => i.key === 'debt').status).toBe('unknown');
    const old = (await call(t, c.leader!, 'GET', `/api/v1/honours/checklist/${id}?date=2025-06-01`)).json();
    expect(old.titles.find((x: any) => x.title === 'provincial_srdi').regime).toBe('2022');
  });

  it('records honours (audited into the enterprise timeline) and manages the "521" pool', async () => {
    const id = await idOf('山东勇辰食品有限公司');
    const h = await call(t, c.cadre!, 'POST', '/api/v1/honours', {
      enterpriseId: id,
      title: 'innovative_sme',
      level: 'provincial',
      year: 2026,
      awardedOn: '2026-07-01',
    });
    expect(h.statusCode).toBe(200);
    expect(h.json().expiresOn).toBe('2029-07-01');
    expect(
      (
        await call(t, c.cadre!, 'POST', '/api/v1/honours', {
          enterpriseId: id,
          title: 'nobel',
          level: 'national',
          year: 2026,
        })
      ).statusCode,
    ).toBe(400);
    const tl = (await call(t, c.enterprise!, 'GET', `/api/v1/enterprises/${id}/timeline`)).json().items;
    expect(tl.some((i: any) => i.kind === 'honours.create')).toBe(true);
    expect(tl.some((i: any) => i.kind === 'indicators.report')).toBe(true);
    const pools = (await call(t, c.leader!, 'GET', '/api/v1/honours/pools')).json().items;
    const p521 = pools.find((p: any) => p.code === '521');
    expect(p521.members.length).toBe(4);
    const other = await idOf('山东乾德源新材料科技发展有限公司');
    expect(
      (await call(t, c.cadre!, 'PUT', `/api/v1/honours/pools/${p521.id}/members/${other}`, { tier: '9' })).statusCode,
    ).toBe(400);
    expect(
      (await call(t, c.cadre!, 'PUT', `/api/v1/honours/pools/${p521.id}/members/${other}`, { tier: '1' })).statusCode,
    ).toBe(200);
    const again = (await call(t, c.leader!, 'GET', '/api/v1/honours/pools'))
      .json()
      .items.find((p: any) => p.code === '521');
    expect(again.members.length).toBe(5);
  });
});

describe('Excel import and export', () => {
  it('the template has Chinese headers and dropdowns', async () => {
    const res = await call(t, c.cadre!, 'GET', '/api/v1/enterprises/import-template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.getWorksheet('企业')!;
    expect(ws.getRow(1).getCell(1).value).toBe('企业名称*');
    const chainCol = (ws.getRow(1).values as unknown[]).indexOf('产业链');
    const dv = ws.getCell(2, chainCol).dataValidation;
    expect(dv?.type).toBe('list');
  });

  it('a dry run reports every bad row in plain Chinese and writes nothing', async () => {
    const before = (await q<{ n: number }>(t, 'select count(*)::int as n from enterprise'))[0]!.n;
    const [{ uscc: existing }] = await q<{ uscc: string }>(
      t,
      "select uscc from enterprise where name = '枣庄金正石膏有限公司'",
    );
    const buf = await xlsx([
      [
        '山东好一新材料有限公司',
        '91370406MA3C7Q1N7A',
        '370406109000',
        '3099',
        '新型建材',
        '规下',
        '2019-05-01',
        3000000,
      ], // 2 good
      ['山东坏代码有限公司', '91370406MA3C7Q1N7B', '370406109000', '3099', null, null, null, null], // 3 bad uscc
      ['山东未知行业有限公司', null, '370406109000', '9999', null, null, null, null], // 4 unknown industry
      ['山东带单位有限公司', null, '370406109000', '1432', null, null, null, '50万元'], // 5 amount with unit
      ['山东好一新材料有限公司', null, '370406109000', null, null, null, null, null], // 6 duplicate name in file
      ['山东冲突有限公司', existing, '370406109000', null, null, null, null, null], // 7 uscc of another firm under another name → update? no: name differs → update by uscc
      ['山东日期有限公司', null, '370406109000', null, null, null, 45000, null], // 8 Excel serial date ok
      ['山东坏日期有限公司', null, '370406109000', null, null, null, '2021-02-30', null], // 9 bad date
      [null, null, '370406109000', null, null, null, null, null], // 10 no name
      ['山东外地有限公司', null, '370406102000', null, null, null, null, null], // 11 outside the town (cadre)
      ['山东错字典有限公司', null, '370406109000', null, '不存在的链', '半在库', null, null], // 12 dictionary
    ]);
    const res = await upload(c.cadre!, '/api/v1/enterprises/import?dryRun=true', buf);
    expect(res.statusCode).toBe(200);
    const rep = res.json();
    const rowsWithErrors = [...new Set(rep.errors.map((e: any) => e.row))];
    expect(rowsWithErrors).toEqual([3, 4, 5, 6, 9, 10, 11, 12]);
    const msg = (row: number) =>
      rep.errors
        .filter((e: any) => e.row === row)
        .map((e: any) => `${e.column}:${e.message}`)
        .join(' | ');
    expect(msg(3)).toContain('第 18 位');
    expect(msg(4)).toContain('9999');
    expect(msg(5)).toContain('万元');
    expect(msg(6)).toContain('第 2 行');
    expect(msg(9)).toContain('不存在');
    expect(msg(10)).toContain('企业名称');
    expect(msg(11)).toContain('辖区');
    expect(msg(12)).toMatch(/产业链.*字典/);
    expect(rep.total).toBe(11);
    expect((await q<{ n: number }>(t, 'select count(*)::int as n from enterprise'))[0]!.n).toBe(before);
    // committing the same file refuses as a whole
    const commit = await upload(c.cadre!, '/api/v1/enterprises/import?dryRun=false', buf);
    expect(commit.json()).toMatchObject({ created: 0, updated: 0 });
    expect((await q<{ n: number }>(t, 'select count(*)::int as n from enterprise'))[0]!.n).toBe(before);
  });

  it('commits a clean workbook all at once: creates and updates', async () => {
    const [{ uscc: existing }] = await q<{ uscc: string }>(
      t,
      "select uscc from enterprise where name = '枣庄金正石膏有限公司'",
    );
    const buf = await xlsx([
      ['山东好一新材料有限公司', null, '370406109000', '3099', '新型建材', '规下', '2019-05-01', 3000000],
      ['枣庄金正石膏有限公司', existing, '370406109204', '3024', '新型建材', '在库', null, null],
      ['山东日期有限公司', null, '370406109000', null, null, null, 45000, null],
    ]);
    const dry = (await upload(c.cadre!, '/api/v1/enterprises/import?dryRun=true', buf)).json();
    expect(dry).toMatchObject({ created: 2, updated: 1, errors: [] });
    const res = await upload(c.cadre!, '/api/v1/enterprises/import?dryRun=false', buf);
    expect(res.json()).toMatchObject({ dryRun: false, created: 2, updated: 1, errors: [] });
    const [row] = await q<any>(
      t,
      "select established_on, search_tokens from enterprise where name = '山东日期有限公司'",
    );
    expect(row.established_on).toBe('2023-03-15'); // Excel serial 45000
    expect(row.search_tokens).toContain('日期');
    const audits = await q<{ n: number }>(
      t,
      "select count(*)::int as n from audit_log where module = 'enterprises' and action = 'import' and entity = 'enterprise'",
    );
    expect(audits[0]!.n).toBe(3);
  });

  it('refuses files that are not xlsx, empty, corrupt or with wrong columns, with a clear message', async () => {
    const notXlsx = await upload(
      c.cadre!,
      '/api/v1/enterprises/import?dryRun=true',
      Buffer.from('a,b,c\n1,2,3'),
      'data.csv',
    );
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().errors[0].message).toContain('.xlsx');
    const renamed = await upload(
      c.cadre!,
      '/api/v1/enterprises/import?dryRun=true',
      Buffer.from('hello world, not a zip'),
    );
    expect(renamed.statusCode).toBe(400);
    const empty = await upload(c.cadre!, '/api/v1/enterprises/import?dryRun=true', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const good = await xlsx([['山东某公司', null, '370406109000', null, null, null, null, null]]);
    const truncated = await upload(
      c.cadre!,
      '/api/v1/enterprises/import?dryRun=true',
      good.subarray(0, Math.floor(good.length / 2)),
    );
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().errors[0].message).toContain('不完整');
    const wrongCols = await upload(
      c.cadre!,
      '/api/v1/enterprises/import?dryRun=true',
      await xlsx([['x', 'y']], ['名称', '代码']),
    );
    expect(wrongCols.statusCode).toBe(400);
    const m = wrongCols
      .json()
      .errors.map((e: any) => e.message)
      .join(' ');
    expect(m).toContain('缺少列“企业名称”');
    expect(m).toContain('无法识别的列“名称”');
    const json = await call(t, c.cadre!, 'POST', '/api/v1/enterprises/import?dryRun=true', { rows: [] });
    expect(json.statusCode).toBe(415);
  });

  it('imports monthly indicators by USCC or name', async () => {
    const id = await idOf('山东乾德源新材料科技发展有限公司');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('月度指标');
    ws.addRow(['统一社会信用代码', '企业名称', '月份*', '营业收入（元）', '用工人数', '税收（元，税务口径）']);
    ws.addRow([null, '山东乾德源新材料科技发展有限公司', '2024-01', 1234567.89, 40, 30000]);
    ws.addRow([null, '不存在的公司', '2024-01', 1, null, null]);
    ws.addRow([null, '山东乾德源新材料科技发展有限公司', '2099-01', 1, null, null]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = (await upload(c.cadre!, '/api/v1/enterprises/indicators/import?dryRun=true', buf)).json();
    expect(
      dry.errors.map((e: any) => e.row),
      JSON.stringify(dry),
    ).toEqual([3, 4]);
    const wb2 = new ExcelJS.Workbook();
    const ws2 = wb2.addWorksheet('月度指标');
    ws2.addRow(['统一社会信用代码', '企业名称', '月份*', '营业收入（元）', '用工人数', '税收（元，税务口径）']);
    ws2.addRow([null, '山东乾德源新材料科技发展有限公司', '2024-01', 1234567.89, 40, 30000]);
    const buf2 = Buffer.from(await wb2.xlsx.writeBuffer());
    const res = (await upload(c.cadre!, '/api/v1/enterprises/indicators/import?dryRun=false', buf2)).json();
    expect(res, JSON.stringify(res)).toMatchObject({ created: 1, errors: [] });
    const rows = (await call(t, c.cadre!, 'GET', `/api/v1/enterprises/${id}/indicators?from=2024-01&to=2024-01`)).json()
      .items;
    expect(rows[0]).toMatchObject({
      month: '2024-01',
      revenue: '1234567.89',
      employees: 40,
      tax: '30000.00',
      source: 'import',
    });
  });

  it('exports the filtered list as a real xlsx', async () => {
    const res = await call(t, c.leader!, 'GET', '/api/v1/enterprises/export?chain=health_food');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toContain('企业名称');
    const n = (await call(t, c.leader!, 'GET', '/api/v1/enterprises?chain=health_food')).json().total;
    expect(rows.length - 1).toBe(n);
  });
});
