import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface ExportColumn<T> {
  header: string;
  key: string;
  width?: number;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

/**
 * A cell that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV/formula injection,
 * OWASP "CSV Injection", ASVS 1.2.10): text starting with = + - @, tab, carriage return or NUL. Numbers,
 * dates and booleans are never touched. In .xlsx the value is also written as a plain string (never a `<f>`),
 * so the apostrophe shows; it is what OWASP recommends for files that may be re-saved as CSV.
 */
export function neutralise(v: unknown): unknown {
  if (typeof v === 'string' && /^[=+\-@\t\r\0]/.test(v)) return `'${v}`;
  return v;
}

/** One CSV field (RFC 4180): text is neutralised and always quoted; numbers, booleans and dates are bare. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return `"${String(neutralise(String(v))).replace(/"/g, '""')}"`;
}

/** One CSV record, CRLF-terminated. */
export const csvLine = (values: unknown[]) => `${values.map(csvField).join(',')}\r\n`;

/** `?format=csv` on a list export: read from the raw URL so every export's query schema stays as it is. */
function wantsCsv(reply: FastifyReply): boolean {
  const url = reply.request?.url ?? '';
  const qs = url.indexOf('?');
  return qs >= 0 && new URLSearchParams(url.slice(qs + 1)).get('format') === 'csv';
}

/**
 * Streams a list export: .xlsx by default, or UTF-8 CSV (with a BOM so Excel reads Chinese) when the URL
 * has `format=csv`. Rows may be an async iterable so large exports stay in bounded memory. Every text cell
 * goes through `neutralise` in both formats.
 */
export async function sendXlsx<T>(
  reply: FastifyReply,
  filename: string,
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
): Promise<void> {
  const stream = new PassThrough();
  if (wantsCsv(reply)) {
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(filename.replace(/\.xlsx$/i, '.csv'))}`,
      );
    const sent = reply.send(stream);
    stream.write(`\uFEFF${csvLine(columns.map((c) => c.header))}`);
    for await (const row of rows as AsyncIterable<T>) {
      if (!stream.write(csvLine(columns.map((c) => c.value(row) ?? null))))
        await new Promise((r) => stream.once('drain', r));
    }
    stream.end();
    await sent;
    return;
  }
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  const sent = reply.send(stream);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  for await (const row of rows as AsyncIterable<T>) {
    const out: Record<string, unknown> = {};
    for (const c of columns) out[c.key] = neutralise(c.value(row) ?? null);
    ws.addRow(out).commit();
  }
  ws.commit();
  await wb.commit();
  await sent;
}
