import { useQuery } from '@tanstack/react-query';
import { ZWorkbench } from '@opsdesk/contract';
import { api, withQuery } from './client.ts';

export function useWorkbench(limit = 5) {
  return useQuery({ queryKey: ['workbench', limit], queryFn: () => api(withQuery('/api/workbench', { limit }), { schema: ZWorkbench }) });
}
