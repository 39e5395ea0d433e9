import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TMeetingCheck, TMeetingSaved, TSeries, ZMeetingCheckInput, ZSeriesInput } from '@opsdesk/contract';
import { ZMeetingInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { resolveScope } from '../../platform/access/scope.ts';
import type { AuditEvent } from '../../platform/audit/write.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import type { Calendar } from '../../platform/calendar/snapshot.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import { bookRoom } from './bookings.ts';
import { declareMaterialsDeadline, declareMinutesDeadline, declareNoticeDeadline } from './deadlines.ts';
import { presentDetail, presentSummary } from './presenters.ts';
import { canSeeMeeting } from './policy.ts';
import { type RuleWarning, agendaWarnings, nonWorkingDayWarning, noticeLateWarning, noticeTiming, weeklyStarts } from './rules.ts';
import { meetingSeries, meetings } from './schema.ts';
import { type MeetingsEnv, loadMeeting, peopleInfo, touchMeeting, visibleMeeting } from './store.ts';
import { type MeetingInput, badInput, checkMeeting } from './validate.ts';
import { presentWarning } from './warnings.ts';
import { replaceAgenda, replaceMaterials, replacePeople } from './write.ts';

type Audit = (e: AuditEvent) => Promise<void>;

/** MTG-1: writes one meeting with its people, agenda, materials, booking and deadlines, in the caller's transaction. */
export async function insertMeeting(
  tx: Tx,
  audit: Audit,
  ctx: Pick<AuthedCtx, 'now' | 'locale' | 'actor'>,
  env: Pick<MeetingsEnv, 'timeZone'>,
  input: MeetingInput,
  opts: { cal: Calendar; seriesId: number | null },
): Promise<{ id: number; warnings: RuleWarning[] }> {
  const warnings = await checkMeeting(tx, input, { cal: opts.cal, timeZone: env.timeZone, now: ctx.now, locale: ctx.locale, meetingId: null, creating: true });
  const stamp = ctx.now.toISOString();
  const [created] = await tx
    .insert(meetings)
    .values({
      seriesId: opts.seriesId,
      topic: input.topic,
      goal: input.goal,
      startsAt: new Date(input.startsAt).toISOString(),
      endsAt: new Date(input.endsAt).toISOString(),
      roomId: input.roomId,
      onlineLink: input.onlineLink,
      onlineNumber: input.onlineNumber,
      hostId: input.hostId,
      minuteTakerId: input.minuteTakerId,
      contactId: input.contactId,
      contactPhone: input.contactPhone,
      organizerId: ctx.actor.id,
      departmentId: ctx.actor.departmentId,
      agendaReason: input.agendaReason,
      remarks: input.remarks,
      onTimeMinutes: input.onTimeMinutes,
      releaseAfterMinutes: input.releaseAfterMinutes,
      icsUid: `${randomUUID()}@opsdesk`,
      searchTokens: searchTokens(input.topic, input.goal),
      createdAt: stamp,
      updatedAt: stamp,
    })
    .returning();
  let row = created!;
  await replacePeople(tx, row.id, input, [], ctx.now);
  await replaceAgenda(tx, row.id, input.agenda, []);
  await replaceMaterials(tx, row.id, input.materials, []);
  if (input.roomId !== null) {
    // MTG-2: the database refuses an overlapping booking (409 ROOM_TAKEN).
    const booking = await bookRoom(tx, {
      roomId: input.roomId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      title: input.topic,
      meetingId: row.id,
      bookedBy: ctx.actor.id,
      now: ctx.now,
      timeZone: env.timeZone,
    });
    row = await touchMeeting(tx, row.id, ctx.now, { bookingId: booking.id });
  }
  const common = { cal: opts.cal, timeZone: env.timeZone, now: ctx.now };
  await declareNoticeDeadline(tx, common, row);
  await declareMinutesDeadline(tx, common, row);
  if (input.materials.length) await declareMaterialsDeadline(tx, common, row, input.materials.map((m) => m.ownerId));
  const { searchTokens: _tokens, ...logged } = row;
  await audit({ entity: 'meeting', entityId: row.id, action: 'create', after: { ...logged, participantIds: input.participantIds, agenda: input.agenda, materials: input.materials } });
  return { id: row.id, warnings };
}

/** `POST /api/meetings`. */
export async function createMeeting(ctx: AuthedCtx, env: MeetingsEnv, input: MeetingInput): Promise<TMeetingSaved> {
  const cal = await getCalendar(ctx.db);
  const { id, warnings } = await mutate(ctx, (tx, audit) => insertMeeting(tx, audit, ctx, env, input, { cal, seriesId: null }));
  const meeting = presentDetail(await visibleMeeting(ctx, id), ctx, cal, env.timeZone);
  return { meeting, warnings: warnings.map((w) => presentWarning(w, ctx.locale)) };
}

/**
 * `POST /api/meetings/check`: the warnings the form should show before submit. Fields not given
 * yet are not judged; a refused reason shows as its warning rather than an error.
 */
export async function checkMeetingInput(ctx: AuthedCtx, env: MeetingsEnv, input: z.output<typeof ZMeetingCheckInput>): Promise<TMeetingCheck> {
  const cal = await getCalendar(ctx.db);
  const out: RuleWarning[] = [];
  if (input.agenda) out.push(...agendaWarnings(input.agenda));
  if (input.startsAt) {
    const startsAt = new Date(input.startsAt);
    const day = nonWorkingDayWarning(cal, startsAt, env.timeZone);
    if (day) out.push(day);
    const late = noticeLateWarning(noticeTiming(cal, startsAt, ctx.now, env.timeZone));
    if (late) out.push(late);
  }
  return { warnings: out.map((w) => presentWarning(w, ctx.locale)) };
}

/** `POST /api/meeting-series`: a weekly 例会, one meeting per week, each with its own booking. */
export async function createSeries(ctx: AuthedCtx, env: MeetingsEnv, input: z.output<typeof ZSeriesInput>): Promise<TSeries> {
  if (input.count === undefined && input.until === undefined) throw badInput('count', 'count or until is required');
  const cal = await getCalendar(ctx.db);
  const first = new Date(input.meeting.startsAt);
  const length = new Date(input.meeting.endsAt).getTime() - first.getTime();
  const starts = weeklyStarts(first, env.timeZone, { count: input.count, until: input.until });
  if (starts.length < 2) throw badInput(input.until !== undefined ? 'until' : 'count', 'at least two meetings');
  const seriesId = await mutate(ctx, async (tx, audit) => {
    const [series] = await tx.insert(meetingSeries).values({ title: input.meeting.topic, frequency: 'weekly', organizerId: ctx.actor.id, createdAt: ctx.now.toISOString() }).returning();
    for (const at of starts) {
      const occurrence = ZMeetingInput.parse({ ...input.meeting, startsAt: at.toISOString(), endsAt: new Date(at.getTime() + length).toISOString() });
      // Field errors name the meeting's own fields; a room clash (409) names the booking in the way, so its week.
      await insertMeeting(tx, audit, ctx, env, occurrence, { cal, seriesId: series!.id });
    }
    await audit({ entity: 'meeting_series', entityId: series!.id, action: 'create', after: { ...series, occurrences: starts.length } });
    return series!.id;
  });
  return getSeries(ctx, env, seriesId);
}

/** `GET /api/meeting-series/:id`: the series and the meetings of it the caller may see. */
export async function getSeries(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<TSeries> {
  const [series] = await ctx.db.select().from(meetingSeries).where(eq(meetingSeries.id, id));
  if (!series) throw new AppError('NOT_FOUND');
  const scope = await resolveScope(ctx.db, ctx.actor);
  const rows = await ctx.db.select({ id: meetings.id }).from(meetings).where(eq(meetings.seriesId, id)).orderBy(meetings.startsAt);
  const cal = await getCalendar(ctx.db);
  const visible = [];
  const warnings: RuleWarning[] = [];
  for (const r of rows) {
    const m = (await loadMeeting(ctx.db, r.id))!;
    if (!canSeeMeeting(ctx.actor, m, scope)) continue;
    visible.push(presentSummary(m, ctx.actor.id, ctx.now));
    const day = nonWorkingDayWarning(cal, new Date(visible[visible.length - 1]!.startsAt), env.timeZone);
    if (day && m.row.status !== 'cancelled') warnings.push(day);
  }
  if (!visible.length) throw new AppError('NOT_FOUND');
  const organizer = await peopleInfo(ctx.db, [series.organizerId]);
  return {
    id: series.id,
    title: series.title,
    frequency: 'weekly',
    organizer: { id: series.organizerId, name: organizer.get(series.organizerId)?.name ?? '' },
    meetings: visible,
    warnings: warnings.map((w) => presentWarning(w, ctx.locale)),
  };
}
