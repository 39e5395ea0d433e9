import { ARCHIVE_STATUSES, SECRECY_LEVELS, type TArchiveStatus, type TSecrecy } from '@opsdesk/contract';
import type { DocumentFilters } from '../../api/documents.ts';

/** The list's state in the URL (UX.md: a pasted link opens the same view, filters included). */
export const DOCUMENT_FILTER_KEYS = ['q', 'categoryId', 'secrecy', 'archiveStatus', 'important', 'creatorId', 'from', 'to', 'void', 'sort', 'order'] as const;
export type DocumentFilterKey = (typeof DOCUMENT_FILTER_KEYS)[number];
export type DocumentFilterValues = Partial<Record<DocumentFilterKey, string>>;

const isDate = (v: string | undefined): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const positive = (v: string | undefined) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/**
 * URL values → the API's filters (the list, the export and the printed register share them).
 * `void` (include | only) is the archivist's 显示作废版本; others never send it (the server says 403).
 */
export function toDocumentFilters(values: DocumentFilterValues, canSeeVoid: boolean): DocumentFilters {
  const voidMode = canSeeVoid ? values.void : undefined;
  return {
    q: values.q?.trim() || undefined,
    categoryId: positive(values.categoryId),
    secrecy: oneOf<TSecrecy>(SECRECY_LEVELS, values.secrecy),
    archiveStatus: oneOf<TArchiveStatus>(ARCHIVE_STATUSES, values.archiveStatus),
    important: values.important === 'true' || values.important === 'false' ? values.important : undefined,
    creatorId: positive(values.creatorId),
    from: isDate(values.from) ? values.from : undefined,
    to: isDate(values.to) ? values.to : undefined,
    includeVoid: voidMode === 'include' ? 'true' : undefined,
    voidOnly: voidMode === 'only' ? 'true' : undefined,
    sort: oneOf(['createdOn', 'number', 'name'] as const, values.sort),
    order: oneOf(['asc', 'desc'] as const, values.order),
  };
}

/** The same filters as a query string (no paging), for the print view and back links. */
export function filterSearch(values: DocumentFilterValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** How many pickers are set (the keyword and the sort are not pickers). */
export const activeFilterCount = (values: DocumentFilterValues) =>
  (['secrecy', 'archiveStatus', 'important', 'creatorId', 'from', 'void'] as const).filter((k) => values[k]).length;
