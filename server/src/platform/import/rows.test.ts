import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { ImportColumn } from './kinds.ts';
import { isBlankRow, mapHeader, normalizeHeader, parseRow, pickFields, previewValues } from './rows.ts';

const columns: ImportColumn[] = [
  { header: '姓名', field: 'name', required: true },
  { header: '用户名', field: 'username', required: true, aliases: ['账号'] },
  { header: '邮箱', field: 'email' },
];
const schema = z.object({ name: z.string().min(1), username: z.string().min(2), email: z.email().optional() });

describe('import rows: headers, fields, per-cell errors (SPEC: per-row error report)', () => {
  it('maps headers as templates write them: required marks, spaces, aliases; unknown columns are ignored', () => {
    expect(normalizeHeader(' 姓 名* ')).toBe('姓名');
    expect(normalizeHeader('用户名（必填）')).toBe('用户名');
    const header = mapHeader(columns, ['序号', '姓名*', '账号', '备注']);
    expect(header.missing).toEqual([]);
    expect([...header.index]).toEqual([
      ['name', 1],
      ['username', 2],
    ]);
    expect(header.headers).toEqual(['姓名*', '账号']);
    // A column absent from the file is named by the template in messages.
    expect(header.label.get('email')).toBe('邮箱');
  });

  it('names the required columns a file lacks', () => {
    expect(mapHeader(columns, ['姓名', '邮箱']).missing).toEqual(['用户名']);
  });

  it('picks trimmed cells by field and leaves blanks out, so they read as missing', () => {
    const header = mapHeader(columns, ['姓名', '用户名', '邮箱']);
    expect(pickFields(header, [' 张三 ', '', 'a@b.cn'])).toEqual({ name: '张三', email: 'a@b.cn' });
    expect(previewValues(header, ['张三', 'zs'])).toEqual({ 姓名: '张三', 用户名: 'zs', 邮箱: '' });
    expect(isBlankRow(['', '  '])).toBe(true);
  });

  it('one message per faulty cell, naming the column as the file writes it, in the uploader’s language', () => {
    const header = mapHeader(columns, ['姓名', '账号', '邮箱']);
    const bad = parseRow(schema, header, { username: 'x', email: 'nope' }, 'zh-CN');
    expect(bad).toEqual({
      errors: [
        { field: 'name', column: '姓名', message: '姓名：必填' },
        { field: 'username', column: '账号', message: '账号：至少 2 个字符' },
        { field: 'email', column: '邮箱', message: '邮箱：邮箱格式不正确' },
      ],
    });
    const en = parseRow(schema, header, { name: '张三', username: 'x' }, 'en-US');
    expect(en).toEqual({ errors: [{ field: 'username', column: '账号', message: '账号: must be at least 2 characters' }] });
    expect(parseRow(schema, header, { name: '张三', username: 'zs' }, 'zh-CN')).toEqual({ value: { name: '张三', username: 'zs' } });
  });

  it('a custom issue brings its own words in both languages', () => {
    const custom = z.object({
      name: z.string().transform((v, ctx) => {
        ctx.addIssue({ code: 'custom', message: 'x', params: { 'zh-CN': '不认识', 'en-US': 'unknown' } });
        return z.NEVER;
      }),
    });
    const header = mapHeader(columns, ['姓名']);
    expect(parseRow(custom, header, { name: 'a' }, 'zh-CN')).toEqual({ errors: [{ field: 'name', column: '姓名', message: '姓名：不认识' }] });
  });
});
