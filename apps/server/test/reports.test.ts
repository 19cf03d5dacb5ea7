import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, readXlsx, type TestApp } from './harness';

let t: TestApp;
let leader: string;
beforeAll(async () => {
  t = await createTestApp();
  leader = await t.login('leader');
});
afterAll(() => t.close());

/** One entry of a zip (a .docx), found through the central directory and inflated. */
function unzipEntry(buf: Buffer, name: string): string {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const entry = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (entry === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  throw new Error(`${name} not in the zip`);
}

describe('briefs written from the data', () => {
  it('the monthly 经济运行 brief says what the cockpit shows, in the customary form', async () => {
    const b = (await call(t, leader, 'GET', '/api/v1/reports/brief?kind=monthly')).json();
    expect(b.title).toMatch(/^经济运行月报（\d{4}年\d{1,2}月）$/);
    const out = b.paragraphs[0].text;
    expect(out).toMatch(
      /^1(—\d{1,2})?月，全镇规上工业产值\d+\.\d{2}亿元(，同比(增长|下降)\d+\.\d%)?(，完成年度目标的\d+\.\d%，(超|落后)时序进度\d+\.\d个百分点)?。$/,
    );
    const ck = (await call(t, leader, 'GET', '/api/v1/cockpit')).json();
    const k = ck.kpis.find((x: any) => x.metric === 'industrial_output');
    expect(out).toContain(`${(k.actual / 1e8).toFixed(2)}亿元`);
    expect(b.paragraphs.map((p: any) => p.heading)).toEqual([
      '一、工业经济运行',
      '二、升规纳统',
      '三、重点项目',
      '四、招商引资',
      '五、助企服务',
    ]);
    const docx = await call(t, leader, 'GET', '/api/v1/reports/monthly.docx');
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = unzipEntry(docx.rawPayload, 'word/document.xml');
    for (const p of b.paragraphs) expect(xml).toContain(p.text.replace(/“/g, '“'));
    const xlsx = await call(t, leader, 'GET', '/api/v1/reports/monthly.xlsx');
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]![0]).toBe(b.title);
    expect(rows.some((r) => r[1] === out)).toBe(true);
  });

  it('carries the date line and the charts of the printable page, their figures also in the .xlsx', async () => {
    const b = (await call(t, leader, 'GET', '/api/v1/reports/brief?kind=monthly')).json();
    expect(b.kind).toBe('monthly');
    expect(b.dateLine).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(b.charts.map((c: any) => c.title)).toEqual(['规上工业产值（万元）', '重点项目分阶段个数']);
    const month = Number(b.period.slice(5, 7));
    const output = b.charts[0];
    expect(output.categories.length).toBe(month);
    // the bars are the months of the KPI: their sum is the year-to-date figure (in 万元, rounded per month)
    const ck = (await call(t, leader, 'GET', `/api/v1/cockpit?period=${b.period}`)).json();
    const k = ck.kpis.find((x: any) => x.metric === 'industrial_output');
    const bars = output.series[0].data.reduce((a: number, v: number | null) => a + (v ?? 0), 0);
    expect(Math.abs(bars - k.actual / 1e4)).toBeLessThan(0.01 * month);
    // the stage chart counts every project not suspended, by light
    const stages = b.charts[1];
    const counted = stages.series.flatMap((s: any) => s.data).reduce((a: number, v: number) => a + v, 0);
    const projects = b.tables.find((x: any) => x.title === '重点项目推进情况').rows;
    expect(counted).toBe(projects.filter((r: any) => r[1] !== '停缓建').length);
    expect(projects.every((r: any) => /[\u4e00-\u9fa5]/.test(r[1]))).toBe(true); // stages in Chinese
    const xlsx = await call(t, leader, 'GET', '/api/v1/reports/monthly.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as any);
    expect(wb.worksheets.map((w) => w.name)).toContain('图-规上工业产值（万元）');
    const weekly = (await call(t, leader, 'GET', '/api/v1/reports/brief?kind=weekly')).json();
    expect(weekly.charts.map((c: any) => c.title)).toEqual(['重点项目分阶段个数']);
  });

  it('the weekly 调度 brief covers projects, leads and tickets with the warnings table', async () => {
    const b = (await call(t, leader, 'GET', '/api/v1/reports/brief?kind=weekly')).json();
    expect(b.paragraphs[0].text).toMatch(/^全镇在建重点项目\d+个，总投资\d+\.\d{2}亿元；/);
    expect(b.tables.map((x: any) => x.title)).toEqual(['重点项目推进情况', '预警事项']);
    const docx = await call(t, leader, 'GET', '/api/v1/reports/weekly.docx');
    expect(unzipEntry(docx.rawPayload, 'word/document.xml')).toContain('重点工作调度周报');
    const enterprise = await t.login('enterprise');
    expect((await call(t, enterprise, 'GET', '/api/v1/reports/weekly.docx')).statusCode).toBe(403);
  });
});
