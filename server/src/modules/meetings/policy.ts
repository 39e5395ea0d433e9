import type { TMeetingPermissions, TMeetingRole } from '@opsdesk/contract';
import type { Scope } from '../../platform/access/scope.ts';
import type { Actor } from '../../platform/http/context.ts';
import { phaseOf, signInStatus, signInWindow, timesOf } from './rules.ts';
import type { MeetingAggregate } from './store.ts';

/** Rooms are kept by 行政部's resource coordinators; admins set them up. */
export const canManageRooms = (actor: Actor) => actor.roles.includes('admin') || actor.roles.includes('resource_coordinator');

type MeetingLike = Pick<MeetingAggregate, 'row' | 'people'>;

/** The caller's parts in a meeting. */
export function rolesOf(actorId: number, m: MeetingLike): TMeetingRole[] {
  const roles: TMeetingRole[] = [];
  if (m.row.hostId === actorId) roles.push('host');
  if (m.row.minuteTakerId === actorId) roles.push('minute_taker');
  const me = m.people.find((p) => p.personId === actorId);
  if (me?.role === 'participant') roles.push(me.kind === 'delegate' ? 'delegate' : 'participant');
  if (me?.role === 'stakeholder') roles.push('stakeholder');
  if (m.row.contactId === actorId) roles.push('contact');
  if (m.row.organizerId === actorId) roles.push('organizer');
  return roles;
}

/** ALL-7: its people, plus whoever oversees the organizing department (GM: everything). */
export function canSeeMeeting(actor: Actor, m: MeetingLike, scope: Scope): boolean {
  if (rolesOf(actor.id, m).length) return true;
  if (scope.all) return true;
  return m.row.departmentId !== null && scope.departmentIds.includes(m.row.departmentId);
}

const has = (roles: TMeetingRole[], ...wanted: TMeetingRole[]) => wanted.some((r) => roles.includes(r));

/** What the caller may do now; the web shows exactly these actions. */
export function meetingPermissions(actor: Actor, m: MeetingAggregate, now: Date): TMeetingPermissions {
  const roles = rolesOf(actor.id, m);
  const times = timesOf(m.row);
  const phase = phaseOf(times, now);
  const live = m.row.status !== 'cancelled';
  const before = live && phase !== 'ended';
  const notStarted = live && (phase === 'upcoming' || phase === 'signin');
  const me = m.people.find((p) => p.personId === actor.id && p.role === 'participant');
  const minutes = m.row.minutesStatus;
  const editingMinutes = minutes === 'none' || minutes === 'draft' || minutes === 'returned';
  const started = live && now >= times.startsAt;
  const organizing = has(roles, 'organizer', 'host', 'contact');
  return {
    canEdit: before && organizing,
    canCancel: before && has(roles, 'organizer', 'host'),
    canSendNotice: before && organizing,
    canUploadMaterial: before && (has(roles, 'minute_taker') || m.materials.some((x) => x.ownerId === actor.id)),
    canSendMaterials: notStarted && has(roles, 'minute_taker', 'organizer') && m.materials.length > 0,
    canAskLeave: notStarted && !!me && !me.leaveAskedAt && !me.signedInAt && !has(roles, 'host', 'minute_taker'),
    canWithdrawLeave: notStarted && !!me?.leaveAskedAt,
    canSignIn: live && !!me && !me.signedInAt && signInStatus(times, now) !== null,
    canShowSignInCode: live && has(roles, 'host', 'minute_taker', 'contact', 'organizer') && now < signInWindow(times).closesAt,
    canMarkAttendance: live && has(roles, 'host', 'minute_taker') && now >= signInWindow(times).opensAt && editingMinutes,
    canWriteMinutes: started && has(roles, 'minute_taker') && editingMinutes,
    canConfirmDecision: started && has(roles, 'host') && (editingMinutes || minutes === 'in_review'),
    canSubmitMinutes: started && has(roles, 'minute_taker') && (minutes === 'draft' || minutes === 'returned'),
    canDistribute: live && has(roles, 'minute_taker', 'host') && minutes === 'approved',
    canExportMinutes: minutes !== 'none',
  };
}
