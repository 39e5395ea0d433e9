import { type SQL, and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { TMeetingCalendar, TMeetingDetail, TMeetingPage, TMeetingSummary, ZMeetingCalendarQuery, ZMeetingListQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type Scope, resolveScope } from '../../platform/access/scope.ts';
import { addDays, dayNumber } from '../../platform/calendar/dates.ts';
import { isWorkingDay } from '../../platform/calendar/rules.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { startOfDay } from '../../platform/calendar/zone.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { textSearchWhere } from '../../platform/search/tokens.ts';
import { presentDetail, presentSummary } from './presenters.ts';
import { meetingPeople, meetingRooms, meetings, roomBookings } from './schema.ts';
import { type MeetingRow, type MeetingsEnv, peopleInfo, visibleMeeting } from './store.ts';
import { badInput } from './validate.ts';

/** Taking part in any way: host, minute-taker, contact, organizer, participant, delegate, stakeholder. */
export function involvedWhere(personId: number): SQL {
  return or(
    eq(meetings.hostId, personId),
    eq(meetings.minuteTakerId, personId),
    eq(meetings.contactId, personId),
    eq(meetings.organizerId, personId),
    sql`exists (select 1 from ${meetingPeople} mp where mp.meeting_id = ${meetings.id} and mp.person_id = ${personId})`,
  )!;
}

/** ALL-7: what the caller may see — their own meetings, plus the departments they oversee (GM: all). */
export function visibleWhere(scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  const own = involvedWhere(scope.personId);
  return scope.departmentIds.length ? or(own, inArray(meetings.departmentId, scope.departmentIds)) : own;
}

/** Summaries for a page of meetings: rooms, bookings, people and names in a few queries. */
export async function summariesOf(db: Db, rows: MeetingRow[], actorId: number, now: Date): Promise<TMeetingSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const roomIds = [...new Set(rows.map((r) => r.roomId).filter((v): v is number => v !== null))];
  const bookingIds = rows.map((r) => r.bookingId).filter((v): v is number => v !== null);
  const rooms = roomIds.length ? await db.select().from(meetingRooms).where(inArray(meetingRooms.id, roomIds)) : [];
  const bookings = bookingIds.length ? await db.select({ id: roomBookings.id, status: roomBookings.status }).from(roomBookings).where(inArray(roomBookings.id, bookingIds)) : [];
  const ppl = await db.select().from(meetingPeople).where(inArray(meetingPeople.meetingId, ids));
  const names = await peopleInfo(
    db,
    rows.flatMap((r) => [r.hostId, r.minuteTakerId]),
  );
  return rows.map((row) => {
    const room = rooms.find((r) => r.id === row.roomId);
    return presentSummary(
      {
        row,
        people: ppl.filter((p) => p.meetingId === row.id),
        names,
        room: room ? { id: room.id, name: room.name, capacity: room.capacity, location: room.location } : null,
        bookingStatus: bookings.find((b) => b.id === row.bookingId)?.status ?? null,
      },
      actorId,
      now,
    );
  });
}

/** `GET /api/meetings/:id`. */
export async function getMeeting(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<TMeetingDetail> {
  const m = await visibleMeeting(ctx, id);
  return presentDetail(m, ctx, await getCalendar(ctx.db), env.timeZone);
}

/** The list's filters (a page of it, or the export): the caller's scope (ALL-7), the tab, then each filter. */
export type MeetingFilters = Omit<z.output<typeof ZMeetingListQuery>, 'page' | 'pageSize'>;

/** The WHERE of the meeting list and its export: ALL-7 visibility, the quick scope, then the filters. */
export async function meetingWhere(ctx: AuthedCtx, env: Pick<MeetingsEnv, 'timeZone'>, q: MeetingFilters): Promise<SQL | undefined> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  const me = ctx.actor.id;
  const where: (SQL | undefined)[] = [visibleWhere(scope)];
  if (q.scope === 'mine') where.push(involvedWhere(me));
  if (q.scope === 'hosting') where.push(eq(meetings.hostId, me));
  if (q.scope === 'organizing') where.push(or(eq(meetings.organizerId, me), eq(meetings.contactId, me)));
  if (q.scope === 'department') {
    const depts = [...new Set([...scope.departmentIds, ...(ctx.actor.departmentId ? [ctx.actor.departmentId] : [])])];
    where.push(depts.length ? inArray(meetings.departmentId, depts) : sql`false`);
  }
  if (q.from) where.push(gte(meetings.startsAt, startOfDay(q.from, env.timeZone).toISOString()));
  if (q.to) where.push(lt(meetings.startsAt, startOfDay(q.to, env.timeZone, 1).toISOString()));
  if (q.status) where.push(eq(meetings.status, q.status));
  if (q.minutesStatus) where.push(eq(meetings.minutesStatus, q.minutesStatus));
  if (q.roomId) where.push(eq(meetings.roomId, q.roomId));
  if (q.seriesId) where.push(eq(meetings.seriesId, q.seriesId));
  where.push(textSearchWhere(meetings.searchTokens, [meetings.topic, meetings.goal], q.q));
  return and(...where);
}

/** The list's order; ties broken by id so pages never repeat or skip a meeting. */
export const meetingOrder = (sort: MeetingFilters['sort']) =>
  sort === 'startsAt' ? [asc(meetings.startsAt), asc(meetings.id)] : [desc(meetings.startsAt), desc(meetings.id)];

/** `GET /api/meetings`: quick scopes (我参加的 · 我主持的 · 我组织的 · 本部门 · 全部), filters, paging. */
export async function listMeetings(ctx: AuthedCtx, env: MeetingsEnv, q: z.output<typeof ZMeetingListQuery>): Promise<TMeetingPage> {
  const condition = await meetingWhere(ctx, env, q);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(meetings).where(condition);
  const rows = await ctx.db
    .select()
    .from(meetings)
    .where(condition)
    .orderBy(...meetingOrder(q.sort))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await summariesOf(ctx.db, rows, ctx.actor.id, ctx.now), total, page: q.page, pageSize: q.pageSize };
}

/** `GET /api/meetings/calendar`: my meetings (any part) in a date range of at most 6 weeks. */
export async function meetingCalendar(ctx: AuthedCtx, env: MeetingsEnv, q: z.output<typeof ZMeetingCalendarQuery>): Promise<TMeetingCalendar> {
  const days = dayNumber(q.to) - dayNumber(q.from) + 1;
  if (days < 1) throw badInput('to', 'before from');
  if (days > 42) throw badInput('to', 'at most 42 days');
  const rows = await ctx.db
    .select()
    .from(meetings)
    .where(and(involvedWhere(ctx.actor.id), gte(meetings.startsAt, startOfDay(q.from, env.timeZone).toISOString()), lt(meetings.startsAt, startOfDay(q.to, env.timeZone, 1).toISOString())))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  const cal = await getCalendar(ctx.db);
  const dates = Array.from({ length: days }, (_, i) => addDays(q.from, i));
  return { from: q.from, to: q.to, nonWorkingDates: dates.filter((d) => !isWorkingDay(cal, d)), items: await summariesOf(ctx.db, rows, ctx.actor.id, ctx.now) };
}
