import { TASK_SCOPES, TASK_SORTS, TASK_STATUSES, type TTaskCountsQuery, type TTaskScope, type TTaskSort, type TTaskStatus } from '@opsdesk/contract';
import type { TaskFilters } from '../../api/tasks.ts';

/** Everything a task page keeps in its URL, so a pasted link opens the same view (UX.md). */
export const TASK_URL_KEYS = [
  'view',
  'scope',
  'q',
  'ownerId',
  'departmentId',
  'status',
  'dueFrom',
  'dueTo',
  'major',
  'atRisk',
  'sort',
  'zoom',
  'month',
  'day',
  'week',
  'reportPerson',
  'reportDept',
] as const;
export type TaskUrlKey = (typeof TASK_URL_KEYS)[number];
export type TaskUrlValues = Partial<Record<TaskUrlKey, string>>;

export const TASK_VIEWS = ['list', 'kanban', 'gantt', 'calendar', 'weekly'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

const oneOf = <T extends string>(list: readonly T[], value: string | undefined, fallback: T): T =>
  (list as readonly string[]).includes(value ?? '') ? (value as T) : fallback;

export const viewOf = (values: TaskUrlValues): TaskView => oneOf(TASK_VIEWS, values.view, 'list');
export const scopeOf = (values: TaskUrlValues): TTaskScope => oneOf(TASK_SCOPES, values.scope, 'mine');
export const sortOf = (values: TaskUrlValues): TTaskSort => oneOf(TASK_SORTS, values.sort, 'dueDate');

/** The status filter: a comma-separated list in the URL, unknown values dropped. */
export function statusesOf(values: TaskUrlValues): TTaskStatus[] {
  return (values.status ?? '').split(',').filter((s): s is TTaskStatus => (TASK_STATUSES as readonly string[]).includes(s));
}

const flag = (value: string | undefined) => (value === 'true' || value === 'false' ? value : undefined);
const date = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** The URL's filters as the API's query: the list, Kanban, Gantt, calendar, export and print share it. */
export function toTaskFilters(values: TaskUrlValues): TaskFilters {
  const status = statusesOf(values);
  return {
    scope: scopeOf(values),
    q: values.q?.trim() || undefined,
    ownerId: Number(values.ownerId) || undefined,
    departmentId: Number(values.departmentId) || undefined,
    status: status.length ? status.join(',') : undefined,
    dueFrom: date(values.dueFrom),
    dueTo: date(values.dueTo),
    major: flag(values.major),
    atRisk: flag(values.atRisk),
    sort: sortOf(values),
  };
}

/** The counts behind the scope tabs and Kanban headers: the same filters but status and sort. */
export function toCountsQuery(filters: TaskFilters): TTaskCountsQuery {
  const { status: _status, sort: _sort, ...rest } = filters;
  return rest;
}

/** The filters (no paging, no view) as a query string, for the print view's link and its way back. */
export function filterSearch(values: TaskUrlValues, keep: readonly TaskUrlKey[] = TASK_URL_KEYS): string {
  const params = new URLSearchParams();
  for (const key of keep) {
    const value = values[key];
    if (value) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
