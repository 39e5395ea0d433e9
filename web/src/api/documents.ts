import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ZArchiveGrowth,
  ZArchiveList,
  ZDocumentBackupStatus,
  ZDocumentCategory,
  ZDocumentCategoryList,
  ZDocumentDetail,
  ZDocumentGrant,
  ZDocumentHistory,
  ZDocumentPage,
  ZDocumentStats,
  ZDocumentText,
  ZFileMeta,
  ZLoan,
  ZLoanPage,
  ZOk,
  ZTidyCheck,
  type TDocumentCategoryInput,
  type TDocumentCategoryUpdate,
  type TDocumentCreate,
  type TDocumentGrantInput,
  type TDocumentListQuery,
  type TDocumentNewVersion,
  type TDocumentSummary,
  type TDocumentUpdate,
  type TExportFormat,
  type TLoan,
  type TLoanApply,
  type TLoanListQuery,
  type TLoanRegister,
  type TLoanReturn,
} from '@opsdesk/contract';
import { api, withQuery } from './client.ts';
import { downloadFile } from './download.ts';
import { formatDate } from '../lib/time.ts';

export const documentKeys = {
  all: ['documents'] as const,
  categories: ['documents', 'categories'] as const,
  list: (query: TDocumentListQuery) => ['documents', 'list', query] as const,
  stats: ['documents', 'stats'] as const,
  detail: (id: number) => ['documents', 'detail', id] as const,
  text: (id: number) => ['documents', 'text', id] as const,
  history: (id: number) => ['documents', 'history', id] as const,
  loans: ['documents', 'loans'] as const,
  loanList: (query: TLoanListQuery) => ['documents', 'loans', 'list', query] as const,
  loan: (id: number) => ['documents', 'loans', 'detail', id] as const,
  tidy: (month: string) => ['documents', 'tidy', month] as const,
  archiveList: (quarter: string) => ['documents', 'archive-list', quarter] as const,
  archiveGrowth: ['documents', 'archive-growth'] as const,
  backup: ['documents', 'backup-status'] as const,
};

/** The list's filters without paging: shared by the list, the export and the printed register. */
export type DocumentFilters = Omit<TDocumentListQuery, 'page' | 'pageSize'>;

/** Content URLs: inline view (audited, no download flag) and the attachment download. */
export const documentViewUrl = (id: number) => `/api/documents/${id}/view`;
export const documentDownloadUrl = (id: number) => `/api/documents/${id}/download`;

// ---------------------------------------------------------------- categories (DOC-1)

export function useDocumentCategories() {
  return useQuery({
    queryKey: documentKeys.categories,
    queryFn: () => api('/api/document-categories', { schema: ZDocumentCategoryList }),
    staleTime: 60_000,
  });
}

export function useSaveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: TDocumentCategoryInput | TDocumentCategoryUpdate }) =>
      id === undefined
        ? api('/api/document-categories', { method: 'POST', body, schema: ZDocumentCategory })
        : api(`/api/document-categories/${id}`, { method: 'PATCH', body, schema: ZDocumentCategory }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.categories }),
  });
}

export function useDeleteCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/api/document-categories/${id}`, { method: 'DELETE', schema: ZOk }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.categories }),
  });
}

// ---------------------------------------------------------------- documents (DOC-2/3/4/8)

export function useDocuments(query: TDocumentListQuery) {
  return useQuery({
    queryKey: documentKeys.list(query),
    queryFn: () => api(withQuery('/api/documents', query), { schema: ZDocumentPage }),
    placeholderData: keepPreviousData,
  });
}

export function useDocumentStats() {
  return useQuery({ queryKey: documentKeys.stats, queryFn: () => api('/api/documents/stats', { schema: ZDocumentStats }) });
}

export function useDocument(id: number) {
  return useQuery({
    queryKey: documentKeys.detail(id),
    queryFn: () => api(`/api/documents/${id}`, { schema: ZDocumentDetail }),
    enabled: Number.isInteger(id) && id > 0,
    retry: false,
  });
}

/** The extracted text of an Office file, for view-only reading (each fetch is an audited view). */
export function useDocumentText(id: number, enabled: boolean) {
  return useQuery({
    queryKey: documentKeys.text(id),
    queryFn: () => api(`/api/documents/${id}/text`, { schema: ZDocumentText }),
    enabled,
    staleTime: Infinity,
  });
}

export function useDocumentHistory(id: number) {
  return useQuery({ queryKey: documentKeys.history(id), queryFn: () => api(`/api/documents/${id}/history`, { schema: ZDocumentHistory }) });
}

/** Anything about documents changed: lists, counts, details, loans and the workbench move with it. */
function useInvalidateDocuments() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: documentKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['workbench'] });
  };
}

/**
 * An electronic file for a document. A secret document's file goes to the encrypted store:
 * `secret` must precede the file part (contract/src/files.ts).
 */
export function useUploadDocumentFile() {
  return useMutation({
    mutationFn: ({ file, secret }: { file: File; secret: boolean }) => {
      const form = new FormData();
      form.append('secret', String(secret));
      form.append('file', file, file.name);
      return api('/api/files', { method: 'POST', body: form, schema: ZFileMeta });
    },
  });
}

export function useCreateDocument() {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (body: TDocumentCreate) => api('/api/documents', { method: 'POST', body, schema: ZDocumentDetail }),
    onSuccess: invalidate,
  });
}

export function useUpdateDocument(id: number) {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (body: TDocumentUpdate) => api(`/api/documents/${id}`, { method: 'PATCH', body, schema: ZDocumentDetail }),
    onSuccess: invalidate,
  });
}

export function useNewVersion(id: number) {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (body: TDocumentNewVersion) => api(`/api/documents/${id}/versions`, { method: 'POST', body, schema: ZDocumentDetail }),
    onSuccess: invalidate,
  });
}

export function useAddGrant(id: number) {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (body: TDocumentGrantInput) => api(`/api/documents/${id}/grants`, { method: 'POST', body, schema: ZDocumentGrant }),
    onSuccess: invalidate,
  });
}

export function useRemoveGrant(id: number) {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (grantId: number) => api(`/api/documents/${id}/grants/${grantId}`, { method: 'DELETE', schema: ZOk }),
    onSuccess: invalidate,
  });
}

/** 文档归档登记表 as .xlsx/.csv with the list's own filters. */
export const exportDocuments = (filters: DocumentFilters, format: TExportFormat, fallbackName: string) =>
  downloadFile(withQuery('/api/documents/export', { ...filters, format }), `${fallbackName}.${format}`);

export const downloadDocument = (id: number, fallbackName: string) => downloadFile(documentDownloadUrl(id), fallbackName);

const PRINT_PAGE = 200; // the API's largest page
const PRINT_MAX = 2000; // a longer register is better exported than printed

/** Every document matching the filters, for the printed 文档归档登记表: the list API, page by page. */
export function useDocumentsForPrint(filters: DocumentFilters) {
  return useQuery({
    queryKey: ['documents', 'print', filters],
    queryFn: async () => {
      const items: TDocumentSummary[] = [];
      let total = 0;
      for (let page = 1; ; page += 1) {
        const chunk = await api(withQuery('/api/documents', { ...filters, page, pageSize: PRINT_PAGE }), { schema: ZDocumentPage });
        items.push(...chunk.items);
        total = chunk.total;
        if (chunk.items.length < PRINT_PAGE || items.length >= total || items.length >= PRINT_MAX) break;
      }
      return { items, total, truncated: items.length < total };
    },
  });
}

// ---------------------------------------------------------------- loans (DOC-5)

/**
 * 借阅记录 for the printed register: every loan that went out (lent or returned), oldest first,
 * as `张三(2023-09-25/2023-09-28)` joined with `；` — the export's own form. The archivist reads
 * all loans; anyone else only their own.
 */
export function useLoanRecords(scope: 'all' | 'mine', notReturned: string) {
  return useQuery({
    queryKey: ['documents', 'loans', 'records', scope],
    queryFn: async () => {
      const loans: TLoan[] = [];
      for (let page = 1; ; page += 1) {
        const chunk = await api(withQuery('/api/document-loans', { scope, page, pageSize: PRINT_PAGE }), { schema: ZLoanPage });
        loans.push(...chunk.items);
        if (chunk.items.length < PRINT_PAGE || loans.length >= chunk.total || loans.length >= PRINT_MAX * 5) break;
      }
      const out = new Map<number, string[]>();
      const went = loans.filter((l) => l.status === 'lent' || l.status === 'returned').sort((a, b) => a.from.localeCompare(b.from) || a.id - b.id);
      for (const l of went) {
        const back = l.returnedAt ? formatDate(l.returnedAt) : notReturned;
        out.set(l.document.id, [...(out.get(l.document.id) ?? []), `${l.borrower.name}(${l.from}/${back})`]);
      }
      return new Map([...out].map(([id, records]) => [id, records.join('；')]));
    },
  });
}

export function useLoans(query: TLoanListQuery, enabled = true) {
  return useQuery({
    queryKey: documentKeys.loanList(query),
    queryFn: () => api(withQuery('/api/document-loans', query), { schema: ZLoanPage }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLoan(id: number) {
  return useQuery({
    queryKey: documentKeys.loan(id),
    queryFn: () => api(`/api/document-loans/${id}`, { schema: ZLoan }),
    enabled: Number.isInteger(id) && id > 0,
    retry: false,
  });
}

export function useApplyLoan(documentId: number) {
  const invalidate = useInvalidateDocuments();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoanApply) => api(`/api/documents/${documentId}/loans`, { method: 'POST', body, schema: ZLoan }),
    onSuccess: () => {
      invalidate();
      void queryClient.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
}

export type LoanAction =
  | { kind: 'register'; body: TLoanRegister }
  | { kind: 'return'; body: TLoanReturn }
  | { kind: 'resubmit'; body: TLoanApply }
  | { kind: 'withdraw' };

export function useLoanAction(loanId: number) {
  const invalidate = useInvalidateDocuments();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: LoanAction) =>
      api(`/api/document-loans/${loanId}/${action.kind}`, { method: 'POST', body: 'body' in action ? action.body : undefined, schema: ZLoan }),
    onSuccess: () => {
      invalidate();
      void queryClient.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
}

// ---------------------------------------------------------------- archivist (DOC-6/7)

export function useTidyCheck(month: string) {
  return useQuery({
    queryKey: documentKeys.tidy(month),
    queryFn: () => api(withQuery('/api/documents/tidy', { month }), { schema: ZTidyCheck }),
    placeholderData: keepPreviousData,
  });
}

/** 档案增长 (archivist): registered and archived per month, the last 12 months. */
export function useArchiveGrowth() {
  return useQuery({ queryKey: documentKeys.archiveGrowth, queryFn: () => api('/api/documents/archive-growth', { schema: ZArchiveGrowth }) });
}

export function useArchiveList(quarter: string) {
  return useQuery({
    queryKey: documentKeys.archiveList(quarter),
    queryFn: () => api(withQuery('/api/documents/archive-list', { quarter }), { schema: ZArchiveList }),
    placeholderData: keepPreviousData,
  });
}

export const exportArchiveList = (quarter: string, format: TExportFormat, fallbackName: string) =>
  downloadFile(withQuery('/api/documents/archive-list/export', { quarter, format }), `${fallbackName}.${format}`);

export function useDocumentBackupStatus() {
  return useQuery({ queryKey: documentKeys.backup, queryFn: () => api('/api/documents/backup-status', { schema: ZDocumentBackupStatus }) });
}
