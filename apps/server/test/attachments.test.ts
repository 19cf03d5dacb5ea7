import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, q, type TestApp } from './harness';

let t: TestApp;
const c: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const r of ['admin', 'cadre', 'investment', 'enterprise', 'leader']) c[r] = await t.login(r);
});
afterAll(() => t.close());

function upload(cookie: string, url: string, name: string, data: Buffer) {
  const b = 'aTtAcHb0undary';
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${b}` },
  });
}
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('photos and files of projects, leads and visits', () => {
  it('attach, list, download and remove with the owning record’s rights and scope', async () => {
    const [{ id }] = await q<{ id: number }>(t, "select id from project where name = '窑超低排放项目'");
    const url = `/api/v1/attachments?entity=project&entityId=${id}`;
    const up = await upload(c.cadre!, url, '现场照片.png', png);
    expect(up.statusCode).toBe(200);
    expect((await upload(c.cadre!, url, 'fake.png', Buffer.from('not an image'))).statusCode).toBe(400);
    expect((await upload(c.cadre!, url, 'x.exe', Buffer.from('MZxx'))).statusCode).toBe(400);
    expect((await upload(c.enterprise!, url, 'a.png', png)).statusCode).toBe(403);
    const list = (await call(t, c.leader!, 'GET', url)).json().items;
    expect(list.map((a: any) => a.name)).toEqual(['现场照片.png']);
    const dl = await call(t, c.leader!, 'GET', `/api/v1/attachments/${list[0].id}/download`);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.rawPayload.equals(png)).toBe(true);
    expect((await call(t, c.enterprise!, 'GET', `/api/v1/attachments/${list[0].id}/download`)).statusCode).toBe(403);
    expect((await call(t, c.leader!, 'DELETE', `/api/v1/attachments/${list[0].id}`)).statusCode).toBe(403);
    expect((await call(t, c.cadre!, 'DELETE', `/api/v1/attachments/${list[0].id}`)).statusCode).toBe(200);
    expect((await call(t, c.leader!, 'GET', url)).json().items).toEqual([]);
    expect((await call(t, c.cadre!, 'GET', '/api/v1/attachments?entity=project&entityId=999999')).statusCode).toBe(404);
  });

  it('files of a lead’s follow-ups for its officer', async () => {
    const [{ id }] = await q<{ id: number }>(t, "select id from lead where project_name = '汽车配件项目'");
    const url = `/api/v1/attachments?entity=lead&entityId=${id}`;
    expect((await upload(c.investment!, url, '考察纪要.pdf', Buffer.from('%PDF-1.4\n%%EOF'))).statusCode).toBe(200);
    expect((await call(t, c.investment!, 'GET', url)).json().items[0].mime).toBe('application/pdf');
    expect((await call(t, c.enterprise!, 'GET', url)).statusCode).toBe(403);
  });
});

describe('project list import', () => {
  async function book(rows: unknown[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目');
    ws.addRow([
      '项目名称*',
      '投资项目代码',
      '项目单位',
      '所在地区划代码*',
      '产业链',
      '阶段',
      '总投资（元）*',
      '年度计划投资（元）',
      '计划开工日期',
      '计划投产日期',
    ]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  it('reports every bad row in a dry run and writes a clean file at once', async () => {
    const bad = await book([
      [
        '新型墙材项目',
        '2026-370406-30-03-000001',
        '山东勇辰食品有限公司',
        '370406109000',
        '新型建材',
        '签约',
        80000000,
        20000000,
        '2026-12-01',
        '2027-12-01',
      ],
      ['坏代码项目', '2026-3704', null, '370406109000', null, null, 1000000, null, null, null],
      [
        '带单位项目',
        null,
        '不存在的公司',
        '370406109000',
        null,
        '半开工',
        '5000万元',
        null,
        '2027-01-01',
        '2026-01-01',
      ],
    ]);
    const dry = (await upload(c.investment!, '/api/v1/projects/import?dryRun=true', 'p.xlsx', bad)).json();
    expect([...new Set(dry.errors.map((e: any) => e.row))]).toEqual([3, 4]);
    const msgs = dry.errors.map((e: any) => `${e.column}:${e.message}`).join('|');
    expect(msgs).toContain('24 位');
    expect(msgs).toContain('万元');
    expect(msgs).toContain('不存在的公司');
    expect(msgs).toContain('阶段只能是');
    expect(msgs).toContain('计划投产日期早于计划开工日期');
    const before = (await q<{ n: number }>(t, 'select count(*)::int as n from project'))[0]!.n;
    expect((await upload(c.investment!, '/api/v1/projects/import?dryRun=false', 'p.xlsx', bad)).json()).toMatchObject({
      created: 0,
      updated: 0,
    });
    expect((await q<{ n: number }>(t, 'select count(*)::int as n from project'))[0]!.n).toBe(before);
    const good = await book([
      [
        '新型墙材项目',
        '2026-370406-30-03-000001',
        '山东勇辰食品有限公司',
        '370406109000',
        '新型建材',
        '签约',
        80000000,
        20000000,
        '2026-12-01',
        '2027-12-01',
      ],
      ['窑超低排放项目', null, null, '370406109000', null, '建设', 37000000, 15000000, null, null],
    ]);
    const res = (await upload(c.investment!, '/api/v1/projects/import?dryRun=false', 'p.xlsx', good)).json();
    expect(res).toMatchObject({ created: 1, updated: 1, errors: [] });
    const list = (await call(t, c.leader!, 'GET', '/api/v1/projects?q=新型墙材')).json();
    expect(list.items[0]).toMatchObject({
      stage: 'signed',
      yearPlan: '20000000.00',
      enterpriseName: '山东勇辰食品有限公司',
    });
    const tpl = await call(t, c.investment!, 'GET', '/api/v1/projects/import-template');
    expect(tpl.statusCode).toBe(200);
  });
});

describe('import templates', () => {
  it('refuse their own sample row', async () => {
    for (const [tpl, imp] of [
      ['/api/v1/projects/import-template', '/api/v1/projects/import?dryRun=true'],
      ['/api/v1/enterprises/import-template', '/api/v1/enterprises/import?dryRun=true'],
    ]) {
      const file = (await call(t, c.admin!, 'GET', tpl!)).rawPayload;
      const res = (await upload(c.admin!, imp!, 'template.xlsx', file)).json();
      expect(res.errors.map((e: any) => e.message)).toContain('这是模板中的示例行，请删除后再导入');
    }
  });
});
