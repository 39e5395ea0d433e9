import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { toIso, wallClock } from '../../platform/calendar/zone.ts';
import { AppError } from '../../platform/http/errors.ts';
import { meetingRooms, roomBookings } from './schema.ts';

export type BookingRow = typeof roomBookings.$inferSelect;

/** The PostgreSQL refusal of the exclusion constraint (23P01), wherever the driver wraps it. */
function isExclusionViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++, e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23P01') return true;
  }
  return false;
}

const hhmm = (at: Date, timeZone: string) => {
  const w = wallClock(at, timeZone);
  const minutes = Math.floor(w.ms / 60_000);
  return `${w.date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/** A live room, locked against a concurrent deactivation; a missing or inactive one is a bad reference. */
export async function activeRoom(tx: Tx, roomId: number, field = 'roomId') {
  const [room] = await tx.select().from(meetingRooms).where(eq(meetingRooms.id, roomId)).for('share');
  if (!room || !room.active) throw new AppError('INVALID_REFERENCE', field);
  return room;
}

/**
 * MTG-2: writes a booking inside a savepoint; the database's exclusion constraint is the judge
 * (two requests at once cannot both pass). A refusal becomes ROOM_TAKEN naming the booking in the
 * way, read after the savepoint is rolled back so the caller's transaction goes on.
 */
async function guarded(tx: Tx, room: { id: number; name: string }, startsAt: Date, endsAt: Date, timeZone: string, write: (sp: Tx) => Promise<BookingRow>, exceptId?: number) {
  try {
    return await tx.transaction(write);
  } catch (err) {
    if (!isExclusionViolation(err)) throw err;
    const conditions = [eq(roomBookings.roomId, room.id), eq(roomBookings.status, 'active'), lt(roomBookings.startsAt, endsAt.toISOString()), gt(roomBookings.endsAt, startsAt.toISOString())];
    if (exceptId !== undefined) conditions.push(ne(roomBookings.id, exceptId));
    const [other] = await tx.select().from(roomBookings).where(and(...conditions)).limit(1);
    throw new AppError('ROOM_TAKEN', 'roomId', {
      room: room.name,
      title: other?.title ?? '',
      from: other ? hhmm(new Date(toIso(other.startsAt)), timeZone) : '',
      to: other ? hhmm(new Date(toIso(other.endsAt)), timeZone) : '',
    });
  }
}

export interface BookingInput {
  roomId: number;
  startsAt: Date;
  endsAt: Date;
  title: string;
  meetingId: number | null;
  bookedBy: number;
  now: Date;
  timeZone: string;
}

export async function bookRoom(tx: Tx, input: BookingInput): Promise<BookingRow> {
  const room = await activeRoom(tx, input.roomId);
  const stamp = input.now.toISOString();
  return guarded(tx, room, input.startsAt, input.endsAt, input.timeZone, async (sp) => {
    const [row] = await sp
      .insert(roomBookings)
      .values({
        roomId: room.id,
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt.toISOString(),
        title: input.title,
        meetingId: input.meetingId,
        bookedBy: input.bookedBy,
        status: 'active',
        createdAt: stamp,
        updatedAt: stamp,
      })
      .returning();
    return row!;
  });
}

/** A meeting moved (time, room or topic): its booking follows, under the same constraint. */
export async function moveBooking(tx: Tx, bookingId: number, input: Omit<BookingInput, 'meetingId' | 'bookedBy'>): Promise<BookingRow> {
  const room = await activeRoom(tx, input.roomId);
  return guarded(
    tx,
    room,
    input.startsAt,
    input.endsAt,
    input.timeZone,
    async (sp) => {
      const [row] = await sp
        .update(roomBookings)
        .set({ roomId: room.id, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), title: input.title, status: 'active', releasedAt: null, updatedAt: input.now.toISOString() })
        .where(eq(roomBookings.id, bookingId))
        .returning();
      return row!;
    },
    bookingId,
  );
}

export async function endBooking(tx: Tx, bookingId: number, status: 'released' | 'cancelled', now: Date): Promise<void> {
  await tx
    .update(roomBookings)
    .set({ status, releasedAt: status === 'released' ? now.toISOString() : null, updatedAt: now.toISOString() })
    .where(and(eq(roomBookings.id, bookingId), eq(roomBookings.status, 'active')));
}
