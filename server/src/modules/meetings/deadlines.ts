import type { Tx } from '../../db/client.ts';
import type { Calendar } from '../../platform/calendar/snapshot.ts';
import { dateInZone, toIso } from '../../platform/calendar/zone.ts';
import type { ReminderSpec } from '../../platform/deadlines/reminder-rules.ts';
import { completeDeadline, declareDeadline } from '../../platform/deadlines/service.ts';
import { NOTICE_WORKING_DAYS } from './rules.ts';
import type { MeetingRow } from './store.ts';

/** The deadlines of a meeting (ALL-2 reminders before, escalations after). */
export type MeetingDeadline = 'notice' | 'materials' | 'minutes' | 'distribution';

const ENTITY = 'meeting';
const subjectOf = (m: Pick<MeetingRow, 'topic'>) => `会议 ${m.topic}`;
const linkOf = (m: Pick<MeetingRow, 'id'>) => `/meetings/${m.id}`;

interface Common {
  cal: Calendar;
  timeZone: string;
  now: Date;
}

/** MTG-3 / ALL-6: the notice at least 2 working days before the meeting's date; the organizer is reminded. */
export async function declareNoticeDeadline(tx: Tx, c: Common, m: MeetingRow): Promise<void> {
  await declareDeadline(tx, {
    ...c,
    entity: ENTITY,
    entityId: m.id,
    kind: 'notice',
    anchorDate: dateInZone(new Date(toIso(m.startsAt)), c.timeZone),
    rule: { workingDaysBefore: NOTICE_WORKING_DAYS },
    ownerId: m.organizerId,
    subject: `${subjectOf(m)}：发出会议通知`,
    link: linkOf(m),
    reminders: [
      { when: { before: { workingDays: 1 } }, to: ['owner'] },
      { when: 'onDueDay', to: ['owner'] },
    ],
  });
}

/**
 * MTG-5: the minute-taker collects the materials and sends them 1 day before — for an office the
 * working day before (a Monday meeting's materials go out on Friday). The minute-taker and the
 * material owners are reminded that day; the host hears if they are still not out at the end of it.
 */
export async function declareMaterialsDeadline(tx: Tx, c: Common, m: MeetingRow, ownerIds: number[]): Promise<void> {
  const others: ReminderSpec['to'] = [...new Set(ownerIds)].filter((id) => id !== m.minuteTakerId).map((personId) => ({ personId }));
  await declareDeadline(tx, {
    ...c,
    entity: ENTITY,
    entityId: m.id,
    kind: 'materials',
    anchorDate: dateInZone(new Date(toIso(m.startsAt)), c.timeZone),
    rule: { workingDaysBefore: 1 },
    ownerId: m.minuteTakerId,
    subject: `${subjectOf(m)}：汇总并发送会议材料`,
    link: linkOf(m),
    reminders: [
      { when: 'onDueDay', to: ['owner', ...others] },
      { when: 'atDue', to: ['owner', { personId: m.hostId }], event: 'deadline.escalation' },
    ],
  });
}

/** MTG-9: minutes within 24 hours of the end; reminded 4 h before, the host told when late. */
export async function declareMinutesDeadline(tx: Tx, c: Common, m: MeetingRow): Promise<void> {
  await declareDeadline(tx, {
    ...c,
    entity: ENTITY,
    entityId: m.id,
    kind: 'minutes',
    anchorAt: toIso(m.endsAt),
    rule: { hours: 24 },
    ownerId: m.minuteTakerId,
    subject: `${subjectOf(m)}：整理会议纪要`,
    link: `${linkOf(m)}/minutes`,
    reminders: [
      { when: { before: { hours: 4 } }, to: ['owner'] },
      { when: 'atDue', to: ['owner', { personId: m.hostId }], event: 'deadline.escalation' },
    ],
  });
}

/** MTG-9: distribution within 1 working day of the host's approval; chased when late. */
export async function declareDistributionDeadline(tx: Tx, c: Common, m: MeetingRow, approvedAt: Date): Promise<void> {
  await declareDeadline(tx, {
    ...c,
    entity: ENTITY,
    entityId: m.id,
    kind: 'distribution',
    anchorAt: approvedAt,
    rule: { workingDays: 1 },
    ownerId: m.minuteTakerId,
    subject: `${subjectOf(m)}：分发会议纪要`,
    link: `${linkOf(m)}/minutes`,
    reminders: [
      { when: 'onDueDay', to: ['owner'] },
      { when: 'atDue', to: ['owner', { personId: m.hostId }], event: 'deadline.escalation' },
      { when: { after: { workingDays: 1 } }, to: ['owner', 'owner.head'], event: 'deadline.escalation' },
    ],
  });
}

export async function completeMeetingDeadline(tx: Tx, meetingId: number, kind: MeetingDeadline, at: Date): Promise<void> {
  await completeDeadline(tx, { entity: ENTITY, entityId: meetingId, kind, at });
}

/** A cancelled meeting owes nothing any more. */
export async function completeAllMeetingDeadlines(tx: Tx, meetingId: number, at: Date): Promise<void> {
  for (const kind of ['notice', 'materials', 'minutes', 'distribution'] as const) await completeMeetingDeadline(tx, meetingId, kind, at);
}
