import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readSheet } from './read.ts';
import { utf8Aligned, wholeCharLength } from './xlsx-reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROWS = 5000;
const rowOf = (i: number) => [`员工${i}`, `运营部第${i % 7}组`, '系统管理员、员工'];

async function readAll(file: string) {
  const rows: string[][] = [];
  for await (const row of readSheet(file, 'xlsx').rows) rows.push(row.cells);
  return rows;
}

describe('xlsx streaming read keeps Chinese intact across chunk boundaries', () => {
  it('cuts byte chunks only between UTF-8 characters', async () => {
    const bytes = Buffer.from('a张b三😀');
    expect(wholeCharLength(bytes.subarray(0, 2))).toBe(1); // "a" + first byte of 张
    expect(wholeCharLength(bytes.subarray(0, 4))).toBe(4);
    expect(wholeCharLength(bytes.subarray(0, bytes.length - 1))).toBe(bytes.length - 4);
    async function* byteByByte() {
      for (const b of bytes) yield Buffer.from([b]);
    }
    const decoded: string[] = [];
    for await (const chunk of utf8Aligned(byteByByte())) decoded.push(new TextDecoder().decode(chunk as Buffer));
    expect(decoded.join('')).toBe('a张b三😀');
    expect(decoded.every((s) => !s.includes('\uFFFD'))).toBe(true);
  });

  it('inline strings (our streaming exports): every row reads back unchanged', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const sheet = book.addWorksheet('名册');
    for (let i = 1; i <= ROWS; i++) sheet.addRow(rowOf(i)).commit();
    sheet.commit();
    await book.commit();
    const file = path.join(dir, 'inline.xlsx');
    fs.writeFileSync(file, Buffer.concat(chunks));
    const rows = await readAll(file);
    expect(rows).toHaveLength(ROWS);
    rows.forEach((cells, i) => expect(cells).toEqual(rowOf(i + 1)));
  });

  it('shared strings (what Excel and WPS save): every row reads back unchanged', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名册');
    for (let i = 1; i <= ROWS; i++) sheet.addRow(rowOf(i));
    const file = path.join(dir, 'shared.xlsx');
    await book.xlsx.writeFile(file);
    const rows = await readAll(file);
    expect(rows).toHaveLength(ROWS);
    rows.forEach((cells, i) => expect(cells).toEqual(rowOf(i + 1)));
  });
});
