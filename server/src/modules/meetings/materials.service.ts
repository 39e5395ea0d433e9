import { and, eq, isNull, ne, notExists, sql } from 'drizzle-orm';
import type { TMeetingDetail, ZMaterialFileInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { resolveScope } from '../../platform/access/scope.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { attachFile } from '../../platform/files/attach.ts';
import { registerFileAccess } from '../../platform/files/policy.ts';
import { type AuthedCtx, type Ctx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notify } from '../../platform/notify/notify.ts';
import { endBooking } from './bookings.ts';
import { completeMeetingDeadline } from './deadlines.ts';
import { canSeeMeeting, meetingPermissions } from './policy.ts';
import { presentDetail } from './presenters.ts';
import { releaseDue, timesOf } from './rules.ts';
import { meetingMaterials, meetingPeople, meetings, roomBookings } from './schema.ts';
import { type MeetingsEnv, loadMeeting, lockedMeeting, touchMeeting, visibleMeeting } from './store.ts';

export const MATERIAL_FILES = 'meeting_material';

/** A material's file is read by whoever may see the meeting. */
export function registerMaterialFileAccess(): void {
  registerFileAccess(MATERIAL_FILES, async (ctx, _type, ownerId) => {
    const [material] = await ctx.db.select({ meetingId: meetingMaterials.meetingId }).from(meetingMaterials).where(eq(meetingMaterials.id, Number(ownerId)));
    const m = material ? await loadMeeting(ctx.db, material.meetingId) : null;
    return !!m && canSeeMeeting(ctx.actor, m, await resolveScope(ctx.db, ctx.actor));
  });
}

/** `PUT /api/meetings/:id/materials/:materialId/file` (MTG-5): its owner or the minute-taker uploads it. */
export async function attachMaterialFile(ctx: AuthedCtx, env: MeetingsEnv, id: number, materialId: number, input: z.output<typeof ZMaterialFileInput>): Promise<TMeetingDetail> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    const material = m.materials.find((x) => x.id === materialId);
    if (!material) throw new AppError('NOT_FOUND');
    if (m.row.status === 'cancelled' || (material.ownerId !== ctx.actor.id && m.row.minuteTakerId !== ctx.actor.id)) throw new AppError('FORBIDDEN');
    await attachFile(tx, input.fileId, MATERIAL_FILES, materialId, { actor: ctx.actor, field: 'fileId' });
    await tx.update(meetingMaterials).set({ fileId: input.fileId, uploadedAt: ctx.now.toISOString() }).where(eq(meetingMaterials.id, materialId));
    await audit({ entity: 'meeting_material', entityId: materialId, action: 'upload', before: { fileId: material.fileId }, after: { fileId: input.fileId } });
  });
  return presentDetail(await visibleMeeting(ctx, id, scope), ctx, await getCalendar(ctx.db), env.timeZone);
}

/** `POST /api/meetings/:id/materials/send` (MTG-5): the minute-taker sends the collected materials to the participants. */
export async function sendMaterials(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<TMeetingDetail> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canSendMaterials) throw new AppError('FORBIDDEN');
    const row = await touchMeeting(tx, id, ctx.now, { materialsSentAt: ctx.now.toISOString() });
    const body = m.materials.map((x, i) => `${i + 1}. ${x.title}（${m.names.get(x.ownerId)?.name ?? ''}）${x.file ? `：${x.file.fileName}` : '（未上传）'}`).join('\n');
    for (const p of m.people.filter((q) => q.role === 'participant' && !q.leaveAskedAt)) {
      await notify(tx, ctx.now, {
        recipientId: p.personId,
        event: 'meeting.materials',
        title: `会议材料：${m.row.topic}`,
        body,
        link: `/meetings/${id}`,
        entity: 'meeting',
        entityId: id,
        dedupeKey: `meeting:${id}:materials:${row.version}:${p.personId}`,
      });
    }
    await completeMeetingDeadline(tx, id, 'materials', ctx.now);
    await audit({ entity: 'meeting', entityId: id, action: 'materials.send', after: { materialsSentAt: row.materialsSentAt } });
  });
  return presentDetail(await visibleMeeting(ctx, id, scope), ctx, await getCalendar(ctx.db), env.timeZone);
}

export const RELEASE_JOB = 'meeting-room-release';

/**
 * MTG-7: a room with nobody signed in `releaseAfterMinutes` after the start is given back (the
 * pg-boss job runs every minute). Rows are claimed FOR UPDATE SKIP LOCKED, so two servers never
 * release the same booking twice; the host and the organizer are told.
 */
export async function releaseNoShows(db: Db, now: Date): Promise<{ released: number }> {
  const system: Ctx = { db, actor: null, ip: null, now, locale: 'zh-CN' };
  return mutate(system, async (tx, audit) => {
    const rows = await tx
      .select({ booking: roomBookings, meeting: meetings })
      .from(roomBookings)
      .innerJoin(meetings, eq(meetings.bookingId, roomBookings.id))
      .where(
        and(
          eq(roomBookings.status, 'active'),
          ne(meetings.status, 'cancelled'),
          sql`${meetings.releaseAfterMinutes} is not null`,
          sql`${meetings.startsAt} + make_interval(mins => ${meetings.releaseAfterMinutes}) <= ${now.toISOString()}::timestamptz`,
          sql`${meetings.endsAt} > ${now.toISOString()}::timestamptz`,
          notExists(tx.select({ one: sql`1` }).from(meetingPeople).where(and(eq(meetingPeople.meetingId, meetings.id), sql`${meetingPeople.signedInAt} is not null`))),
          isNull(roomBookings.releasedAt),
        ),
      )
      .for('update', { of: roomBookings, skipLocked: true });
    let released = 0;
    for (const { booking, meeting } of rows) {
      if (!releaseDue({ startsAt: timesOf(meeting).startsAt, releaseAfterMinutes: meeting.releaseAfterMinutes }, now)) continue;
      await endBooking(tx, booking.id, 'released', now);
      for (const recipientId of new Set([meeting.hostId, meeting.organizerId])) {
        await notify(tx, now, {
          recipientId,
          event: 'meeting.room_released',
          title: `会议室已释放：${meeting.topic}`,
          body: `会议开始 ${meeting.releaseAfterMinutes} 分钟后仍无人签到，会议室预订已自动释放。`,
          link: `/meetings/${meeting.id}`,
          entity: 'meeting',
          entityId: meeting.id,
          dedupeKey: `meeting:${meeting.id}:released:${booking.id}:${recipientId}`,
        });
      }
      await audit({ entity: 'room_booking', entityId: booking.id, action: 'release', before: { status: 'active' }, after: { status: 'released', meetingId: meeting.id } });
      released += 1;
    }
    return { released };
  });
}
