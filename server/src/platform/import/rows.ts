import { safeParse } from 'zod/v4/core';
import type { $ZodType } from 'zod/v4/core';
import type { TLocale } from '@opsdesk/contract';
import type { ValidationIssue } from '../http/errors.ts';
import type { ImportColumn } from './kinds.ts';
import { cellMessage, issueText } from './messages.ts';

/** Where each field's column sits in the file, and the headers as the file writes them. */
export interface HeaderMap {
  /** field → 0-based cell index. */
  index: Map<string, number>;
  /** field → header text in the file (the template's when absent), for messages. */
  label: Map<string, string>;
  /** Recognised headers, in file order. */
  headers: string[];
  /** Required columns the file lacks (template headers). */
  missing: string[];
}

/** "姓名*", " 姓 名 ", "用户名（必填）" all mean 姓名 / 用户名: templates mark required columns so. */
export const normalizeHeader = (text: string) =>
  text
    .replace(/[（(](必填|选填|required|optional)[）)]/gi, '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();

export function mapHeader(columns: ImportColumn[], cells: string[]): HeaderMap {
  const wanted = new Map<string, ImportColumn>();
  for (const column of columns) for (const name of [column.header, ...(column.aliases ?? [])]) wanted.set(normalizeHeader(name), column);
  const index = new Map<string, number>();
  const label = new Map<string, string>();
  const headers: string[] = [];
  cells.forEach((cell, i) => {
    const column = wanted.get(normalizeHeader(cell));
    if (!column || index.has(column.field)) return; // unknown or repeated columns are ignored
    index.set(column.field, i);
    label.set(column.field, cell.trim());
    headers.push(cell.trim());
  });
  const missing = columns.filter((c) => c.required && !index.has(c.field)).map((c) => c.header);
  for (const c of columns) if (!label.has(c.field)) label.set(c.field, c.header);
  return { index, label, headers, missing };
}

export const isBlankRow = (cells: string[]) => cells.every((c) => c.trim() === '');

/** field → trimmed text; blank cells are left out, so "required" reads as missing. */
export function pickFields(header: HeaderMap, cells: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, i] of header.index) {
    const text = cells[i]?.trim() ?? '';
    if (text !== '') out[field] = text;
  }
  return out;
}

/** header → text, for the preview table. */
export function previewValues(header: HeaderMap, cells: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, i] of header.index) out[header.label.get(field) ?? field] = cells[i] ?? '';
  return out;
}

export interface CellError {
  field: string | null;
  column: string | null;
  message: string;
}

/** ALL-5: runs the kind's row schema: the parsed value, or one error per faulty cell, naming it. */
export function parseRow<Row>(schema: $ZodType, header: HeaderMap, raw: Record<string, string>, locale: TLocale): { value: Row } | { errors: CellError[] } {
  const result = safeParse(schema, raw, { reportInput: true });
  if (result.success) return { value: result.data as Row };
  const seen = new Set<string>();
  const errors: CellError[] = [];
  for (const issue of result.error.issues as unknown as (ValidationIssue & { params?: unknown })[]) {
    const field = issue.path.length ? String(issue.path[0]) : null;
    const key = field ?? '_';
    if (seen.has(key)) continue; // one message per cell is enough
    seen.add(key);
    errors.push(cellError(header, field, issueText(issue, locale), locale));
  }
  return { errors };
}

export function cellError(header: HeaderMap, field: string | null, text: string, locale: TLocale): CellError {
  const column = field ? (header.label.get(field) ?? null) : null;
  return { field, column, message: column ? cellMessage(column, text, locale) : text };
}
