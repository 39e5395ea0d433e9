import { z } from 'zod';
import { ZId, zOptionalText as optionalText } from './common.ts';
import { ZTaskStatus } from './tasks.ts';

/**
 * 会议 after the start: sign-in (MTG-7), minutes per agenda item (MTG-8/9), resolutions that
 * become tasks (MTG-10), carry-over items (MTG-11) and the minute-taker's week view.
 */

const date = z.iso.date();
const ref = z.object({ id: z.number().int(), name: z.string() });

// ───────────────────────────── sign-in (MTG-7) ─────────────────────────────

/**
 * `GET /api/meetings/:id/sign-in-code` (host, minute-taker, contact, organizer — the room's
 * screen): a token that changes every `rotateSeconds`; the QR encodes `path` (the web sign-in
 * page with the token). Refetch before `expiresAt`. The previous token stays valid for one more
 * window, so a scan at the turn still works; a photo is useless a minute later.
 */
export const ZSignInCode = z.object({
  token: z.string(),
  path: z.string(),
  expiresAt: z.string(),
  rotateSeconds: z.number().int(),
  /** The sign-in window (MTG-7): opens 10 min before the start, closes at the end. */
  opensAt: z.string(),
  closesAt: z.string(),
  /** Signed in so far / expected (those on leave not counted). */
  signedIn: z.number().int(),
  expected: z.number().int(),
});
export type TSignInCode = z.infer<typeof ZSignInCode>;

/**
 * `POST /api/meetings/:id/sign-in`: a logged-in participant signs in. With the room's `token`
 * (scanned QR) it counts as `qr`; without one it is `app`, allowed only for a meeting with an
 * online link/number (in the room, the QR proves presence).
 */
export const ZSignInInput = z.object({ token: z.string().trim().max(128).optional() });
export type TSignInInput = z.input<typeof ZSignInInput>;
export const ZSignInResult = z.object({
  attendance: z.enum(['present', 'late']),
  signedInAt: z.string(),
});
export type TSignInResult = z.infer<typeof ZSignInResult>;

/** `PUT /api/meetings/:id/attendance/:personId` (minute-taker or host, during the window): 补签 by hand. */
export const ZAttendanceMarkInput = z.object({ status: z.enum(['present', 'late']) });
export type TAttendanceMarkInput = z.input<typeof ZAttendanceMarkInput>;

// ───────────────────────────── minutes (MTG-8/9) ─────────────────────────────

/** One agenda item as minuted: key points, disputes, the decision and the host's confirmation. */
export const ZMinutesItem = z.object({
  agendaItemId: z.number().int(),
  title: z.string(),
  keyPoints: z.string().nullable(),
  disputes: z.string().nullable(),
  decision: z.string().nullable(),
  /** MTG-8: the host confirmed this decision; editing the decision clears it. */
  decisionConfirmed: z.boolean(),
  confirmedAt: z.string().nullable(),
  /** MTG-11: 下次会议继续讨论, with the next discussion date. */
  carryOver: z.boolean(),
  nextDate: z.string().nullable(),
});
export type TMinutesItem = z.infer<typeof ZMinutesItem>;

export const ZMinutesItemInput = z.object({
  agendaItemId: ZId,
  keyPoints: optionalText(5000),
  disputes: optionalText(5000),
  decision: optionalText(2000),
  carryOver: z.boolean().default(false),
  /** Required with carryOver (MTG-11). */
  nextDate: date.nullish().transform((v) => v ?? null),
});
export type TMinutesItemInput = z.input<typeof ZMinutesItemInput>;

/** 待跟进事项: a follow-up that is not a resolution (no task), e.g. 下周五召开项目进度会. */
export const ZFollowUp = z.object({ text: z.string(), owner: ref.nullable(), dueDate: z.string().nullable() });
export type TFollowUp = z.infer<typeof ZFollowUp>;
export const ZFollowUpInput = z.object({
  text: z.string().trim().min(1).max(500),
  ownerId: ZId.nullish().transform((v) => v ?? null),
  dueDate: date.nullish().transform((v) => v ?? null),
});
export type TFollowUpInput = z.input<typeof ZFollowUpInput>;

/**
 * 决议事项 (MTG-10): what is to be done, by whom (a real person), by when, delivering what. The
 * host is the acceptor of the task it becomes on distribution; `task` then carries its live status.
 */
export const ZResolution = z.object({
  id: z.number().int(),
  position: z.number().int(),
  content: z.string(),
  deliverable: z.string(),
  /** 质量标准 of the task it becomes (TSK-3); empty → "按会议决议执行，经主持人验收". */
  qualityStandard: z.string().nullable(),
  /** The responsible department as written in the minutes (研发部), for the template. */
  departmentName: z.string().nullable(),
  owner: ref,
  dueDate: z.string(),
  agendaItemId: z.number().int().nullable(),
  /** The task it became (TSK), null until distribution; `status` is the task's status now. */
  task: z.object({ id: z.number().int(), number: z.string(), status: ZTaskStatus }).nullable(),
});
export type TResolution = z.infer<typeof ZResolution>;

export const ZResolutionInput = z.object({
  /** Keep an existing resolution; absent = new. */
  id: ZId.optional(),
  /** 做什么. Vague owners such as "相关部门负责" are refused (MTG-10). */
  content: z.string().trim().min(2).max(500),
  deliverable: z.string().trim().min(2).max(500),
  qualityStandard: optionalText(500),
  ownerId: ZId,
  dueDate: date,
  agendaItemId: ZId.nullish().transform((v) => v ?? null),
});
export type TResolutionInput = z.input<typeof ZResolutionInput>;

export const ZMinutes = z.object({
  meetingId: z.number().int(),
  status: z.enum(['none', 'draft', 'in_review', 'returned', 'approved', 'distributed']),
  items: z.array(ZMinutesItem),
  /** Anything said outside the agenda items (讨论内容). */
  discussion: z.string().nullable(),
  resolutions: z.array(ZResolution),
  followUps: z.array(ZFollowUp),
  /** Absent people (缺席人员) as the template prints them: derived from the attendance list. */
  absent: z.array(z.object({ person: ref, onLeave: z.boolean() })),
  /** MTG-9: due 24 h after the end. */
  dueAt: z.string(),
  submittedAt: z.string().nullable(),
  approvalId: z.number().int().nullable(),
  approvedAt: z.string().nullable(),
  /** MTG-9: distribution due within 1 working day of the host's approval. */
  distributeDueAt: z.string().nullable(),
  distributedAt: z.string().nullable(),
  author: ref.nullable(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type TMinutes = z.infer<typeof ZMinutes>;

/** `PUT /api/meetings/:id/minutes` (minute-taker, after the start, until submitted): the whole draft. */
export const ZMinutesInput = z.object({
  items: z.array(ZMinutesItemInput).max(30),
  discussion: optionalText(10000),
  resolutions: z.array(ZResolutionInput).max(50),
  followUps: z.array(ZFollowUpInput).max(50),
  version: z.number().int().min(0),
});
export type TMinutesInput = z.input<typeof ZMinutesInput>;

/** `POST /api/meetings/:id/minutes/items/:agendaItemId/confirm` (host, MTG-8): `confirmed: false` withdraws. */
export const ZConfirmDecisionInput = z.object({ confirmed: z.boolean().default(true) });
export type TConfirmDecisionInput = z.input<typeof ZConfirmDecisionInput>;

// ───────────────────────────── carry-over (MTG-11) and follow-up ─────────────────────────────

/** An item marked 下次会议继续讨论 that no later meeting has taken up yet. */
export const ZCarryOver = z.object({
  /** The agenda item it came from: pass it as `carriedOverFromId` in a new agenda item. */
  id: z.number().int(),
  title: z.string(),
  goal: z.string().nullable(),
  nextDate: z.string(),
  meetingId: z.number().int(),
  topic: z.string(),
  seriesId: z.number().int().nullable(),
  /** Taken up by this meeting's agenda (the series' next one gets it automatically). */
  takenUpBy: z.object({ meetingId: z.number().int(), topic: z.string() }).nullable(),
});
export type TCarryOver = z.infer<typeof ZCarryOver>;
/** `GET /api/meetings/carry-overs?seriesId=&open=true`: for the agenda drafts of meetings I organize or host. */
export const ZCarryOverQuery = z.object({
  seriesId: ZId.optional(),
  open: z.enum(['true', 'false']).default('true'),
});
export type TCarryOverQuery = z.input<typeof ZCarryOverQuery>;
export const ZCarryOverList = z.object({ items: z.array(ZCarryOver) });
export type TCarryOverList = z.infer<typeof ZCarryOverList>;

/**
 * `GET /api/meetings/follow-up?week=YYYY-MM-DD` (MTG-10 记录人每周同步进度): the resolutions of the
 * meetings I minuted (or host) that are open, or due or finished in that week, with live task status.
 */
export const ZFollowUpWeekQuery = z.object({ week: date.optional() });
export type TFollowUpWeekQuery = z.input<typeof ZFollowUpWeekQuery>;
export const ZFollowUpWeek = z.object({
  weekStart: z.string(),
  weekEnd: z.string(),
  items: z.array(
    z.object({
      resolution: ZResolution,
      meeting: z.object({ id: z.number().int(), topic: z.string(), startsAt: z.string() }),
      /** The due date has passed and the task is not done. */
      overdue: z.boolean(),
    }),
  ),
});
export type TFollowUpWeek = z.infer<typeof ZFollowUpWeek>;
