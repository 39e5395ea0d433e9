import { type SQL, and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/http/context.ts';
import { approvalParticipants } from '../../platform/approvals/schema.ts';
import { isArchivist } from './rules.ts';
import { documentGrants, documentLoans, documents } from './schema.ts';

const OPEN = ['applied', 'changes_requested', 'approved', 'lent'] as const;

/**
 * DOC-4 / ALL-7: the documents a person may know exist. Internal (内部) documents: everyone signed
 * in. Secret (秘密) ones: the archivist; the owner; a visibility grant naming the person,
 * one of their roles or their department; their own open loan; or having decided one of its loans
 * (the approval chain must see what it approves). Nothing else — the system administrator and
 * the general manager included. Used by every list, count, search, export and lookup by id, so
 * "not allowed" and "does not exist" look the same.
 */
export function visibleWhere(actor: Actor): SQL | undefined {
  if (isArchivist(actor.roles)) return undefined;
  const grantTargets: SQL[] = [sql`g.person_id = ${actor.id}`];
  if (actor.roles.length) grantTargets.push(sql`g.role in (${sql.join(actor.roles.map((r) => sql`${r}`), sql`, `)})`);
  if (actor.departmentId !== null) grantTargets.push(sql`g.department_id = ${actor.departmentId}`);
  return or(
    eq(documents.secrecy, 'internal'),
    eq(documents.ownerId, actor.id),
    sql`exists (select 1 from ${documentGrants} g where g.document_id = ${documents.id} and (${sql.join(grantTargets, sql` or `)}))`,
    sql`exists (select 1 from ${documentLoans} l where l.document_id = ${documents.id} and l.borrower_id = ${actor.id}
                  and l.status in (${sql.join(OPEN.map((s) => sql`${s}`), sql`, `)}))`,
    sql`exists (select 1 from ${documentLoans} l join ${approvalParticipants} p on p.request_id = l.approval_id
                  where l.document_id = ${documents.id} and p.person_id = ${actor.id} and p.kind = 'decider')`,
  );
}

/** DOC-8: 作废 versions are kept apart: lists show them to the archivist only, and only when asked. */
export const currentOnly = () => eq(documents.void, false);

/**
 * DOC-5: the loans a person may look at: their own, all of them for the archivist, and those of
 * documents they own. (Deciders see the application through the approval centre.)
 */
export function loanVisibleWhere(actor: Actor): SQL | undefined {
  if (isArchivist(actor.roles)) return undefined;
  return or(
    eq(documentLoans.borrowerId, actor.id),
    inArray(documentLoans.documentId, sql`(select d.id from ${documents} d where d.owner_id = ${actor.id})`),
    sql`exists (select 1 from ${approvalParticipants} p where p.request_id = ${documentLoans.approvalId} and p.person_id = ${actor.id} and p.kind = 'decider')`,
  );
}

export const andAll = (...parts: (SQL | undefined)[]) => and(...parts.filter((p): p is SQL => p !== undefined));
