import { and, eq, inArray, ne, notExists } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TLocale, ZMeetingInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import type { Calendar } from '../../platform/calendar/snapshot.ts';
import { AppError, ValidationFailure } from '../../platform/http/errors.ts';
import { people } from '../org/schema.ts';
import { type RuleWarning, agendaWarnings, nonWorkingDayWarning } from './rules.ts';
import { meetingAgendaItems, meetingRooms } from './schema.ts';
import { requireReasons } from './warnings.ts';

export type MeetingInput = z.output<typeof ZMeetingInput>;

export const badInput = (field: string, message = 'invalid') => new ValidationFailure([{ path: field.split('.'), code: 'custom', message }]);

/** Every named person must exist and be active (ALL-5: 400 naming the field). */
export async function checkPeople(db: Db | Tx, refs: { field: string; id: number }[]): Promise<void> {
  const ids = [...new Set(refs.map((r) => r.id))];
  if (!ids.length) return;
  const rows = await db.select({ id: people.id, active: people.active }).from(people).where(inArray(people.id, ids));
  const active = new Set(rows.filter((r) => r.active).map((r) => r.id));
  for (const ref of refs) if (!active.has(ref.id)) throw new AppError('INVALID_REFERENCE', ref.field);
}

/** Participants as stored: host and minute-taker always attend; no one twice; stakeholders who attend are participants. */
export function normalisePeople(input: Pick<MeetingInput, 'hostId' | 'minuteTakerId' | 'participantIds' | 'stakeholderIds'>) {
  const participants = [...new Set([input.hostId, input.minuteTakerId, ...input.participantIds])];
  const stakeholders = [...new Set(input.stakeholderIds)].filter((id) => !participants.includes(id));
  return { participants, stakeholders };
}

/**
 * MTG-1/2/4 checks of a whole meeting as it would be saved: times, a place, people, carry-overs,
 * and the rule warnings (a reason where one is required). Returns the warnings to show.
 */
export async function checkMeeting(
  db: Db | Tx,
  input: MeetingInput,
  opts: { cal: Calendar; timeZone: string; now: Date; locale: TLocale; meetingId: number | null; creating: boolean },
): Promise<RuleWarning[]> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw badInput('endsAt', 'must be after the start');
  if (opts.creating && endsAt <= opts.now) throw badInput('startsAt', 'in the past');
  if (endsAt.getTime() - startsAt.getTime() > 24 * 3_600_000) throw badInput('endsAt', 'longer than a day');
  // MTG-1: a booked room and/or an online meeting.
  if (input.roomId === null && !input.onlineLink && !input.onlineNumber) throw badInput('roomId', 'a room or an online meeting is required');
  await checkPeople(db, [
    { field: 'hostId', id: input.hostId },
    { field: 'minuteTakerId', id: input.minuteTakerId },
    { field: 'contactId', id: input.contactId },
    ...input.participantIds.map((id, i) => ({ field: `participantIds.${i}`, id })),
    ...input.stakeholderIds.map((id, i) => ({ field: `stakeholderIds.${i}`, id })),
    ...input.agenda.flatMap((a, i) => (a.presenterId === null ? [] : [{ field: `agenda.${i}.presenterId`, id: a.presenterId }])),
    ...input.materials.map((m, i) => ({ field: `materials.${i}.ownerId`, id: m.ownerId })),
  ]);
  await checkCarryOvers(db, input, opts.meetingId);
  const warnings = [...agendaWarnings(input.agenda)];
  // MTG-4: over 5 items or 2 hours is allowed only with a reason.
  requireReasons(warnings, { agendaReason: input.agendaReason }, opts.locale);
  const day = nonWorkingDayWarning(opts.cal, startsAt, opts.timeZone);
  if (day) warnings.push(day);
  if (input.roomId !== null) {
    const [room] = await db.select({ capacity: meetingRooms.capacity }).from(meetingRooms).where(eq(meetingRooms.id, input.roomId));
    const count = normalisePeople(input).participants.length;
    if (room && room.capacity < count) warnings.push({ code: 'room_capacity', params: { capacity: room.capacity, participants: count }, reasonField: null });
  }
  return warnings;
}

const later = alias(meetingAgendaItems, 'later');

/** MTG-11: an agenda item may take up an open carry-over item (marked, not taken up by another meeting, not its own). */
async function checkCarryOvers(db: Db | Tx, input: MeetingInput, meetingId: number | null): Promise<void> {
  const wanted = input.agenda.map((a, i) => ({ i, id: a.carriedOverFromId })).filter((x): x is { i: number; id: number } => x.id !== null);
  if (!wanted.length) return;
  const ids = wanted.map((w) => w.id);
  const open = await db
    .select({ id: meetingAgendaItems.id, meetingId: meetingAgendaItems.meetingId })
    .from(meetingAgendaItems)
    .where(
      and(
        inArray(meetingAgendaItems.id, ids),
        eq(meetingAgendaItems.carryOver, true),
        notExists(
          db
            .select({ id: later.id })
            .from(later)
            .where(and(eq(later.carriedOverFromId, meetingAgendaItems.id), meetingId === null ? undefined : ne(later.meetingId, meetingId))),
        ),
      ),
    );
  const ok = new Set(open.filter((o) => o.meetingId !== meetingId).map((o) => o.id));
  for (const w of wanted) if (!ok.has(w.id) || ids.indexOf(w.id) !== ids.lastIndexOf(w.id)) throw new AppError('INVALID_REFERENCE', `agenda.${w.i}.carriedOverFromId`);
}
