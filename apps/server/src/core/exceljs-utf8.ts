import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';

/**
 * ExcelJS 4.4's streaming reader decodes every inflated chunk of a sheet on its own, so a Chinese character whose
 * three UTF-8 bytes straddle two chunks becomes U+FFFD: in a 50,000-row workbook about 1 name in 750 came back
 * garbled, silently (exceljs issues #2063 and #2084; the fix, PR #1665, is unmerged). This replaces ExcelJS's
 * internal `parse-sax` with the same function decoding through one streaming TextDecoder per entry.
 *
 * It must run before ExcelJS is first loaded: server.ts and app.ts import it first, and the test setup loads it
 * before any test file. If ExcelJS was loaded earlier the patch cannot take effect, and this module throws.
 */
const require = createRequire(import.meta.url);
const saxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const PATCHED = Symbol.for('beizeng.exceljs-utf8');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

async function* parseSax(source: AsyncIterable<Buffer | string> | NodeJS.ReadableStream) {
  let iterable = source as AsyncIterable<Buffer | string>;
  if ((source as NodeJS.ReadableStream).pipe && !(Symbol.asyncIterator in source))
    iterable = (source as NodeJS.ReadableStream).pipe(new PassThrough());
  const { SaxesParser } = createRequire(saxPath)('saxes');
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: unknown;
  let events: SaxEvent[] = [];
  parser.on('error', (e: unknown) => {
    error = e;
  });
  parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}
(parseSax as any)[PATCHED] = true;

const cached = require.cache[saxPath];
if (!cached?.exports?.[PATCHED]) {
  const readers = ['exceljs/lib/stream/xlsx/workbook-reader.js', 'exceljs/lib/stream/xlsx/worksheet-reader.js'];
  if (readers.some((r) => require.cache[require.resolve(r)]))
    throw new Error('ExcelJS was loaded before core/exceljs-utf8.ts; import it first');
  require(saxPath);
  require.cache[saxPath]!.exports = parseSax;
}
