import { type SQL, and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import {
  ARCHIVE_STATUS_LABELS,
  SECRECY_LABELS,
  type TDocumentCategory,
  type TExportFormat,
  type TLocale,
  type ZDocumentExportQuery,
} from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { dateInZone, startOfDay } from '../../platform/calendar/zone.ts';
import type { ExportOptions } from '../../platform/export/export.ts';
import { dayOf } from '../../platform/export/format.ts';
import { keysetRows } from '../../platform/export/keyset.ts';
import { mutate } from '../../platform/http/context.ts';
import { isUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ImportKind, RowProblem } from '../../platform/import/kinds.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import { people } from '../org/schema.ts';
import { DOCUMENT_SHEET, type CategoryRef, SERVER_PREFIX, type TDocumentSheetRow, ZDocumentSheetRow, formatLocations, ioText, resolveCategory } from './io.rules.ts';
import { documentWhere } from './queries.service.ts';
import { formatLoanRecords, isArchivist } from './rules.ts';
import { documentCategories, documentLoans, documents } from './schema.ts';
import { type DocCtx, type DocumentRow, loadCategories, selectDocuments } from './store.ts';

export const REGISTER_TITLE = '文档归档登记表';
export const ARCHIVE_LIST_TITLE = '文档归档清单';

type SheetRow = DocumentRow & { category: TDocumentCategory; loanText: string };
type Field = (typeof DOCUMENT_SHEET)[number]['field'];

const VALUES: Record<Field, (r: SheetRow) => string | null> = {
  number: (r) => r.number,
  name: (r) => r.name,
  category: (r) => r.category.path,
  version: (r) => `V${r.version}`,
  secrecy: (r) => SECRECY_LABELS[r.secrecy]['zh-CN'],
  creator: (r) => r.creatorName,
  createdOn: (r) => r.createdOn,
  location: (r) => formatLocations({ serverPath: r.fileId ? `${SERVER_PREFIX}${r.category.archivePath}` : r.serverPath, paperLocation: r.paperLocation }),
  loans: (r) => r.loanText,
  archiveStatus: (r) => ARCHIVE_STATUS_LABELS[r.archiveStatus]['zh-CN'],
};

/** 借阅记录 of a page of documents: every loan that went out (lent or returned), oldest first. */
async function loanTexts(db: Db, ids: number[], timeZone: string): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ documentId: documentLoans.documentId, borrower: people.name, from: documentLoans.fromDate, returnedAt: documentLoans.returnedAt })
    .from(documentLoans)
    .innerJoin(people, eq(people.id, documentLoans.borrowerId))
    .where(and(inArray(documentLoans.documentId, ids), inArray(documentLoans.status, ['lent', 'returned'])))
    .orderBy(asc(documentLoans.fromDate), asc(documentLoans.id));
  const out = new Map<number, { borrower: string; from: string; returnedOn: string | null }[]>();
  for (const r of rows) out.set(r.documentId, [...(out.get(r.documentId) ?? []), { borrower: r.borrower, from: r.from, returnedOn: r.returnedAt ? dateInZone(new Date(r.returnedAt), timeZone) : null }]);
  return new Map([...out].map(([id, records]) => [id, formatLoanRecords(records)]));
}

function sheetRows(ctx: DocCtx, where: SQL | undefined, categories: Map<number, TDocumentCategory>): AsyncIterable<SheetRow> {
  return keysetRows<SheetRow, number>(
    async (after, limit) => {
      const page = await selectDocuments(ctx.db)
        .where(and(where, after === null ? undefined : gt(documents.id, after)))
        .orderBy(asc(documents.id))
        .limit(limit);
      const loans = await loanTexts(
        ctx.db,
        page.map((r) => r.id),
        ctx.timeZone,
      );
      return page.map((r) => ({ ...r, category: categories.get(r.categoryId)!, loanText: loans.get(r.id) ?? '-' }));
    },
    (r) => r.id,
  );
}

function sheet(ctx: DocCtx, title: string, format: TExportFormat, rows: AsyncIterable<SheetRow>): ExportOptions<SheetRow> {
  return {
    format,
    filename: `${title}-${dayOf(ctx.now, ctx.timeZone).replace(/-/g, '')}`,
    sheetName: title,
    columns: DOCUMENT_SHEET.map((c) => ({ header: c.header, value: VALUES[c.field], width: c.field === 'location' || c.field === 'loans' ? 32 : c.field === 'number' ? 34 : 16 })),
    rows,
    timeZone: ctx.timeZone,
  };
}

/**
 * `GET /api/documents/export`: 文档归档登记表 with the list's filters — exactly what the caller may
 * see (DOC-4: a secret document they may not know is not in it). The export is audited.
 */
export async function exportRegister(ctx: DocCtx, query: z.output<typeof ZDocumentExportQuery>): Promise<ExportOptions<SheetRow>> {
  const where = await documentWhere(ctx, query);
  const { format, ...filters } = query;
  await mutate(ctx, (_tx, audit) => audit({ entity: 'document', entityId: null, action: 'export', note: { format, filters } }));
  return sheet(ctx, REGISTER_TITLE, format, sheetRows(ctx, where, await loadCategories(ctx.db)));
}

/** DOC-6 《文档归档清单》: the documents archived in the quarter, in the register's layout (archivist). */
export async function exportArchiveList(ctx: DocCtx, where: SQL, quarter: string, format: TExportFormat): Promise<ExportOptions<SheetRow>> {
  await mutate(ctx, (_tx, audit) => audit({ entity: 'document', entityId: null, action: 'export_archive_list', note: { quarter, format } }));
  return sheet(ctx, `${ARCHIVE_LIST_TITLE}-${quarter}`, format, sheetRows(ctx, where, await loadCategories(ctx.db)));
}

interface Prep {
  categories: CategoryRef[];
  /** name → ids (names are not unique). */
  people: Map<string, number[]>;
}

interface Ready {
  row: TDocumentSheetRow;
  categoryId: number;
  important: boolean;
  creatorId: number;
  loans: { borrowerId: number; from: string; returnedOn: string }[];
}

function personByName(prep: Prep, name: string, rowNo: number, field: string, locale: TLocale, problems: RowProblem[]): number | null {
  const ids = prep.people.get(name) ?? [];
  if (ids.length === 1) return ids[0]!;
  problems.push({ rowNo, field, message: ioText(ids.length ? 'ambiguousPerson' : 'noPerson', locale, { value: name }) });
  return null;
}

/**
 * Import kind `documents` (archivist): 文档归档登记表. Numbers are kept as given — the SPEC's own
 * rows predate the naming rule — and must not exist yet; 创建人 and borrowers are found by name;
 * returned loans become the document's loan history (open ones are registered in the system).
 */
export function documentsImport(timeZone: string): ImportKind<TDocumentSheetRow, Ready, Prep> {
  return {
    kind: 'documents',
    entity: 'document',
    title: REGISTER_TITLE,
    columns: DOCUMENT_SHEET.map((c) => ({ ...c, aliases: 'aliases' in c ? [...c.aliases] : [] })),
    canImport: (actor) => isArchivist(actor.roles),
    row: ZDocumentSheetRow,
    unique: [{ field: 'number', ignoreCase: true }],
    prepare: async (db) => {
      const categories = await db.select().from(documentCategories);
      const all = await db.select({ id: people.id, name: people.name }).from(people);
      const byName = new Map<string, number[]>();
      for (const p of all) byName.set(p.name, [...(byName.get(p.name) ?? []), p.id]);
      return { categories, people: byName };
    },
    resolve: async (db, rows, prep, locale) => {
      const numbers = rows.map((r) => r.value.number).filter((n): n is string => !!n);
      const taken = numbers.length ? new Set((await db.select({ n: documents.number }).from(documents).where(inArray(documents.number, numbers))).map((r) => r.n)) : new Set();
      const problems: RowProblem[] = [];
      const ready: Ready[] = [];
      for (const { rowNo, value } of rows) {
        if (value.number && taken.has(value.number)) problems.push({ rowNo, field: 'number', message: ioText('exists', locale, { value: value.number }) });
        const found = resolveCategory(value.category, prep.categories);
        if ('error' in found) problems.push({ rowNo, field: 'category', message: ioText(found.error, locale, { value: value.category }) });
        const creatorId = personByName(prep, value.creator, rowNo, 'creator', locale, problems);
        const loans = value.loans.map((l) => ({ borrowerId: personByName(prep, l.borrower, rowNo, 'loans', locale, problems), from: l.from, returnedOn: l.returnedOn! }));
        if ('category' in found && creatorId !== null && loans.every((l) => l.borrowerId !== null))
          ready.push({ row: value, categoryId: found.category.id, important: found.category.defaultImportant, creatorId, loans: loans as Ready['loans'] });
      }
      return { problems, ready };
    },
    insert: (tx, ready, now) => insertImported(tx, ready, now, timeZone),
  };
}

async function insertImported(tx: Tx, ready: Ready[], now: Date, timeZone: string): Promise<number[]> {
  if (!ready.length) return [];
  const stamp = now.toISOString();
  const rows = await tx
    .insert(documents)
    .values(
      ready.map(({ row, categoryId, important, creatorId }) => ({
        number: row.number,
        name: row.name,
        categoryId,
        version: row.version,
        secrecy: row.secrecy,
        important,
        creatorId,
        ownerId: creatorId,
        createdOn: row.createdOn,
        paperLocation: row.location.paperLocation,
        serverPath: row.location.serverPath,
        archiveStatus: row.archiveStatus,
        archivedOn: row.archiveStatus === 'archived' ? row.createdOn : null,
        searchTokens: searchTokens(row.number, row.name),
        createdAt: stamp,
        updatedAt: stamp,
      })),
    )
    .returning({ id: documents.id })
    .catch((err: unknown) => {
      // The same number registered while the import was being written.
      if (isUniqueViolation(err)) throw new AppError('CONFLICT');
      throw err;
    });
  const ids = rows.map((r) => r.id);
  await tx.update(documents).set({ seriesId: sql`${documents.id}` }).where(inArray(documents.id, ids));
  const loans = ready.flatMap((r, i) =>
    r.loans.map((l) => ({
      documentId: ids[i]!,
      borrowerId: l.borrowerId,
      purpose: '历史借阅记录（导入）',
      fromDate: l.from,
      toDate: l.returnedOn,
      medium: 'paper' as const,
      status: 'returned' as const,
      dueDate: l.returnedOn,
      returnedAt: startOfDay(l.returnedOn, timeZone).toISOString(),
      createdAt: stamp,
      updatedAt: stamp,
    })),
  );
  if (loans.length) await tx.insert(documentLoans).values(loans);
  return ids;
}
