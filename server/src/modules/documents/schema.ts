import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TArchiveStatus, TGrantKind, TLoanMedium, TLoanStatus, TRole, TSecrecy, TTidyItem } from '@opsdesk/contract';
import { departments, people } from '../org/schema.ts';
import { approvalRequests } from '../../platform/approvals/schema.ts';
import { files } from '../../platform/files/schema.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** DOC-1: two levels (parent null = level 1); the code is part of every document number. */
export const documentCategories = pgTable(
  'document_categories',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => documentCategories.id),
    defaultImportant: boolean('default_important').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('document_categories_code').on(t.code), uniqueIndex('document_categories_sibling_name').on(sql`coalesce(${t.parentId}, 0)`, t.name)],
);

/**
 * DOC-2/3/4/8: one row per version. `series_id` is the first version's id; a new version voids
 * (作废) the one it supersedes. `search_tokens` holds the 2-character pieces of number, name and
 * the text extracted from an internal document's file (GIN index, platform/search/tokens.ts).
 */
export const documents = pgTable(
  'documents',
  {
    id: serial('id').primaryKey(),
    /** Generated `分类编码-日期-文档名称-版本号`; an imported one is kept as given, or null when none was recorded. */
    number: text('number'),
    name: text('name').notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => documentCategories.id),
    version: integer('version').notNull().default(1),
    seriesId: integer('series_id').references((): AnyPgColumn => documents.id),
    secrecy: text('secrecy').$type<TSecrecy>().notNull(),
    important: boolean('important').notNull().default(false),
    creatorId: integer('creator_id')
      .notNull()
      .references(() => people.id),
    /** DOC-4 the owner (the creator of the first version), kept across versions: reads a secret document's content. */
    ownerId: integer('owner_id')
      .notNull()
      .references(() => people.id),
    /** 创建日期 in the company time zone (an import keeps the date it gives). */
    createdOn: date('created_on', { mode: 'string' }).notNull(),
    fileId: uuid('file_id').references(() => files.id),
    paperLocation: text('paper_location'),
    /** A server path recorded by an import (the file itself not brought in). */
    serverPath: text('server_path'),
    archiveStatus: text('archive_status').$type<TArchiveStatus>().notNull().default('pending'),
    archivedOn: date('archived_on', { mode: 'string' }),
    void: boolean('void').notNull().default(false),
    voidedAt: stamp('voided_at'),
    supersededById: integer('superseded_by_id').references((): AnyPgColumn => documents.id),
    note: text('note'),
    /** Text extracted from the file (internal documents only: a secret file's text stays encrypted). */
    contentText: text('content_text'),
    searchTokens: text('search_tokens').array().notNull().default(sql`'{}'::text[]`),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('documents_number').on(t.number),
    index('documents_category').on(t.categoryId),
    index('documents_series').on(t.seriesId, t.version),
    index('documents_created_on').on(t.createdOn, t.id),
    index('documents_creator').on(t.creatorId),
    index('documents_owner').on(t.ownerId),
    index('documents_search').using('gin', t.searchTokens),
    check('documents_secrecy', sql`${t.secrecy} in ('internal', 'secret')`),
    check('documents_archive_status', sql`${t.archiveStatus} in ('archived', 'pending')`),
    check('documents_version', sql`${t.version} >= 1`),
  ],
);

/** DOC-4: who may know a secret document exists (and so apply to borrow it). */
export const documentGrants = pgTable(
  'document_grants',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    kind: text('kind').$type<TGrantKind>().notNull(),
    personId: integer('person_id').references(() => people.id),
    role: text('role').$type<TRole>(),
    departmentId: integer('department_id').references(() => departments.id),
    grantedBy: integer('granted_by')
      .notNull()
      .references(() => people.id),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('document_grants_target').on(t.documentId, t.kind, sql`coalesce(${t.personId}, 0)`, sql`coalesce(${t.role}, '')`, sql`coalesce(${t.departmentId}, 0)`),
    index('document_grants_person').on(t.personId),
    check(
      'document_grants_kind',
      sql`(${t.kind} = 'person' and ${t.personId} is not null and ${t.role} is null and ${t.departmentId} is null)
        or (${t.kind} = 'role' and ${t.role} is not null and ${t.personId} is null and ${t.departmentId} is null)
        or (${t.kind} = 'department' and ${t.departmentId} is not null and ${t.personId} is null and ${t.role} is null)`,
    ),
  ],
);

/** DOC-5 《文档借阅申请表》 and its registration, return and reminders (deadline kind `loan-return`). */
export const documentLoans = pgTable(
  'document_loans',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    borrowerId: integer('borrower_id')
      .notNull()
      .references(() => people.id),
    purpose: text('purpose').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    medium: text('medium').$type<TLoanMedium>().notNull(),
    allowDownload: boolean('allow_download').notNull().default(false),
    status: text('status').$type<TLoanStatus>().notNull(),
    approvalId: integer('approval_id').references(() => approvalRequests.id),
    registeredBy: integer('registered_by').references(() => people.id),
    registeredAt: stamp('registered_at'),
    dueDate: date('due_date', { mode: 'string' }),
    /** Close of business of the due date: an electronic loan's access ends here (checked by time). */
    dueAt: stamp('due_at'),
    returnedAt: stamp('returned_at'),
    returnedTo: integer('returned_to').references(() => people.id),
    note: text('note'),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    index('document_loans_document').on(t.documentId),
    index('document_loans_borrower').on(t.borrowerId, t.status),
    index('document_loans_approval').on(t.approvalId),
    index('document_loans_open_due').on(t.dueAt).where(sql`${t.status} = 'lent'`),
    check('document_loans_dates', sql`${t.toDate} >= ${t.fromDate}`),
    check('document_loans_medium', sql`${t.medium} in ('paper', 'electronic')`),
    check('document_loans_download', sql`not ${t.allowDownload} or ${t.medium} = 'electronic'`),
    check('document_loans_status', sql`${t.status} in ('applied', 'changes_requested', 'approved', 'rejected', 'lent', 'returned', 'withdrawn')`),
  ],
);

/** DOC-6: the month-end check's findings, one row per month (re-running replaces it). */
export const documentTidyChecks = pgTable('document_tidy_checks', {
  month: text('month').primaryKey(),
  ranAt: stamp('ran_at').notNull(),
  checkedCount: integer('checked_count').notNull(),
  problemCount: integer('problem_count').notNull(),
  items: jsonb('items').$type<TTidyItem[]>().notNull(),
});
