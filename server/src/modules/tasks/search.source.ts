import { ZTaskListQuery } from '@opsdesk/contract';
import type { SearchSource } from '../../platform/search/registry.ts';
import { listTasks } from './queries.service.ts';
import { STATUS_WORDS } from './workbench.section.ts';

/** The global search's tasks: the list's 全部 tab with the words (ALL-7: only what the caller may see), the most recently changed first. */
export const tasksSearch: SearchSource = {
  key: 'tasks',
  order: 10,
  search: async (ctx, q, limit) => {
    const page = await listTasks(ctx, ZTaskListQuery.parse({ scope: 'all', q, pageSize: limit, sort: '-updatedAt' }));
    return {
      count: page.total,
      items: page.items.map((task) => ({
        id: String(task.id),
        title: `${task.number} ${task.name}`,
        subtitle: `${STATUS_WORDS[ctx.locale][task.status]} · ${task.owner.name}`,
        link: `/tasks/${task.id}`,
        at: task.dueDate,
        overdue: task.status === 'overdue',
      })),
    };
  },
};
