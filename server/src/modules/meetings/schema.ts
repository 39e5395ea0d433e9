import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TBookingStatus, TMeetingStatus, TMinutesStatus } from '@opsdesk/contract';
import { departments, people } from '../org/schema.ts';
import { files } from '../../platform/files/schema.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const stamps = { createdAt: stamp('created_at').notNull(), updatedAt: stamp('updated_at').notNull() };

/** MTG-2 meeting rooms, kept by 行政部 (resource coordinators). */
export const meetingRooms = pgTable(
  'meeting_rooms',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    equipment: text('equipment').array().notNull().default(sql`'{}'::text[]`),
    location: text('location'),
    active: boolean('active').notNull().default(true),
    ...stamps,
  },
  (t) => [uniqueIndex('meeting_rooms_name').on(sql`lower(${t.name})`)],
);

/**
 * MTG-2: a room held for a time. Two live bookings of one room never overlap: an exclusion
 * constraint (migration meetings_booking_no_overlap) refuses the second, also under concurrency.
 */
export const roomBookings = pgTable(
  'room_bookings',
  {
    id: serial('id').primaryKey(),
    roomId: integer('room_id')
      .notNull()
      .references(() => meetingRooms.id),
    startsAt: stamp('starts_at').notNull(),
    endsAt: stamp('ends_at').notNull(),
    title: text('title').notNull(),
    meetingId: integer('meeting_id').references((): AnyPgColumn => meetings.id),
    bookedBy: integer('booked_by')
      .notNull()
      .references(() => people.id),
    status: text('status').$type<TBookingStatus>().notNull().default('active'),
    releasedAt: stamp('released_at'),
    ...stamps,
  },
  (t) => [
    check('room_bookings_time', sql`${t.endsAt} > ${t.startsAt}`),
    index('room_bookings_room_time').on(t.roomId, t.startsAt),
    index('room_bookings_meeting').on(t.meetingId),
  ],
);

/** A weekly 例会: its meetings carry series_id; MTG-11 carry-overs go to the next one. */
export const meetingSeries = pgTable('meeting_series', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  frequency: text('frequency').$type<'weekly'>().notNull(),
  organizerId: integer('organizer_id')
    .notNull()
    .references(() => people.id),
  createdAt: stamp('created_at').notNull(),
});

/** MTG-1: one meeting. The room is held by its booking; the notice state drives the .ics (MTG-3). */
export const meetings = pgTable(
  'meetings',
  {
    id: serial('id').primaryKey(),
    seriesId: integer('series_id').references(() => meetingSeries.id),
    topic: text('topic').notNull(),
    goal: text('goal').notNull(),
    startsAt: stamp('starts_at').notNull(),
    endsAt: stamp('ends_at').notNull(),
    roomId: integer('room_id').references(() => meetingRooms.id),
    bookingId: integer('booking_id').references((): AnyPgColumn => roomBookings.id),
    onlineLink: text('online_link'),
    onlineNumber: text('online_number'),
    hostId: integer('host_id')
      .notNull()
      .references(() => people.id),
    minuteTakerId: integer('minute_taker_id')
      .notNull()
      .references(() => people.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => people.id),
    contactPhone: text('contact_phone'),
    organizerId: integer('organizer_id')
      .notNull()
      .references(() => people.id),
    /** ALL-7: the organizer's department when created; its heads see the meeting. */
    departmentId: integer('department_id').references(() => departments.id),
    agendaReason: text('agenda_reason'),
    remarks: text('remarks'),
    onTimeMinutes: integer('on_time_minutes').notNull().default(5),
    releaseAfterMinutes: integer('release_after_minutes').default(15),
    status: text('status').$type<TMeetingStatus>().notNull().default('draft'),
    /** The .ics UID, kept for every update and the cancellation (MTG-3). */
    icsUid: text('ics_uid').notNull(),
    noticeSequence: integer('notice_sequence').notNull().default(0),
    noticeSentAt: stamp('notice_sent_at'),
    noticeLateReason: text('notice_late_reason'),
    materialsSentAt: stamp('materials_sent_at'),
    cancelledAt: stamp('cancelled_at'),
    cancelReason: text('cancel_reason'),
    minutesStatus: text('minutes_status').$type<TMinutesStatus>().notNull().default('none'),
    searchTokens: text('search_tokens').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(0),
    ...stamps,
  },
  (t) => [
    check('meetings_time', sql`${t.endsAt} > ${t.startsAt}`),
    uniqueIndex('meetings_ics_uid').on(t.icsUid),
    index('meetings_starts').on(t.startsAt),
    index('meetings_series').on(t.seriesId, t.startsAt),
    index('meetings_department').on(t.departmentId),
    index('meetings_search').using('gin', t.searchTokens),
  ],
);

/**
 * The people of a meeting: participants (attendance, leave, delegate — MTG-6/7) and stakeholders
 * who only receive the minutes (MTG-9).
 */
export const meetingPeople = pgTable(
  'meeting_people',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').$type<'participant' | 'stakeholder'>().notNull(),
    kind: text('kind').$type<'invited' | 'delegate'>().notNull().default('invited'),
    delegateForId: integer('delegate_for_id').references(() => people.id),
    signedInAt: stamp('signed_in_at'),
    signInMethod: text('sign_in_method').$type<'app' | 'qr' | 'manual'>(),
    leaveReason: text('leave_reason'),
    leaveDelegateId: integer('leave_delegate_id').references(() => people.id),
    leaveAskedAt: stamp('leave_asked_at'),
    leaveLate: boolean('leave_late').notNull().default(false),
    /** The notice sequence this person last received (null: not yet told); a removed person gets a CANCEL. */
    noticedSequence: integer('noticed_sequence'),
    addedAt: stamp('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] }), index('meeting_people_person').on(t.personId)],
);

/** MTG-1/4 agenda items; MTG-8 their minutes (key points, disputes, decision, host confirmation); MTG-11 carry-over. */
export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    goal: text('goal'),
    presenterId: integer('presenter_id').references(() => people.id),
    carriedOverFromId: integer('carried_over_from_id').references((): AnyPgColumn => meetingAgendaItems.id),
    keyPoints: text('key_points'),
    disputes: text('disputes'),
    decision: text('decision'),
    decisionConfirmedAt: stamp('decision_confirmed_at'),
    decisionConfirmedBy: integer('decision_confirmed_by').references(() => people.id),
    carryOver: boolean('carry_over').notNull().default(false),
    nextDate: date('next_date', { mode: 'string' }),
  },
  (t) => [
    index('meeting_agenda_meeting').on(t.meetingId, t.position),
    // MTG-11: an open item is taken up by at most one later agenda.
    uniqueIndex('meeting_agenda_carried_from').on(t.carriedOverFromId),
    index('meeting_agenda_carry_open').on(t.nextDate).where(sql`${t.carryOver}`),
  ],
);

/** MTG-1/5 需准备材料: who prepares what; the file once uploaded. */
export const meetingMaterials = pgTable(
  'meeting_materials',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => people.id),
    fileId: uuid('file_id').references(() => files.id),
    uploadedAt: stamp('uploaded_at'),
  },
  (t) => [index('meeting_materials_meeting').on(t.meetingId, t.position)],
);

export interface StoredFollowUp {
  text: string;
  ownerId: number | null;
  dueDate: string | null;
}

/** MTG-9 the minutes beyond the agenda items: discussion, follow-ups, review and distribution. */
export const meetingMinutes = pgTable('meeting_minutes', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  discussion: text('discussion'),
  followUps: jsonb('follow_ups').$type<StoredFollowUp[]>().notNull().default(sql`'[]'::jsonb`),
  authorId: integer('author_id').references(() => people.id),
  submittedAt: stamp('submitted_at'),
  approvalId: integer('approval_id'),
  approvedAt: stamp('approved_at'),
  distributedAt: stamp('distributed_at'),
  version: integer('version').notNull().default(0),
  updatedAt: stamp('updated_at').notNull(),
});

/** MTG-10 决议事项: a person, a deadline, a deliverable; the task it became on distribution. */
export const meetingResolutions = pgTable(
  'meeting_resolutions',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    content: text('content').notNull(),
    deliverable: text('deliverable').notNull(),
    qualityStandard: text('quality_standard'),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => people.id),
    departmentName: text('department_name'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    agendaItemId: integer('agenda_item_id').references(() => meetingAgendaItems.id),
    taskId: integer('task_id'),
    taskNumber: text('task_number'),
  },
  (t) => [index('meeting_resolutions_meeting').on(t.meetingId, t.position), uniqueIndex('meeting_resolutions_task').on(t.taskId)],
);
