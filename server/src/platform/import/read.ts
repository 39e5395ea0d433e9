import { parse } from 'csv-parse';
import fs from 'node:fs';
import { Transform, pipeline } from 'node:stream';
import type { TExportFormat } from '@opsdesk/contract';
import { unguardFormula } from '../export/format.ts';
import { WorkbookReader } from './xlsx-reader.ts';

/** One row as Excel numbers it (the header is usually row 1), its cells as text. */
export interface SheetRow {
  rowNo: number;
  cells: string[];
}

export interface SheetReader {
  rows: AsyncGenerator<SheetRow>;
  /** Bytes of the file consumed so far: the progress bar while the row count is unknown. */
  bytesRead: () => number;
}

/** Reads the first worksheet of an .xlsx, or a .csv, as a stream of rows; never the whole file. */
export function readSheet(path: string, format: TExportFormat): SheetReader {
  const input = fs.createReadStream(path);
  return { rows: format === 'xlsx' ? xlsxRows(input) : csvRows(input), bytesRead: () => input.bytesRead };
}

async function* xlsxRows(input: fs.ReadStream): AsyncGenerator<SheetRow> {
  // Styles are needed to tell dates from numbers; hyperlinks and other sheets are not.
  const workbook = new WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        // exceljs rows are 1-based sparse arrays.
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellToText(values[i]));
        yield { rowNo: row.number, cells };
      }
      return;
    }
  } finally {
    input.destroy();
  }
}

/** An exceljs cell value as the text the user sees; numbers and dates are kept as given. */
export function cellToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unguardFormula(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    // Excel dates carry no zone; exceljs hands them over as UTC wall-clock time.
    const iso = value.toISOString();
    return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return unguardFormula(v.richText.map((r) => r.text).join(''));
    if ('result' in v) return cellToText(v.result);
    if (v.text !== undefined) return cellToText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

async function* csvRows(input: fs.ReadStream): AsyncGenerator<SheetRow> {
  // pipeline: a read error reaches the parser, and so the loop below, instead of hanging it.
  const parser = pipeline(input, decodeText(), parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }), () => undefined);
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo += 1;
      yield { rowNo, cells: record.map(unguardFormula) };
    }
  } finally {
    input.destroy();
  }
}

/**
 * UTF-8 (with or without BOM) or, when the first chunk is not valid UTF-8, GB18030 — what Excel
 * on a Chinese Windows saves as "CSV" (a superset of GBK and GB2312).
 */
export function sniffEncoding(head: Uint8Array): 'utf-8' | 'gb18030' {
  try {
    // stream: true tolerates a character cut in half at the chunk's end.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function decodeText(): Transform {
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      decoder ??= new TextDecoder(sniffEncoding(chunk));
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder?.decode() ?? '');
    },
  });
}
