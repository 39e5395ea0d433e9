import { z } from 'zod';
import { ZId, ZPageQuery, zPage, zOptionalText as optionalText } from './common.ts';
import { ZExportQuery } from './imports.ts';
import { ZRole } from './org.ts';
import { CATEGORY_CODE_PATTERN, PAPER_LOCATION_PATTERN, ZArchiveStatus, ZSecrecy } from './documents-base.ts';
import { ZLoan, ZLoanStatus } from './documents-loans.ts';

/**
 * 文档归档 Document archive (SPEC §2, DOC-1 … DOC-8).
 *
 * Endpoints (all need a session; mutations the CSRF header):
 *   GET    /api/document-categories                 TDocumentCategory[] (everyone)
 *   POST   /api/document-categories                 ZDocumentCategoryInput → 201 (admin, archivist)
 *   PATCH  /api/document-categories/:id             ZDocumentCategoryUpdate (admin, archivist)
 *   DELETE /api/document-categories/:id             only an empty category (409 otherwise)
 *   GET    /api/documents                           ZDocumentListQuery → TDocumentPage
 *   GET    /api/documents/stats                     TDocumentStats
 *   GET    /api/documents/export?format=            文档归档登记表 (.xlsx/.csv) with the list's filters
 *   POST   /api/documents                           ZDocumentCreate → 201 TDocumentDetail
 *   GET    /api/documents/:id                       TDocumentDetail (404 when the caller may not know it)
 *   PATCH  /api/documents/:id                       ZDocumentUpdate → TDocumentDetail
 *   POST   /api/documents/:id/versions              ZDocumentNewVersion → 201 TDocumentDetail (the new version)
 *   GET    /api/documents/:id/view                  the content inline (PDF/images; audited; no download flag)
 *   GET    /api/documents/:id/text                  TDocumentText: extracted text, for view-only Office files
 *   GET    /api/documents/:id/history               TDocumentHistoryEntry[]: change history (who changed what, when), newest first
 *   GET    /api/documents/:id/download              the content as an attachment (permissions.canDownload)
 *   POST   /api/documents/:id/grants                ZDocumentGrantInput → 201 TDocumentGrant (secret documents)
 *   DELETE /api/documents/:id/grants/:grantId
 *   POST   /api/documents/:id/loans                 ZLoanApply → 201 TLoan (starts the `doc.borrow` approval)
 *   GET    /api/document-loans                      ZLoanListQuery → TLoanPage
 *   GET    /api/document-loans/:id                  TLoan
 *   POST   /api/document-loans/:id/register         ZLoanRegister → TLoan (archivist, after approval)
 *   POST   /api/document-loans/:id/return           ZLoanReturn → TLoan (archivist)
 *   POST   /api/document-loans/:id/resubmit         ZLoanApply → TLoan (borrower, after 退回修改)
 *   POST   /api/document-loans/:id/withdraw         → TLoan (borrower, before it is lent)
 *   GET    /api/documents/tidy?month=YYYY-MM        TTidyCheck (archivist)
 *   GET    /api/documents/archive-list?quarter=     TArchiveList (archivist)
 *   GET    /api/documents/archive-list/export?quarter=&format=   《文档归档清单》
 *   GET    /api/documents/backup-status             TDocumentBackupStatus (archivist)
 *   POST   /api/imports/documents                   import kind `documents` (archivist): 文档归档登记表
 */

const date = z.iso.date();
const ref = z.object({ id: z.number().int(), name: z.string() });
const paperLocation = z
  .string()
  .trim()
  .regex(PAPER_LOCATION_PATTERN)
  .nullish()
  .or(z.literal(''))
  .transform((v) => (v ? v : null));
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const fileId = z.uuid().nullish().transform((v) => v ?? null);

// ---------------------------------------------------------------- categories (DOC-1)

export const ZDocumentCategory = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  /** 1 or 2. */
  level: z.number().int(),
  /** 制度类/人力资源 */
  path: z.string(),
  /** DOC-3: 文档归档/制度类/人力资源 */
  archivePath: z.string(),
  /** New documents of this category are 重要 unless the creator says otherwise (DOC-5). */
  defaultImportant: z.boolean(),
  sortOrder: z.number().int(),
});
export type TDocumentCategory = z.infer<typeof ZDocumentCategory>;
export const ZDocumentCategoryList = z.array(ZDocumentCategory);

const categoryFields = z.object({
  code: z.string().trim().toUpperCase().regex(CATEGORY_CODE_PATTERN),
  name: z.string().trim().min(1).max(32),
  parentId: ZId.nullish().transform((v) => v ?? null),
  defaultImportant: z.boolean(),
  sortOrder: z.number().int().min(0).max(9999),
});
export const ZDocumentCategoryInput = categoryFields.extend({
  defaultImportant: categoryFields.shape.defaultImportant.default(false),
  sortOrder: categoryFields.shape.sortOrder.default(0),
});
export type TDocumentCategoryInput = z.input<typeof ZDocumentCategoryInput>;
/** The code is part of every number already issued: it does not change. */
export const ZDocumentCategoryUpdate = categoryFields.pick({ name: true, defaultImportant: true, sortOrder: true }).partial();
export type TDocumentCategoryUpdate = z.input<typeof ZDocumentCategoryUpdate>;

// ---------------------------------------------------------------- documents (DOC-2/3/4/8)

/** How the web may show the content: inline (PDF/images), as extracted text, or not at all. */
export const VIEW_MODES = ['inline', 'text'] as const;
export const ZViewMode = z.enum(VIEW_MODES);
export type TViewMode = z.infer<typeof ZViewMode>;

/** What the caller may do with a document now; the web shows exactly these actions. */
export const ZDocumentPermissions = z.object({
  /** Read the content in the browser (GET …/view or …/text). */
  canView: z.boolean(),
  /** null when the content cannot be shown (no file, no right, or a type with neither preview nor text). */
  viewMode: ZViewMode.nullable(),
  /** GET …/download; false for a secret document outside a download-allowed loan (DOC-4: view-only). */
  canDownload: z.boolean(),
  /**
   * DOC-4: draw this text tiled over the preview (viewer's name and the server's time). Set for
   * every view of a secret document; the server cannot stamp PDFs/images itself.
   */
  watermark: z.string().nullable(),
  /** PATCH (location, important, note, attach a file when none). */
  canEdit: z.boolean(),
  /** Set 归档状态 (archivist). */
  canArchive: z.boolean(),
  /** POST …/versions (DOC-8). */
  canNewVersion: z.boolean(),
  /** Manage visibility grants (secret documents: owner, archivist). */
  canGrant: z.boolean(),
  /** POST …/loans: may apply to borrow (DOC-5). */
  canBorrow: z.boolean(),
  /** Sees every loan of the document (owner, archivist), not only their own. */
  canSeeLoans: z.boolean(),
});
export type TDocumentPermissions = z.infer<typeof ZDocumentPermissions>;

export const ZDocumentFile = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  previewable: z.boolean(),
});
export type TDocumentFile = z.infer<typeof ZDocumentFile>;

export const ZDocumentSummary = z.object({
  id: z.number().int(),
  /** DOC-2 文档编号 `分类编码-日期-文档名称-版本号`; imported ones are kept as given (null: none recorded). */
  number: z.string().nullable(),
  name: z.string(),
  category: z.object({ id: z.number().int(), code: z.string(), path: z.string() }),
  /** 1, 2, … shown as V1, V2. */
  version: z.number().int(),
  secrecy: ZSecrecy,
  important: z.boolean(),
  /** Who created this version. */
  creator: ref,
  /** DOC-4 the document's owner (creator of its first version): reads a secret document's content. */
  owner: ref,
  /** 创建日期, company time zone. */
  createdOn: date,
  createdAt: z.string(),
  /** The electronic file; null for paper only. */
  file: ZDocumentFile.nullable(),
  /** DOC-3: 文档归档/制度类/人力资源 when there is an electronic file (or a registered server path). */
  archivePath: z.string().nullable(),
  /** 档案柜-03-05 */
  paperLocation: z.string().nullable(),
  /** A server path recorded by an import, where the file itself was not brought in. */
  serverPath: z.string().nullable(),
  archiveStatus: ZArchiveStatus,
  archivedOn: date.nullable(),
  /** DOC-8 作废: superseded by a newer version; never offered as current. */
  void: z.boolean(),
  voidedAt: z.string().nullable(),
  supersededBy: z.object({ id: z.number().int(), number: z.string().nullable(), version: z.number().int() }).nullable(),
  /** The id shared by every version of the same document (its first version's id). */
  seriesId: z.number().int(),
  /** The caller's own loan that is open now (applied … lent), if any. */
  myLoan: z.object({ id: z.number().int(), status: ZLoanStatus, dueAt: z.string().nullable() }).nullable(),
  permissions: ZDocumentPermissions,
});
export type TDocumentSummary = z.infer<typeof ZDocumentSummary>;

export const ZDocumentVersion = z.object({
  id: z.number().int(),
  number: z.string().nullable(),
  version: z.number().int(),
  void: z.boolean(),
  createdOn: date,
  creatorName: z.string(),
  hasFile: z.boolean(),
});
export type TDocumentVersion = z.infer<typeof ZDocumentVersion>;

export const GRANT_KINDS = ['person', 'role', 'department'] as const;
export const ZGrantKind = z.enum(GRANT_KINDS);
export type TGrantKind = z.infer<typeof ZGrantKind>;

/** DOC-4: who may know a secret document exists (and so apply to borrow it). */
export const ZDocumentGrant = z.object({
  id: z.number().int(),
  kind: ZGrantKind,
  person: ref.nullable(),
  role: ZRole.nullable(),
  department: ref.nullable(),
  grantedBy: ref,
  createdAt: z.string(),
});
export type TDocumentGrant = z.infer<typeof ZDocumentGrant>;

export const ZDocumentGrantInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), personId: ZId }),
  z.object({ kind: z.literal('role'), role: ZRole }),
  z.object({ kind: z.literal('department'), departmentId: ZId }),
]);
export type TDocumentGrantInput = z.input<typeof ZDocumentGrantInput>;

export const ZDocumentDetail = ZDocumentSummary.extend({
  note: z.string().nullable(),
  /** Every version of the series, newest first; void ones marked (DOC-8). */
  versions: z.array(ZDocumentVersion),
  /** null unless permissions.canGrant. */
  grants: z.array(ZDocumentGrant).nullable(),
  /** All loans for owner/archivist (permissions.canSeeLoans), else the caller's own; newest first. */
  loans: z.array(ZLoan),
  /** DOC-5: 3 for 重要 documents (the loan's `to` at most this many working days after `from`), else null. */
  loanLimitWorkingDays: z.number().int().nullable(),
});
export type TDocumentDetail = z.infer<typeof ZDocumentDetail>;

export const ZDocumentCreate = z.object({
  name: z.string().trim().min(1).max(100),
  categoryId: ZId,
  secrecy: ZSecrecy.default('internal'),
  /** Omitted: the category's default (DOC-5 重要). */
  important: z.boolean().optional(),
  /**
   * An uploaded, not yet attached file (POST /api/files). A secret document's file must have been
   * uploaded with `secret=true` (encrypted at rest), else 400 on fileId.
   */
  fileId,
  paperLocation,
  note: optionalText(500),
});
export type TDocumentCreate = z.input<typeof ZDocumentCreate>;

export const ZDocumentUpdate = z
  .object({
    important: z.boolean(),
    paperLocation,
    /** Only while the document has no file. */
    fileId: z.uuid(),
    /** Archivist only. */
    archiveStatus: ZArchiveStatus,
    note: optionalText(500),
  })
  .partial();
export type TDocumentUpdate = z.input<typeof ZDocumentUpdate>;

/** DOC-8: the next version of a current (not void) document; the old one becomes 作废. */
export const ZDocumentNewVersion = z.object({
  fileId,
  paperLocation,
  /** Omitted: the same 密级 as the version it replaces. */
  secrecy: ZSecrecy.optional(),
  important: z.boolean().optional(),
  note: optionalText(500),
});
export type TDocumentNewVersion = z.input<typeof ZDocumentNewVersion>;


export const DOCUMENT_SORTS = ['createdOn', 'number', 'name'] as const;
export const ZDocumentListQuery = ZPageQuery.extend({
  /** Number, name and the text extracted from the file; 2-character Chinese words match. */
  q: z.string().trim().max(100).optional(),
  /** A level-1 category includes its level-2 ones. */
  categoryId: ZId.optional(),
  secrecy: ZSecrecy.optional(),
  archiveStatus: ZArchiveStatus.optional(),
  important: booleanQuery.optional(),
  creatorId: ZId.optional(),
  /** 创建日期 range, inclusive. */
  from: date.optional(),
  to: date.optional(),
  /** DOC-8: archivist only (403 for others): also list 作废 versions. */
  includeVoid: booleanQuery.optional(),
  /** Archivist only: only 作废 versions (the "listed apart" view). */
  voidOnly: booleanQuery.optional(),
  sort: z.enum(DOCUMENT_SORTS).default('createdOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TDocumentListQuery = z.input<typeof ZDocumentListQuery>;
export const ZDocumentPage = zPage(ZDocumentSummary);
export type TDocumentPage = z.infer<typeof ZDocumentPage>;

export const ZDocumentExportQuery = ZDocumentListQuery.omit({ page: true, pageSize: true }).extend(ZExportQuery.shape);
export type TDocumentExportQuery = z.input<typeof ZDocumentExportQuery>;

/** Counts over what the caller may see (secret documents they may not know are not counted). */
export const ZDocumentStats = z.object({
  total: z.number().int(),
  pendingArchive: z.number().int(),
  important: z.number().int(),
  secret: z.number().int(),
  byCategory: z.array(z.object({ categoryId: z.number().int(), count: z.number().int() })),
  /** The caller's loans that are open (applied … lent). */
  myOpenLoans: z.number().int(),
  /** Overdue loans: all of them for the archivist, else the caller's own. */
  overdueLoans: z.number().int(),
  /** Archivist: loans approved and waiting to be registered; else 0. */
  loansToRegister: z.number().int(),
  /** Archivist: 作废 versions kept apart; null for others. */
  voided: z.number().int().nullable(),
});
export type TDocumentStats = z.infer<typeof ZDocumentStats>;

export const ZDocumentText = z.object({
  text: z.string(),
  /** The text was cut at the stored limit. */
  truncated: z.boolean(),
  /** DOC-4: as in permissions.watermark. */
  watermark: z.string().nullable(),
});
export type TDocumentText = z.infer<typeof ZDocumentText>;

/**
 * `GET /api/documents/:id/history`: the document's change history (SPEC "change history": the
 * ALL-4 audit rows of this version — created, edited, archived, grants, loans, new version/作废),
 * visible to whoever may see the document; newest first.
 */
export const ZDocumentHistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  /** null for the system (e.g. an electronic loan ending at its deadline). */
  actor: ref.nullable(),
  /** The audit action, e.g. create, update, new_version, void, grant, revoke, register, return. */
  action: z.string(),
  /** Changed fields: before → after, as stored (dates YYYY-MM-DD). */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type TDocumentHistoryEntry = z.infer<typeof ZDocumentHistoryEntry>;
export const ZDocumentHistory = z.array(ZDocumentHistoryEntry);
