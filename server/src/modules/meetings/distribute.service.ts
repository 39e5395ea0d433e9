import { and, asc, eq, gte, isNull, max, ne } from 'drizzle-orm';
import type { TMinutes } from '@opsdesk/contract';
import type { Tx } from '../../db/client.ts';
import { resolveScope } from '../../platform/access/scope.ts';
import type { AuditEvent } from '../../platform/audit/write.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { dateInZone, startOfDay } from '../../platform/calendar/zone.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notify } from '../../platform/notify/notify.ts';
import { createTaskWithin } from '../tasks/create.service.ts';
import { completeMeetingDeadline } from './deadlines.ts';
import { getMinutes } from './minutes.service.ts';
import { type ResolutionRow, minutesOf } from './minutes.store.ts';
import { meetingPermissions } from './policy.ts';
import { nextMeetingFor, timesOf } from './rules.ts';
import { meetingAgendaItems, meetingMinutes, meetingResolutions, meetings } from './schema.ts';
import { type MeetingAggregate, type MeetingsEnv, lockedMeeting, touchMeeting } from './store.ts';

type Audit = (e: AuditEvent) => Promise<void>;

/** TSK-3 needs a quality standard; a resolution without one is accepted by its host as resolved. */
const DEFAULT_STANDARD = '按会议决议执行，经主持人验收';

/**
 * MTG-10: each resolution becomes a tracked task (the deliverable from the resolution, the host
 * as acceptor — or, when the host owns it, the owner's head, as nobody accepts their own task),
 * linked back to the meeting. Done once: a resolution that has its task keeps it.
 */
async function resolutionsToTasks(tx: Tx, audit: Audit, ctx: AuthedCtx, m: MeetingAggregate, rows: ResolutionRow[], timeZone: string): Promise<void> {
  const today = dateInZone(ctx.now, timeZone);
  for (const r of rows) {
    if (r.taskId !== null) continue;
    const task = await createTaskWithin(tx, audit, ctx, {
      name: r.content.slice(0, 100),
      description: `会议“${m.row.topic}”决议事项：${r.content}`,
      deliverable: r.deliverable,
      qualityStandard: r.qualityStandard ?? DEFAULT_STANDARD,
      ownerId: r.ownerId,
      acceptorId: r.ownerId === m.row.hostId ? null : m.row.hostId,
      startDate: r.dueDate < today ? r.dueDate : today,
      dueDate: r.dueDate,
      source: { type: 'meeting', id: m.row.id, label: m.row.topic },
    });
    await tx.update(meetingResolutions).set({ taskId: task.id, taskNumber: task.number }).where(eq(meetingResolutions.id, r.id));
  }
}

/**
 * MTG-11: the items marked 下次会议继续讨论 go onto the agenda draft of the series' next meeting
 * on or after their next date that has not been notified yet. Items of a one-off meeting (or with
 * no such meeting) stay open in the carry-over list for the organizer to take up.
 */
async function carryOverToSeries(tx: Tx, m: MeetingAggregate, timeZone: string): Promise<number> {
  const open = m.agenda.filter((a) => a.carryOver && a.nextDate);
  if (!open.length || m.row.seriesId === null) return 0;
  const candidates = (
    await tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.seriesId, m.row.seriesId), eq(meetings.status, 'draft'), ne(meetings.id, m.row.id), gte(meetings.startsAt, startOfDay(open.map((a) => a.nextDate!).sort()[0]!, timeZone).toISOString())))
      .orderBy(asc(meetings.startsAt))
  ).map((row) => ({ row, startsAt: timesOf(row).startsAt }));
  let moved = 0;
  for (const item of open) {
    const [taken] = await tx.select({ id: meetingAgendaItems.id }).from(meetingAgendaItems).where(eq(meetingAgendaItems.carriedOverFromId, item.id));
    const target = taken ? null : nextMeetingFor(candidates, item.nextDate!, timeZone);
    if (!target) continue;
    const [last] = await tx.select({ position: max(meetingAgendaItems.position) }).from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, target.row.id));
    await tx.insert(meetingAgendaItems).values({
      meetingId: target.row.id,
      position: (last?.position ?? 0) + 1,
      title: item.title,
      durationMinutes: item.durationMinutes,
      goal: item.goal,
      presenterId: item.presenterId,
      carriedOverFromId: item.id,
    });
    moved += 1;
  }
  return moved;
}

/** `POST /api/meetings/:id/minutes/distribute` (MTG-9/10/11): after the host's approval. */
export async function distributeMinutes(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<TMinutes> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  // The task module reads the (cached) calendar while creating each task: load it before the transaction.
  await getCalendar(ctx.db);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canDistribute) throw new AppError('FORBIDDEN');
    const { resolutions } = await minutesOf(tx, id);
    await resolutionsToTasks(tx, audit, ctx, m, resolutions, env.timeZone);
    const carried = await carryOverToSeries(tx, m, env.timeZone);
    await tx.update(meetingMinutes).set({ distributedAt: ctx.now.toISOString() }).where(and(eq(meetingMinutes.meetingId, id), isNull(meetingMinutes.distributedAt)));
    await touchMeeting(tx, id, ctx.now, { minutesStatus: 'distributed' });
    await completeMeetingDeadline(tx, id, 'distribution', ctx.now);
    // MTG-9: to every participant and every named stakeholder.
    const lines = [
      ...m.agenda.filter((a) => a.decision).map((a, i) => `决策${i + 1}：${a.title} — ${a.decision}`),
      ...resolutions.map((r, i) => `决议${i + 1}：${r.content}（负责人：${m.names.get(r.ownerId)?.name ?? ''}，${r.dueDate}前）`),
    ];
    for (const p of m.people) {
      await notify(tx, ctx.now, {
        recipientId: p.personId,
        event: 'meeting.minutes',
        title: `会议纪要：${m.row.topic}`,
        body: lines.join('\n'),
        link: `/meetings/${id}/minutes`,
        entity: 'meeting',
        entityId: id,
        dedupeKey: `meeting:${id}:minutes:${p.personId}`,
      });
    }
    await audit({ entity: 'meeting_minutes', entityId: id, action: 'distribute', note: { recipients: m.people.length, tasks: resolutions.length, carriedOver: carried } });
  });
  return getMinutes(ctx, env, id, scope);
}
