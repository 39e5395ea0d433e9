import type { TMeetingSaved, ZMeetingUpdate } from '@opsdesk/contract';
import type { z } from 'zod';
import { resolveScope } from '../../platform/access/scope.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { toIso } from '../../platform/calendar/zone.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import { bookRoom, endBooking, moveBooking } from './bookings.ts';
import { completeMeetingDeadline, declareMaterialsDeadline, declareMinutesDeadline, declareNoticeDeadline } from './deadlines.ts';
import { sendUpdate } from './notice.service.ts';
import { meetingPermissions } from './policy.ts';
import { presentDetail } from './presenters.ts';
import { type MeetingAggregate, type MeetingsEnv, lockedMeeting, touchMeeting, visibleMeeting } from './store.ts';
import { type MeetingInput, badInput, checkMeeting } from './validate.ts';
import { presentWarning } from './warnings.ts';
import { replaceAgenda, replaceMaterials, replacePeople } from './write.ts';

/** The meeting as its own full input, so a PATCH is checked as the meeting it would become. */
export function inputOf(m: MeetingAggregate): MeetingInput {
  return {
    topic: m.row.topic,
    goal: m.row.goal,
    startsAt: toIso(m.row.startsAt),
    endsAt: toIso(m.row.endsAt),
    roomId: m.row.roomId,
    onlineLink: m.row.onlineLink,
    onlineNumber: m.row.onlineNumber,
    hostId: m.row.hostId,
    minuteTakerId: m.row.minuteTakerId,
    contactId: m.row.contactId,
    contactPhone: m.row.contactPhone,
    participantIds: m.people.filter((p) => p.role === 'participant').map((p) => p.personId),
    stakeholderIds: m.people.filter((p) => p.role === 'stakeholder').map((p) => p.personId),
    agenda: m.agenda.map((a) => ({ id: a.id, title: a.title, durationMinutes: a.durationMinutes, goal: a.goal, presenterId: a.presenterId, carriedOverFromId: a.carriedOverFromId })),
    agendaReason: m.row.agendaReason,
    materials: m.materials.map((x) => ({ id: x.id, title: x.title, ownerId: x.ownerId })),
    remarks: m.row.remarks,
    onTimeMinutes: m.row.onTimeMinutes,
    releaseAfterMinutes: m.row.releaseAfterMinutes,
  };
}

/** What the notice carries (MTG-3): a change to any of it after the notice sends an update. */
const NOTICED: (keyof MeetingInput)[] = ['topic', 'goal', 'startsAt', 'endsAt', 'roomId', 'onlineLink', 'onlineNumber', 'hostId', 'minuteTakerId', 'participantIds', 'agenda', 'materials'];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();

/** `PATCH /api/meetings/:id` (organizer, host, contact; until the end). `version` guards concurrent edits. */
export async function updateMeeting(ctx: AuthedCtx, env: MeetingsEnv, id: number, patch: z.output<typeof ZMeetingUpdate>): Promise<TMeetingSaved> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  const cal = await getCalendar(ctx.db);
  const warnings = await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canEdit) throw new AppError('FORBIDDEN');
    if (patch.version !== m.row.version) throw new AppError('CONFLICT');
    const before = inputOf(m);
    const { version: _version, ...fields } = patch;
    const next: MeetingInput = { ...before, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    const moved = !sameInstant(next.startsAt, before.startsAt) || !sameInstant(next.endsAt, before.endsAt);
    if (moved && new Date(next.endsAt) <= ctx.now) throw badInput('endsAt', 'in the past');
    const found = await checkMeeting(tx, next, { cal, timeZone: env.timeZone, now: ctx.now, locale: ctx.locale, meetingId: id, creating: false });

    const removed = await replacePeople(tx, id, next, m.people, ctx.now);
    if (fields.agenda) await replaceAgenda(tx, id, next.agenda, m.agenda);
    if (fields.materials) await replaceMaterials(tx, id, next.materials, m.materials);
    let bookingId = m.row.bookingId;
    const booking = { startsAt: new Date(next.startsAt), endsAt: new Date(next.endsAt), title: next.topic, now: ctx.now, timeZone: env.timeZone };
    if (next.roomId === null && bookingId !== null) {
      await endBooking(tx, bookingId, 'cancelled', ctx.now);
      bookingId = null;
    } else if (next.roomId !== null && bookingId !== null && (moved || next.roomId !== before.roomId || next.topic !== before.topic)) {
      // MTG-2: moving is checked by the same exclusion constraint as booking.
      await moveBooking(tx, bookingId, { ...booking, roomId: next.roomId });
    } else if (next.roomId !== null && bookingId === null) {
      bookingId = (await bookRoom(tx, { ...booking, roomId: next.roomId, meetingId: id, bookedBy: ctx.actor.id })).id;
    }
    const row = await touchMeeting(tx, id, ctx.now, {
      topic: next.topic,
      goal: next.goal,
      startsAt: new Date(next.startsAt).toISOString(),
      endsAt: new Date(next.endsAt).toISOString(),
      roomId: next.roomId,
      bookingId,
      onlineLink: next.onlineLink,
      onlineNumber: next.onlineNumber,
      hostId: next.hostId,
      minuteTakerId: next.minuteTakerId,
      contactId: next.contactId,
      contactPhone: next.contactPhone,
      agendaReason: next.agendaReason,
      remarks: next.remarks,
      onTimeMinutes: next.onTimeMinutes,
      releaseAfterMinutes: next.releaseAfterMinutes,
      searchTokens: searchTokens(next.topic, next.goal),
    });
    const common = { cal, timeZone: env.timeZone, now: ctx.now };
    // Re-declaring reopens a deadline: only the ones not met yet follow the new date.
    if (!row.noticeSentAt) await declareNoticeDeadline(tx, common, row);
    if (row.minutesStatus === 'none') await declareMinutesDeadline(tx, common, row);
    if (!row.materialsSentAt) {
      if (next.materials.length) await declareMaterialsDeadline(tx, common, row, next.materials.map((x) => x.ownerId));
      else await completeMeetingDeadline(tx, id, 'materials', ctx.now);
    }
    const changed = NOTICED.filter((k) => (k === 'startsAt' || k === 'endsAt' ? !sameInstant(next[k], before[k]) : !same(next[k], before[k])));
    if (row.noticeSentAt && (changed.length || removed.length)) await sendUpdate(tx, ctx.now, env.timeZone, id, removed);
    await audit({ entity: 'meeting', entityId: id, action: 'update', before: { ...before }, after: { ...next } });
    return found;
  });
  const meeting = presentDetail(await visibleMeeting(ctx, id, scope), ctx, cal, env.timeZone);
  return { meeting, warnings: warnings.map((w) => presentWarning(w, ctx.locale)) };
}
