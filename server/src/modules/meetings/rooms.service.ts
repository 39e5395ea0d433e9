import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { TRoom, TRoomBooking, TRoomFree, TRoomTimeline, ZBookingInput, ZRoomFreeQuery, ZRoomInput, ZRoomTimelineQuery, ZRoomUpdate } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { addDays } from '../../platform/calendar/dates.ts';
import { isWorkingDay } from '../../platform/calendar/rules.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { atWallClock, dateInZone, startOfDay, toIso } from '../../platform/calendar/zone.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { mapUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError, ValidationFailure } from '../../platform/http/errors.ts';
import { people } from '../org/schema.ts';
import { bookRoom, endBooking } from './bookings.ts';
import { canManageRooms } from './policy.ts';
import { freeSlots } from './rules.ts';
import { meetingRooms, roomBookings } from './schema.ts';

type RoomRow = typeof meetingRooms.$inferSelect;
const presentRoom = (r: RoomRow): TRoom => ({ id: r.id, name: r.name, capacity: r.capacity, equipment: r.equipment, location: r.location, active: r.active });

const badInput = (field: string, message = 'invalid') => new ValidationFailure([{ path: [field], code: 'custom', message }]);

/** Everyone sees the active rooms; room managers also the inactive ones. */
export async function listRooms(ctx: AuthedCtx): Promise<{ items: TRoom[] }> {
  const where = canManageRooms(ctx.actor) ? undefined : eq(meetingRooms.active, true);
  const rows = await ctx.db.select().from(meetingRooms).where(where).orderBy(asc(meetingRooms.name), asc(meetingRooms.id));
  return { items: rows.map(presentRoom) };
}

const roomUnique = (name: string | undefined) => ({ meeting_rooms_name: ['name', name] as [string, string | undefined] });

export async function createRoom(ctx: AuthedCtx, input: z.output<typeof ZRoomInput>): Promise<TRoom> {
  if (!canManageRooms(ctx.actor)) throw new AppError('FORBIDDEN');
  return mutate(ctx, async (tx, audit) => {
    const stamp = ctx.now.toISOString();
    const [row] = await tx
      .insert(meetingRooms)
      .values({ ...input, createdAt: stamp, updatedAt: stamp })
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, roomUnique(input.name)));
    await audit({ entity: 'meeting_room', entityId: row!.id, action: 'create', after: row });
    return presentRoom(row!);
  });
}

export async function updateRoom(ctx: AuthedCtx, id: number, patch: z.output<typeof ZRoomUpdate>): Promise<TRoom> {
  if (!canManageRooms(ctx.actor)) throw new AppError('FORBIDDEN');
  return mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(meetingRooms).where(eq(meetingRooms.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    const [row] = await tx
      .update(meetingRooms)
      .set({ ...patch, updatedAt: ctx.now.toISOString() })
      .where(eq(meetingRooms.id, id))
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, roomUnique(patch.name)));
    await audit({ entity: 'meeting_room', entityId: id, action: 'update', before, after: row });
    return presentRoom(row!);
  });
}

const bookingColumns = { b: roomBookings, roomName: meetingRooms.name, bookedByName: people.name };
function selectBookings(db: Db | Tx) {
  return db.select(bookingColumns).from(roomBookings).innerJoin(meetingRooms, eq(meetingRooms.id, roomBookings.roomId)).innerJoin(people, eq(people.id, roomBookings.bookedBy));
}
type BookingSelected = Awaited<ReturnType<ReturnType<typeof selectBookings>['execute']>>[number];
const presentBooking = ({ b, roomName, bookedByName }: BookingSelected): TRoomBooking => ({
  id: b.id,
  roomId: b.roomId,
  roomName,
  startsAt: toIso(b.startsAt),
  endsAt: toIso(b.endsAt),
  title: b.title,
  meetingId: b.meetingId,
  bookedBy: { id: b.bookedBy, name: bookedByName },
  status: b.status,
  releasedAt: b.releasedAt === null ? null : toIso(b.releasedAt),
});

function checkTimes(startsAt: Date, endsAt: Date) {
  if (endsAt <= startsAt) throw badInput('endsAt', 'must be after the start');
}

/** MTG-2: a booking of its own (an interview, a visit); overlaps are refused by the database. */
export async function createBooking(ctx: AuthedCtx, roomId: number, input: z.output<typeof ZBookingInput>, timeZone: string): Promise<TRoomBooking> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt);
  if (endsAt <= ctx.now) throw badInput('endsAt', 'in the past');
  const id = await mutate(ctx, async (tx, audit) => {
    const row = await bookRoom(tx, { roomId, startsAt, endsAt, title: input.title, meetingId: null, bookedBy: ctx.actor.id, now: ctx.now, timeZone });
    await audit({ entity: 'room_booking', entityId: row.id, action: 'create', after: row });
    return row.id;
  });
  const [row] = await selectBookings(ctx.db).where(eq(roomBookings.id, id));
  return presentBooking(row!);
}

/** The booker or a room manager gives a booking back; a meeting's booking goes with the meeting. */
export async function cancelBooking(ctx: AuthedCtx, id: number): Promise<void> {
  await mutate(ctx, async (tx, audit) => {
    const [row] = await tx.select().from(roomBookings).where(eq(roomBookings.id, id)).for('update');
    if (!row) throw new AppError('NOT_FOUND');
    if (row.bookedBy !== ctx.actor.id && !canManageRooms(ctx.actor)) throw new AppError('FORBIDDEN');
    if (row.meetingId !== null || row.status !== 'active') throw new AppError('MEETING_STATE', undefined, { state: row.meetingId !== null ? 'meeting' : row.status });
    await endBooking(tx, id, 'cancelled', ctx.now);
    await audit({ entity: 'room_booking', entityId: id, action: 'cancel', before: row });
  });
}

/** MTG-2 room timeline: a day or a week of every active room, non-working days marked. */
export async function roomTimeline(ctx: AuthedCtx, query: z.output<typeof ZRoomTimelineQuery>, timeZone: string): Promise<TRoomTimeline> {
  const from = startOfDay(query.date, timeZone);
  const to = startOfDay(query.date, timeZone, query.days);
  const cal = await getCalendar(ctx.db);
  const dates = Array.from({ length: query.days }, (_, i) => addDays(query.date, i));
  const rooms = await ctx.db.select().from(meetingRooms).where(eq(meetingRooms.active, true)).orderBy(asc(meetingRooms.name), asc(meetingRooms.id));
  const bookings = rooms.length
    ? await selectBookings(ctx.db)
        .where(
          and(
            inArray(
              roomBookings.roomId,
              rooms.map((r) => r.id),
            ),
            ne(roomBookings.status, 'cancelled'),
            lt(roomBookings.startsAt, to.toISOString()),
            gt(roomBookings.endsAt, from.toISOString()),
          ),
        )
        .orderBy(asc(roomBookings.startsAt), asc(roomBookings.id))
    : [];
  return {
    from: query.date,
    to: dates[dates.length - 1]!,
    nonWorkingDates: dates.filter((d) => !isWorkingDay(cal, d)),
    rooms: rooms.map((room) => ({ room: presentRoom(room), bookings: bookings.filter((b) => b.b.roomId === room.id).map(presentBooking) })),
  };
}

const hhmmMs = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return (h * 60 + m) * 60_000;
};

/** MTG-2 free-slot search: rooms free for a given time, or each room's free slots of a length on a day. */
export async function findFreeRooms(ctx: AuthedCtx, query: z.output<typeof ZRoomFreeQuery>, timeZone: string): Promise<TRoomFree> {
  let from: Date;
  let to: Date;
  let minMs: number;
  if (query.startsAt && query.endsAt) {
    from = new Date(query.startsAt);
    to = new Date(query.endsAt);
    checkTimes(from, to);
    minMs = to.getTime() - from.getTime();
  } else if (query.date && query.durationMinutes) {
    from = atWallClock(query.date, hhmmMs(query.dayStart), timeZone);
    to = atWallClock(query.date, hhmmMs(query.dayEnd), timeZone);
    if (to <= from) throw badInput('dayEnd', 'must be after the day start');
    // Past time of today is not free any more.
    if (from < ctx.now) from = new Date(Math.ceil(ctx.now.getTime() / 300_000) * 300_000);
    minMs = query.durationMinutes * 60_000;
  } else {
    throw badInput(query.startsAt || query.endsAt ? (query.startsAt ? 'endsAt' : 'startsAt') : 'date', 'required');
  }
  const conditions = [eq(meetingRooms.active, true)];
  if (query.minCapacity) conditions.push(sql`${meetingRooms.capacity} >= ${query.minCapacity}`);
  if (query.equipment) conditions.push(sql`${query.equipment} = any(${meetingRooms.equipment})`);
  const rooms = await ctx.db
    .select()
    .from(meetingRooms)
    .where(and(...conditions))
    .orderBy(asc(meetingRooms.capacity), asc(meetingRooms.name));
  const busy = rooms.length
    ? await ctx.db
        .select({ roomId: roomBookings.roomId, startsAt: roomBookings.startsAt, endsAt: roomBookings.endsAt })
        .from(roomBookings)
        .where(
          and(
            inArray(
              roomBookings.roomId,
              rooms.map((r) => r.id),
            ),
            eq(roomBookings.status, 'active'),
            lt(roomBookings.startsAt, to.toISOString()),
            gt(roomBookings.endsAt, from.toISOString()),
          ),
        )
    : [];
  const cal = await getCalendar(ctx.db);
  const items = rooms
    .map((room) => {
      const mine = busy.filter((b) => b.roomId === room.id).map((b) => ({ start: Date.parse(toIso(b.startsAt)), end: Date.parse(toIso(b.endsAt)) }));
      const slots = freeSlots(mine, from.getTime(), to.getTime(), minMs).map((s) => ({ startsAt: new Date(s.start).toISOString(), endsAt: new Date(s.end).toISOString() }));
      return { room: presentRoom(room), slots };
    })
    .filter((r) => r.slots.length > 0);
  return { items, nonWorkingDay: !isWorkingDay(cal, query.date ?? dateInZone(from, timeZone)) };
}
