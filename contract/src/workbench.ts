import { z } from 'zod';

/**
 * ALL-3 我的工作台: one section per module that has something for the caller. Sections appear as
 * modules land; the web shows known keys with their label and link to the full list:
 * `approvals` 待我审批 · `notifications` 未读消息 · later `tasks` 我的任务 · `meetings` 本周会议 ·
 * `loans` 我的借阅 · `requests` 我的客户请求.
 */
export const WORKBENCH_SECTION_KEYS = ['approvals', 'notifications', 'tasks', 'meetings', 'loans', 'requests'] as const;

export const ZWorkbenchItem = z.object({
  id: z.string(),
  title: z.string(),
  /** Second line, e.g. the requester or the approval step. */
  subtitle: z.string().nullable(),
  /** The web path that opens the item. */
  link: z.string().nullable(),
  /** The item's time to show (due, submitted, starts), ISO 8601. */
  at: z.string().nullable(),
  /** Red in the list (UX: overdue items first). */
  overdue: z.boolean(),
});
export type TWorkbenchItem = z.infer<typeof ZWorkbenchItem>;

export const ZWorkbenchSection = z.object({
  key: z.string(),
  /** Everything the section holds for the caller, not only the items shown. */
  count: z.number().int(),
  items: z.array(ZWorkbenchItem),
});
export type TWorkbenchSection = z.infer<typeof ZWorkbenchSection>;

/** `GET /api/workbench?limit=`: the top `limit` items of each section. */
export const ZWorkbenchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type TWorkbenchQuery = z.input<typeof ZWorkbenchQuery>;

export const ZWorkbench = z.object({ sections: z.array(ZWorkbenchSection) });
export type TWorkbench = z.infer<typeof ZWorkbench>;
