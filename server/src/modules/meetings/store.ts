import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { TBookingStatus, TFileMeta } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { type Scope, resolveScope } from '../../platform/access/scope.ts';
import { presentFile } from '../../platform/files/presenters.ts';
import { files } from '../../platform/files/schema.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { departments, people } from '../org/schema.ts';
import { canSeeMeeting } from './policy.ts';
import { meetingAgendaItems, meetingMaterials, meetingPeople, meetingRooms, meetings, roomBookings } from './schema.ts';

/** What every meeting service needs besides the request: the company zone and the sign-in key. */
export interface MeetingsEnv {
  timeZone: string;
  /** MTG-7: HMAC key of the rotating QR token (derived from the master key, so shared by all instances). */
  signInSecret: () => Buffer;
  /** The ORGANIZER address of the .ics when the organizer has none (OPSDESK_MAIL_FROM). */
  mailFrom: string | undefined;
}

export type MeetingRow = typeof meetings.$inferSelect;
export type MeetingPersonRow = typeof meetingPeople.$inferSelect;
export type AgendaRow = typeof meetingAgendaItems.$inferSelect;
export type MaterialRow = typeof meetingMaterials.$inferSelect;

export interface PersonInfo {
  id: number;
  name: string;
  email: string | null;
  departmentId: number | null;
  departmentName: string | null;
  active: boolean;
}

export interface MeetingAggregate {
  row: MeetingRow;
  room: { id: number; name: string; capacity: number; location: string | null } | null;
  bookingStatus: TBookingStatus | null;
  people: MeetingPersonRow[];
  agenda: AgendaRow[];
  materials: (MaterialRow & { file: TFileMeta | null })[];
  names: Map<number, PersonInfo>;
  /** MTG-11: the earlier items this agenda takes up, by their id. */
  carriedFrom: Map<number, { agendaItemId: number; meetingId: number; topic: string; startsAt: string }>;
}

/** Names, e-mail and departments of people, one query. */
export async function peopleInfo(db: Db | Tx, ids: Iterable<number>): Promise<Map<number, PersonInfo>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await db
    .select({ id: people.id, name: people.name, email: people.email, departmentId: people.departmentId, departmentName: departments.name, active: people.active })
    .from(people)
    .leftJoin(departments, eq(departments.id, people.departmentId))
    .where(inArray(people.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The whole meeting; `lock` takes the row for update first (read-modify-write in a transaction). */
export async function loadMeeting(db: Db | Tx, id: number, opts: { lock?: boolean } = {}): Promise<MeetingAggregate | null> {
  const base = db.select().from(meetings).where(eq(meetings.id, id));
  const [row] = opts.lock ? await base.for('update') : await base;
  if (!row) return null;
  const [room] = row.roomId
    ? await db.select({ id: meetingRooms.id, name: meetingRooms.name, capacity: meetingRooms.capacity, location: meetingRooms.location }).from(meetingRooms).where(eq(meetingRooms.id, row.roomId))
    : [];
  const [booking] = row.bookingId ? await db.select({ status: roomBookings.status }).from(roomBookings).where(eq(roomBookings.id, row.bookingId)) : [];
  const ppl = await db.select().from(meetingPeople).where(eq(meetingPeople.meetingId, id)).orderBy(asc(meetingPeople.addedAt), asc(meetingPeople.personId));
  const agenda = await db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, id)).orderBy(asc(meetingAgendaItems.position));
  const mats = await db
    .select({ m: meetingMaterials, f: files, uploader: people.name })
    .from(meetingMaterials)
    .leftJoin(files, eq(files.id, meetingMaterials.fileId))
    .leftJoin(people, eq(people.id, files.uploadedBy))
    .where(eq(meetingMaterials.meetingId, id))
    .orderBy(asc(meetingMaterials.position));
  const ids = [row.hostId, row.minuteTakerId, row.contactId, row.organizerId];
  for (const p of ppl) ids.push(p.personId, ...[p.delegateForId, p.leaveDelegateId].filter((v): v is number => v !== null));
  for (const a of agenda) if (a.presenterId) ids.push(a.presenterId);
  for (const m of mats) ids.push(m.m.ownerId);
  const fromIds = agenda.map((a) => a.carriedOverFromId).filter((v): v is number => v !== null);
  const from = fromIds.length
    ? await db
        .select({ agendaItemId: meetingAgendaItems.id, meetingId: meetings.id, topic: meetings.topic, startsAt: meetings.startsAt })
        .from(meetingAgendaItems)
        .innerJoin(meetings, eq(meetings.id, meetingAgendaItems.meetingId))
        .where(inArray(meetingAgendaItems.id, fromIds))
    : [];
  return {
    row,
    carriedFrom: new Map(from.map((f) => [f.agendaItemId, f])),
    room: room ?? null,
    bookingStatus: booking?.status ?? null,
    people: ppl,
    agenda,
    materials: mats.map(({ m, f, uploader }) => ({ ...m, file: f ? presentFile({ ...f, uploadedByName: uploader }) : null })),
    names: await peopleInfo(db, ids),
  };
}

/** ALL-7: the meeting if the caller may see it; "not yours" and "not found" are the same 404. */
export async function visibleMeeting(ctx: AuthedCtx, id: number, scope?: Scope): Promise<MeetingAggregate> {
  const agg = await loadMeeting(ctx.db, id);
  if (!agg || !canSeeMeeting(ctx.actor, agg, scope ?? (await resolveScope(ctx.db, ctx.actor)))) throw new AppError('NOT_FOUND');
  return agg;
}

/** For writes: the locked meeting, visible to the caller (404 otherwise); the scope is resolved before the transaction. */
export async function lockedMeeting(tx: Tx, ctx: AuthedCtx, id: number, scope: Scope): Promise<MeetingAggregate> {
  const agg = await loadMeeting(tx, id, { lock: true });
  if (!agg || !canSeeMeeting(ctx.actor, agg, scope)) throw new AppError('NOT_FOUND');
  return agg;
}

/** Bumps the version (optimistic concurrency for PATCH) and the updated stamp. */
export async function touchMeeting(tx: Tx, id: number, now: Date, set: PgUpdateSetSource<typeof meetings> = {}): Promise<MeetingRow> {
  const [row] = await tx
    .update(meetings)
    .set({ ...set, version: sql`${meetings.version} + 1`, updatedAt: now.toISOString() })
    .where(eq(meetings.id, id))
    .returning();
  return row!;
}
