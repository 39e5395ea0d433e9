import type { TErrorCode, TFieldError, TLocale } from '@opsdesk/contract';
import { fieldLabel } from '@opsdesk/contract';
import { message } from './messages.ts';

type Params = Record<string, string | number>;

/** ALL-5: the one error type of the server. `field` names the input at fault. */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    readonly field?: string,
    readonly params: Params = {},
  ) {
    super(code);
  }
}

/** Bad input caught by a schema: one entry per field. */
export class ValidationFailure extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super('VALIDATION');
  }
}
export interface ValidationIssue {
  path: PropertyKey[];
  code: string;
  input?: unknown;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  message: string;
}

/** The single place codes become HTTP statuses. */
export const HTTP_STATUS: Record<TErrorCode, number> = {
  VALIDATION: 400,
  WEAK_PASSWORD: 400,
  WRONG_PASSWORD: 400,
  DEPARTMENT_CYCLE: 400,
  INVALID_REFERENCE: 400,
  CALENDAR_OUT_OF_RANGE: 400,
  CALENDAR_YEAR_MISMATCH: 400,
  CALENDAR_DATE_REPEATED: 400,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  DEPARTMENT_NOT_EMPTY: 409,
  LAST_ADMIN: 409,
  FILE_TOO_LARGE: 413,
  IMPORT_FILE_TYPE: 400,
  IMPORT_NOT_READY: 409,
  IMPORT_HAS_ERRORS: 409,
  ACCOUNT_LOCKED: 423,
  IP_LOCKED: 429,
  BACKUP_RUNNING: 409,
  BACKUP_FAILED: 500,
  APPROVAL_SELF: 400,
  APPROVAL_OPEN: 409,
  DELIVERY_NOT_RETRYABLE: 409,
  ROOM_TAKEN: 409,
  REASON_REQUIRED: 400,
  VAGUE_OWNER: 400,
  SIGN_IN_CLOSED: 409,
  SIGN_IN_CODE: 400,
  MEETING_STATE: 409,
  TASK_STATE: 409,
  TASK_DATES: 400,
  TASK_DELAY_REQUIRED: 409,
  TASK_RISK_PLAN_REQUIRED: 409,
  TASK_PREDECESSOR_OPEN: 409,
  TASK_DEPENDENCY_CYCLE: 400,
  TASK_DELIVERABLE_REQUIRED: 400,
  LOAN_TOO_LONG: 400,
  LOAN_DATES: 400,
  LOAN_MEDIUM: 400,
  LOAN_STATE: 409,
  DOCUMENT_VOID: 409,
  DOCUMENT_FILE_SECRECY: 400,
  CATEGORY_NOT_EMPTY: 409,
  INTERNAL: 500,
  FILE_DAMAGED: 500,
};

export function appErrorBody(err: AppError, locale: TLocale) {
  const params: Params = { ...err.params };
  if (err.field) params.field = fieldLabel(err.field, locale);
  return { code: err.code, message: message(err.code, locale, params), field: err.field, params: err.params };
}

export function validationBody(err: ValidationFailure, locale: TLocale) {
  const fields: TFieldError[] = err.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '_';
    const label = fieldLabel(issue.path.map(String).find((p) => !/^\d+$/.test(p)) ?? field, locale);
    const text = describeIssue(issue, locale);
    return { field, message: locale === 'zh-CN' ? `${label}：${text}` : `${label}: ${text}` };
  });
  const first = fields[0];
  return {
    code: 'VALIDATION' as const,
    message: first ? first.message : message('VALIDATION', locale, {}),
    field: first?.field,
    fields,
  };
}

/** Zod issues in words an office worker reads, in their language. */
export function describeIssue(issue: ValidationIssue, locale: TLocale): string {
  const zh = locale === 'zh-CN';
  const min = Number(issue.minimum);
  const max = Number(issue.maximum);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return zh ? '必填' : 'is required';
      return zh ? '类型不正确' : 'has the wrong type';
    case 'too_small':
      if (issue.origin === 'string') return min <= 1 ? (zh ? '不能为空' : 'must not be empty') : zh ? `至少 ${min} 个字符` : `must be at least ${min} characters`;
      if (issue.origin === 'array') return zh ? `至少选择 ${min} 项` : `needs at least ${min} item(s)`;
      return zh ? `不能小于 ${min}` : `must be at least ${min}`;
    case 'too_big':
      if (issue.origin === 'string') return zh ? `不能超过 ${max} 个字符` : `must be at most ${max} characters`;
      if (issue.origin === 'array') return zh ? `最多 ${max} 项` : `allows at most ${max} item(s)`;
      return zh ? `不能大于 ${max}` : `must be at most ${max}`;
    case 'invalid_format':
      if (issue.format === 'email') return zh ? '邮箱格式不正确' : 'is not a valid e-mail address';
      if (issue.format === 'date') return zh ? '日期格式应为 YYYY-MM-DD' : 'must be a date as YYYY-MM-DD';
      return zh ? '格式不正确' : 'has an invalid format';
    case 'invalid_value':
    case 'invalid_union':
      return zh ? '取值无效' : 'has an invalid value';
    case 'unrecognized_keys':
      return zh ? '含有不支持的字段' : 'has unsupported fields';
    default:
      return zh ? '输入无效' : 'is invalid';
  }
}
