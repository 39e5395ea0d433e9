import { z } from 'zod';
import type { TLocale } from './common.ts';

/** 文档归档: the words and limits every part of the archive shares (documents, loans, the register). */

/** DOC-4 密级. */
export const SECRECY_LEVELS = ['internal', 'secret'] as const;
export const ZSecrecy = z.enum(SECRECY_LEVELS);
export type TSecrecy = z.infer<typeof ZSecrecy>;
export const SECRECY_LABELS: Record<TSecrecy, Record<TLocale, string>> = {
  internal: { 'zh-CN': '内部', 'en-US': 'Internal' },
  secret: { 'zh-CN': '秘密', 'en-US': 'Secret' },
};

/** 归档状态. */
export const ARCHIVE_STATUSES = ['archived', 'pending'] as const;
export const ZArchiveStatus = z.enum(ARCHIVE_STATUSES);
export type TArchiveStatus = z.infer<typeof ZArchiveStatus>;
export const ARCHIVE_STATUS_LABELS: Record<TArchiveStatus, Record<TLocale, string>> = {
  archived: { 'zh-CN': '已归档', 'en-US': 'Archived' },
  pending: { 'zh-CN': '待归档', 'en-US': 'Pending' },
};

/** DOC-3: the root of every archive path, e.g. 文档归档/制度类/人力资源. */
export const ARCHIVE_ROOT = '文档归档';
/** DOC-3: a paper location, e.g. 档案柜-03-05. */
export const PAPER_LOCATION_PATTERN = /^档案柜-\d{2}-\d{2}$/;
/** DOC-1: level-1 codes are letters (ZD); level-2 codes are the parent's plus a part (ZD-HR). */
export const CATEGORY_CODE_PATTERN = /^[A-Z]{2,8}(?:-[A-Z0-9]{2,8})?$/;
/** DOC-5: an important (重要) document is lent for at most this many working days. */
export const IMPORTANT_LOAN_WORKING_DAYS = 3;
