import { inArray } from 'drizzle-orm';
import type { TLocale } from '@opsdesk/contract';
import type { Tx } from '../../db/client.ts';
import { people } from '../../modules/org/schema.ts';
import { notify } from '../notify/notify.ts';
import { flowLabel } from './flows.ts';
import type { approvalRequests } from './schema.ts';

type RequestRow = typeof approvalRequests.$inferSelect;

export type NoticeKind = 'waiting' | 'transferred' | 'approved' | 'rejected' | 'returned' | 'cc' | 'stuck' | 'comment';

const EVENTS: Record<NoticeKind, string> = {
  waiting: 'approval.waiting',
  transferred: 'approval.waiting',
  approved: 'approval.approved',
  rejected: 'approval.rejected',
  returned: 'approval.returned',
  cc: 'approval.cc',
  stuck: 'approval.stuck',
  comment: 'approval.comment',
};

// {flow} {title} {requester} {step} {actor} {opinion}
const TEXTS: Record<NoticeKind, Record<TLocale, { title: string; body: string }>> = {
  waiting: {
    'zh-CN': { title: '待您审批：{title}', body: '{requester}提交的{flow}已到“{step}”，请审批。' },
    'en-US': { title: 'Awaiting your approval: {title}', body: '{flow} from {requester} is at "{step}" and needs your decision.' },
  },
  transferred: {
    'zh-CN': { title: '转交您审批：{title}', body: '{actor}将{requester}提交的{flow}（{step}）转交给您审批。{opinion}' },
    'en-US': { title: 'Transferred to you: {title}', body: '{actor} passed {flow} from {requester} ("{step}") to you. {opinion}' },
  },
  approved: {
    'zh-CN': { title: '审批已通过：{title}', body: '您提交的{flow}已审批通过。{opinion}' },
    'en-US': { title: 'Approved: {title}', body: 'Your {flow} has been approved. {opinion}' },
  },
  rejected: {
    'zh-CN': { title: '审批被驳回：{title}', body: '{actor}驳回了您提交的{flow}。理由：{opinion}' },
    'en-US': { title: 'Rejected: {title}', body: '{actor} rejected your {flow}. Reason: {opinion}' },
  },
  returned: {
    'zh-CN': { title: '审批被退回修改：{title}', body: '{actor}将您提交的{flow}退回修改：{opinion}' },
    'en-US': { title: 'Returned for changes: {title}', body: '{actor} returned your {flow} for changes: {opinion}' },
  },
  cc: {
    'zh-CN': { title: '抄送给您：{title}', body: '{actor}将{requester}提交的{flow}抄送给您。{opinion}' },
    'en-US': { title: 'CC: {title}', body: '{actor} copied you on {flow} from {requester}. {opinion}' },
  },
  stuck: {
    'zh-CN': { title: '审批无人处理：{title}', body: '{requester}提交的{flow}在“{step}”找不到审批人（岗位空缺或人员停用），请完善组织架构后将其转交给合适的人。' },
    'en-US': { title: 'Approval stuck: {title}', body: '{flow} from {requester} has no decider at "{step}" (vacant post or disabled person). Fix the organisation and transfer it to someone.' },
  },
  comment: {
    'zh-CN': { title: '审批有新评论：{title}', body: '{actor}：{opinion}' },
    'en-US': { title: 'New comment: {title}', body: '{actor}: {opinion}' },
  },
};

export interface Notice {
  kind: NoticeKind;
  recipientId: number;
  request: RequestRow;
  /** Unique per happening, so a retried transaction never notifies twice. */
  dedupeKey: string;
  step?: Record<TLocale, string>;
  actorId?: number | null;
  opinion?: string | null;
}

/** ALL-2: in the recipient's language; e-mail and bots fan out from the in-app row. */
export async function sendNotices(tx: Tx, now: Date, notices: Notice[]): Promise<void> {
  if (!notices.length) return;
  const ids = new Set<number>();
  for (const n of notices) {
    ids.add(n.recipientId);
    ids.add(n.request.requesterId);
    if (n.actorId) ids.add(n.actorId);
  }
  const rows = await tx.select({ id: people.id, name: people.name, locale: people.locale }).from(people).where(inArray(people.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const n of notices) {
    const locale = byId.get(n.recipientId)?.locale ?? 'zh-CN';
    const params: Record<string, string> = {
      title: n.request.title,
      flow: flowLabel(n.request.flow, locale),
      requester: byId.get(n.request.requesterId)?.name ?? '',
      step: n.step?.[locale] ?? '',
      actor: (n.actorId && byId.get(n.actorId)?.name) || '',
      opinion: n.opinion ?? '',
    };
    const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '').trim();
    const text = TEXTS[n.kind][locale];
    await notify(tx, now, {
      recipientId: n.recipientId,
      event: EVENTS[n.kind],
      title: fill(text.title),
      body: fill(text.body),
      link: `/approvals/${n.request.id}`,
      entity: 'approval_request',
      entityId: n.request.id,
      dedupeKey: n.dedupeKey,
    });
  }
}
