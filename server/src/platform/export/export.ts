import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { PassThrough, Readable } from 'node:stream';
import type { TExportFormat } from '@opsdesk/contract';
import { contentDisposition } from '../files/rules.ts';
import { type ExportColumn, cellText, csvRecord, xlsxValue } from './format.ts';

export interface ExportOptions<R> {
  format: TExportFormat;
  /** Without extension: 人员名册-20261126. */
  filename: string;
  columns: ExportColumn<R>[];
  /** Read in pages by the caller (see keyset.ts): never one giant array. */
  rows: AsyncIterable<R>;
  /** Company time zone: Date values become this zone's calendar day. */
  timeZone: string;
  sheetName?: string;
}

const UTF8_BOM = '\uFEFF';
const CONTENT_TYPES: Record<TExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
// Rows between checks of the consumer's pace; keeps what is buffered per response small.
const PACE_EVERY = 256;

/** Sends a list as a download, streamed: memory stays flat however many rows there are. */
export function exportList<R>(reply: FastifyReply, options: ExportOptions<R>): FastifyReply {
  return reply
    .header('content-type', CONTENT_TYPES[options.format])
    .header('content-disposition', contentDisposition('attachment', `${options.filename}.${options.format}`))
    .header('cache-control', 'no-store')
    .send(exportStream(options));
}

export function exportStream<R>(options: ExportOptions<R>): Readable {
  return options.format === 'csv' ? csvStream(options) : xlsxStream(options);
}

/** UTF-8 with a BOM, so Excel opens Chinese text correctly; pulled row by row by the consumer. */
function csvStream<R>({ columns, rows, timeZone }: ExportOptions<R>): Readable {
  async function* lines() {
    let chunk = UTF8_BOM + csvRecord(columns.map((c) => c.header));
    for await (const row of rows) {
      chunk += csvRecord(columns.map((c) => cellText(c.value(row), timeZone)));
      if (chunk.length >= 16_384) {
        yield Buffer.from(chunk, 'utf8');
        chunk = '';
      }
    }
    yield Buffer.from(chunk, 'utf8');
  }
  return Readable.from(lines(), { objectMode: false });
}

/**
 * exceljs' streaming writer pushes into its zip without waiting for the consumer, so the pace is
 * set here: every few rows, wait while the response is not draining.
 */
function xlsxStream<R>({ columns, rows, timeZone, sheetName }: ExportOptions<R>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName ?? 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width ?? 16, style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {} }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();

  const write = async () => {
    let n = 0;
    for await (const row of rows) {
      if (out.destroyed) return; // the client went away: stop reading the database
      sheet.addRow(columns.map((c) => xlsxValue(c.value(row), c.type, timeZone))).commit();
      if (++n % PACE_EVERY === 0) await paced(out);
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

async function paced(out: PassThrough): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done).off('close', done);
      resolve();
    };
    out.on('drain', done).on('close', done);
  });
}
