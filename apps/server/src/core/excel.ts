import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface ExportColumn<T> {
  header: string;
  key: string;
  width?: number;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

/** A cell that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV/formula injection). */
export function neutralise(v: unknown): unknown {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}

/** Streams an .xlsx download; rows may be an async iterable so large exports stay in bounded memory. */
export async function sendXlsx<T>(
  reply: FastifyReply,
  filename: string,
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
): Promise<void> {
  const stream = new PassThrough();
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
