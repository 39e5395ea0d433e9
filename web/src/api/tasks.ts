import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ZFileMeta,
  ZTask,
  ZTaskCounts,
  ZTaskHistoryEntry,
  ZTaskOverview,
  ZTaskPage,
  ZTaskWeeklyItemPage,
  ZTaskWeeklyReport,
  type TCreateTaskInput,
  type TExportFormat,
  type TTask,
  type TTaskAcceptInput,
  type TTaskCountsQuery,
  type TTaskDelayInput,
  type TTaskListItem,
  type TTaskListQuery,
  type TTaskMilestoneDoneInput,
  type TTaskProgressInput,
  type TTaskRejectInput,
  type TTaskStartInput,
  type TTaskSubmitInput,
  type TTaskWeeklyItemsQuery,
  type TTaskWeeklyQuery,
  type TUpdateTaskInput,
} from '@opsdesk/contract';
import { api, withQuery } from './client.ts';
import { downloadFile } from './download.ts';

export type TaskFilters = Omit<TTaskListQuery, 'page' | 'pageSize'>;

export const taskKeys = {
  all: ['tasks'] as const,
  list: (query: TTaskListQuery) => ['tasks', 'list', query] as const,
  counts: (query: TTaskCountsQuery) => ['tasks', 'counts', query] as const,
  detail: (id: number) => ['tasks', 'detail', id] as const,
  history: (id: number) => ['tasks', 'history', id] as const,
  weekly: (query: TTaskWeeklyQuery) => ['tasks', 'weekly', query] as const,
  weeklyItems: (query: TTaskWeeklyItemsQuery) => ['tasks', 'weekly', 'items', query] as const,
  overview: ['tasks', 'overview'] as const,
};

const ZHistory = ZTaskHistoryEntry.array();

export function useTasks(query: TTaskListQuery, enabled = true) {
  return useQuery({
    queryKey: taskKeys.list(query),
    queryFn: () => api(withQuery('/api/tasks', query), { schema: ZTaskPage }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTaskCounts(query: TTaskCountsQuery, enabled = true) {
  return useQuery({
    queryKey: taskKeys.counts(query),
    queryFn: () => api(withQuery('/api/tasks/counts', query), { schema: ZTaskCounts }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTask(id: number | undefined) {
  return useQuery({
    queryKey: taskKeys.detail(id ?? 0),
    queryFn: () => api(`/api/tasks/${id ?? 0}`, { schema: ZTask }),
    enabled: id !== undefined && id > 0,
  });
}

export function useTaskHistory(id: number, enabled: boolean) {
  return useQuery({
    queryKey: taskKeys.history(id),
    queryFn: () => api(`/api/tasks/${id}/history`, { schema: ZHistory }),
    enabled,
  });
}

/** Any change moves lists, counts, the weekly report and the workbench: refresh them all. */
function useTaskSaved() {
  const queryClient = useQueryClient();
  return (task: TTask) => {
    queryClient.setQueryData(taskKeys.detail(task.id), task);
    void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['tasks', 'counts'] });
    void queryClient.invalidateQueries({ queryKey: ['tasks', 'weekly'] });
    void queryClient.invalidateQueries({ queryKey: taskKeys.overview });
    void queryClient.invalidateQueries({ queryKey: taskKeys.history(task.id) });
    void queryClient.invalidateQueries({ queryKey: ['workbench'] });
    void queryClient.invalidateQueries({ queryKey: ['approvals'] });
  };
}

export function useSaveTask() {
  const saved = useTaskSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: TCreateTaskInput | TUpdateTaskInput }) =>
      id === undefined
        ? api('/api/tasks', { method: 'POST', body, schema: ZTask })
        : api(`/api/tasks/${id}`, { method: 'PATCH', body, schema: ZTask }),
    onSuccess: saved,
  });
}

/** The task verbs; each answers the task as it now is. */
export type TaskAction =
  | { kind: 'progress'; body: TTaskProgressInput }
  | { kind: 'delay'; body: TTaskDelayInput }
  | { kind: 'start'; body: TTaskStartInput }
  | { kind: 'submit'; body: TTaskSubmitInput }
  | { kind: 'accept'; body: TTaskAcceptInput }
  | { kind: 'reject'; body: TTaskRejectInput }
  | { kind: 'milestone'; milestoneId: number; body: TTaskMilestoneDoneInput };

const actionRequest = (id: number, action: TaskAction) =>
  action.kind === 'milestone'
    ? api(`/api/tasks/${id}/milestones/${action.milestoneId}`, { method: 'PATCH', body: action.body, schema: ZTask })
    : api(`/api/tasks/${id}/${action.kind}`, { method: 'POST', body: action.body, schema: ZTask });

export function useTaskAction(id: number) {
  const saved = useTaskSaved();
  return useMutation({ mutationFn: (action: TaskAction) => actionRequest(id, action), onSuccess: saved });
}

/**
 * A Kanban drop that needs no dialog (未开始 → 进行中): the card moves at once and goes back if the
 * server refuses (UX.md: optimistic updates for drags).
 */
export function useOptimisticStart() {
  const queryClient = useQueryClient();
  const saved = useTaskSaved();
  return useMutation({
    mutationFn: ({ task, body }: { task: TTaskListItem; body: TTaskStartInput }) => actionRequest(task.id, { kind: 'start', body }),
    onMutate: async ({ task }) => {
      await queryClient.cancelQueries({ queryKey: ['tasks', 'list'] });
      const before = queryClient.getQueriesData<{ items: TTaskListItem[] }>({ queryKey: ['tasks', 'list'] });
      queryClient.setQueriesData<{ items: TTaskListItem[] }>({ queryKey: ['tasks', 'list'] }, (page) =>
        page
          ? {
              ...page,
              items: page.items.map((item) =>
                item.id === task.id ? { ...item, workflowStatus: 'in_progress', status: item.status === 'overdue' ? 'overdue' : 'in_progress' } : item,
              ),
            }
          : page,
      );
      return { before };
    },
    onError: (_err, _vars, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: saved,
  });
}

/** 任务跟踪表 as .xlsx/.csv with the list's filters (GET /api/tasks/export). */
export const exportTasks = (filters: TaskFilters, format: TExportFormat, fallbackName: string) =>
  downloadFile(withQuery('/api/tasks/export', { ...filters, format }), `${fallbackName}.${format}`);

export function useWeeklyReport(query: TTaskWeeklyQuery) {
  return useQuery({
    queryKey: taskKeys.weekly(query),
    queryFn: () => api(withQuery('/api/tasks/weekly-report', query), { schema: ZTaskWeeklyReport }),
    placeholderData: keepPreviousData,
  });
}

/** 各部门任务概况 for the workbench chart: the departments the caller oversees (none for staff). */
export function useTaskOverview() {
  return useQuery({ queryKey: taskKeys.overview, queryFn: () => api('/api/tasks/overview', { schema: ZTaskOverview }) });
}

/** A page of one section of the weekly report (TSK-10), optionally of one person. */
export function useWeeklyItems(query: TTaskWeeklyItemsQuery) {
  return useQuery({
    queryKey: taskKeys.weeklyItems(query),
    queryFn: () => api(withQuery('/api/tasks/weekly-report/items', query), { schema: ZTaskWeeklyItemPage }),
    placeholderData: keepPreviousData,
  });
}

export const exportWeekly = (query: TTaskWeeklyQuery, format: TExportFormat, fallbackName: string) =>
  downloadFile(withQuery('/api/tasks/weekly-report/export', { ...query, format }), `${fallbackName}.${format}`);

/** A deliverable file (TSK-9): uploaded first, its id then goes with the submission. */
export function useUploadFile() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api('/api/files', { method: 'POST', body: form, schema: ZFileMeta });
    },
  });
}

const PRINT_PAGE = 200; // the API's largest page
const PRINT_MAX = 2000; // a longer 表 is better exported than printed

/** Every task matching the filters, for the printed 任务跟踪表: the list API, page by page. */
export function useTasksForPrint(filters: TaskFilters) {
  return useQuery({
    queryKey: ['tasks', 'print', filters],
    queryFn: async () => {
      const items: TTaskListItem[] = [];
      let total = 0;
      for (let page = 1; ; page += 1) {
        const chunk = await api(withQuery('/api/tasks', { ...filters, page, pageSize: PRINT_PAGE }), {
          schema: ZTaskPage,
        });
        items.push(...chunk.items);
        total = chunk.total;
        if (chunk.items.length < PRINT_PAGE || items.length >= total || items.length >= PRINT_MAX) break;
      }
      return { items, total, truncated: items.length < total };
    },
  });
}
