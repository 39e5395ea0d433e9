import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TMeetingDetail, ZCancelInput, ZNoticeInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { resolveScope } from '../../platform/access/scope.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { toIso, wallClock } from '../../platform/calendar/zone.ts';
import { onEmailAttachments } from '../../platform/delivery/enqueue.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notify } from '../../platform/notify/notify.ts';
import { endBooking } from './bookings.ts';
import { completeAllMeetingDeadlines, completeMeetingDeadline } from './deadlines.ts';
import { buildIcs, placeOf } from './ics.ts';
import { meetingPermissions } from './policy.ts';
import { presentDetail } from './presenters.ts';
import { noticeLateWarning, noticeTiming, timesOf } from './rules.ts';
import { meetingPeople, meetings } from './schema.ts';
import { type MeetingAggregate, type MeetingsEnv, loadMeeting, lockedMeeting, peopleInfo, touchMeeting, visibleMeeting } from './store.ts';
import { requireReasons } from './warnings.ts';

export const NOTICE_EVENTS = { notice: 'meeting.notice', update: 'meeting.update', cancel: 'meeting.cancel' } as const;
type NoticeKind = keyof typeof NOTICE_EVENTS;

const TITLE: Record<NoticeKind, string> = { notice: '会议通知', update: '会议变更', cancel: '会议取消' };

function when(m: MeetingAggregate, timeZone: string): string {
  const t = timesOf(m.row);
  const fmt = (at: Date) => {
    const min = Math.floor(wallClock(at, timeZone).ms / 60_000);
    return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  };
  return `${wallClock(t.startsAt, timeZone).date} ${fmt(t.startsAt)}-${fmt(t.endsAt)}`;
}

/** MTG-3: what the notice says — topic, time, place/link, agenda with durations and goals, materials. */
function noticeBody(m: MeetingAggregate, timeZone: string, kind: NoticeKind, reason: string | null): string {
  const lines = [`时间：${when(m, timeZone)}`, `地点：${placeOf(m) || '-'}`, `主持人：${m.names.get(m.row.hostId)?.name ?? ''}`];
  if (kind === 'cancel') return [...lines, `取消原因：${reason ?? ''}`].join('\n');
  lines.push(`会议目标：${m.row.goal}`);
  for (const [i, a] of m.agenda.entries()) lines.push(`${i + 1}. ${a.title}（${a.durationMinutes}分钟）${a.goal ? `：${a.goal}` : ''}`);
  if (m.materials.length) lines.push(`需准备材料：${m.materials.map((x) => x.title).join('；')}`);
  return lines.join('\n');
}

/**
 * Tells people about the meeting in-app; the delivery hooks add the e-mail with its .ics and the
 * department bot (MTG-3). Each person is told once per notice sequence (dedupe key).
 */
export async function tellPeople(tx: Tx, now: Date, timeZone: string, m: MeetingAggregate, kind: NoticeKind, personIds: number[], reason: string | null = null): Promise<void> {
  for (const personId of new Set(personIds)) {
    await notify(tx, now, {
      recipientId: personId,
      event: NOTICE_EVENTS[kind],
      title: `${TITLE[kind]}：${m.row.topic}`,
      body: noticeBody(m, timeZone, kind, reason),
      link: `/meetings/${m.row.id}`,
      entity: 'meeting',
      entityId: m.row.id,
      dedupeKey: `meeting:${m.row.id}:${kind}:${m.row.noticeSequence}:${personId}`,
    });
  }
  const stillInvited = kind === 'cancel' ? [] : [...new Set(personIds)];
  if (stillInvited.length) {
    await tx
      .update(meetingPeople)
      .set({ noticedSequence: m.row.noticeSequence })
      .where(and(eq(meetingPeople.meetingId, m.row.id), inArray(meetingPeople.personId, stillInvited)));
  }
}

const participantsOf = (m: MeetingAggregate) => m.people.filter((p) => p.role === 'participant').map((p) => p.personId);

/** `POST /api/meetings/:id/notice`: the first notice (late → reason), or a re-send to those not told yet. */
export async function sendNotice(ctx: AuthedCtx, env: MeetingsEnv, id: number, input: z.output<typeof ZNoticeInput>): Promise<TMeetingDetail> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  const cal = await getCalendar(ctx.db);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canSendNotice) throw new AppError('FORBIDDEN');
    const first = m.row.noticeSentAt === null;
    if (first) {
      // MTG-3 / ALL-6: later than 2 working days before needs a reason.
      const late = noticeLateWarning(noticeTiming(cal, timesOf(m.row).startsAt, ctx.now, env.timeZone));
      requireReasons(late ? [late] : [], { lateReason: input.lateReason }, ctx.locale);
      const row = await touchMeeting(tx, id, ctx.now, { status: 'notified', noticeSentAt: ctx.now.toISOString(), noticeLateReason: late ? input.lateReason : null });
      await completeMeetingDeadline(tx, id, 'notice', ctx.now);
      await audit({ entity: 'meeting', entityId: id, action: 'notice', before: { status: m.row.status }, after: { status: row.status, noticeLateReason: row.noticeLateReason } });
      m.row = row;
    }
    const pending = m.people.filter((p) => p.role === 'participant' && p.noticedSequence !== m.row.noticeSequence).map((p) => p.personId);
    await tellPeople(tx, ctx.now, env.timeZone, m, 'notice', pending);
    if (!first) await audit({ entity: 'meeting', entityId: id, action: 'notice.resend', note: { to: pending } });
  });
  return presentDetail(await visibleMeeting(ctx, id, scope), ctx, cal, env.timeZone);
}

/**
 * After a notified meeting changed: SEQUENCE + 1 and an update to everyone invited (same UID), a
 * CANCEL to those no longer invited (MTG-3). Called inside the update's transaction.
 */
export async function sendUpdate(tx: Tx, now: Date, timeZone: string, meetingId: number, removedIds: number[]): Promise<void> {
  await touchMeeting(tx, meetingId, now, { noticeSequence: sql`${meetings.noticeSequence} + 1` });
  const m = (await loadMeeting(tx, meetingId))!;
  await tellPeople(tx, now, timeZone, m, 'update', participantsOf(m));
  if (removedIds.length) await tellPeople(tx, now, timeZone, m, 'cancel', removedIds, '您已不在参会人员名单中');
}

/** `POST /api/meetings/:id/cancel`: the room goes back; whoever was told gets METHOD:CANCEL. */
export async function cancelMeeting(ctx: AuthedCtx, env: MeetingsEnv, id: number, input: z.output<typeof ZCancelInput>): Promise<TMeetingDetail> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  const cal = await getCalendar(ctx.db);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canCancel) throw new AppError('FORBIDDEN');
    const told = m.people.filter((p) => p.noticedSequence !== null).map((p) => p.personId);
    const row = await touchMeeting(tx, id, ctx.now, {
      status: 'cancelled',
      cancelledAt: ctx.now.toISOString(),
      cancelReason: input.reason,
      noticeSequence: m.row.noticeSequence + (told.length ? 1 : 0),
    });
    if (m.row.bookingId) await endBooking(tx, m.row.bookingId, 'cancelled', ctx.now);
    await completeAllMeetingDeadlines(tx, id, ctx.now);
    m.row = row;
    await tellPeople(tx, ctx.now, env.timeZone, m, 'cancel', told, input.reason);
    await audit({ entity: 'meeting', entityId: id, action: 'cancel', before: { status: 'notified' }, after: { status: 'cancelled', cancelReason: input.reason } });
  });
  return presentDetail(await visibleMeeting(ctx, id, scope), ctx, cal, env.timeZone);
}

const fallbackEmail = (env: MeetingsEnv) => env.mailFrom?.match(/<([^>]+)>/)?.[1] ?? env.mailFrom?.trim() ?? 'opsdesk@localhost';

/** `GET /api/meetings/:id/ics`: the invitation as participants got it (REQUEST, or CANCEL once cancelled). */
export async function meetingIcs(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<string> {
  const m = await visibleMeeting(ctx, id);
  return buildIcs(m, { method: m.row.status === 'cancelled' ? 'CANCEL' : 'REQUEST', timeZone: env.timeZone, fallbackOrganizerEmail: fallbackEmail(env), stamp: ctx.now, link: `/meetings/${id}` });
}

/** MTG-3: the e-mail of each notice, update and cancellation carries the .ics (platform/delivery hook). */
export function registerIcsAttachments(env: MeetingsEnv): void {
  for (const [kind, event] of Object.entries(NOTICE_EVENTS) as [NoticeKind, string][]) {
    onEmailAttachments(event, async (tx, n) => {
      const m = n.entityId ? await loadMeeting(tx, Number(n.entityId)) : null;
      if (!m) return [];
      const method = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
      // A cancellation names its recipient, who may no longer be on the list (removed by an update).
      const recipient = kind === 'cancel' ? (await peopleInfo(tx, [n.recipientId])).get(n.recipientId) : undefined;
      const content = buildIcs(m, {
        method,
        timeZone: env.timeZone,
        fallbackOrganizerEmail: fallbackEmail(env),
        stamp: new Date(toIso(n.createdAt)),
        ...(recipient ? { attendees: [recipient] } : {}),
        link: n.link,
      });
      return [{ filename: 'invite.ics', content, contentType: `text/calendar; method=${method}; charset=utf-8` }];
    });
  }
}
