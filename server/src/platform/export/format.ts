/** What a column may yield for one row. Dates become YYYY-MM-DD (company day). */
export type CellValue = string | number | boolean | Date | null | undefined;

export interface ExportColumn<R> {
  /** The template's header, as the SPEC names it (Chinese). */
  header: string;
  value: (row: R) => CellValue;
  /** `date`: a YYYY-MM-DD string (or a Date) written as a real date cell in .xlsx. */
  type?: 'text' | 'date';
  /** Column width in characters (.xlsx only). */
  width?: number;
}

// OWASP "CSV injection": a cell starting with one of these is run as a formula by Excel/WPS.
// A lone "-" (the templates' "none", e.g. 验收意见 in the 任务跟踪表 seed) cannot be one and stays as written.
const FORMULA_START = /^(?:[=+@\t\r]|-.)/s;
const GUARDED = /^'[=+\-@\t\r]/;

/** Prefixes a quote so spreadsheet programs show the text instead of evaluating it. */
export const guardFormula = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
/** The inverse, applied on import, so our own exports round-trip unchanged. */
export const unguardFormula = (text: string) => (GUARDED.test(text) ? text.slice(1) : text);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// One formatter per zone: building an Intl.DateTimeFormat costs ~60 µs, too much per cell.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** The company calendar day (YYYY-MM-DD) of an instant. */
export function dayOf(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A cell as text: what the CSV holds and what xlsx text cells hold. */
export function cellText(value: CellValue, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dayOf(value, timeZone);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return guardFormula(value);
}

/** The value stored in an .xlsx cell: numbers stay numbers, dates become date cells. */
export function xlsxValue(value: CellValue, type: ExportColumn<unknown>['type'], timeZone: string): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  // Excel dates carry no zone: the company day at UTC midnight reads back as that same day.
  if (value instanceof Date) return new Date(`${dayOf(value, timeZone)}T00:00:00Z`);
  if (type === 'date' && ISO_DAY.test(value)) return new Date(`${value}T00:00:00Z`);
  return guardFormula(value);
}

/** RFC 4180: fields with quotes, commas or line breaks are quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export const csvRecord = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;
