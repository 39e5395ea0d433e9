import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ZSearchResult } from '@opsdesk/contract';
import { api, withQuery } from './client.ts';

/** The top bar's search; nothing is asked until there are words. */
export function useGlobalSearch(q: string) {
  return useQuery({
    queryKey: ['search', q],
    queryFn: () => api(withQuery('/api/search', { q }), { schema: ZSearchResult }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
