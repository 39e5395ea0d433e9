import { z } from 'zod';
import { zOptionalText as optionalText, zText as text } from './common.ts';

/**
 * 会议 MTG-2: meeting rooms (kept by 行政部), bookings that never overlap (the database refuses
 * them: 409 ROOM_TAKEN), the day/week timeline and the free-slot search. Part of meetings.ts.
 */

const instant = z.iso.datetime({ offset: true });
const date = z.iso.date();

export const ZPersonRef = z.object({ id: z.number().int(), name: z.string() });
export type TPersonRef = z.infer<typeof ZPersonRef>;

// ───────────────────────────── rooms and bookings (MTG-2) ─────────────────────────────

/** Equipment a room may have; free text is allowed too (e.g. 白板笔), these get icons in the web. */
export const ROOM_EQUIPMENT = ['projector', 'screen', 'video_conference', 'microphone', 'whiteboard', 'phone'] as const;

export const ZRoom = z.object({
  id: z.number().int(),
  name: z.string(),
  capacity: z.number().int(),
  equipment: z.array(z.string()),
  location: z.string().nullable(),
  active: z.boolean(),
});
export type TRoom = z.infer<typeof ZRoom>;

const roomFields = z.object({
  name: text(64),
  capacity: z.number().int().min(1).max(1000),
  equipment: z.array(text(32)).max(20),
  location: optionalText(120),
  active: z.boolean(),
});
/** Rooms are managed by the resource coordinators (行政部) and admins. */
export const ZRoomInput = roomFields.extend({
  equipment: roomFields.shape.equipment.default([]),
  active: roomFields.shape.active.default(true),
});
export type TRoomInput = z.input<typeof ZRoomInput>;
export const ZRoomUpdate = roomFields.partial();
export type TRoomUpdate = z.input<typeof ZRoomUpdate>;
export const ZRoomList = z.object({ items: z.array(ZRoom) });
export type TRoomList = z.infer<typeof ZRoomList>;

/** active: holds the room; released: freed because nobody signed in (MTG-7); cancelled: given up. */
export const BOOKING_STATUSES = ['active', 'released', 'cancelled'] as const;
export const ZBookingStatus = z.enum(BOOKING_STATUSES);
export type TBookingStatus = z.infer<typeof ZBookingStatus>;

export const ZRoomBooking = z.object({
  id: z.number().int(),
  roomId: z.number().int(),
  roomName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  title: z.string(),
  /** The meeting that holds it; null for a booking made on its own. */
  meetingId: z.number().int().nullable(),
  bookedBy: ZPersonRef,
  status: ZBookingStatus,
  releasedAt: z.string().nullable(),
});
export type TRoomBooking = z.infer<typeof ZRoomBooking>;

/** `POST /api/rooms/:id/bookings`: a booking without a meeting (e.g. an interview). Overlap → 409 ROOM_TAKEN. */
export const ZBookingInput = z.object({ title: text(120), startsAt: instant, endsAt: instant });
export type TBookingInput = z.input<typeof ZBookingInput>;

/** `GET /api/rooms/timeline?date=&days=`: a day (1) or a week (7) of every active room. */
export const ZRoomTimelineQuery = z.object({
  date,
  days: z.coerce.number().int().min(1).max(7).default(1),
});
export type TRoomTimelineQuery = z.input<typeof ZRoomTimelineQuery>;
export const ZRoomTimeline = z.object({
  from: z.string(),
  to: z.string(),
  /** Dates in the range that are not working days (MTG-2: shown shaded, booking them warns). */
  nonWorkingDates: z.array(z.string()),
  rooms: z.array(z.object({ room: ZRoom, bookings: z.array(ZRoomBooking) })),
});
export type TRoomTimeline = z.infer<typeof ZRoomTimeline>;

/**
 * `GET /api/rooms/free`: with `startsAt`+`endsAt`, the rooms free for that whole time; with `date`
 * + `durationMinutes`, each room's free slots of at least that length between `dayStart` and
 * `dayEnd` (HH:mm, company zone). `minCapacity` and `equipment` narrow the rooms either way.
 */
export const ZRoomFreeQuery = z.object({
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  date: date.optional(),
  durationMinutes: z.coerce.number().int().min(15).max(720).optional(),
  dayStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('08:30'),
  dayEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('18:00'),
  minCapacity: z.coerce.number().int().min(1).max(1000).optional(),
  equipment: z.string().trim().max(32).optional(),
});
export type TRoomFreeQuery = z.input<typeof ZRoomFreeQuery>;
export const ZTimeSlot = z.object({ startsAt: z.string(), endsAt: z.string() });
export type TTimeSlot = z.infer<typeof ZTimeSlot>;
export const ZRoomFree = z.object({
  items: z.array(z.object({ room: ZRoom, slots: z.array(ZTimeSlot) })),
  /** The day asked about (or the start's day) is not a working day. */
  nonWorkingDay: z.boolean(),
});
export type TRoomFree = z.infer<typeof ZRoomFree>;
