import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { WorkbenchSection } from '../../platform/workbench/registry.ts';
import { dayOf } from './queries.service.ts';
import { displayStatus } from './rules.ts';
import { tasks } from './schema.ts';

/** The status as the workbench and the global search say it (the web has its own i18n). */
export const STATUS_WORDS = {
  'zh-CN': { not_started: '未开始', in_progress: '进行中', awaiting_acceptance: '待验收', done: '已完成', overdue: '延期' },
  'en-US': { not_started: 'Not started', in_progress: 'In progress', awaiting_acceptance: 'Awaiting acceptance', done: 'Done', overdue: 'Overdue' },
} as const;

/** ALL-3 我的任务: the caller's open tasks as owner, overdue first, then by due date (the open-task index). */
export const tasksSection: WorkbenchSection = {
  key: 'tasks',
  order: 20,
  load: async (ctx, limit) => {
    const day = await dayOf(ctx);
    const mine = and(eq(tasks.ownerId, ctx.actor.id), ne(tasks.status, 'done'));
    const [total] = await ctx.db.select({ n: count() }).from(tasks).where(mine);
    const rows = await ctx.db
      .select({ id: tasks.id, number: tasks.number, name: tasks.name, status: tasks.status, dueDate: tasks.dueDate, progress: tasks.progress })
      .from(tasks)
      .where(mine)
      .orderBy(asc(tasks.dueDate), asc(tasks.id))
      .limit(limit);
    return {
      count: total?.n ?? 0,
      items: rows.map((r) => {
        const status = displayStatus(r, day.today);
        return {
          id: String(r.id),
          title: `${r.number} ${r.name}`,
          subtitle: `${STATUS_WORDS[ctx.locale][status]} · ${r.progress}%`,
          link: `/tasks/${r.id}`,
          at: r.dueDate,
          overdue: status === 'overdue',
        };
      }),
    };
  },
};
