import { approvalCounts, listApprovals } from '../approvals/queries.service.ts';
import type { WorkbenchSection } from './registry.ts';

/** ALL-3 待我审批: the approvals module's "waiting" box, longest-waiting first. */
export const approvalsSection: WorkbenchSection = {
  key: 'approvals',
  order: 10,
  load: async (ctx, limit) => {
    const counts = await approvalCounts(ctx);
    const page = await listApprovals(ctx, { box: 'waiting', page: 1, pageSize: limit });
    return {
      count: counts.waiting,
      items: page.items.map((a) => ({
        id: String(a.id),
        title: a.title,
        subtitle: [a.flowLabel, a.requester.name, a.currentStep?.label].filter(Boolean).join(' · '),
        link: `/approvals/${a.id}`,
        at: a.currentStep?.openedAt ?? a.createdAt,
        overdue: false,
      })),
    };
  },
};
