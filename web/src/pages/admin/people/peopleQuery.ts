import { ZRole, type TPeopleQuery } from '@opsdesk/contract';
import type { PeopleFilterKey } from './PeopleFilters.tsx';

export type PeopleFilterValues = Partial<Record<PeopleFilterKey, string>>;
export type PeopleFilterQuery = Omit<TPeopleQuery, 'page' | 'pageSize'>;

/** The URL's filter values as the API's query: the list, the export and the printed roster share it. */
export function toPeopleFilters(values: PeopleFilterValues): PeopleFilterQuery {
  const role = ZRole.safeParse(values.role);
  return {
    q: values.q,
    departmentId: Number(values.departmentId) || undefined,
    role: role.success ? role.data : undefined,
    active: values.active === 'true' || values.active === 'false' ? values.active : undefined,
    scope: values.scope === 'department' ? 'department' : 'all',
  };
}

/** The same filters as a query string (no paging), for links to the print view. */
export function filterSearch(values: PeopleFilterValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
