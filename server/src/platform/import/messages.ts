import { type TLocale, interpolate } from '@opsdesk/contract';
import { type ValidationIssue, describeIssue } from '../http/errors.ts';

type Texts = Record<TLocale, string>;

const TEXTS = {
  duplicateInFile: { 'zh-CN': '“{value}”与第 {row} 行重复', 'en-US': '"{value}" repeats row {row}' },
  missingColumns: {
    'zh-CN': '缺少必填列：{columns}。请使用导入模板，第一行为列标题',
    'en-US': 'Missing required columns: {columns}. Use the import template, with the headers in the first row',
  },
  noRows: { 'zh-CN': '文件中没有数据行', 'en-US': 'The file has no data rows' },
  unreadable: {
    'zh-CN': '文件无法读取，请确认是 Excel（.xlsx）或 CSV 文件',
    'en-US': 'The file cannot be read; make sure it is an Excel (.xlsx) or CSV file',
  },
  badCsv: { 'zh-CN': '第 {row} 行 CSV 格式有误（引号不成对）', 'en-US': 'Row {row}: malformed CSV (unbalanced quotes)' },
  expired: { 'zh-CN': '预览已超过 24 小时未导入，已失效，请重新上传', 'en-US': 'This preview was not imported within 24 hours and has expired; upload the file again' },
  interrupted: { 'zh-CN': '读取中断（服务器重启），请重新上传', 'en-US': 'Reading was interrupted (server restart); upload the file again' },
} satisfies Record<string, Texts>;

export function importText(key: keyof typeof TEXTS, locale: TLocale, params: Record<string, string | number> = {}): string {
  return interpolate(TEXTS[key][locale], params);
}

/**
 * A module's sheet texts in both languages: `text(key, locale, params)` in words, and `both(key)`
 * as a custom zod issue's params, which issueText below reads in the file's language.
 */
export function sheetTexts<Key extends string>(texts: Record<Key, Texts>) {
  const text = (key: Key, locale: TLocale, params: Record<string, string | number> = {}) => interpolate(texts[key][locale], params);
  const both = (key: Key, params: Record<string, string | number> = {}) => ({ 'zh-CN': text(key, 'zh-CN', params), 'en-US': text(key, 'en-US', params) });
  return { text, both };
}

/** "邮箱：邮箱格式不正确": the column as written in the file, then what is wrong, like form errors. */
export const cellMessage = (column: string, text: string, locale: TLocale) => (locale === 'zh-CN' ? `${column}：${text}` : `${column}: ${text}`);

/** A zod issue in words; a kind's custom issues bring their own text in both languages. */
export function issueText(issue: ValidationIssue & { params?: unknown }, locale: TLocale): string {
  const own = (issue.params as Partial<Texts> | undefined)?.[locale];
  return typeof own === 'string' ? own : describeIssue(issue, locale);
}
