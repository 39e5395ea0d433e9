import { and, eq, isNull, isNotNull, ne, sql } from 'drizzle-orm';
import type { TMinutes, ZConfirmDecisionInput, ZMinutesInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { type Scope, resolveScope } from '../../platform/access/scope.ts';
import { type FlowDefinition, registerFlow, resubmitApproval, submitApproval } from '../../platform/approvals/index.ts';
import { dueWithinWorkingDays } from '../../platform/calendar/rules.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { dateInZone, toIso } from '../../platform/calendar/zone.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { completeMeetingDeadline, declareDistributionDeadline } from './deadlines.ts';
import { minutesOf, presentMinutes } from './minutes.store.ts';
import { meetingPermissions } from './policy.ts';
import { timesOf, vagueOwnerPhrase } from './rules.ts';
import { meetingAgendaItems, meetingMinutes, meetingResolutions } from './schema.ts';
import { type MeetingAggregate, type MeetingsEnv, lockedMeeting, peopleInfo, touchMeeting, visibleMeeting } from './store.ts';
import { badInput, checkPeople } from './validate.ts';

export const MINUTES_FLOW = 'meeting.minutes';

/** `GET /api/meetings/:id/minutes`: whoever sees the meeting reads its minutes, drafts included. */
export async function getMinutes(ctx: AuthedCtx, env: MeetingsEnv, id: number, scope?: Scope): Promise<TMinutes> {
  const m = await visibleMeeting(ctx, id, scope);
  const minutes = await minutesOf(ctx.db, id);
  const cal = await getCalendar(ctx.db);
  const approvedAt = minutes.row?.approvedAt ? new Date(toIso(minutes.row.approvedAt)) : null;
  return presentMinutes(
    ctx.db,
    m,
    minutes,
    {
      // MTG-9: 24 h after the end; distribution within 1 working day of the approval (ALL-6).
      dueAt: new Date(timesOf(m.row).endsAt.getTime() + 24 * 3_600_000).toISOString(),
      distributeDueAt: approvedAt ? dueWithinWorkingDays(cal, approvedAt, 1, env.timeZone).at.toISOString() : null,
    },
    ctx.now,
  );
}

/** MTG-10: a real, active person; a date not before the meeting; no vague owner ("相关部门负责"). */
async function checkResolutions(tx: Tx, m: MeetingAggregate, input: z.output<typeof ZMinutesInput>, timeZone: string): Promise<void> {
  const meetingDate = dateInZone(timesOf(m.row).startsAt, timeZone);
  const agendaIds = new Set(m.agenda.map((a) => a.id));
  for (const [i, r] of input.resolutions.entries()) {
    for (const field of ['content', 'deliverable'] as const) {
      const vague = vagueOwnerPhrase(r[field]);
      if (vague) throw new AppError('VAGUE_OWNER', `resolutions.${i}.${field}`, { value: vague });
    }
    if (r.dueDate < meetingDate) throw badInput(`resolutions.${i}.dueDate`, 'before the meeting');
    if (r.agendaItemId !== null && !agendaIds.has(r.agendaItemId)) throw new AppError('INVALID_REFERENCE', `resolutions.${i}.agendaItemId`);
  }
  await checkPeople(tx, [
    ...input.resolutions.map((r, i) => ({ field: `resolutions.${i}.ownerId`, id: r.ownerId })),
    ...input.followUps.flatMap((f, i) => (f.ownerId === null ? [] : [{ field: `followUps.${i}.ownerId`, id: f.ownerId }])),
  ]);
  for (const [i, item] of input.items.entries()) {
    if (!agendaIds.has(item.agendaItemId)) throw new AppError('INVALID_REFERENCE', `items.${i}.agendaItemId`);
    // MTG-11: an item left for the next meeting says when it will be discussed.
    if (item.carryOver && !item.nextDate) throw badInput(`items.${i}.nextDate`, 'required');
    if (item.carryOver && item.nextDate && item.nextDate <= meetingDate) throw badInput(`items.${i}.nextDate`, 'after the meeting');
  }
}

/** `PUT /api/meetings/:id/minutes` (MTG-8/9/10/11): the minute-taker saves the whole draft. */
export async function saveMinutes(ctx: AuthedCtx, env: MeetingsEnv, id: number, input: z.output<typeof ZMinutesInput>): Promise<TMinutes> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canWriteMinutes) throw new AppError('FORBIDDEN');
    const { row: before, resolutions: existing } = await minutesOf(tx, id);
    if (input.version !== (before?.version ?? 0)) throw new AppError('CONFLICT');
    await checkResolutions(tx, m, input, env.timeZone);
    for (const item of input.items) {
      const was = m.agenda.find((a) => a.id === item.agendaItemId)!;
      // MTG-8: a changed decision needs the host's confirmation again.
      const confirmed = was.decision === item.decision ? {} : { decisionConfirmedAt: null, decisionConfirmedBy: null };
      await tx
        .update(meetingAgendaItems)
        .set({ keyPoints: item.keyPoints, disputes: item.disputes, decision: item.decision, carryOver: item.carryOver, nextDate: item.carryOver ? item.nextDate : null, ...confirmed })
        .where(eq(meetingAgendaItems.id, item.agendaItemId));
    }
    const keep = input.resolutions.map((r) => r.id).filter((v): v is number => v !== undefined);
    for (const [i, r] of input.resolutions.entries()) if (r.id !== undefined && !existing.some((e) => e.id === r.id)) throw new AppError('INVALID_REFERENCE', `resolutions.${i}.id`);
    const dropped = existing.filter((e) => !keep.includes(e.id));
    for (const e of dropped) await tx.delete(meetingResolutions).where(eq(meetingResolutions.id, e.id));
    const owners = await peopleInfo(
      tx,
      input.resolutions.map((r) => r.ownerId),
    );
    for (const [i, r] of input.resolutions.entries()) {
      const values = {
        position: i + 1,
        content: r.content,
        deliverable: r.deliverable,
        qualityStandard: r.qualityStandard,
        ownerId: r.ownerId,
        departmentName: owners.get(r.ownerId)?.departmentName ?? null,
        dueDate: r.dueDate,
        agendaItemId: r.agendaItemId,
      };
      if (r.id !== undefined) await tx.update(meetingResolutions).set(values).where(eq(meetingResolutions.id, r.id));
      else await tx.insert(meetingResolutions).values({ meetingId: id, ...values });
    }
    const values = { discussion: input.discussion, followUps: input.followUps, authorId: ctx.actor.id, updatedAt: ctx.now.toISOString() };
    await tx
      .insert(meetingMinutes)
      .values({ meetingId: id, ...values, version: 1 })
      .onConflictDoUpdate({ target: meetingMinutes.meetingId, set: { ...values, version: sql`${meetingMinutes.version} + 1` } });
    if (m.row.minutesStatus === 'none') await touchMeeting(tx, id, ctx.now, { minutesStatus: 'draft' });
    await audit({ entity: 'meeting_minutes', entityId: id, action: before ? 'update' : 'create', before: before ? { discussion: before.discussion, resolutions: existing.length } : null, after: { ...input } });
  });
  return getMinutes(ctx, env, id, scope);
}

/** `POST …/minutes/items/:agendaItemId/confirm` (MTG-8): the host confirms (or withdraws) a decision. */
export async function confirmDecision(ctx: AuthedCtx, env: MeetingsEnv, id: number, agendaItemId: number, input: z.output<typeof ZConfirmDecisionInput>): Promise<TMinutes> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canConfirmDecision) throw new AppError('FORBIDDEN');
    const item = m.agenda.find((a) => a.id === agendaItemId);
    if (!item) throw new AppError('NOT_FOUND');
    if (input.confirmed && !item.decision) throw badInput('decision', 'nothing to confirm');
    const set = input.confirmed ? { decisionConfirmedAt: ctx.now.toISOString(), decisionConfirmedBy: ctx.actor.id } : { decisionConfirmedAt: null, decisionConfirmedBy: null };
    await tx.update(meetingAgendaItems).set(set).where(eq(meetingAgendaItems.id, agendaItemId));
    await audit({ entity: 'meeting_agenda_item', entityId: agendaItemId, action: input.confirmed ? 'decision.confirm' : 'decision.unconfirm', after: { decision: item.decision } });
  });
  return getMinutes(ctx, env, id, scope);
}

/** `POST /api/meetings/:id/minutes/submit` (MTG-9): to the host for review, through the approval chain. */
export async function submitMinutes(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<TMinutes> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canSubmitMinutes) throw new AppError('FORBIDDEN');
    const { row } = await minutesOf(tx, id);
    const facts = { hostId: m.row.hostId, meetingId: id, topic: m.row.topic };
    const title = `会议纪要：${m.row.topic}`;
    const request =
      m.row.minutesStatus === 'returned' && row?.approvalId
        ? await resubmitApproval(tx, ctx, { requestId: row.approvalId, title, facts })
        : await submitApproval(tx, ctx, { flow: MINUTES_FLOW, subject: { entity: 'meeting', entityId: id }, title, facts });
    await tx.update(meetingMinutes).set({ submittedAt: ctx.now.toISOString(), approvalId: request.id }).where(eq(meetingMinutes.meetingId, id));
    await touchMeeting(tx, id, ctx.now, { minutesStatus: request.status === 'approved' ? 'approved' : 'in_review' });
    await completeMeetingDeadline(tx, id, 'minutes', ctx.now);
    await audit({ entity: 'meeting_minutes', entityId: id, action: 'submit', after: { approvalId: request.id } });
  });
  return getMinutes(ctx, env, id, scope);
}

// The company zone the distribution deadline counts working days in (set at registration).
const minutesZone = { timeZone: 'Asia/Shanghai' };

/**
 * MTG-9: the host reviews the minutes (decider = the meeting's host; the minute-taker hosting
 * their own meeting goes up the ladder, as nobody approves their own request). Approval also
 * confirms any decision the host had not confirmed one by one (MTG-8) and starts the
 * 1-working-day distribution deadline.
 */
const MINUTES_FLOW_DEFINITION: FlowDefinition = {
  type: MINUTES_FLOW,
  label: { 'zh-CN': '会议纪要审核', 'en-US': 'Meeting minutes review' },
  steps: [
    {
      key: 'host',
      label: { 'zh-CN': '主持人审核', 'en-US': 'Host review' },
      decider: (facts) => ({ kind: 'person', personId: Number(facts.hostId) }),
    },
  ],
  subjectLink: (s) => `/meetings/${s.entityId}/minutes`,
  onDecided: async (tx, request, outcome, meta) => {
    const id = Number(request.subject.entityId);
    const stamp = meta.now.toISOString();
    if (outcome === 'rejected') {
      await tx.update(meetingMinutes).set({ approvalId: null, submittedAt: null }).where(eq(meetingMinutes.meetingId, id));
      await touchMeeting(tx, id, meta.now, { minutesStatus: 'draft' });
      return;
    }
    await tx
      .update(meetingAgendaItems)
      .set({ decisionConfirmedAt: stamp, decisionConfirmedBy: meta.actorId })
      .where(and(eq(meetingAgendaItems.meetingId, id), isNull(meetingAgendaItems.decisionConfirmedAt), isNotNull(meetingAgendaItems.decision), ne(meetingAgendaItems.decision, '')));
    await tx.update(meetingMinutes).set({ approvedAt: stamp }).where(eq(meetingMinutes.meetingId, id));
    const row = await touchMeeting(tx, id, meta.now, { minutesStatus: 'approved' });
    await declareDistributionDeadline(tx, { cal: await loadCalendar(tx), timeZone: minutesZone.timeZone, now: meta.now }, row, meta.now);
  },
  onReturned: async (tx, request, meta) => {
    await touchMeeting(tx, Number(request.subject.entityId), meta.now, { minutesStatus: 'returned' });
  },
};

/** Once per process (a second app in the same process registers the same definition again). */
export function registerMinutesFlow(timeZone: string): void {
  minutesZone.timeZone = timeZone;
  registerFlow(MINUTES_FLOW_DEFINITION);
}

