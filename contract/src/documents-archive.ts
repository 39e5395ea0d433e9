import { z } from 'zod';
import type { TLocale } from './common.ts';
import { ZDocumentSummary } from './documents.ts';
import { ZExportQuery } from './imports.ts';

/** 文档归档 DOC-6/7: the monthly tidy check, the quarterly 《文档归档清单》, backup status, the register's headers. */

const date = z.iso.date();

/** DOC-6: what the month-end check finds in a month's new documents. */
export const TIDY_PROBLEMS = ['missing_number', 'missing_file_or_location', 'missing_file', 'name_breaks_rule'] as const;
export const ZTidyProblem = z.enum(TIDY_PROBLEMS);
export type TTidyProblem = z.infer<typeof ZTidyProblem>;
export const TIDY_PROBLEM_LABELS: Record<TTidyProblem, Record<TLocale, string>> = {
  missing_number: { 'zh-CN': '缺少文档编号', 'en-US': 'No document number' },
  missing_file_or_location: { 'zh-CN': '既无电子文件也无档案柜位置', 'en-US': 'Neither a file nor a paper location' },
  missing_file: { 'zh-CN': '登记了服务器路径但未上传电子文件', 'en-US': 'Server path recorded but no file uploaded' },
  name_breaks_rule: { 'zh-CN': '编号不符合命名规则', 'en-US': 'Number breaks the naming rule' },
};

export const ZTidyQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
export type TTidyQuery = z.input<typeof ZTidyQuery>;

export const ZTidyItem = z.object({
  document: z.object({ id: z.number().int(), number: z.string().nullable(), name: z.string(), version: z.number().int(), createdOn: date, creatorName: z.string() }),
  problems: z.array(ZTidyProblem),
  /** name_breaks_rule: the number the rule would give. */
  expectedNumber: z.string().nullable(),
});
export type TTidyItem = z.infer<typeof ZTidyItem>;

export const ZTidyCheck = z.object({
  month: z.string(),
  /** The month's documents looked at. */
  checkedCount: z.number().int(),
  items: z.array(ZTidyItem),
  /** When the month-end job last ran for this month (null: not yet); the items are computed now. */
  lastRunAt: z.string().nullable(),
  lastRunProblems: z.number().int().nullable(),
});
export type TTidyCheck = z.infer<typeof ZTidyCheck>;

export const ZQuarter = z.string().regex(/^\d{4}-Q[1-4]$/);
export const ZArchiveListQuery = z.object({ quarter: ZQuarter });
export type TArchiveListQuery = z.input<typeof ZArchiveListQuery>;
export const ZArchiveListExportQuery = ZArchiveListQuery.extend(ZExportQuery.shape);
export type TArchiveListExportQuery = z.input<typeof ZArchiveListExportQuery>;

/** DOC-6 《文档归档清单》: what was archived (已归档) in a quarter. */
export const ZArchiveList = z.object({
  quarter: z.string(),
  from: date,
  to: date,
  items: z.array(ZDocumentSummary),
});
export type TArchiveList = z.infer<typeof ZArchiveList>;

/** DOC-7: the platform's last backup as the archivist needs to know it. */
export const ZDocumentBackupStatus = z.object({
  lastBackup: z
    .object({
      startedAt: z.string(),
      finishedAt: z.string(),
      kind: z.enum(['scheduled', 'manual']),
      status: z.enum(['succeeded', 'failed']),
      restoreCheck: z.enum(['passed', 'failed']).nullable(),
      restoreCheckMessage: z.string().nullable(),
    })
    .nullable(),
  lastSucceededAt: z.string().nullable(),
  /** A successful backup within the last 7 days (DOC-7: at least weekly). */
  withinWeek: z.boolean(),
  /** The last successful backup's restore check passed. */
  restoreVerified: z.boolean(),
  /** Electronic document files now in the archive (every one is in each backup's files/). */
  documentFiles: z.number().int(),
});
export type TDocumentBackupStatus = z.infer<typeof ZDocumentBackupStatus>;

/** 文档归档登记表: the template's headers, in order (export, import, print). */
export const DOCUMENT_REGISTER_HEADERS = [
  '文档编号',
  '文档名称',
  '分类(一级/二级)',
  '版本号',
  '密级(内部/秘密)',
  '创建人',
  '创建日期',
  '存储位置(服务器路径/档案柜编号)',
  '借阅记录(借阅人、日期、归还日期)',
  '归档状态(已归档/待归档)',
] as const;

/**
 * `GET /api/documents/archive-growth` (archivist): the archive's growth (UX.md dashboards) over the
 * 12 months up to this one, company time zone: documents (versions) registered per month by 创建日期,
 * and documents archived (已归档) per month by 归档日期. Every month is listed, empty ones with 0.
 */
export const ZArchiveGrowth = z.object({
  months: z.array(z.object({ month: z.string(), created: z.number().int(), archived: z.number().int() })),
});
export type TArchiveGrowth = z.infer<typeof ZArchiveGrowth>;
