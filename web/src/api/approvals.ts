import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ZApprovalCounts,
  ZApprovalDetail,
  ZApprovalPage,
  type TApprovalListQuery,
  type TApproveInput,
  type TCcInput,
  type TCommentInput,
  type TRejectInput,
  type TTransferInput,
} from '@opsdesk/contract';
import { api, withQuery } from './client.ts';

export const approvalKeys = {
  all: ['approvals'] as const,
  counts: ['approvals', 'counts'] as const,
  list: (query: TApprovalListQuery) => ['approvals', 'list', query] as const,
  detail: (id: number) => ['approvals', 'detail', id] as const,
};

export function useApprovalCounts() {
  return useQuery({ queryKey: approvalKeys.counts, queryFn: () => api('/api/approvals/counts', { schema: ZApprovalCounts }) });
}

export function useApprovals(query: TApprovalListQuery) {
  return useQuery({
    queryKey: approvalKeys.list(query),
    queryFn: () => api(withQuery('/api/approvals', query), { schema: ZApprovalPage }),
    placeholderData: keepPreviousData,
  });
}

export function useApproval(id: number) {
  return useQuery({ queryKey: approvalKeys.detail(id), queryFn: () => api(`/api/approvals/${id}`, { schema: ZApprovalDetail }) });
}

export type ApprovalAction =
  | { kind: 'approve'; body: TApproveInput }
  | { kind: 'reject'; body: TRejectInput }
  | { kind: 'return'; body: TRejectInput }
  | { kind: 'comment'; body: TCommentInput }
  | { kind: 'transfer'; body: TTransferInput }
  | { kind: 'cc'; body: TCcInput };

/** Every action answers the new detail; boxes, counts and the workbench move with it. */
export function useApprovalAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ApprovalAction) =>
      api(`/api/approvals/${id}/${action.kind}`, { method: 'POST', body: action.body, schema: ZApprovalDetail }),
    onSuccess: (detail) => {
      queryClient.setQueryData(approvalKeys.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: ['approvals', 'list'] });
      void queryClient.invalidateQueries({ queryKey: approvalKeys.counts });
      void queryClient.invalidateQueries({ queryKey: ['workbench'] });
    },
  });
}
