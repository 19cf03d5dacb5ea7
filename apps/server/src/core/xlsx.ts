import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from './errors';

/**
 * Reading uploaded .xlsx files safely: the zip's central directory is checked before anything is
 * inflated (declared sizes and ratios, so a zip bomb is refused in milliseconds), the workbook is read
 * with ExcelJS's streaming reader under a timeout (it never settles on some corrupt files), and cells
 * come back as plain values (formula cells as their cached result, rich text as text).
 */

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const MAX_INFLATED_BYTES = 400 * 1024 * 1024;
const MAX_RATIO = 200;
const MAX_ENTRIES = 2000;

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

/** Parses the zip central directory without inflating anything. Throws BAD_REQUEST-class errors. */
export function inspectZip(buf: Buffer): ZipEntry[] {
  const fail = (zh: string, en: string) => new AppError('VALIDATION', [{ path: 'file', message: `${zh} / ${en}` }]);
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50)
    throw fail('文件不是 Excel .xlsx 格式（请另存为 .xlsx 后再上传）', 'The file is not an .xlsx workbook');
  // End of central directory: last 22 bytes plus a comment of up to 65,535 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fail('文件不完整或已损坏（可能上传中断），请重新导出后上传', 'The file is truncated or corrupt');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES || cdOffset + cdSize > buf.length) throw fail('文件结构异常', 'Malformed zip structure');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw fail('文件结构异常', 'Malformed zip directory');
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    total += uncompressed;
    if (uncompressed > 0 && uncompressed / Math.max(compressed, 1) > MAX_RATIO && uncompressed > 1_000_000)
      throw fail('文件压缩比异常，已拒绝', 'Suspicious compression ratio; refused');
    if (total > MAX_INFLATED_BYTES) throw fail('文件解压后过大，已拒绝', 'The workbook is too large when unpacked');
    entries.push({ name, compressed, uncompressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml'))
    throw fail('文件不是 Excel 工作簿（缺少 workbook）', 'The zip holds no Excel workbook');
  return entries;
}

export type Cell = string | number | boolean | Date | null;

/** A cell's plain value: formulas give their cached result, rich text its text, hyperlinks their text. */
export function plainCell(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, any>;
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return plainCell(o.result ?? null);
    if (Array.isArray(o.richText)) return plainCell(o.richText.map((t: any) => t.text).join(''));
    if ('text' in o) return plainCell(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

export interface SheetRows {
  headers: string[];
  /** Excel row number (1-based, header is row 1) and cells by header. */
  rows: { row: number; cells: Record<string, Cell> }[];
}

/**
 * Reads the first worksheet: row 1 is the header. The header must contain every required column and
 * only known ones; otherwise a 400 names the missing and the unknown columns.
 */
export async function readSheet(
  buf: Buffer,
  spec: { required: string[]; optional: string[]; maxRows: number; timeoutMs?: number },
): Promise<SheetRows> {
  if (buf.length === 0) throw new AppError('VALIDATION', [{ path: 'file', message: '文件为空 / The file is empty' }]);
  if (buf.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  inspectZip(buf);
  const work = (async () => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buf), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    } as any);
    let headers: string[] | null = null;
    const rows: SheetRows['rows'] = [];
    for await (const ws of reader as any) {
      for await (const row of ws as any) {
        const values = (row.values as unknown[]).slice(1).map(plainCell);
        if (!headers) {
          headers = values.map((v) => (v == null ? '' : String(v).replace(/\*$/, '').trim()));
          continue;
        }
        if (values.every((v) => v === null)) continue;
        if (rows.length >= spec.maxRows)
          throw new AppError('VALIDATION', [
            { path: 'file', message: `一次最多导入 ${spec.maxRows} 行 / At most ${spec.maxRows} rows per import` },
          ]);
        const cells: Record<string, Cell> = {};
        headers.forEach((h, i) => {
          if (h) cells[h] = values[i] ?? null;
        });
        rows.push({ row: row.number as number, cells });
      }
      break; // first worksheet only
    }
    return { headers: headers ?? [], rows };
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError('VALIDATION', [
            { path: 'file', message: '文件读取超时，可能已损坏 / Reading the file timed out' },
          ]),
        ),
      spec.timeoutMs ?? 60_000,
    );
  });
  let result: SheetRows;
  try {
    result = await Promise.race([work, timeout]);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', [
      { path: 'file', message: '无法读取该 Excel 文件，请确认是 .xlsx 格式 / Cannot read this workbook' },
    ]);
  } finally {
    clearTimeout(timer);
  }
  const present = result.headers.filter(Boolean);
  const missing = spec.required.filter((h) => !present.includes(h));
  const unknown = present.filter((h) => !spec.required.includes(h) && !spec.optional.includes(h));
  if (!present.length)
    throw new AppError('VALIDATION', [{ path: 'file', message: '工作表为空，没有表头 / The sheet has no header row' }]);
  if (missing.length || unknown.length) {
    const errs = [
      ...missing.map((h) => ({ path: 'file', message: `缺少列“${h}”，请使用导入模板 / Missing column ${h}` })),
      ...unknown.map((h) => ({ path: 'file', message: `无法识别的列“${h}”，请使用导入模板 / Unknown column ${h}` })),
    ];
    throw new AppError('VALIDATION', errs);
  }
  return result;
}

// ---------- cell parsers: each returns a value or a message a clerk understands ----------
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseText(v: Cell, max: number): Parsed<string | null> {
  if (v === null) return { ok: true, value: null };
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
  if (s.length > max) return { ok: false, message: `内容过长（最多 ${max} 字）` };
  return { ok: true, value: s };
}

/** Amounts in 元: numbers or digit strings; "50万元" and other units are refused with a hint. */
export function parseMoney(v: Cell, opts: { allowNegative?: boolean } = {}): Parsed<string | null> {
  if (v === null) return { ok: true, value: null };
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, message: '金额不是有效数字' };
    s = v.toFixed(2);
  } else s = String(v).trim().replace(/,/g, '');
  if (/[万亿元]/.test(s))
    return { ok: false, message: `金额“${String(v)}”带有单位，请填写以元为单位的纯数字（例如 500000）` };
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false, message: `金额“${String(v)}”不是数字` };
  const [i, f = ''] = s.replace(/^-/, '').split('.');
  if (i!.replace(/^0+/, '').length > 15) return { ok: false, message: '金额过大，请核对单位（应为元）' };
  if (f.length > 2 && /[1-9]/.test(f.slice(2))) return { ok: false, message: '金额最多保留两位小数' };
  if (s.startsWith('-') && !opts.allowNegative) return { ok: false, message: '金额不能为负数' };
  return { ok: true, value: `${s.startsWith('-') ? '-' : ''}${BigInt(i!)}.${(`${f}00`).slice(0, 2)}` };
}

export function parseInteger(v: Cell, min: number, max: number): Parsed<number | null> {
  if (v === null) return { ok: true, value: null };
  const n = typeof v === 'number' ? v : Number(String(v).trim().replace(/,/g, ''));
  if (!Number.isInteger(n)) return { ok: false, message: `“${String(v)}”不是整数` };
  if (n < min || n > max) return { ok: false, message: `数值应在 ${min} 到 ${max} 之间` };
  return { ok: true, value: n };
}

/** Dates as Excel dates, Excel serial numbers, or text 2024-01-05 / 2024/1/5 / 2024年1月5日. */
export function parseDate(v: Cell): Parsed<string | null> {
  if (v === null) return { ok: true, value: null };
  if (v instanceof Date) {
    // ExcelJS gives dates at UTC midnight of the calendar day
    return { ok: true, value: v.toISOString().slice(0, 10) };
  }
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 2_958_465) return { ok: false, message: `日期“${v}”无效` };
    const t = Date.UTC(1899, 11, 30) + v * 86_400_000;
    return { ok: true, value: new Date(t).toISOString().slice(0, 10) };
  }
  const s = String(v).trim();
  const mt = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/);
  if (!mt) {
    if (/^\d{5}$/.test(s)) return parseDate(Number(s));
    return { ok: false, message: `日期“${s}”无法识别，请填写如 2024-01-05` };
  }
  const [y, m, d] = [Number(mt[1]), Number(mt[2]), Number(mt[3])];
  const t = Date.UTC(y, m - 1, d);
  const iso = new Date(t).toISOString().slice(0, 10);
  if (Number(iso.slice(5, 7)) !== m || Number(iso.slice(8, 10)) !== d)
    return { ok: false, message: `日期“${s}”不存在` };
  return { ok: true, value: iso };
}

/** A month: a date (its month), YYYY-MM, YYYY年M月, or an Excel serial. */
export function parseMonth(v: Cell): Parsed<string | null> {
  if (v === null) return { ok: true, value: null };
  if (typeof v === 'string') {
    const mt = v.trim().match(/^(\d{4})[-/.年](\d{1,2})月?$/);
    if (mt) {
      const m = Number(mt[2]);
      if (m < 1 || m > 12) return { ok: false, message: `月份“${v}”无效` };
      return { ok: true, value: `${mt[1]}-${String(m).padStart(2, '0')}` };
    }
  }
  const d = parseDate(v);
  if (!d.ok) return { ok: false, message: `月份“${String(v)}”无法识别，请填写如 2024-01` };
  return { ok: true, value: d.value ? d.value.slice(0, 7) : null };
}
