import {
  ARCHIVE_ROOT,
  IMPORTANT_LOAN_WORKING_DAYS,
  type TDocumentPermissions,
  type TLoanMedium,
  type TLoanPermissions,
  type TLoanStatus,
  type TRole,
  type TSecrecy,
  type TTidyProblem,
  type TViewMode,
  isPreviewable,
} from '@opsdesk/contract';
import { addDays, datesOfMonth } from '../../platform/calendar/dates.ts';
import { addWorkingDays } from '../../platform/calendar/rules.ts';
import type { Calendar } from '../../platform/calendar/snapshot.ts';
import { dateInZone, startOfDay, wallClock } from '../../platform/calendar/zone.ts';
import { formatDocumentCode, parseDocumentCode } from '../../platform/numbering/rules.ts';

/** DOC-4/5: the archivist (档案管理员) runs the archive: every document, every loan. */
export const isArchivist = (roles: readonly TRole[]) => roles.includes('archivist');

/** DOC-1: who edits the categories: the system administrator and the archivist. */
export const canManageCategories = (roles: readonly TRole[]) => roles.includes('admin') || isArchivist(roles);

/** DOC-1/3: 制度类/人力资源 and its archive path 文档归档/制度类/人力资源. */
export const categoryPath = (names: string[]) => names.join('/');
export const archivePathOf = (path: string) => `${ARCHIVE_ROOT}/${path}`;

/** DOC-2: the number of a document, dated by its creation day in the company zone. */
export const documentNumber = (input: { categoryCode: string; createdOn: string; name: string; version: number }) =>
  formatDocumentCode({ categoryCode: input.categoryCode, date: input.createdOn, title: input.name, version: input.version });

/** DOC-2: a number is built from the name, so the name must not hide the version suffix or be blank. */
export const nameFitsNumber = (name: string) => name.trim().length > 0 && !/-V\d+$/.test(name.trim());

export interface TidyInput {
  number: string | null;
  name: string;
  categoryCode: string;
  createdOn: string;
  version: number;
  hasFile: boolean;
  paperLocation: string | null;
  serverPath: string | null;
}

/**
 * DOC-6: what the month-end check reports for one document: no number; neither file nor paper
 * location; a server path without the file; a number that does not follow
 * `分类编码-日期-文档名称-版本号` for this document (category, date, name and version must agree).
 */
export function tidyProblems(doc: TidyInput): { problems: TTidyProblem[]; expectedNumber: string | null } {
  const problems: TTidyProblem[] = [];
  const expected = documentNumber(doc);
  if (!doc.number) problems.push('missing_number');
  if (!doc.hasFile && !doc.paperLocation && !doc.serverPath) problems.push('missing_file_or_location');
  if (!doc.hasFile && doc.serverPath) problems.push('missing_file');
  if (doc.number) {
    const parsed = parseDocumentCode(doc.number);
    const fits = parsed && parsed.categoryCode === doc.categoryCode && parsed.date === doc.createdOn && parsed.title === doc.name.trim() && parsed.version === doc.version;
    if (!fits) problems.push('name_breaks_rule');
  }
  return { problems, expectedNumber: problems.includes('name_breaks_rule') || problems.includes('missing_number') ? expected : null };
}

/** A loan of the caller's, as the permission rules need it. */
export interface LoanFacts {
  status: TLoanStatus;
  medium: TLoanMedium;
  allowDownload: boolean;
  fromDate: string;
  dueAt: string | null;
}

/**
 * DOC-5: an electronic loan opens the content from the start of its first day until its deadline,
 * by time alone — nobody has to act for access to end.
 */
export function isLoanCurrent(loan: LoanFacts, now: Date, timeZone: string): boolean {
  if (loan.status !== 'lent' || loan.medium !== 'electronic' || !loan.dueAt) return false;
  return now >= startOfDay(loan.fromDate, timeZone) && now < new Date(loan.dueAt);
}

export const OPEN_STATUSES: readonly TLoanStatus[] = ['applied', 'changes_requested', 'approved', 'lent'];
export const isOpenLoan = (status: TLoanStatus) => OPEN_STATUSES.includes(status);

export interface AccessFacts {
  actor: { id: number; name: string; roles: readonly TRole[] };
  ownerId: number;
  secrecy: TSecrecy;
  void: boolean;
  file: { mimeType: string; fileName: string } | null;
  paperLocation: string | null;
  /** The caller's own loans of this document. */
  myLoans: LoanFacts[];
}

export type TextKind = 'pdf' | 'docx' | 'xlsx' | 'text';

/** Which extractor reads a file (extract.ts): pdf.js for PDF, mammoth for .docx, exceljs for .xlsx, plain text as is. */
export function extractorFor(file: { mimeType: string; fileName: string }): TextKind | null {
  const name = file.fileName.toLowerCase();
  if (file.mimeType === 'application/pdf') return 'pdf';
  if (name.endsWith('.docx')) return 'docx';
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (file.mimeType.startsWith('text/') || name.endsWith('.txt') || name.endsWith('.csv')) return 'text';
  return null;
}

/** "张三 2026-11-26 10:05": the watermark of a view (DOC-4), in the company zone. */
export function watermarkText(name: string, now: Date, timeZone: string): string {
  const { date, ms } = wallClock(now, timeZone);
  const minutes = Math.floor(ms / 60_000);
  return `${name} ${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * DOC-4/5/8 (ALL-7) for a document the caller may know exists:
 * - internal: content for everyone who sees it;
 * - secret: content for the owner and the archivist, or during a current electronic loan;
 *   download only for them or a loan that allows it — otherwise view-only, watermarked;
 * - void (作废) versions: content for the archivist only.
 * No role is implied beyond these: the system administrator and the general manager get nothing extra.
 */
export function documentPermissions(f: AccessFacts, now: Date, timeZone: string): TDocumentPermissions {
  const archivist = isArchivist(f.actor.roles);
  const owner = f.ownerId === f.actor.id;
  const current = f.myLoans.filter((l) => isLoanCurrent(l, now, timeZone));
  const live = !f.void;
  let canView = false;
  let canDownload = false;
  if (f.file && (live || archivist)) {
    if (f.secrecy === 'internal') {
      canView = true;
      canDownload = true;
    } else {
      const lent = live && current.length > 0;
      canView = archivist || (live && owner) || lent;
      canDownload = archivist || (live && owner) || (lent && current.some((l) => l.allowDownload));
    }
  }
  const viewMode: TViewMode | null = canView && f.file ? (isPreviewable(f.file.mimeType) ? 'inline' : extractorFor(f.file) ? 'text' : null) : null;
  const hasOpen = f.myLoans.some((l) => isOpenLoan(l.status));
  return {
    canView,
    viewMode,
    canDownload,
    watermark: canView && f.secrecy === 'secret' ? watermarkText(f.actor.name, now, timeZone) : null,
    canEdit: live && (archivist || owner),
    canArchive: live && archivist,
    canNewVersion: live && (archivist || owner),
    canGrant: live && f.secrecy === 'secret' && (archivist || owner),
    canBorrow: live && !hasOpen && (f.file !== null || f.paperLocation !== null),
    canSeeLoans: archivist || owner,
  };
}

/** DOC-5: what may be done with a loan now, by whom. */
export function loanPermissions(loan: { status: TLoanStatus; borrowerId: number }, actor: { id: number; roles: readonly TRole[] }): TLoanPermissions {
  const archivist = isArchivist(actor.roles);
  const borrower = loan.borrowerId === actor.id;
  return {
    canRegister: archivist && loan.status === 'approved',
    canReturn: archivist && loan.status === 'lent',
    canResubmit: borrower && loan.status === 'changes_requested',
    canWithdraw: borrower && (loan.status === 'changes_requested' || loan.status === 'approved'),
  };
}

export type LoanDateProblem =
  | { field: 'from' | 'to'; code: 'LOAN_DATES'; limit: string }
  | { field: 'to' | 'dueDate'; code: 'LOAN_TOO_LONG'; latest: string };

/** DOC-5: the latest return date of an important (重要) document lent from `from`: 3 working days on (ALL-6). */
export const latestReturnDate = (cal: Calendar, from: string) => addWorkingDays(cal, from, IMPORTANT_LOAN_WORKING_DAYS).date;

/** DOC-5: a loan starts today or later, ends on or after its start, and (重要) within 3 working days. */
export function checkLoanDates(cal: Calendar, input: { from: string; to: string; important: boolean; today: string; field?: 'to' | 'dueDate' }): LoanDateProblem | null {
  if (input.from < input.today) return { field: 'from', code: 'LOAN_DATES', limit: input.today };
  if (input.to < input.from) return { field: 'to', code: 'LOAN_DATES', limit: input.from };
  if (input.important) {
    const latest = latestReturnDate(cal, input.from);
    if (input.to > latest) return { field: input.field ?? 'to', code: 'LOAN_TOO_LONG', latest };
  }
  return null;
}

/** DOC-6: the first and last day of `2026-Q4`. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(-1));
  const first = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const last = datesOfMonth(`${year}-${String(q * 3).padStart(2, '0')}`).at(-1)!;
  return { from: first, to: last };
}

/** DOC-6: the first and last day of `2026-11`. */
export function monthRange(month: string): { from: string; to: string } {
  const days = datesOfMonth(month);
  return { from: days[0]!, to: days.at(-1)! };
}

/** DOC-6: the month whose last day `now` is (company zone), or null on any other day. */
export function monthEndingToday(now: Date, timeZone: string): string | null {
  const today = dateInZone(now, timeZone);
  return addDays(today, 1).slice(0, 7) !== today.slice(0, 7) ? today.slice(0, 7) : null;
}

/** 借阅记录 cell: `张三(2023-09-25/2023-09-28)`, several joined with `；`; an open loan ends `/未归还`. */
export interface LoanRecord {
  borrower: string;
  from: string;
  returnedOn: string | null;
}
export const NOT_RETURNED = '未归还';

export function formatLoanRecords(records: LoanRecord[]): string {
  return records.map((r) => `${r.borrower}(${r.from}/${r.returnedOn ?? NOT_RETURNED})`).join('；');
}

/** The inverse of formatLoanRecords; null when the text is not in that form. `-` or blank: none. */
export function parseLoanRecords(text: string | undefined): LoanRecord[] | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '' || trimmed === '-' || trimmed === '—') return [];
  const out: LoanRecord[] = [];
  for (const part of trimmed.split(/[；;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[(（]\s*(\d{4}-\d{2}-\d{2})\s*[/／~～至]\s*(\d{4}-\d{2}-\d{2}|未归还)\s*[)）]$/.exec(part);
    if (!m) return null;
    const returnedOn = m[3] === NOT_RETURNED ? null : m[3]!;
    if (returnedOn !== null && returnedOn < m[2]!) return null;
    out.push({ borrower: m[1]!.trim(), from: m[2]!, returnedOn });
  }
  return out;
}

/** The archive-growth chart's months: the 12 up to `today`'s, oldest first, as YYYY-MM. */
export function lastTwelveMonths(today: string): string[] {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return Array.from({ length: 12 }, (_, i) => {
    const index = year * 12 + month - 1 - (11 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
