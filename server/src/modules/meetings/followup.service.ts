import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TCarryOverList, TFollowUpWeek, ZCarryOverQuery, ZFollowUpWeekQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import { addDays, weekdayOf } from '../../platform/calendar/dates.ts';
import { dateInZone, toIso } from '../../platform/calendar/zone.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { presentResolutions } from './minutes.store.ts';
import { meetingAgendaItems, meetingResolutions, meetings } from './schema.ts';
import type { MeetingsEnv } from './store.ts';

const later = alias(meetingAgendaItems, 'later');
const laterMeeting = alias(meetings, 'later_meeting');

/**
 * `GET /api/meetings/carry-overs` (MTG-11): items marked 下次会议继续讨论 in meetings the caller
 * organizes, hosts, records or is the contact of — open ones for a new agenda draft.
 */
export async function listCarryOvers(ctx: AuthedCtx, q: z.output<typeof ZCarryOverQuery>): Promise<TCarryOverList> {
  const me = ctx.actor.id;
  const rows = await ctx.db
    .select({ item: meetingAgendaItems, meeting: meetings, takenId: laterMeeting.id, takenTopic: laterMeeting.topic })
    .from(meetingAgendaItems)
    .innerJoin(meetings, eq(meetings.id, meetingAgendaItems.meetingId))
    .leftJoin(later, eq(later.carriedOverFromId, meetingAgendaItems.id))
    .leftJoin(laterMeeting, eq(laterMeeting.id, later.meetingId))
    .where(
      and(
        eq(meetingAgendaItems.carryOver, true),
        or(eq(meetings.organizerId, me), eq(meetings.hostId, me), eq(meetings.minuteTakerId, me), eq(meetings.contactId, me)),
        q.seriesId ? eq(meetings.seriesId, q.seriesId) : undefined,
        q.open === 'true' ? isNull(later.id) : undefined,
      ),
    )
    .orderBy(asc(meetingAgendaItems.nextDate), asc(meetingAgendaItems.id));
  return {
    items: rows.map((r) => ({
      id: r.item.id,
      title: r.item.title,
      goal: r.item.goal,
      nextDate: r.item.nextDate ?? '',
      meetingId: r.meeting.id,
      topic: r.meeting.topic,
      seriesId: r.meeting.seriesId,
      takenUpBy: r.takenId === null ? null : { meetingId: r.takenId, topic: r.takenTopic ?? '' },
    })),
  };
}

/**
 * `GET /api/meetings/follow-up?week=` (MTG-10 记录人每周同步进度): the resolutions of meetings the
 * caller minuted or hosted, with their tasks' live status — every open one, and those due in the week.
 */
export async function followUpWeek(ctx: AuthedCtx, env: MeetingsEnv, q: z.output<typeof ZFollowUpWeekQuery>): Promise<TFollowUpWeek> {
  const today = dateInZone(ctx.now, env.timeZone);
  const anchor = q.week ?? today;
  // Weeks run Monday to Sunday, as in 每周例会.
  const weekStart = addDays(anchor, -((weekdayOf(anchor) + 6) % 7));
  const weekEnd = addDays(weekStart, 6);
  const me = ctx.actor.id;
  const rows = await ctx.db
    .select({ r: meetingResolutions, meeting: { id: meetings.id, topic: meetings.topic, startsAt: meetings.startsAt } })
    .from(meetingResolutions)
    .innerJoin(meetings, eq(meetings.id, meetingResolutions.meetingId))
    .where(and(or(eq(meetings.minuteTakerId, me), eq(meetings.hostId, me)), inArray(meetings.minutesStatus, ['distributed'])))
    .orderBy(asc(meetingResolutions.dueDate), asc(meetingResolutions.id));
  const resolutions = await presentResolutions(
    ctx.db,
    rows.map((x) => x.r),
    ctx.now,
  );
  const items = rows.flatMap((x, i) => {
    const resolution = resolutions[i]!;
    const done = resolution.task?.status === 'done';
    const dueInWeek = resolution.dueDate >= weekStart && resolution.dueDate <= weekEnd;
    if (done && !dueInWeek) return [];
    return [{ resolution, meeting: { id: x.meeting.id, topic: x.meeting.topic, startsAt: toIso(x.meeting.startsAt) }, overdue: !done && resolution.dueDate < today }];
  });
  return { weekStart, weekEnd, items };
}
