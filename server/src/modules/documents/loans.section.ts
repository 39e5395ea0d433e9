import { and, asc, count, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { LOAN_STATUS_LABELS } from '@opsdesk/contract';
import type { WorkbenchSection } from '../../platform/workbench/registry.ts';
import { loanLink } from './borrow-flow.ts';
import { selectLoans } from './loans.queries.ts';
import { OPEN_STATUSES, isArchivist } from './rules.ts';
import { documentLoans } from './schema.ts';

/**
 * ALL-3 我的借阅: the caller's open loans; for the archivist also the approved loans waiting to be
 * registered and every overdue loan to chase. Overdue first, then by deadline.
 */
export const loansSection: WorkbenchSection = {
  key: 'loans',
  order: 40,
  load: async (ctx, limit) => {
    const now = ctx.now.toISOString();
    const late = and(eq(documentLoans.status, 'lent'), lte(documentLoans.dueAt, now));
    const mine = and(eq(documentLoans.borrowerId, ctx.actor.id), inArray(documentLoans.status, [...OPEN_STATUSES]));
    const where = isArchivist(ctx.actor.roles) ? or(mine, eq(documentLoans.status, 'approved'), late) : mine;
    const [total] = await ctx.db.select({ n: count() }).from(documentLoans).where(where);
    const rows = await selectLoans(ctx.db)
      .where(where)
      .orderBy(desc(sql`coalesce(${late}, false)`), asc(documentLoans.dueAt), desc(documentLoans.id))
      .limit(limit);
    return {
      count: Number(total?.n ?? 0),
      items: rows.map((r) => {
        const overdue = r.status === 'lent' && r.dueAt !== null && new Date(r.dueAt) <= ctx.now;
        const who = r.borrowerId === ctx.actor.id ? null : r.borrowerName;
        return {
          id: String(r.id),
          title: `《${r.documentName}》${r.documentNumber ? ` ${r.documentNumber}` : ''}`,
          subtitle: [LOAN_STATUS_LABELS[r.status][ctx.locale], who, r.dueDate ? `${ctx.locale === 'zh-CN' ? '应还' : 'due'} ${r.dueDate}` : null].filter(Boolean).join(' · '),
          link: loanLink(r.id),
          at: r.dueAt ? new Date(r.dueAt).toISOString() : new Date(r.createdAt).toISOString(),
          overdue,
        };
      }),
    };
  },
};
