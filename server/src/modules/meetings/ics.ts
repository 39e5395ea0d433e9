import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { toIso, wallClock } from '../../platform/calendar/zone.ts';
import { timesOf } from './rules.ts';
import type { MeetingAggregate } from './store.ts';

/**
 * MTG-3: the .ics invitation (RFC 5545 / iTIP RFC 5546). One UID per meeting for its whole life;
 * every update raises SEQUENCE, so calendars replace the event; a cancellation is METHOD:CANCEL.
 * Times are written in the company zone with its VTIMEZONE (timezones-ical-library), so Outlook,
 * DingTalk and Feishu show 14:00 as 14:00 whatever the reader's zone.
 */

const pad = (n: number) => String(n).padStart(2, '0');
/** Company wall-clock time as "YYYY-MM-DDTHH:mm:ss", which ical-generator writes with the event's TZID. */
function local(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  const s = Math.floor(w.ms / 1000);
  return `${w.date}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
const utc = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export interface IcsOptions {
  method: 'REQUEST' | 'CANCEL';
  timeZone: string;
  /** The ORGANIZER address when the organizer has no e-mail. */
  fallbackOrganizerEmail: string;
  stamp: Date;
  /** Only these attendees (a CANCEL to one person); default: every participant. */
  attendees?: { name: string; email: string | null }[];
  link?: string | null;
}

export function placeOf(m: Pick<MeetingAggregate, 'row' | 'room'>): string {
  const room = m.room ? [m.room.name, m.room.location].filter(Boolean).join('（') + (m.room.location ? '）' : '') : null;
  return [room, m.row.onlineNumber, m.row.onlineLink].filter(Boolean).join(' / ');
}

export function describe(m: MeetingAggregate): string {
  const lines = [`会议目标：${m.row.goal}`];
  if (m.agenda.length) {
    lines.push('会议议程：');
    for (const [i, a] of m.agenda.entries()) lines.push(`${i + 1}. ${a.title}（${a.durationMinutes}分钟）${a.goal ? `：${a.goal}` : ''}`);
  }
  if (m.materials.length) lines.push(`需准备材料：${m.materials.map((x) => `${x.title}（${m.names.get(x.ownerId)?.name ?? ''}）`).join('；')}`);
  lines.push(`主持人：${m.names.get(m.row.hostId)?.name ?? ''}；记录人：${m.names.get(m.row.minuteTakerId)?.name ?? ''}`);
  lines.push(`联系人：${m.names.get(m.row.contactId)?.name ?? ''}${m.row.contactPhone ? ` ${m.row.contactPhone}` : ''}`);
  return lines.join('\n');
}

export function buildIcs(m: MeetingAggregate, opts: IcsOptions): string {
  const times = timesOf(m.row);
  const cancel = opts.method === 'CANCEL';
  const cal = ical({ prodId: { company: 'OpsDesk', product: '运营台', language: 'ZH' }, method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  cal.timezone({ name: opts.timeZone, generator: (tz) => (tzlib_get_ical_block(tz) as string[])[0] ?? null });
  const organizer = m.names.get(m.row.organizerId);
  const listed = (opts.attendees ?? []).flatMap((a) => (a.email ? [{ name: a.name, email: a.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: false }] : []));
  const invited = m.people
    .filter((p) => p.role === 'participant')
    .flatMap((p) => {
      const info = m.names.get(p.personId);
      if (!info?.email) return [];
      // MTG-6: someone on leave has declined; their delegate is invited in their place.
      const status = p.leaveAskedAt ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.NEEDSACTION;
      return [{ name: info.name, email: info.email, role: ICalAttendeeRole.REQ, status, rsvp: !cancel && !p.leaveAskedAt }];
    });
  const attendees = opts.attendees ? listed : invited;
  cal.createEvent({
    id: m.row.icsUid,
    sequence: m.row.noticeSequence,
    start: local(times.startsAt, opts.timeZone),
    end: local(times.endsAt, opts.timeZone),
    timezone: opts.timeZone,
    summary: m.row.topic,
    location: placeOf(m) || null,
    description: describe(m),
    url: opts.link ?? null,
    organizer: { name: organizer?.name ?? '', email: organizer?.email ?? opts.fallbackOrganizerEmail },
    attendees,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: opts.stamp,
    lastModified: new Date(toIso(m.row.updatedAt)),
  });
  // ical-generator writes every time of a zoned event as local wall time; DTSTAMP and
  // LAST-MODIFIED must be UTC (RFC 5545 3.8.7.2, 3.8.7.3), so those two lines are set exactly.
  return cal
    .toString()
    .replace(/^DTSTAMP:[^\r\n]*/m, `DTSTAMP:${utc(opts.stamp)}`)
    .replace(/^(BEGIN:VEVENT[\s\S]*?)^LAST-MODIFIED:[^\r\n]*/m, `$1LAST-MODIFIED:${utc(new Date(toIso(m.row.updatedAt)))}`);
}
