import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportStream } from './export.ts';
import type { ExportColumn } from './format.ts';
import { keysetRows } from './keyset.ts';

interface Row {
  no: number;
  name: string;
  note: string;
  due: Date | null;
}
const columns: ExportColumn<Row>[] = [
  { header: '编号', value: (r) => r.no },
  { header: '名称', value: (r) => r.name },
  { header: '备注', value: (r) => r.note },
  { header: '截止日期', value: (r) => r.due, type: 'date' },
];
const rows: Row[] = [
  { no: 1, name: '张三', note: '含,逗号 "引号"\n换行', due: new Date('2026-11-26T16:30:00Z') },
  { no: 2, name: '=1+1', note: '@evil', due: null },
];
async function* fromArray<T>(items: T[]) {
  for (const item of items) yield item;
}
const collect = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};
const options = (format: 'xlsx' | 'csv') => ({ format, filename: 'x', columns, rows: fromArray(rows), timeZone: 'Asia/Shanghai', sheetName: '测试' });

describe('exportList streams', () => {
  it('CSV: UTF-8 with BOM, Chinese headers, RFC 4180 quoting, formula guard, dates as YYYY-MM-DD', async () => {
    const body = await collect(exportStream(options('csv')));
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.subarray(3).toString('utf8')).toBe(
      '编号,名称,备注,截止日期\r\n' + '1,张三,"含,逗号 ""引号""\n换行",2026-11-27\r\n' + "2,'=1+1,'@evil,\r\n",
    );
  });

  it('XLSX: header row, typed cells, real date cells, formula guard', async () => {
    const body = await collect(exportStream(options('xlsx')));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('测试');
    expect(sheet.getRow(1).values).toEqual([undefined, '编号', '名称', '备注', '截止日期']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(3).value).toBe('含,逗号 "引号"\n换行');
    expect(first.getCell(4).value).toEqual(new Date('2026-11-27T00:00:00Z'));
    expect(first.getCell(4).numFmt).toBe('yyyy-mm-dd');
    const second = sheet.getRow(3);
    expect(second.getCell(2).value).toBe("'=1+1");
    expect(second.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(second.getCell(4).value).toBeNull();
  });

  it('reads the source in keyset pages, never all at once', async () => {
    const pages: (number | null)[] = [];
    const ids = Array.from({ length: 25 }, (_, i) => i + 1);
    const source = keysetRows<{ id: number }, number>(
      async (after, limit) => {
        pages.push(after);
        return ids.filter((id) => id > (after ?? 0)).slice(0, limit).map((id) => ({ id }));
      },
      (r) => r.id,
      10,
    );
    const seen: number[] = [];
    for await (const row of source) seen.push(row.id);
    expect(seen).toEqual(ids);
    expect(pages).toEqual([null, 10, 20]);
  });
});
