import { inArray } from 'drizzle-orm';
import { type TLocale, interpolate } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { resolveRecipients } from '../../platform/deadlines/reminder-rules.ts';
import { notify } from '../../platform/notify/notify.ts';
import { departments, people } from '../org/schema.ts';

/** The owner's head (TSK-6 alert, TSK-9 default acceptor): a vacant post or the owner themself goes one department up. */
export async function headOf(db: Db | Tx, ownerId: number): Promise<number | null> {
  const depts = await db.select({ id: departments.id, parentId: departments.parentId, headId: departments.headId, divisionLeaderId: departments.divisionLeaderId }).from(departments);
  const ids = [ownerId, ...depts.flatMap((d) => (d.headId === null ? [] : [d.headId]))];
  const rows = await db.select({ id: people.id, active: people.active, departmentId: people.departmentId }).from(people).where(inArray(people.id, ids));
  return (
    resolveRecipients(
      ['owner.head'],
      ownerId,
      new Map(rows.map((p) => [p.id, p])),
      new Map(depts.map((d) => [d.id, d])),
    )[0] ?? null
  );
}

type Kind = 'assignedOwner' | 'assignedCollaborator' | 'delayed';

// {number} {name} {actor} {oldDue} {newDue} {reason}
const TEXTS: Record<Kind, Record<TLocale, { title: string; body: string }>> = {
  assignedOwner: {
    'zh-CN': { title: '新任务：{number} {name}', body: '{actor}指派您为该任务的负责人。' },
    'en-US': { title: 'New task: {number} {name}', body: '{actor} made you the owner of this task.' },
  },
  assignedCollaborator: {
    'zh-CN': { title: '新任务：{number} {name}', body: '{actor}邀请您作为该任务的协作者。' },
    'en-US': { title: 'New task: {number} {name}', body: '{actor} added you as a collaborator on this task.' },
  },
  delayed: {
    'zh-CN': { title: '任务延期：{number} {name}', body: '{actor}将截止时间由 {oldDue} 调整为 {newDue}。延期原因：{reason}' },
    'en-US': { title: 'Task delayed: {number} {name}', body: '{actor} moved the due date from {oldDue} to {newDue}. Reason: {reason}' },
  },
};

const EVENTS: Record<Kind, string> = { assignedOwner: 'task.assigned', assignedCollaborator: 'task.assigned', delayed: 'task.delayed' };

export interface TaskNotice {
  kind: Kind;
  recipientId: number;
  params: Record<string, string>;
  dedupeKey: string;
}

/** In-app notices about a task, each in its recipient's language (the bell, e-mail and bots follow). */
export async function sendTaskNotices(tx: Tx, now: Date, task: { id: number }, notices: TaskNotice[]): Promise<void> {
  if (!notices.length) return;
  const rows = await tx
    .select({ id: people.id, locale: people.locale })
    .from(people)
    .where(
      inArray(
        people.id,
        notices.map((n) => n.recipientId),
      ),
    );
  const locale = new Map(rows.map((r) => [r.id, r.locale]));
  for (const n of notices) {
    const text = TEXTS[n.kind][locale.get(n.recipientId) ?? 'zh-CN'];
    await notify(tx, now, {
      recipientId: n.recipientId,
      event: EVENTS[n.kind],
      title: interpolate(text.title, n.params),
      body: interpolate(text.body, n.params),
      link: `/tasks/${task.id}`,
      entity: 'task',
      entityId: task.id,
      dedupeKey: n.dedupeKey,
    });
  }
}
