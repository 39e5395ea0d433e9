import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TAttendanceStatus, TMeetingPhase, TMeetingWarningCode } from '@opsdesk/contract';
import { addDays } from '../../platform/calendar/dates.ts';
import { isWorkingDay, latestDayAtLeastBefore, workingDaysBetween } from '../../platform/calendar/rules.ts';
import type { Calendar } from '../../platform/calendar/snapshot.ts';
import { atWallClock, dateInZone, toIso, wallClock } from '../../platform/calendar/zone.ts';

/** Pure meeting rules (MTG-2 … MTG-11): no database, the clock and the calendar passed in. */

export const MAX_AGENDA_ITEMS = 5;
export const MAX_AGENDA_MINUTES = 120;
export const NOTICE_WORKING_DAYS = 2;
export const SIGN_IN_OPENS_MINUTES = 10;
export const TOKEN_WINDOW_MS = 30_000;

export interface RuleWarning {
  code: TMeetingWarningCode;
  params: Record<string, string | number>;
  reasonField: string | null;
}

/** MTG-4: more than 5 items or more than 2 hours in total needs a reason (agendaReason). */
export function agendaWarnings(items: { durationMinutes: number }[]): RuleWarning[] {
  const out: RuleWarning[] = [];
  if (items.length > MAX_AGENDA_ITEMS) out.push({ code: 'agenda_items', params: { count: items.length, max: MAX_AGENDA_ITEMS }, reasonField: 'agendaReason' });
  const minutes = items.reduce((sum, i) => sum + i.durationMinutes, 0);
  if (minutes > MAX_AGENDA_MINUTES) out.push({ code: 'agenda_duration', params: { minutes, max: MAX_AGENDA_MINUTES }, reasonField: 'agendaReason' });
  return out;
}

/** MTG-2: a meeting on a holiday or weekend (company calendar) is warned, not refused. */
export function nonWorkingDayWarning(cal: Calendar, startsAt: Date, timeZone: string): RuleWarning | null {
  const date = dateInZone(startsAt, timeZone);
  return isWorkingDay(cal, date) ? null : { code: 'non_working_day', params: { date }, reasonField: null };
}

export interface NoticeTiming {
  /** ALL-6 "at least 2 working days before": the last day the notice is on time. */
  dueDate: string;
  provisional: boolean;
  /** Working days from today to the meeting's date. */
  workingDaysAhead: number;
  late: boolean;
}

/** MTG-3 / ALL-6: the notice is on time when sent on or before the 2nd working day before the meeting's date. */
export function noticeTiming(cal: Calendar, startsAt: Date, now: Date, timeZone: string): NoticeTiming {
  const due = latestDayAtLeastBefore(cal, startsAt, NOTICE_WORKING_DAYS, timeZone);
  const today = dateInZone(now, timeZone);
  const ahead = workingDaysBetween(cal, today, dateInZone(startsAt, timeZone));
  return { dueDate: due.date, provisional: due.provisional || ahead.provisional, workingDaysAhead: Math.max(0, ahead.days), late: today > due.date };
}

export function noticeLateWarning(t: NoticeTiming): RuleWarning | null {
  if (!t.late) return null;
  return { code: 'notice_late', params: { workingDays: t.workingDaysAhead, required: NOTICE_WORKING_DAYS, latestDate: t.dueDate }, reasonField: 'lateReason' };
}

/** MTG-6: leave is asked "at least 1 day before": on or before the day before the meeting's date. */
export function leaveIsLate(startsAt: Date, now: Date, timeZone: string): { late: boolean; latestDate: string } {
  const latestDate = addDays(dateInZone(startsAt, timeZone), -1);
  return { late: dateInZone(now, timeZone) > latestDate, latestDate };
}

export interface MeetingTimes {
  startsAt: Date;
  endsAt: Date;
  onTimeMinutes: number;
}

/** A stored meeting's times as instants. */
export const timesOf = (row: { startsAt: string; endsAt: string; onTimeMinutes: number }): MeetingTimes => ({
  startsAt: new Date(toIso(row.startsAt)),
  endsAt: new Date(toIso(row.endsAt)),
  onTimeMinutes: row.onTimeMinutes,
});

/** MTG-7: opens 10 min before the start, on time until `onTimeMinutes` after it, closes at the end. */
export function signInWindow(m: MeetingTimes) {
  return {
    opensAt: new Date(m.startsAt.getTime() - SIGN_IN_OPENS_MINUTES * 60_000),
    onTimeUntil: new Date(m.startsAt.getTime() + m.onTimeMinutes * 60_000),
    closesAt: m.endsAt,
  };
}

/** MTG-7: what a sign-in at `at` counts as; null outside the window. */
export function signInStatus(m: MeetingTimes, at: Date): 'present' | 'late' | null {
  const w = signInWindow(m);
  if (at < w.opensAt || at >= w.closesAt) return null;
  return at <= w.onTimeUntil ? 'present' : 'late';
}

export function phaseOf(m: MeetingTimes, now: Date): TMeetingPhase {
  if (now >= m.endsAt) return 'ended';
  if (now >= m.startsAt) return 'ongoing';
  return now >= signInWindow(m).opensAt ? 'signin' : 'upcoming';
}

/** MTG-7: attendance of one participant; absent is derived once the meeting has ended. */
export function attendanceOf(m: MeetingTimes, p: { signedInAt: Date | null; onLeave: boolean }, now: Date): TAttendanceStatus {
  if (p.signedInAt) return p.signedInAt <= signInWindow(m).onTimeUntil ? 'present' : 'late';
  if (p.onLeave) return 'on_leave';
  return now >= m.endsAt ? 'absent' : 'expected';
}

/** MTG-7: a room with nobody signed in `releaseAfterMinutes` after the start is given back. */
export function releaseDue(m: { startsAt: Date; releaseAfterMinutes: number | null }, now: Date): boolean {
  return m.releaseAfterMinutes !== null && now.getTime() >= m.startsAt.getTime() + m.releaseAfterMinutes * 60_000;
}

// MTG-10: "相关部门负责" and the like name nobody; a resolution must name one responsible person.
const VAGUE_OWNER = /(相关|有关|各|其他)(部门|人员|单位|方面|同事|负责人)(负责|牵头|跟进|落实|处理|配合|办理)|relevant (departments?|parties|people) (are|is)? ?responsible/i;

/** The vague phrase found in a resolution's text, or null. */
export function vagueOwnerPhrase(text: string): string | null {
  return VAGUE_OWNER.exec(text)?.[0] ?? null;
}

/** MTG-7 QR token: HMAC of the meeting and the 30-second window, so a photo is useless a minute later. */
export function signInToken(secret: Buffer, meetingId: number, at: Date, windowOffset = 0): string {
  const window = Math.floor(at.getTime() / TOKEN_WINDOW_MS) + windowOffset;
  return createHmac('sha256', secret).update(`meeting-sign-in:${meetingId}:${window}`).digest('base64url').slice(0, 22);
}

export function tokenExpiresAt(at: Date): Date {
  return new Date((Math.floor(at.getTime() / TOKEN_WINDOW_MS) + 1) * TOKEN_WINDOW_MS);
}

/** The current and the previous window are accepted (a scan at the turn of the window still works). */
export function tokenValid(secret: Buffer, meetingId: number, token: string, at: Date): boolean {
  const given = Buffer.from(token);
  return [0, -1].some((offset) => {
    const expected = Buffer.from(signInToken(secret, meetingId, at, offset));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

export interface Interval {
  start: number;
  end: number;
}

/** Free gaps of at least `minMs` within [from, to), given busy intervals (any order, may overlap). */
export function freeSlots(busy: Interval[], from: number, to: number, minMs: number): Interval[] {
  const sorted = busy.filter((b) => b.end > from && b.start < to).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  let cursor = from;
  for (const b of sorted) {
    if (b.start - cursor >= minMs) out.push({ start: cursor, end: b.start });
    cursor = Math.max(cursor, b.end);
  }
  if (to - cursor >= minMs) out.push({ start: cursor, end: to });
  return out;
}

export const MAX_SERIES = 52;

/** A weekly 例会: the start of each occurrence, `count` of them or until the date `until` (company day, inclusive). */
export function weeklyStarts(first: Date, timeZone: string, opts: { count?: number | undefined; until?: string | undefined }): Date[] {
  const out: Date[] = [];
  // Same wall-clock time each week, also across a daylight-saving change in the company zone.
  const wall = wallClock(first, timeZone);
  for (let i = 0; i < MAX_SERIES; i++) {
    const at = atWallClock(addDays(wall.date, 7 * i), wall.ms, timeZone);
    if (opts.count !== undefined && i >= opts.count) break;
    if (opts.until !== undefined && dateInZone(at, timeZone) > opts.until) break;
    out.push(at);
  }
  return out;
}

/** MTG-11: the meeting (of candidates sorted by start) that takes up an item due for `nextDate`. */
export function nextMeetingFor<T extends { startsAt: Date }>(candidates: T[], nextDate: string, timeZone: string): T | null {
  return candidates.find((c) => dateInZone(c.startsAt, timeZone) >= nextDate) ?? null;
}
