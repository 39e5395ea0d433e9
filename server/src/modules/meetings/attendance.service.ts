import { and, eq } from 'drizzle-orm';
import type { TMeetingDetail, TSignInCode, TSignInResult, ZAttendanceMarkInput, ZLeaveInput, ZSignInInput } from '@opsdesk/contract';
import type { z } from 'zod';
import { resolveScope } from '../../platform/access/scope.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { toIso, wallClock } from '../../platform/calendar/zone.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notify } from '../../platform/notify/notify.ts';
import { tellPeople } from './notice.service.ts';
import { meetingPermissions } from './policy.ts';
import { presentDetail } from './presenters.ts';
import { TOKEN_WINDOW_MS, leaveIsLate, signInStatus, signInToken, signInWindow, timesOf, tokenExpiresAt, tokenValid } from './rules.ts';
import { meetingPeople } from './schema.ts';
import { type MeetingsEnv, loadMeeting, lockedMeeting, peopleInfo, visibleMeeting } from './store.ts';
import { badInput, checkPeople } from './validate.ts';

const personWhere = (meetingId: number, personId: number) => and(eq(meetingPeople.meetingId, meetingId), eq(meetingPeople.personId, personId));

/**
 * `POST /api/meetings/:id/leave` (MTG-6): a participant asks leave naming a delegate, who is then
 * invited (and sent the notice if it is out). Asked later than 1 day before → flagged late.
 */
export async function askLeave(ctx: AuthedCtx, env: MeetingsEnv, id: number, input: z.output<typeof ZLeaveInput>): Promise<TMeetingDetail> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canAskLeave) throw new AppError('FORBIDDEN');
    if (input.delegateId === ctx.actor.id) throw badInput('delegateId', 'not yourself');
    await checkPeople(tx, [{ field: 'delegateId', id: input.delegateId }]);
    const delegate = m.people.find((p) => p.personId === input.delegateId);
    if (delegate?.leaveAskedAt) throw badInput('delegateId', 'is on leave too');
    const { late } = leaveIsLate(timesOf(m.row).startsAt, ctx.now, env.timeZone);
    await tx
      .update(meetingPeople)
      .set({ leaveReason: input.reason, leaveDelegateId: input.delegateId, leaveAskedAt: ctx.now.toISOString(), leaveLate: late })
      .where(personWhere(id, ctx.actor.id));
    if (!delegate) {
      await tx.insert(meetingPeople).values({ meetingId: id, personId: input.delegateId, role: 'participant', kind: 'delegate', delegateForId: ctx.actor.id, addedAt: ctx.now.toISOString() });
    } else if (delegate.role === 'stakeholder') {
      await tx.update(meetingPeople).set({ role: 'participant', kind: 'delegate', delegateForId: ctx.actor.id }).where(personWhere(id, input.delegateId));
    }
    const delegateName = (await peopleInfo(tx, [input.delegateId])).get(input.delegateId)?.name ?? '';
    for (const recipientId of new Set([m.row.hostId, m.row.organizerId].filter((pid) => pid !== ctx.actor.id))) {
      await notify(tx, ctx.now, {
        recipientId,
        event: 'meeting.leave',
        title: `${late ? '【逾期请假】' : ''}请假：${ctx.actor.name} 无法参加“${m.row.topic}”`,
        body: `原因：${input.reason}\n代表：${delegateName}`,
        link: `/meetings/${id}`,
        entity: 'meeting',
        entityId: id,
        dedupeKey: `meeting:${id}:leave:${ctx.actor.id}:${ctx.now.toISOString()}:${recipientId}`,
      });
    }
    if (m.row.noticeSentAt && !delegate) {
      await tellPeople(tx, ctx.now, env.timeZone, (await loadMeeting(tx, id))!, 'notice', [input.delegateId]);
    }
    await audit({ entity: 'meeting', entityId: id, action: 'leave', after: { personId: ctx.actor.id, reason: input.reason, delegateId: input.delegateId, late } });
  });
  return presentDetail(await visibleMeeting(ctx, id, scope), ctx, await getCalendar(ctx.db), env.timeZone);
}

/** `DELETE /api/meetings/:id/leave`: back in; a delegate invited only for this leave is uninvited. */
export async function withdrawLeave(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<TMeetingDetail> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canWithdrawLeave) throw new AppError('FORBIDDEN');
    const me = m.people.find((p) => p.personId === ctx.actor.id)!;
    await tx.update(meetingPeople).set({ leaveReason: null, leaveDelegateId: null, leaveAskedAt: null, leaveLate: false }).where(personWhere(id, ctx.actor.id));
    const delegate = m.people.find((p) => p.kind === 'delegate' && p.delegateForId === ctx.actor.id && !p.signedInAt);
    if (delegate) {
      await tx.delete(meetingPeople).where(personWhere(id, delegate.personId));
      if (delegate.noticedSequence !== null) await tellPeople(tx, ctx.now, env.timeZone, m, 'cancel', [delegate.personId], `${ctx.actor.name}已撤销请假，无需代为参会`);
    }
    await audit({ entity: 'meeting', entityId: id, action: 'leave.withdraw', before: { personId: me.personId, reason: me.leaveReason, delegateId: me.leaveDelegateId } });
  });
  return presentDetail(await visibleMeeting(ctx, id, scope), ctx, await getCalendar(ctx.db), env.timeZone);
}

const hhmm = (at: Date, timeZone: string) => {
  const min = Math.floor(wallClock(at, timeZone).ms / 60_000);
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
};

/** `GET /api/meetings/:id/sign-in-code` (MTG-7): the room screen's QR content, rotating every 30 s. */
export async function signInCode(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<TSignInCode> {
  const m = await visibleMeeting(ctx, id);
  if (!meetingPermissions(ctx.actor, m, ctx.now).canShowSignInCode) throw new AppError('FORBIDDEN');
  const token = signInToken(env.signInSecret(), id, ctx.now);
  const window = signInWindow(timesOf(m.row));
  const participants = m.people.filter((p) => p.role === 'participant');
  return {
    token,
    path: `/meetings/${id}/sign-in?token=${token}`,
    expiresAt: tokenExpiresAt(ctx.now).toISOString(),
    rotateSeconds: TOKEN_WINDOW_MS / 1000,
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    signedIn: participants.filter((p) => p.signedInAt).length,
    expected: participants.filter((p) => !p.leaveAskedAt || p.signedInAt).length,
  };
}

/**
 * `POST /api/meetings/:id/sign-in` (MTG-7): a logged-in participant, within the window, with the
 * room's current QR token — or, for a meeting with an online link/number, in the app without one.
 */
export async function signIn(ctx: AuthedCtx, env: MeetingsEnv, id: number, input: z.output<typeof ZSignInInput>): Promise<TSignInResult> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  return mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    const me = m.people.find((p) => p.personId === ctx.actor.id && p.role === 'participant');
    if (!me) throw new AppError('FORBIDDEN');
    if (m.row.status === 'cancelled') throw new AppError('MEETING_STATE', undefined, { state: 'cancelled' });
    const times = timesOf(m.row);
    if (me.signedInAt) {
      const at = new Date(toIso(me.signedInAt));
      return { attendance: at <= signInWindow(times).onTimeUntil ? 'present' : 'late', signedInAt: at.toISOString() };
    }
    const status = signInStatus(times, ctx.now);
    const window = signInWindow(times);
    if (!status) throw new AppError('SIGN_IN_CLOSED', undefined, { opensAt: hhmm(window.opensAt, env.timeZone), closesAt: hhmm(window.closesAt, env.timeZone) });
    const online = !!(m.row.onlineLink || m.row.onlineNumber);
    if (input.token ? !tokenValid(env.signInSecret(), id, input.token, ctx.now) : !online) throw new AppError('SIGN_IN_CODE', 'token');
    const method = input.token ? 'qr' : 'app';
    await tx.update(meetingPeople).set({ signedInAt: ctx.now.toISOString(), signInMethod: method }).where(personWhere(id, ctx.actor.id));
    await audit({ entity: 'meeting', entityId: id, action: 'sign-in', note: { personId: ctx.actor.id, method, attendance: status } });
    return { attendance: status, signedInAt: ctx.now.toISOString() };
  });
}

/** `PUT /api/meetings/:id/attendance/:personId`: the host or minute-taker signs someone in by hand (补签). */
export async function markAttendance(ctx: AuthedCtx, env: MeetingsEnv, id: number, personId: number, input: z.output<typeof ZAttendanceMarkInput>): Promise<TMeetingDetail> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  await mutate(ctx, async (tx, audit) => {
    const m = await lockedMeeting(tx, ctx, id, scope);
    if (!meetingPermissions(ctx.actor, m, ctx.now).canMarkAttendance) throw new AppError('FORBIDDEN');
    const who = m.people.find((p) => p.personId === personId && p.role === 'participant');
    if (!who) throw new AppError('NOT_FOUND');
    const window = signInWindow(timesOf(m.row));
    const at = input.status === 'present' ? timesOf(m.row).startsAt : new Date(Math.max(ctx.now.getTime(), window.onTimeUntil.getTime() + 1000));
    await tx.update(meetingPeople).set({ signedInAt: at.toISOString(), signInMethod: 'manual' }).where(personWhere(id, personId));
    await audit({ entity: 'meeting', entityId: id, action: 'attendance', before: { personId, signedInAt: who.signedInAt }, after: { personId, signedInAt: at.toISOString(), status: input.status } });
  });
  return presentDetail(await visibleMeeting(ctx, id, scope), ctx, await getCalendar(ctx.db), env.timeZone);
}
