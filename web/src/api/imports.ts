import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZImportErrorsPage, ZImportJob, type TExportFormat, type TImportJob, type TImportKind } from '@opsdesk/contract';
import { api, withQuery } from './client.ts';
import { downloadFile } from './download.ts';

/** How often the dialog asks how far the server has read (contract/src/imports.ts, step 2). */
export const IMPORT_POLL_MS = 500;

const isSettled = (job: TImportJob | undefined) => job !== undefined && job.status !== 'reading';
const jobKey = (id: number | null) => ['imports', 'job', id] as const;

export function useUploadImport(kind: TImportKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api(`/api/imports/${kind}`, { method: 'POST', body: form, schema: ZImportJob });
    },
    // The 202 answer is the job's first state: the poll takes over from it ~500 ms later.
    onSuccess: (job) => queryClient.setQueryData(jobKey(job.id), job),
  });
}

/** The job, polled every ~500 ms while the server reads the file; quiet once ready or failed. */
export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: jobKey(id),
    queryFn: () => api(`/api/imports/${id ?? 0}`, { schema: ZImportJob }),
    enabled: id !== null,
    staleTime: IMPORT_POLL_MS,
    refetchInterval: (query) => (isSettled(query.state.data) ? false : IMPORT_POLL_MS),
  });
}

export function useImportErrors(id: number | null, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: ['imports', 'errors', id, page, pageSize],
    queryFn: () => api(withQuery(`/api/imports/${id ?? 0}/errors`, { page, pageSize }), { schema: ZImportErrorsPage }),
    enabled: enabled && id !== null,
    placeholderData: keepPreviousData,
  });
}

export function useCommitImport() {
  return useMutation({
    mutationFn: (id: number) => api(`/api/imports/${id}/commit`, { method: 'POST', schema: ZImportJob }),
  });
}

export const downloadTemplate = (kind: TImportKind, format: TExportFormat, fallbackName: string) =>
  downloadFile(withQuery(`/api/imports/${kind}/template`, { format }), `${fallbackName}.${format}`);
