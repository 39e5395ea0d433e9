import { addDays } from '../calendar/dates.ts';
import { type BusinessHours, DEFAULT_BUSINESS_HOURS, addWorkingDays } from '../calendar/rules.ts';
import type { Calendar } from '../calendar/snapshot.ts';
import { atWallClock, wallClock } from '../calendar/zone.ts';

/**
 * ALL-2 reminders in ALL-6's time words, as pure functions (no database, no clock):
 * - `{ hours: n }`: n clock hours before/after the due instant;
 * - `{ days: n }`: n calendar days before/after, at the same company wall-clock time;
 * - `{ workingDays: n }`: the n-th working day before/after the due date, at the opening of
 *   business (09:00) — when an office worker reads a reminder;
 * - `'onDueDay'`: the opening of business on the due date (or the due instant, if earlier);
 * - `'atDue'`: the due instant itself (an SLA breach).
 */
export type ReminderOffset = { hours: number } | { days: number } | { workingDays: number };
export type ReminderWhen = 'onDueDay' | 'atDue' | { before: ReminderOffset } | { after: ReminderOffset };

/**
 * Who is told, resolved when the reminder fires (so a new head gets the escalation): the
 * deadline's owner, the owner's department head or division leader (a vacant post, or the owner
 * holding it, goes one department up), or a named person.
 */
export type ReminderRecipient = 'owner' | 'owner.head' | 'owner.divisionLeader' | { personId: number };

export interface ReminderSpec {
  when: ReminderWhen;
  to: ReminderRecipient[];
  /** The notification's event (what users choose channels for); default by stage, see EVENT_OF. */
  event?: string;
}

export type ReminderState = 'pending' | 'fired' | 'skipped' | 'cancelled';
export type ReminderStage = 'before' | 'dueDay' | 'due' | 'after';

export const EVENT_OF: Record<ReminderStage, string> = {
  before: 'deadline.reminder',
  dueDay: 'deadline.reminder',
  due: 'deadline.due',
  after: 'deadline.escalation',
};

/** ALL-2 usual set: remind 1 working day before and on the due day; escalate 1 day after to the owner's head. */
export const REMIND_OWNER_ESCALATE_TO_HEAD: ReminderSpec[] = [
  { when: { before: { workingDays: 1 } }, to: ['owner'] },
  { when: 'onDueDay', to: ['owner'] },
  { when: { after: { days: 1 } }, to: ['owner.head'] },
];

/** ALL-2 / CRQ-3 SLA: remind 4 h before; at the breach tell the owner and escalate to their head. */
export const SLA_REMINDERS: ReminderSpec[] = [
  { when: { before: { hours: 4 } }, to: ['owner'] },
  { when: 'atDue', to: ['owner', 'owner.head'], event: 'deadline.escalation' },
];

export const stageOf = (when: ReminderWhen): ReminderStage =>
  when === 'onDueDay' ? 'dueDay' : when === 'atDue' ? 'due' : 'before' in when ? 'before' : 'after';

export const eventOf = (spec: ReminderSpec): string => spec.event ?? EVENT_OF[stageOf(spec.when)];

/** A module's spec is code, not user input: a bad one is a programming error. */
export function checkSpec(spec: ReminderSpec): void {
  if (!spec.to.length) throw new RangeError('a reminder needs at least one recipient');
  if (typeof spec.when === 'string') {
    if (spec.when !== 'onDueDay' && spec.when !== 'atDue') throw new RangeError(`unknown reminder time ${String(spec.when)}`);
    return;
  }
  const offset = 'before' in spec.when ? spec.when.before : spec.when.after;
  const entries = Object.entries(offset);
  const [unit, n] = entries.length === 1 ? entries[0]! : [];
  if (unit === 'hours' && typeof n === 'number' && Number.isFinite(n) && n > 0) return;
  if ((unit === 'days' || unit === 'workingDays') && Number.isInteger(n) && (n as number) >= 1) return;
  throw new RangeError(`bad reminder offset ${JSON.stringify(offset)}: hours > 0, or whole days / working days ≥ 1`);
}

/** Canonical JSON (sorted keys): the same spec always has the same key, so re-declaring finds it. */
export function specKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(specKey).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${specKey(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const hhmmMs = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return (h * 60 + m) * 60_000;
};

/** When a reminder fires for a due instant; provisional if a fallback year's working days were counted. */
export function reminderFireAt(
  cal: Calendar,
  dueAt: Date,
  when: ReminderWhen,
  timeZone: string,
  business: BusinessHours = DEFAULT_BUSINESS_HOURS,
): { at: Date; provisional: boolean } {
  const due = wallClock(dueAt, timeZone);
  const opening = hhmmMs(business.am.from);
  if (when === 'atDue') return { at: dueAt, provisional: false };
  if (when === 'onDueDay') {
    const at = atWallClock(due.date, opening, timeZone);
    return { at: at < dueAt ? at : dueAt, provisional: false };
  }
  const sign = 'before' in when ? -1 : 1;
  const offset = 'before' in when ? when.before : when.after;
  if ('hours' in offset) return { at: new Date(dueAt.getTime() + sign * offset.hours * 3_600_000), provisional: false };
  if ('days' in offset) return { at: atWallClock(addDays(due.date, sign * offset.days), due.ms, timeZone), provisional: false };
  const day = addWorkingDays(cal, due.date, sign * offset.workingDays);
  return { at: atWallClock(day.date, opening, timeZone), provisional: day.provisional };
}

/**
 * A "before" reminder (or the due-day one) is pointless once its time has passed when it is
 * (re)computed, or once the item is already due when the scanner reaches it: skipped, not sent late.
 * At-due and after (escalations) still fire late: the breach is news.
 */
export const isStale = (stage: ReminderStage, fireAt: Date, dueAt: Date, now: Date, atScan: boolean): boolean =>
  (stage === 'before' || stage === 'dueDay') && (atScan ? now >= dueAt : fireAt <= now);

export interface ExistingReminder {
  id: number;
  key: string;
  fireAt: Date;
  provisional: boolean;
  state: ReminderState;
}
export interface DesiredReminder {
  key: string;
  spec: ReminderSpec;
  fireAt: Date;
  provisional: boolean;
}
export interface ReminderPlan {
  insert: (DesiredReminder & { state: ReminderState })[];
  update: { id: number; fireAt: Date; provisional: boolean; state: ReminderState }[];
  remove: number[];
}

/**
 * ALL-2 "deadlines move when the entity changes": specs are matched by key. A reminder whose fire
 * time is unchanged keeps its state (a fired one is not repeated for the same due time); one that
 * moved, or was cancelled and comes back (the item reopened), is pending again unless already
 * stale; specs no longer declared go.
 */
export function planReminders(existing: ExistingReminder[], desired: DesiredReminder[], dueAt: Date, now: Date): ReminderPlan {
  const plan: ReminderPlan = { insert: [], update: [], remove: [] };
  const byKey = new Map(existing.map((r) => [r.key, r]));
  const fresh = (d: DesiredReminder): ReminderState => (isStale(stageOf(d.spec.when), d.fireAt, dueAt, now, false) ? 'skipped' : 'pending');
  const wanted = new Set<string>();
  for (const d of desired) {
    if (wanted.has(d.key)) continue;
    wanted.add(d.key);
    const row = byKey.get(d.key);
    if (!row) {
      plan.insert.push({ ...d, state: fresh(d) });
      continue;
    }
    const moved = row.fireAt.getTime() !== d.fireAt.getTime();
    if (moved || row.state === 'cancelled') plan.update.push({ id: row.id, fireAt: d.fireAt, provisional: d.provisional, state: fresh(d) });
    else if (row.provisional !== d.provisional) plan.update.push({ id: row.id, fireAt: d.fireAt, provisional: d.provisional, state: row.state });
  }
  plan.remove = existing.filter((r) => !wanted.has(r.key)).map((r) => r.id);
  return plan;
}

export interface OrgPerson {
  id: number;
  active: boolean;
  departmentId: number | null;
}
export interface OrgDepartment {
  id: number;
  parentId: number | null;
  headId: number | null;
  divisionLeaderId: number | null;
}

/**
 * Recipients of one reminder, without duplicates. `owner.head`: the head of the owner's
 * department; a vacant post, an inactive holder or the owner themself goes one department up (so a
 * head's escalation reaches the head above). Nobody found → nobody (never a wrong person).
 */
export function resolveRecipients(
  to: ReminderRecipient[],
  ownerId: number | null,
  people: ReadonlyMap<number, OrgPerson>,
  departments: ReadonlyMap<number, OrgDepartment>,
): number[] {
  const active = (id: number | null | undefined): id is number => id != null && people.get(id)?.active === true;
  const up = (post: 'headId' | 'divisionLeaderId'): number | null => {
    let dept = departments.get(people.get(ownerId ?? -1)?.departmentId ?? -1);
    for (let hops = 0; dept && hops < 64; hops++) {
      const holder = dept[post];
      if (active(holder) && holder !== ownerId) return holder;
      dept = dept.parentId === null ? undefined : departments.get(dept.parentId);
    }
    return null;
  };
  const out: number[] = [];
  for (const rule of to) {
    const id = rule === 'owner' ? ownerId : rule === 'owner.head' ? up('headId') : rule === 'owner.divisionLeader' ? up('divisionLeaderId') : rule.personId;
    if (active(id) && !out.includes(id)) out.push(id);
  }
  return out;
}
