import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ZAuditPage, type TAuditQuery } from '@opsdesk/contract';
import { api, withQuery } from './client.ts';

export function useAuditLog(query: TAuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => api(withQuery('/api/audit', query), { schema: ZAuditPage }),
    placeholderData: keepPreviousData,
  });
}
