import { z } from 'zod';
import { ZId, ZPageQuery, zPage, zOptionalText as optionalText, zText as text } from './common.ts';
import { ZFileMeta } from './files.ts';
import { ZExportQuery } from './imports.ts';
import { ZPersonRef } from './meetings-rooms.ts';

/**
 * 会议 Meetings (SPEC §3, MTG-1 … MTG-11). Rooms and bookings (MTG-2), meetings with agenda and
 * materials (MTG-1/4/5), notice with .ics (MTG-3), leave with a delegate (MTG-6), sign-in (MTG-7),
 * minutes reviewed by the host (MTG-8/9), resolutions that become tasks (MTG-10), carry-over
 * items (MTG-11) and weekly series. Minutes, resolutions and sign-in: see meetings-minutes.ts.
 *
 * Times are ISO 8601 instants (`startsAt`, `endsAt`); dates are `YYYY-MM-DD` in the company zone.
 */

const instant = z.iso.datetime({ offset: true });
const date = z.iso.date();
const optionalId = ZId.nullish().transform((v) => v ?? null);

export * from './meetings-rooms.ts';

// ───────────────────────────── warnings (MTG-2/3/4/6) ─────────────────────────────

/**
 * A rule the input goes against. With `reasonField` set the save is refused (400 on that field)
 * until a reason is given there; without it the warning is only shown.
 *  non_working_day  MTG-2  params: date
 *  notice_late      MTG-3  params: workingDays (ahead now), required (2), latestDate (last on-time day)
 *  agenda_items     MTG-4  params: count, max (5)
 *  agenda_duration  MTG-4  params: minutes, max (120)
 *  leave_late       MTG-6  params: latestDate
 *  room_capacity    —      params: capacity, participants
 */
export const MEETING_WARNING_CODES = ['non_working_day', 'notice_late', 'agenda_items', 'agenda_duration', 'leave_late', 'room_capacity'] as const;
export const ZMeetingWarningCode = z.enum(MEETING_WARNING_CODES);
export type TMeetingWarningCode = z.infer<typeof ZMeetingWarningCode>;
export const ZMeetingWarning = z.object({
  code: ZMeetingWarningCode,
  /** Already in the caller's language, saying what to do. */
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The input field where a reason must be written (`agendaReason`, `lateReason`), if one is required. */
  reasonField: z.string().nullable(),
});
export type TMeetingWarning = z.infer<typeof ZMeetingWarning>;

// ───────────────────────────── meetings (MTG-1/4/5) ─────────────────────────────

/** draft 筹备中 · notified 已通知 · cancelled 已取消. Whether it runs or ended follows from the clock: `phase`. */
export const MEETING_STATUSES = ['draft', 'notified', 'cancelled'] as const;
export const ZMeetingStatus = z.enum(MEETING_STATUSES);
export type TMeetingStatus = z.infer<typeof ZMeetingStatus>;

/** upcoming 未开始 · signin 签到中 (window open, before the start) · ongoing 进行中 · ended 已结束. */
export const MEETING_PHASES = ['upcoming', 'signin', 'ongoing', 'ended'] as const;
export const ZMeetingPhase = z.enum(MEETING_PHASES);
export type TMeetingPhase = z.infer<typeof ZMeetingPhase>;

/** none 未开始 · draft 记录中 · in_review 主持人审核中 · returned 退回修改 · approved 已审核待分发 · distributed 已分发. */
export const MINUTES_STATUSES = ['none', 'draft', 'in_review', 'returned', 'approved', 'distributed'] as const;
export const ZMinutesStatus = z.enum(MINUTES_STATUSES);
export type TMinutesStatus = z.infer<typeof ZMinutesStatus>;

/** The caller's part in a meeting (calendar and lists show it). */
export const MEETING_ROLES = ['host', 'minute_taker', 'participant', 'delegate', 'contact', 'organizer', 'stakeholder', 'viewer'] as const;
export const ZMeetingRole = z.enum(MEETING_ROLES);
export type TMeetingRole = z.infer<typeof ZMeetingRole>;

export const ZAgendaItem = z.object({
  id: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  durationMinutes: z.number().int(),
  /** What this item must settle (MTG-3: each item's duration and goal). */
  goal: z.string().nullable(),
  presenter: ZPersonRef.nullable(),
  /** MTG-11: carried over from an item of an earlier meeting (下次会议继续讨论). */
  carriedOverFrom: z.object({ agendaItemId: z.number().int(), meetingId: z.number().int(), topic: z.string(), date: z.string() }).nullable(),
});
export type TAgendaItem = z.infer<typeof ZAgendaItem>;

export const ZAgendaItemInput = z.object({
  /** Keep an existing item (its minutes stay with it); absent = a new item. */
  id: ZId.optional(),
  title: text(200),
  durationMinutes: z.number().int().min(1).max(480),
  goal: optionalText(500),
  presenterId: optionalId,
  /** MTG-11: the open carry-over item this one takes up (see ZCarryOver). */
  carriedOverFromId: optionalId,
});
export type TAgendaItemInput = z.input<typeof ZAgendaItemInput>;

/** 需准备材料: what to bring, who prepares it; the owner (or the minute-taker) uploads the file. */
export const ZMaterial = z.object({
  id: z.number().int(),
  title: z.string(),
  owner: ZPersonRef,
  file: ZFileMeta.nullable(),
  uploadedAt: z.string().nullable(),
});
export type TMaterial = z.infer<typeof ZMaterial>;
export const ZMaterialInput = z.object({ id: ZId.optional(), title: text(200), ownerId: ZId });
export type TMaterialInput = z.input<typeof ZMaterialInput>;
/** `PUT /api/meetings/:id/materials/:materialId/file`: a file uploaded through POST /api/files. */
export const ZMaterialFileInput = z.object({ fileId: z.uuid() });
export type TMaterialFileInput = z.input<typeof ZMaterialFileInput>;

const meetingFields = z.object({
  topic: text(200),
  /** MTG-1: the question the meeting must settle (required). */
  goal: text(1000),
  startsAt: instant,
  endsAt: instant,
  /** MTG-1: a booked room and/or an online meeting; at least one of roomId, onlineLink, onlineNumber. */
  roomId: optionalId,
  onlineLink: z.union([z.url({ protocol: /^https?$/ }).max(500), z.literal('')]).nullish().transform((v) => (v ? v : null)),
  /** 会议号 (腾讯会议 / 钉钉 …), e.g. "腾讯会议 123-456-789". */
  onlineNumber: optionalText(120),
  hostId: ZId,
  minuteTakerId: ZId,
  contactId: ZId,
  /** 联系方式 as the notice prints it (分机 / 手机). */
  contactPhone: optionalText(64),
  participantIds: z.array(ZId).min(1).max(200),
  /** Other recipients of the minutes (MTG-9 相关方) who do not attend. */
  stakeholderIds: z.array(ZId).max(100),
  agenda: z.array(ZAgendaItemInput).min(1).max(30),
  /** MTG-4: required when the agenda has more than 5 items or lasts more than 2 hours. */
  agendaReason: optionalText(500),
  materials: z.array(ZMaterialInput).max(30),
  remarks: optionalText(1000),
  /** MTG-7: sign-in counts as on time until this many minutes after the start (default 5). */
  onTimeMinutes: z.number().int().min(0).max(60),
  /** MTG-7: the room is released when nobody has signed in this many minutes after the start (default 15; null = never). */
  releaseAfterMinutes: z.number().int().min(5).max(240).nullable(),
});
export const ZMeetingInput = meetingFields.extend({
  stakeholderIds: meetingFields.shape.stakeholderIds.default([]),
  materials: meetingFields.shape.materials.default([]),
  onTimeMinutes: meetingFields.shape.onTimeMinutes.default(5),
  releaseAfterMinutes: meetingFields.shape.releaseAfterMinutes.default(15),
});
export type TMeetingInput = z.input<typeof ZMeetingInput>;
/** PATCH: only what is named changes. After the notice, a change of time/place/people sends an update (.ics SEQUENCE+1). */
export const ZMeetingUpdate = meetingFields.partial().extend({ version: z.number().int().min(0) });
export type TMeetingUpdate = z.input<typeof ZMeetingUpdate>;

/** `POST /api/meetings/check`: the warnings a save would give, for the form to show before submit. */
export const ZMeetingCheckInput = meetingFields.partial().extend({ meetingId: ZId.optional() });
export type TMeetingCheckInput = z.input<typeof ZMeetingCheckInput>;
export const ZMeetingCheck = z.object({ warnings: z.array(ZMeetingWarning) });
export type TMeetingCheck = z.infer<typeof ZMeetingCheck>;

/** expected 待签到 · present 已签到 · late 迟到 · on_leave 请假 · absent 缺席 (derived after the end). */
export const ATTENDANCE_STATUSES = ['expected', 'present', 'late', 'on_leave', 'absent'] as const;
export const ZAttendanceStatus = z.enum(ATTENDANCE_STATUSES);
export type TAttendanceStatus = z.infer<typeof ZAttendanceStatus>;

export const ZLeave = z.object({
  reason: z.string(),
  delegate: ZPersonRef.nullable(),
  askedAt: z.string(),
  /** MTG-6: asked later than 1 day before the meeting. */
  late: z.boolean(),
});
export type TLeave = z.infer<typeof ZLeave>;

/** One row of the attendance list (参会人员 + 签到). */
export const ZParticipant = z.object({
  person: ZPersonRef,
  departmentName: z.string().nullable(),
  /** invited: on the notice; delegate: came in for someone on leave (MTG-6). */
  kind: z.enum(['invited', 'delegate']),
  delegateFor: ZPersonRef.nullable(),
  attendance: ZAttendanceStatus,
  signedInAt: z.string().nullable(),
  signInMethod: z.enum(['app', 'qr', 'manual']).nullable(),
  leave: ZLeave.nullable(),
});
export type TParticipant = z.infer<typeof ZParticipant>;

/** What the signed-in person may do with this meeting now; the web shows exactly these actions. */
export const ZMeetingPermissions = z.object({
  canEdit: z.boolean(),
  canCancel: z.boolean(),
  canSendNotice: z.boolean(),
  canUploadMaterial: z.boolean(),
  canSendMaterials: z.boolean(),
  canAskLeave: z.boolean(),
  canWithdrawLeave: z.boolean(),
  canSignIn: z.boolean(),
  canShowSignInCode: z.boolean(),
  canMarkAttendance: z.boolean(),
  canWriteMinutes: z.boolean(),
  canConfirmDecision: z.boolean(),
  canSubmitMinutes: z.boolean(),
  canDistribute: z.boolean(),
  canExportMinutes: z.boolean(),
});
export type TMeetingPermissions = z.infer<typeof ZMeetingPermissions>;

export const ZMeetingSummary = z.object({
  id: z.number().int(),
  topic: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  room: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** The room booking was released (nobody signed in, MTG-7). */
  roomReleased: z.boolean(),
  onlineLink: z.string().nullable(),
  onlineNumber: z.string().nullable(),
  host: ZPersonRef,
  minuteTaker: ZPersonRef,
  status: ZMeetingStatus,
  phase: ZMeetingPhase,
  minutesStatus: ZMinutesStatus,
  seriesId: z.number().int().nullable(),
  participantCount: z.number().int(),
  /** The caller's parts (empty when they see it only through their scope). */
  myRoles: z.array(ZMeetingRole),
  myAttendance: ZAttendanceStatus.nullable(),
});
export type TMeetingSummary = z.infer<typeof ZMeetingSummary>;

export const ZMeetingDetail = ZMeetingSummary.extend({
  goal: z.string(),
  contact: ZPersonRef,
  contactPhone: z.string().nullable(),
  organizer: ZPersonRef,
  agenda: z.array(ZAgendaItem),
  agendaMinutes: z.number().int(),
  agendaReason: z.string().nullable(),
  materials: z.array(ZMaterial),
  materialsSentAt: z.string().nullable(),
  participants: z.array(ZParticipant),
  stakeholders: z.array(ZPersonRef),
  remarks: z.string().nullable(),
  onTimeMinutes: z.number().int(),
  releaseAfterMinutes: z.number().int().nullable(),
  notice: z.object({
    sentAt: z.string().nullable(),
    /** The .ics SEQUENCE of the last notice (0 for the first, +1 per update). */
    sequence: z.number().int(),
    lateReason: z.string().nullable(),
    /** MTG-3 / ALL-6: the last day it can go out on time (2 working days before), shown as a deadline. */
    dueDate: z.string(),
    provisional: z.boolean(),
  }),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** Rule warnings for the meeting as it stands (e.g. notice_late while not yet sent). */
  warnings: z.array(ZMeetingWarning),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  permissions: ZMeetingPermissions,
});
export type TMeetingDetail = z.infer<typeof ZMeetingDetail>;

/** Create/update answer: the meeting and the warnings that were accepted (or only shown). */
export const ZMeetingSaved = z.object({ meeting: ZMeetingDetail, warnings: z.array(ZMeetingWarning) });
export type TMeetingSaved = z.infer<typeof ZMeetingSaved>;

/** 我主持的 · 我参加的 (incl. minute-taker, contact, delegate) · 我组织的 · 本部门 · 全部 (ALL-7 scope). */
export const MEETING_SCOPES = ['mine', 'hosting', 'organizing', 'department', 'all'] as const;
export const ZMeetingListQuery = ZPageQuery.extend({
  scope: z.enum(MEETING_SCOPES).default('mine'),
  q: z.string().trim().max(64).optional(),
  from: date.optional(),
  to: date.optional(),
  status: ZMeetingStatus.optional(),
  minutesStatus: ZMinutesStatus.optional(),
  roomId: ZId.optional(),
  seriesId: ZId.optional(),
  sort: z.enum(['startsAt', '-startsAt']).default('-startsAt'),
});
export type TMeetingListQuery = z.input<typeof ZMeetingListQuery>;
/** `GET /api/meetings/export`: the list with its filters and order, as a 会议通知表 per row (.xlsx / .csv). */
export const ZMeetingExportQuery = ZMeetingListQuery.omit({ page: true, pageSize: true }).extend(ZExportQuery.shape);
export type TMeetingExportQuery = z.input<typeof ZMeetingExportQuery>;
export const ZMeetingPage = zPage(ZMeetingSummary);
export type TMeetingPage = z.infer<typeof ZMeetingPage>;

/** `GET /api/meetings/calendar?from=&to=` (≤ 42 days): my meetings (any part), cancelled ones included. */
export const ZMeetingCalendarQuery = z.object({ from: date, to: date });
export type TMeetingCalendarQuery = z.input<typeof ZMeetingCalendarQuery>;
export const ZMeetingCalendar = z.object({
  from: z.string(),
  to: z.string(),
  nonWorkingDates: z.array(z.string()),
  items: z.array(ZMeetingSummary),
});
export type TMeetingCalendar = z.infer<typeof ZMeetingCalendar>;

// ───────────────────────────── notice, materials, leave, cancel (MTG-3/5/6) ─────────────────────────────

/** `POST /api/meetings/:id/notice`: first send or re-send; `lateReason` required when notice_late (MTG-3). */
export const ZNoticeInput = z.object({ lateReason: optionalText(500) });
export type TNoticeInput = z.input<typeof ZNoticeInput>;

/** `POST /api/meetings/:id/leave` (MTG-6): a participant names a delegate, who is then invited. */
export const ZLeaveInput = z.object({ reason: text(500), delegateId: ZId });
export type TLeaveInput = z.input<typeof ZLeaveInput>;

/** `POST /api/meetings/:id/cancel`: participants get METHOD:CANCEL; the room is given back. */
export const ZCancelInput = z.object({ reason: text(500) });
export type TCancelInput = z.input<typeof ZCancelInput>;

// ───────────────────────────── series (weekly 例会) ─────────────────────────────

/** `POST /api/meeting-series`: a weekly 例会 — `count` occurrences (or until `until`) from the first meeting's time. */
export const ZSeriesInput = z.object({
  meeting: ZMeetingInput,
  frequency: z.literal('weekly').default('weekly'),
  count: z.number().int().min(2).max(52).optional(),
  until: date.optional(),
});
export type TSeriesInput = z.input<typeof ZSeriesInput>;
export const ZSeries = z.object({
  id: z.number().int(),
  title: z.string(),
  frequency: z.literal('weekly'),
  organizer: ZPersonRef,
  meetings: z.array(ZMeetingSummary),
  /** Non-working dates an occurrence falls on (MTG-2 warning). */
  warnings: z.array(ZMeetingWarning),
});
export type TSeries = z.infer<typeof ZSeries>;

export * from './meetings-minutes.ts';
