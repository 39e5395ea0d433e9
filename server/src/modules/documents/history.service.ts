import { and, desc, eq, inArray, notInArray, or } from 'drizzle-orm';
import type { TDocumentHistoryEntry } from '@opsdesk/contract';
import { auditLog } from '../../platform/audit/schema.ts';
import { toIso } from '../../platform/calendar/zone.ts';
import { LOAN_ENTITY } from './borrow-flow.ts';
import { documentLoans } from './schema.ts';
import { type DocCtx, findVisible, summarize } from './store.ts';

// Reads are audited (DOC-4) but are not changes; the auditor sees them in the audit log.
const READS = ['view', 'download', 'text', 'integrity_failed'];
const LIMIT = 200;

/**
 * SPEC "change history": the audit rows of this version (created, edited, archived, grants, new
 * version/作废) and of its loans — all loans for the owner and the archivist, else the caller's
 * own. 404 when the caller may not know the document (DOC-4).
 */
export async function documentHistory(ctx: DocCtx, id: number): Promise<TDocumentHistoryEntry[]> {
  const row = await findVisible(ctx, id);
  const [summary] = await summarize(ctx, [row]);
  const loans = await ctx.db
    .select({ id: documentLoans.id })
    .from(documentLoans)
    .where(and(eq(documentLoans.documentId, id), summary!.permissions.canSeeLoans ? undefined : eq(documentLoans.borrowerId, ctx.actor.id)));
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(
      or(
        and(eq(auditLog.entity, 'document'), eq(auditLog.entityId, String(id)), notInArray(auditLog.action, READS)),
        loans.length
          ? and(
              eq(auditLog.entity, LOAN_ENTITY),
              inArray(
                auditLog.entityId,
                loans.map((l) => String(l.id)),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(LIMIT);
  return rows.map((r) => ({
    id: r.id,
    at: toIso(r.at),
    actor: r.actorId === null ? null : { id: r.actorId, name: r.actorName ?? '' },
    action: r.action,
    changes: Object.entries(r.changes).map(([field, c]) => ({ field, before: c.before, after: c.after })),
  }));
}
