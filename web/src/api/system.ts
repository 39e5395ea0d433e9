import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZBackup, ZBackupPage, type TBackupQuery } from '@opsdesk/contract';
import { api, withQuery } from './client.ts';

export const backupKeys = { all: ['backups'] as const, page: (query: TBackupQuery) => ['backups', query] as const };

export function useBackups(query: TBackupQuery) {
  return useQuery({
    queryKey: backupKeys.page(query),
    queryFn: () => api(withQuery('/api/system/backups', query), { schema: ZBackupPage }),
    placeholderData: keepPreviousData,
  });
}

/** 立即备份: the server answers when the backup and its restore check are done. */
export function useCreateBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/system/backups', { method: 'POST', schema: ZBackup }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: backupKeys.all }),
  });
}
