import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

/** A stored id (PostgreSQL integer); larger values are bad input, not a server error. */
export const ZId = z.coerce.number().int().positive().max(2_147_483_647);

/** Required text: trimmed, not empty, at most `max` characters. */
export const zText = (max: number) => z.string().trim().min(1).max(max);

/** Optional text: trimmed; empty, null or absent all become null. */
export const zOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** Query-string paging shared by every list. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export const zPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Every error the API can answer with; the server maps each to one HTTP status (app-error.ts). */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF',
  'NOT_FOUND',
  'INVALID_REFERENCE',
  'CONFLICT',
  'DUPLICATE',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'IP_LOCKED',
  'ACCOUNT_DISABLED',
  'PASSWORD_CHANGE_REQUIRED',
  'WRONG_PASSWORD',
  'WEAK_PASSWORD',
  'DEPARTMENT_CYCLE',
  'DEPARTMENT_NOT_EMPTY',
  'LAST_ADMIN',
  'FILE_TOO_LARGE',
  'FILE_DAMAGED',
  'CALENDAR_OUT_OF_RANGE',
  'CALENDAR_YEAR_MISMATCH',
  'CALENDAR_DATE_REPEATED',
  'BACKUP_RUNNING',
  'BACKUP_FAILED',
  'IMPORT_FILE_TYPE',
  'IMPORT_NOT_READY',
  'IMPORT_HAS_ERRORS',
  'APPROVAL_SELF',
  'APPROVAL_OPEN',
  'DELIVERY_NOT_RETRYABLE',
  'ROOM_TAKEN',
  'REASON_REQUIRED',
  'VAGUE_OWNER',
  'SIGN_IN_CLOSED',
  'SIGN_IN_CODE',
  'MEETING_STATE',
  'TASK_STATE',
  'TASK_DATES',
  'TASK_DELAY_REQUIRED',
  'TASK_RISK_PLAN_REQUIRED',
  'TASK_PREDECESSOR_OPEN',
  'TASK_DEPENDENCY_CYCLE',
  'TASK_DELIVERABLE_REQUIRED',
  'LOAN_TOO_LONG',
  'LOAN_DATES',
  'LOAN_MEDIUM',
  'LOAN_STATE',
  'DOCUMENT_VOID',
  'DOCUMENT_FILE_SECRECY',
  'CATEGORY_NOT_EMPTY',
  'INTERNAL',
] as const;
export const ZErrorCode = z.enum(ERROR_CODES);
export type TErrorCode = z.infer<typeof ZErrorCode>;

export const ZFieldError = z.object({ field: z.string(), message: z.string() });
export type TFieldError = z.infer<typeof ZFieldError>;

/** The body of every non-2xx answer. `message` is already in the caller's language. */
export const ZErrorBody = z.object({
  code: ZErrorCode,
  message: z.string(),
  field: z.string().optional(),
  fields: z.array(ZFieldError).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

export const ZOk = z.object({ ok: z.literal(true) });

export const ZHealth = z.object({ status: z.literal('ok'), driver: z.enum(['pglite', 'postgres']), version: z.string() });
export type THealth = z.infer<typeof ZHealth>;

/** Header carrying the session's CSRF token on every mutating request. */
export const CSRF_HEADER = 'x-csrf-token';
