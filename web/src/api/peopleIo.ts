import { useQuery } from '@tanstack/react-query';
import { ZPeoplePage, type TExportFormat, type TPeopleQuery, type TPerson } from '@opsdesk/contract';
import { api, withQuery } from './client.ts';
import { downloadFile } from './download.ts';

type Filters = Omit<TPeopleQuery, 'page' | 'pageSize'>;

/** 人员名册 as .xlsx/.csv with the list's own filters (GET /api/people/export). */
export const exportPeople = (filters: Filters, format: TExportFormat, fallbackName: string) =>
  downloadFile(withQuery('/api/people/export', { ...filters, format }), `${fallbackName}.${format}`);

const PRINT_PAGE = 200; // the API's largest page
const PRINT_MAX = 5000; // a roster longer than this is better exported than printed

/** Every person matching the filters, for the printed roster: the list API, page by page. */
export function usePeopleForPrint(filters: Filters, enabled = true) {
  return useQuery({
    queryKey: ['people', 'print', filters],
    queryFn: async () => {
      const items: TPerson[] = [];
      let total = 0;
      for (let page = 1; ; page += 1) {
        const chunk = await api(withQuery('/api/people', { ...filters, page, pageSize: PRINT_PAGE }), { schema: ZPeoplePage });
        items.push(...chunk.items);
        total = chunk.total;
        if (chunk.items.length < PRINT_PAGE || items.length >= total || items.length >= PRINT_MAX) break;
      }
      return { items, total, truncated: items.length < total };
    },
    enabled,
  });
}
