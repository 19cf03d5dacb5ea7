import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet } from './xlsx';

describe('reading Chinese text from large workbooks', () => {
  it('keeps every character when UTF-8 sequences straddle inflate chunks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['企业名称']);
    // unique names (shared strings) and inline-length variety so multibyte characters land on chunk edges
    const names = Array.from({ length: 30_000 }, (_, i) => `甲${'乙'.repeat(i % 7)}批${i}号测试企业有限公司`);
    for (const n of names) ws.addRow([n]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const sheet = await readSheet(buf, { required: ['企业名称'], optional: [], maxRows: 50_000 });
    const got = sheet.rows.map((r) => r.cells.企业名称);
    expect(got.filter((x) => String(x).includes('\uFFFD'))).toEqual([]);
    expect(got).toEqual(names);
  }, 120_000);
});
