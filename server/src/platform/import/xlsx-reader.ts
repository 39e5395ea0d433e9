import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';

type Chunk = Buffer | Uint8Array | string;

/** Bytes of `buf` that end on a whole UTF-8 character (the rest waits for the next chunk). */
export function wholeCharLength(buf: Uint8Array): number {
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (buf[i]! & 0xc0) === 0x80) {
    i -= 1;
    continuation += 1;
  }
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i >= size ? buf.length : i;
}

/** Re-cuts a byte stream so that no chunk ends inside a UTF-8 character. */
export async function* utf8Aligned(source: AsyncIterable<Chunk>): AsyncGenerator<Chunk> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    const buf = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const cut = wholeCharLength(buf);
    carry = buf.subarray(cut);
    if (cut) yield buf.subarray(0, cut);
  }
  if (carry.length) yield carry;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  [Symbol.asyncIterator](): AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader>;
}
const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) => ReaderInternals;

/**
 * exceljs 4.4's streaming reader decodes each zip chunk on its own (utils/parse-sax.js), so a
 * Chinese character split between two chunks turns into U+FFFD — in a large sheet, every few
 * thousand rows. The worksheet and shared-strings streams are re-cut on character boundaries
 * before exceljs sees them.
 */
export class WorkbookReader extends Base {
  override _parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string) {
    return super._parseWorksheet(utf8Aligned(iterator), sheetNo);
  }
  override _parseSharedStrings(entry: Readable) {
    return super._parseSharedStrings(Readable.from(utf8Aligned(entry), { objectMode: false }));
  }
}
