import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from './errors';

/**
 * Reading uploaded .xlsx files safely: the zip's central directory is checked before anything is
 * inflated (declared sizes and ratios, so a zip bomb is refused in milliseconds), the workbook is read
 * with ExcelJS's streaming reader under a timeout (it never settles on some corrupt files), and cells
 * come back as plain values (formula cells as their cached result, rich text as text).
 */

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
const MAX_RATIO = 200;
const MAX_ENTRIES = 2000;

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
  /** 0 stored, 8 deflate. */
  method: number;
  /** Offset of the entry's local header, and of its data. */
  offset: number;
  dataStart: number;
  /** Bit 3: sizes follow the data in a data descriptor. */
  descriptor: boolean;
}

const fail = (zh: string, en: string) => new AppError('VALIDATION', [{ path: 'file', message: `${zh} / ${en}` }]);
const notXlsx = () => fail('文件不是 Excel .xlsx 格式（请另存为 .xlsx 后再上传）', 'The file is not an .xlsx workbook');
const truncated = () =>
  fail('文件不完整或已损坏（可能上传中断），请重新导出后上传', 'The file is truncated or corrupt');
const malformed = () => fail('文件结构异常，已拒绝', 'Malformed zip structure; refused');
const tooBig = () => fail('文件解压后过大，已拒绝', 'The workbook is too large when unpacked');
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const DESCRIPTOR_SIG = Buffer.from([0x50, 0x4b, 0x07, 0x08]);

/**
 * Parses the zip central directory without inflating anything. Throws a 400 with a clerk-readable message
 * when the file is not a zip, is truncated, declares too much unpacked data or a bomb-like ratio, or when its
 * local entries do not tile the file exactly as the directory says (ExcelJS's streaming reader follows the
 * local headers, so an entry hidden from the directory would escape these checks).
 */
export function inspectZip(buf: Buffer): ZipEntry[] {
  if (buf.length < 4 || buf.readUInt32LE(0) !== LOCAL) throw notXlsx();
  if (buf.length < 22) throw truncated();
  // End of central directory: last 22 bytes plus a comment of up to 65,535 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw truncated();
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw malformed(); // ZIP64: never needed for an upload this size
  if (count > MAX_ENTRIES) throw malformed();
  if (cdOffset + cdSize > eocd) throw truncated();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw malformed();
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || localOffset === 0xffffffff) throw tooBig();
    if (flags & 1) throw fail('文件已加密，请取消密码后再上传', 'The workbook is encrypted');
    if (method !== 0 && method !== 8) throw malformed();
    total += uncompressed;
    if (uncompressed > 1_000_000 && uncompressed / Math.max(compressed, 1) > MAX_RATIO)
      throw fail('文件压缩比异常，已拒绝', 'Suspicious compression ratio; refused');
    if (total > MAX_INFLATED_BYTES) throw tooBig();
    if (localOffset + 30 > cdOffset || buf.readUInt32LE(localOffset) !== LOCAL) throw malformed();
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressed > cdOffset) throw truncated();
    entries.push({
      name,
      compressed,
      uncompressed,
      method,
      offset: localOffset,
      dataStart,
      descriptor: (flags & 8) !== 0,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  // The local entries must follow one another from byte 0 to the central directory, nothing hidden between,
  // and agree with the directory: ExcelJS's reader (unzipper) trusts the local headers, not the directory.
  let at = 0;
  for (const e of [...entries].sort((x, y) => x.offset - y.offset)) {
    if (e.offset !== at) throw malformed();
    const localFlags = buf.readUInt16LE(at + 6);
    const localMethod = buf.readUInt16LE(at + 8);
    const localCompressed = buf.readUInt32LE(at + 18);
    if (localMethod !== e.method || (localFlags & 8) !== (e.descriptor ? 8 : 0)) throw malformed();
    if (localCompressed !== e.compressed && !(e.descriptor && localCompressed === 0)) throw malformed();
    at = e.dataStart + e.compressed;
    if (e.descriptor) {
      // the reader scans for the descriptor's signature: it must come right after the data, not inside it
      const found = buf.indexOf(DESCRIPTOR_SIG, e.dataStart);
      if (found !== at) throw malformed();
      at += 16;
      if (at > cdOffset) throw truncated();
    }
  }
  if (at !== cdOffset) throw malformed();
  if (!entries.some((e) => e.name === 'xl/workbook.xml'))
    throw fail('文件不是 Excel 工作簿（缺少 workbook）', 'The zip holds no Excel workbook');
  return entries;
}

/**
 * Inflates every entry once, counting bytes and keeping none, and refuses the file as soon as an entry
 * unpacks to more than its declared size (a zip that lies about its sizes) or is not valid deflate data.
 * Memory stays at one zlib window whatever the file holds.
 */
export async function verifyInflation(buf: Buffer, entries: ZipEntry[]): Promise<void> {
  for (const e of entries) {
    const data = buf.subarray(e.dataStart, e.dataStart + e.compressed);
    if (e.method === 0) {
      if (e.compressed !== e.uncompressed) throw malformed();
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
      let n = 0;
      inflate.on('data', (chunk: Buffer) => {
        n += chunk.length;
        if (n > e.uncompressed) {
          inflate.destroy();
          reject(tooBig());
        }
      });
      inflate.on('error', () => reject(truncated()));
      inflate.on('end', () => (n === e.uncompressed ? resolve() : reject(malformed())));
      inflate.end(data);
    });
  }
}

export type Cell = string | number | boolean | Date | null;

/**
 * Formula cells on import: the value Excel last computed and saved with the file (what the clerk sees) is
 * taken, never the formula (=HYPERLINK("http://…","名称") imports as 名称). A formula saved without a value
 * (written by a program, never opened in Excel) or whose value is an error (#REF!) is refused with its row and
 * column, so nothing is guessed.
 */
function isFormula(v: unknown): boolean {
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}
function hasCachedValue(v: unknown): boolean {
  const r = (v as { result?: unknown }).result;
  return r !== undefined && r !== null && !(typeof r === 'object' && 'error' in (r as object));
}
function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

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
  await verifyInflation(buf, inspectZip(buf));
  const formulaErrors: { row: number; column: string }[] = [];
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
        const raw = (row.values as unknown[]).slice(1);
        const values = raw.map(plainCell);
        if (headers)
          raw.forEach((v, i) => {
            if (isFormula(v) && !hasCachedValue(v) && formulaErrors.length < 50)
              formulaErrors.push({ row: row.number as number, column: headers![i] || columnLetter(i + 1) });
          });
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
  if (formulaErrors.length)
    throw new AppError(
      'VALIDATION',
      formulaErrors.map(({ row, column }) => ({
        path: 'file',
        message: `第 ${row} 行“${column}”是没有计算结果的公式，请在 Excel 中复制后“选择性粘贴 → 数值”再上传 / Row ${row}, column ${column}: a formula without a value; paste it as a value`,
      })),
    );
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
