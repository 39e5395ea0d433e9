import { and, eq, gt, lt } from 'drizzle-orm';
import { type TLocale, ZMeetingInput } from '@opsdesk/contract';
import { ZodError } from 'zod';
import type { Tx } from '../../db/client.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { atWallClock } from '../../platform/calendar/zone.ts';
import { AppError, ValidationFailure } from '../../platform/http/errors.ts';
import { type PersonCandidate, indexPeopleByName, resolvePerson } from '../../platform/import/cells.ts';
import type { ImportKind, RowProblem, StagedRow } from '../../platform/import/kinds.ts';
import { people } from '../org/schema.ts';
import { insertMeeting } from './create.service.ts';
import { MEETING_SHEET, type TMeetingSheetRow, ZMeetingSheetRow, meetingIoText } from './io.rules.ts';
import { meetingRooms, roomBookings } from './schema.ts';
import type { MeetingsEnv } from './store.ts';
import { type MeetingInput, checkMeeting } from './validate.ts';

interface Lookups {
  byName: Map<string, PersonCandidate[]>;
  /** Active rooms by name, and by `name（location）` as the export writes a room. */
  rooms: Map<string, { id: number; name: string }>;
}

/** The sheet column a meeting field is read from, to name it in a row's error. */
const COLUMN_OF: Record<string, keyof TMeetingSheetRow> = {
  topic: 'topic',
  goal: 'goal',
  startsAt: 'time',
  endsAt: 'time',
  roomId: 'place',
  onlineLink: 'place',
  onlineNumber: 'place',
  hostId: 'host',
  minuteTakerId: 'minuteTaker',
  contactId: 'contact',
  contactPhone: 'contact',
  participantIds: 'participants',
  stakeholderIds: 'participants',
  agenda: 'agenda',
  agendaReason: 'agenda',
  materials: 'materials',
};

// A 会议号: digits with spaces or dashes (腾讯会议 123-456-789), not a room name that merely has a number.
const MEETING_NUMBER = /\d[\d\s-]{5,}\d/;

/** 地点/会议号 as the export writes it: rooms, a meeting number and a link, joined by " / ". */
function resolvePlace(text: string, rooms: Lookups['rooms']): { roomId: number | null; onlineNumber: string | null; onlineLink: string | null } | { error: string } {
  const place = { roomId: null as number | null, onlineNumber: null as string | null, onlineLink: null as string | null };
  for (const part of text.split(/\s+[/／]\s+|\s*[／]\s*|\n/).map((p) => p.trim()).filter(Boolean)) {
    const room = rooms.get(part.normalize('NFKC'));
    if (room && place.roomId === null) place.roomId = room.id;
    else if (/^https?:\/\//i.test(part) && place.onlineLink === null) place.onlineLink = part;
    else if (MEETING_NUMBER.test(part) && place.onlineNumber === null) place.onlineNumber = part;
    else return { error: part };
  }
  return place;
}

/** A check of the meeting rules that failed: the column it concerns and why, in the file's language. */
function problemOf(err: unknown, rowNo: number, locale: TLocale): RowProblem {
  if (err instanceof ValidationFailure || err instanceof ZodError) {
    const first = err.issues[0];
    return { rowNo, field: COLUMN_OF[String(first?.path[0])] ?? null, message: meetingIoText('invalid', locale, { value: first?.message ?? '' }) };
  }
  if (err instanceof AppError) return { rowNo, field: COLUMN_OF[err.field?.split('.')[0] ?? ''] ?? null, message: meetingIoText('invalid', locale, { value: err.code }) };
  throw err;
}

/**
 * Import kind `meetings`: the 会议通知表 as a list, each row a meeting in 筹备中 (draft) organised by
 * the importer, with its people, agenda, materials and room booking. Nothing is sent: the organiser
 * reviews each and sends its notice (MTG-3 counts from then). People are found by name, rooms by
 * name; a time already past, a room already booked (MTG-2) or an agenda over MTG-4's limits (its
 * reason has no column) refuses the row. Every rule of the form applies (checkMeeting).
 */
export function meetingImport(env: Pick<MeetingsEnv, 'timeZone'>, now: () => Date): ImportKind<TMeetingSheetRow, MeetingInput, Lookups> {
  return {
    kind: 'meetings',
    entity: 'meeting',
    title: '会议通知表',
    columns: MEETING_SHEET.map((c) => ({ ...c, aliases: 'aliases' in c ? [...c.aliases] : [] })),
    // Anyone may call a meeting (MTG-1), so anyone may import the meetings they call.
    canImport: () => true,
    row: ZMeetingSheetRow,
    unique: [],
    prepare: async (db) => {
      const [staff, rooms] = await Promise.all([
        db.select({ id: people.id, name: people.name, employeeNo: people.employeeNo }).from(people).where(eq(people.active, true)),
        db.select({ id: meetingRooms.id, name: meetingRooms.name, location: meetingRooms.location }).from(meetingRooms).where(eq(meetingRooms.active, true)),
      ]);
      const byPlace = new Map<string, { id: number; name: string }>();
      for (const r of rooms) {
        byPlace.set(r.name.normalize('NFKC'), r);
        if (r.location) byPlace.set(`${r.name}（${r.location}）`.normalize('NFKC'), r);
      }
      return { byName: indexPeopleByName(staff), rooms: byPlace };
    },
    resolve: async (db, rows: StagedRow<TMeetingSheetRow>[], lookups, locale) => {
      const cal = await loadCalendar(db);
      const problems: RowProblem[] = [];
      const ready: MeetingInput[] = [];
      const booked: { roomId: number; startsAt: Date; endsAt: Date; topic: string }[] = [];
      for (const { rowNo, value } of rows) {
        const before = problems.length;
        const person = (text: string, field: keyof TMeetingSheetRow) => {
          const found = resolvePerson(text, lookups.byName);
          if ('id' in found) return found.id;
          problems.push({ rowNo, field, message: meetingIoText(found.error, locale, { value: text }) });
          return 0;
        };
        const hostId = person(value.host, 'host');
        const minuteTakerId = person(value.minuteTaker, 'minuteTaker');
        const participantIds = value.participants.map((name) => person(name, 'participants'));
        const contactId = person(value.contact.name, 'contact');
        const materials = value.materials.map((m) => ({ title: m.title, ownerId: person(m.owner, 'materials') }));
        const place = resolvePlace(value.place, lookups.rooms);
        if ('error' in place) problems.push({ rowNo, field: 'place', message: meetingIoText('noPlace', locale, { value: place.error }) });
        const startsAt = atWallClock(value.time.date, value.time.startMinutes * 60_000, env.timeZone);
        const endsAt = atWallClock(value.time.date, value.time.endMinutes * 60_000, env.timeZone);
        if (endsAt <= now()) problems.push({ rowNo, field: 'time', message: meetingIoText('ended', locale) });
        if (problems.length > before || 'error' in place) continue;
        try {
          const input = ZMeetingInput.parse({
            topic: value.topic,
            goal: value.goal,
            startsAt: startsAt.toISOString(),
            endsAt: endsAt.toISOString(),
            ...place,
            hostId,
            minuteTakerId,
            contactId,
            contactPhone: value.contact.phone,
            participantIds: participantIds.length ? participantIds : [hostId],
            agenda: value.agenda.map((a) => ({ ...a, presenterId: null, carriedOverFromId: null })),
            agendaReason: null,
            materials,
            remarks: null,
          });
          await checkMeeting(db, input, { cal, timeZone: env.timeZone, now: now(), locale, meetingId: null, creating: true });
          if (input.roomId !== null) {
            // MTG-2: a booking in the way, in the database or earlier in this file.
            const room = [...lookups.rooms.values()].find((r) => r.id === input.roomId)!;
            const clash =
              booked.find((b) => b.roomId === input.roomId && b.startsAt < endsAt && b.endsAt > startsAt)?.topic ??
              (
                await db
                  .select({ title: roomBookings.title })
                  .from(roomBookings)
                  .where(and(eq(roomBookings.roomId, input.roomId), eq(roomBookings.status, 'active'), lt(roomBookings.startsAt, endsAt.toISOString()), gt(roomBookings.endsAt, startsAt.toISOString())))
                  .limit(1)
              )[0]?.title;
            if (clash !== undefined) {
              problems.push({ rowNo, field: 'place', message: meetingIoText('roomTaken', locale, { room: room.name, title: clash }) });
              continue;
            }
            booked.push({ roomId: input.roomId, startsAt, endsAt, topic: input.topic });
          }
          ready.push(input);
        } catch (err) {
          problems.push(problemOf(err, rowNo, locale));
        }
      }
      return { problems, ready };
    },
    insert: async (tx: Tx, ready, at, actor) => {
      const cal = await loadCalendar(tx);
      const ids: number[] = [];
      // The import's own audit row (platform/import/commit.service.ts) names every meeting by its id range (ALL-4).
      const unaudited = async () => undefined;
      for (const input of ready) ids.push((await insertMeeting(tx, unaudited, { now: at, locale: 'zh-CN', actor }, { timeZone: env.timeZone }, input, { cal, seriesId: null })).id);
      return ids;
    },
  };
}
