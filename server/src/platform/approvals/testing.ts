// Shared by the approval tests: a DOC-5-like flow (head → [secret: division leader] → archivist)
// on the demo organisation, and submitting through the service as a module would.
import { and, eq, sql } from 'drizzle-orm';
import type { TestApp } from '../../../test/harness.ts';
import { people } from '../../modules/org/schema.ts';
import { notifications } from '../notify/schema.ts';
import { type Actor, type Ctx, mutate } from '../http/context.ts';
import { type ApprovalRequestView, type FlowDefinition, registerFlow } from './flows.ts';
import { submitApproval } from './submit.service.ts';

export interface Outcome {
  requestId: number;
  outcome: 'approved' | 'rejected' | 'returned';
  actorId: number | null;
  opinion: string | null;
}
export const outcomes: Outcome[] = [];
/** Makes the next onDecided throw, to prove it runs inside the decision's transaction. */
export const failNext = { decided: false };

export const TEST_FLOW: FlowDefinition = {
  type: 'test.borrow',
  label: { 'zh-CN': '文档借阅', 'en-US': 'Document loan' },
  steps: [
    { key: 'head', label: { 'zh-CN': '部门负责人审批', 'en-US': 'Department head' }, decider: { kind: 'departmentHead' } },
    { key: 'leader', label: { 'zh-CN': '分管领导审批', 'en-US': 'Division leader' }, decider: { kind: 'divisionLeader' }, when: { secret: true } },
    { key: 'archivist', label: { 'zh-CN': '档案管理员登记', 'en-US': 'Archivist' }, decider: { kind: 'role', role: 'archivist', department: { code: 'XZ' } } },
  ],
  subjectLink: (s) => `/documents/loans/${s.entityId}`,
  onDecided: async (tx, request, outcome, meta) => {
    await tx.execute(sql`select 1`);
    if (failNext.decided) {
      failNext.decided = false;
      throw new Error('module refused');
    }
    outcomes.push({ requestId: request.id, outcome, actorId: meta.actorId, opinion: meta.opinion });
  },
  onReturned: async (_tx, request, meta) => {
    outcomes.push({ requestId: request.id, outcome: 'returned', actorId: meta.actorId, opinion: meta.opinion });
  },
};

export const registerTestFlow = () => registerFlow(TEST_FLOW);

export async function actorOf(t: TestApp, username: string): Promise<Actor> {
  const [p] = await t.database.db.select().from(people).where(sql`lower(${people.username}) = ${username}`);
  if (!p) throw new Error(`no person ${username}`);
  return { id: p.id, name: p.name, username: p.username, roles: p.roles, departmentId: p.departmentId };
}

let loanNo = 0;
/** What a module does: submit inside its own transaction, as the signed-in requester. */
export async function submitAs(t: TestApp, username: string, facts: Record<string, unknown> = {}, entityId?: number): Promise<ApprovalRequestView> {
  const actor = await actorOf(t, username);
  const ctx: Ctx = { db: t.database.db, actor, ip: '127.0.0.1', now: t.clock.now(), locale: 'zh-CN' };
  loanNo += 1;
  return mutate(ctx, (tx) =>
    submitApproval(tx, ctx, {
      flow: TEST_FLOW.type,
      subject: { entity: 'document_loan', entityId: entityId ?? loanNo },
      title: `借阅《员工考勤管理制度》#${entityId ?? loanNo}`,
      facts,
    }),
  );
}

/** The in-app notifications a person got about one request. */
export async function noticesFor(t: TestApp, recipientId: number, requestId: number) {
  return t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipientId, recipientId), eq(notifications.entity, 'approval_request'), eq(notifications.entityId, String(requestId))));
}
