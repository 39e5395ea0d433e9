import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportStream } from '../export/export.ts';
import { cellToText, readSheet, sniffEncoding } from './read.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, data: Buffer | string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
};
const readAll = async (file: string, format: 'xlsx' | 'csv') => {
  const rows = [];
  for await (const row of readSheet(file, format).rows) rows.push(row);
  return rows;
};

describe('reading uploaded sheets (SPEC: import from .xlsx/.csv)', () => {
  it('CSV: UTF-8 with or without BOM; row numbers as Excel shows them, quoted line breaks included', async () => {
    const text = '姓名,备注\r\n张三,"两\r\n行"\r\n\r\n李四,x\r\n';
    for (const data of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), Buffer.from(text)]) {
      const rows = await readAll(write('utf8.csv', data), 'csv');
      expect(rows).toEqual([
        { rowNo: 1, cells: ['姓名', '备注'] },
        { rowNo: 2, cells: ['张三', '两\r\n行'] },
        { rowNo: 3, cells: [''] },
        { rowNo: 4, cells: ['李四', 'x'] },
      ]);
    }
  });

  it('CSV saved by Chinese Excel (GBK / GB18030) is detected and decoded', async () => {
    // "姓名,部门\n张三,行政部" in GBK.
    const gbk = Buffer.from('d0d5c3fb2cb2bfc3c50ad5c5c8fd2cd0d0d5feb2bf', 'hex');
    expect(sniffEncoding(gbk)).toBe('gb18030');
    expect(sniffEncoding(Buffer.from('姓名'))).toBe('utf-8');
    const rows = await readAll(write('gbk.csv', gbk), 'csv');
    expect(rows.map((r) => r.cells)).toEqual([
      ['姓名', '部门'],
      ['张三', '行政部'],
    ]);
  });

  it('undoes the formula guard of our own exports', async () => {
    const rows = await readAll(write('guard.csv', "a,b\r\n'=1+1,'+86 138\r\n"), 'csv');
    expect(rows[1]?.cells).toEqual(['=1+1', '+86 138']);
  });

  it('a CSV with an unclosed quote fails with the line', async () => {
    await expect(readAll(write('bad.csv', 'a,b\n"x,2\n'), 'csv')).rejects.toMatchObject({ code: 'CSV_QUOTE_NOT_CLOSED', lines: 2 });
  });

  it('XLSX: first sheet only, numbers and dates kept as given, progress in bytes', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名册');
    sheet.addRow(['工号', '手机号', '入职日期', '备注']);
    sheet.addRow([1001, 13800000000, new Date(Date.UTC(2026, 10, 26)), { richText: [{ text: '富' }, { text: '文本' }] }]);
    sheet.addRow([]);
    sheet.addRow(['A-2', { formula: '1+1', result: 2 }, null, "'=cmd"]);
    sheet.getCell('C2').numFmt = 'yyyy-mm-dd';
    book.addWorksheet('其他').addRow(['不读']);
    const file = write('book.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    const reader = readSheet(file, 'xlsx');
    const rows = [];
    for await (const row of reader.rows) rows.push(row);
    expect(rows).toEqual([
      { rowNo: 1, cells: ['工号', '手机号', '入职日期', '备注'] },
      { rowNo: 2, cells: ['1001', '13800000000', '2026-11-26', '富文本'] },
      { rowNo: 4, cells: ['A-2', '2', '', '=cmd'] },
    ]);
    expect(reader.bytesRead()).toBe(fs.statSync(file).size);
  });

  it('reads back what exportList wrote (.xlsx streamed, inline strings)', async () => {
    async function* rows() {
      yield { name: '张三', due: '2026-11-26' };
    }
    const stream = exportStream({
      format: 'xlsx',
      filename: 'x',
      timeZone: 'Asia/Shanghai',
      rows: rows(),
      columns: [
        { header: '姓名', value: (r: { name: string }) => r.name },
        { header: '日期', value: (r: { due: string }) => r.due, type: 'date' },
      ],
    });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const read = await readAll(write('export.xlsx', Buffer.concat(chunks)), 'xlsx');
    expect(read.map((r) => r.cells)).toEqual([
      ['姓名', '日期'],
      ['张三', '2026-11-26'],
    ]);
  });

  it('a file that is not a zip fails instead of hanging', async () => {
    await expect(readAll(write('fake.xlsx', 'hello,world\n'), 'xlsx')).rejects.toThrow();
  });

  it('cell values become the text the user sees', () => {
    expect(cellToText(new Date('2026-11-26T09:30:00Z'))).toBe('2026-11-26 09:30');
    expect(cellToText(true)).toBe('TRUE');
    expect(cellToText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellToText({ error: '#N/A' })).toBe('#N/A');
    expect(cellToText(0.5)).toBe('0.5');
  });
});
