import type { TLocale, TMeetingDetail, TMeetingSummary, TParticipant } from '@opsdesk/contract';
import type { Calendar } from '../../platform/calendar/snapshot.ts';
import { dateInZone, toIso } from '../../platform/calendar/zone.ts';
import type { Actor } from '../../platform/http/context.ts';
import { meetingPermissions, rolesOf } from './policy.ts';
import {
  type RuleWarning,
  agendaWarnings,
  attendanceOf,
  leaveIsLate,
  nonWorkingDayWarning,
  noticeLateWarning,
  noticeTiming,
  phaseOf,
  timesOf,
} from './rules.ts';
import type { MeetingAggregate, MeetingPersonRow, PersonInfo } from './store.ts';
import { presentWarning } from './warnings.ts';

const iso = (v: string | null) => (v === null ? null : toIso(v));

export function personRef(names: Map<number, PersonInfo>, id: number) {
  return { id, name: names.get(id)?.name ?? '' };
}

function participantOf(m: MeetingAggregate, p: MeetingPersonRow, now: Date): TParticipant {
  const info = m.names.get(p.personId);
  const signedInAt = p.signedInAt === null ? null : new Date(toIso(p.signedInAt));
  return {
    person: personRef(m.names, p.personId),
    departmentName: info?.departmentName ?? null,
    kind: p.kind,
    delegateFor: p.delegateForId === null ? null : personRef(m.names, p.delegateForId),
    attendance: attendanceOf(timesOf(m.row), { signedInAt, onLeave: p.leaveAskedAt !== null }, now),
    signedInAt: signedInAt?.toISOString() ?? null,
    signInMethod: p.signInMethod,
    leave:
      p.leaveAskedAt === null
        ? null
        : {
            reason: p.leaveReason ?? '',
            delegate: p.leaveDelegateId === null ? null : personRef(m.names, p.leaveDelegateId),
            askedAt: toIso(p.leaveAskedAt),
            late: p.leaveLate,
          },
  };
}

function carriedFrom(m: MeetingAggregate, id: number | null, timeZone: string) {
  const from = id === null ? undefined : m.carriedFrom.get(id);
  return from ? { agendaItemId: from.agendaItemId, meetingId: from.meetingId, topic: from.topic, date: dateInZone(new Date(toIso(from.startsAt)), timeZone) } : null;
}

export function presentSummary(m: Pick<MeetingAggregate, 'row' | 'people' | 'names' | 'room' | 'bookingStatus'>, actorId: number, now: Date): TMeetingSummary {
  const times = timesOf(m.row);
  const me = m.people.find((p) => p.personId === actorId && p.role === 'participant');
  return {
    id: m.row.id,
    topic: m.row.topic,
    startsAt: times.startsAt.toISOString(),
    endsAt: times.endsAt.toISOString(),
    room: m.room ? { id: m.room.id, name: m.room.name } : null,
    roomReleased: m.bookingStatus === 'released',
    onlineLink: m.row.onlineLink,
    onlineNumber: m.row.onlineNumber,
    host: personRef(m.names, m.row.hostId),
    minuteTaker: personRef(m.names, m.row.minuteTakerId),
    status: m.row.status,
    phase: phaseOf(times, now),
    minutesStatus: m.row.minutesStatus,
    seriesId: m.row.seriesId,
    participantCount: m.people.filter((p) => p.role === 'participant').length,
    myRoles: rolesOf(actorId, m),
    myAttendance: me ? attendanceOf(times, { signedInAt: me.signedInAt === null ? null : new Date(toIso(me.signedInAt)), onLeave: me.leaveAskedAt !== null }, now) : null,
  };
}

/** Rule warnings for the meeting as it stands (MTG-2/3/4 and the room's size). */
export function currentWarnings(m: MeetingAggregate, cal: Calendar, now: Date, timeZone: string): RuleWarning[] {
  if (m.row.status === 'cancelled') return [];
  const times = timesOf(m.row);
  const out: RuleWarning[] = [];
  const day = nonWorkingDayWarning(cal, times.startsAt, timeZone);
  if (day) out.push(day);
  if (!m.row.noticeSentAt && now < times.startsAt) {
    const late = noticeLateWarning(noticeTiming(cal, times.startsAt, now, timeZone));
    if (late) out.push(late);
  }
  out.push(...agendaWarnings(m.agenda));
  const count = m.people.filter((p) => p.role === 'participant').length;
  if (m.room && m.room.capacity < count) out.push({ code: 'room_capacity', params: { capacity: m.room.capacity, participants: count }, reasonField: null });
  return out;
}

export function presentDetail(m: MeetingAggregate, ctx: { actor: Actor; locale: TLocale; now: Date }, cal: Calendar, timeZone: string): TMeetingDetail {
  const times = timesOf(m.row);
  const timing = noticeTiming(cal, times.startsAt, ctx.now, timeZone);
  const permissions = meetingPermissions(ctx.actor, m, ctx.now);
  const warnings = currentWarnings(m, cal, ctx.now, timeZone);
  // MTG-6: the caller would ask leave late (the request is flagged): say so before they ask.
  const leave = leaveIsLate(times.startsAt, ctx.now, timeZone);
  if (permissions.canAskLeave && leave.late) warnings.push({ code: 'leave_late', params: { latestDate: leave.latestDate }, reasonField: null });
  return {
    ...presentSummary(m, ctx.actor.id, ctx.now),
    goal: m.row.goal,
    contact: personRef(m.names, m.row.contactId),
    contactPhone: m.row.contactPhone,
    organizer: personRef(m.names, m.row.organizerId),
    agenda: m.agenda.map((a) => ({
      id: a.id,
      position: a.position,
      title: a.title,
      durationMinutes: a.durationMinutes,
      goal: a.goal,
      presenter: a.presenterId === null ? null : personRef(m.names, a.presenterId),
      carriedOverFrom: carriedFrom(m, a.carriedOverFromId, timeZone),
    })),
    agendaMinutes: m.agenda.reduce((sum, a) => sum + a.durationMinutes, 0),
    agendaReason: m.row.agendaReason,
    materials: m.materials.map((x) => ({
      id: x.id,
      title: x.title,
      owner: personRef(m.names, x.ownerId),
      file: x.file,
      uploadedAt: iso(x.uploadedAt),
    })),
    materialsSentAt: iso(m.row.materialsSentAt),
    participants: m.people.filter((p) => p.role === 'participant').map((p) => participantOf(m, p, ctx.now)),
    stakeholders: m.people.filter((p) => p.role === 'stakeholder').map((p) => personRef(m.names, p.personId)),
    remarks: m.row.remarks,
    onTimeMinutes: m.row.onTimeMinutes,
    releaseAfterMinutes: m.row.releaseAfterMinutes,
    notice: {
      sentAt: iso(m.row.noticeSentAt),
      sequence: m.row.noticeSequence,
      lateReason: m.row.noticeLateReason,
      dueDate: timing.dueDate,
      provisional: timing.provisional,
    },
    cancelledAt: iso(m.row.cancelledAt),
    cancelReason: m.row.cancelReason,
    warnings: warnings.map((w) => presentWarning(w, ctx.locale)),
    version: m.row.version,
    createdAt: toIso(m.row.createdAt),
    updatedAt: toIso(m.row.updatedAt),
    permissions,
  };
}
