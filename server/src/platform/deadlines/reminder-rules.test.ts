import { describe, expect, it } from 'vitest';
import { bundledSchedule } from '../calendar/bundled.ts';
import { calendarFromDays, yearFromSchedule } from '../calendar/snapshot.ts';
import { reminderMessage } from './reminder-messages.ts';
import {
  type ExistingReminder,
  type OrgDepartment,
  type OrgPerson,
  type ReminderSpec,
  checkSpec,
  eventOf,
  isStale,
  planReminders,
  reminderFireAt,
  resolveRecipients,
  specKey,
} from './reminder-rules.ts';

const TZ = 'Asia/Shanghai';
const cal = calendarFromDays([...yearFromSchedule(2026, 'official', bundledSchedule(2026)), ...yearFromSchedule(2027, 'fallback', [])]);
const fire = (dueIso: string, when: ReminderSpec['when']) => {
  const r = reminderFireAt(cal, new Date(dueIso), when, TZ);
  return { at: r.at.toISOString(), provisional: r.provisional };
};

describe('ALL-2 reminder times in ALL-6 time words', () => {
  // Tuesday 2026-12-01 18:00 in Shanghai.
  const due = '2026-12-01T10:00:00.000Z';

  it('1 working day before: 09:00 of the working day before the due date; on the due day: 09:00', () => {
    expect(fire(due, { before: { workingDays: 1 } })).toEqual({ at: '2026-11-30T01:00:00.000Z', provisional: false });
    expect(fire(due, 'onDueDay')).toEqual({ at: '2026-12-01T01:00:00.000Z', provisional: false });
    // Due before opening time: the due-day reminder comes at the due time, not after it.
    expect(fire('2026-12-01T00:00:00.000Z', 'onDueDay').at).toBe('2026-12-01T00:00:00.000Z');
  });

  it('working days skip the National Day holidays (2026-10-01…07)', () => {
    expect(fire('2026-10-08T10:00:00.000Z', { before: { workingDays: 1 } })).toEqual({ at: '2026-09-30T01:00:00.000Z', provisional: false });
    expect(fire('2026-09-30T10:00:00.000Z', { after: { workingDays: 1 } })).toEqual({ at: '2026-10-08T01:00:00.000Z', provisional: false });
  });

  it('1 day after: same company wall-clock time the next calendar day (weekends count)', () => {
    expect(fire('2026-12-04T10:00:00.000Z', { after: { days: 1 } }).at).toBe('2026-12-05T10:00:00.000Z');
    expect(fire(due, { before: { days: 2 } }).at).toBe('2026-11-29T10:00:00.000Z');
  });

  it('consult SLA 24 h: remind 4 clock hours before, escalate at the breach', () => {
    const breach = '2026-11-27T06:30:00.000Z';
    expect(fire(breach, { before: { hours: 4 } }).at).toBe('2026-11-27T02:30:00.000Z');
    expect(fire(breach, 'atDue').at).toBe(breach);
    expect(fire(breach, { after: { hours: 0.5 } }).at).toBe('2026-11-27T07:00:00.000Z');
  });

  it('counting working days into a year without an official schedule is provisional (暂定)', () => {
    expect(fire('2026-12-31T10:00:00.000Z', { after: { workingDays: 1 } })).toEqual({ at: '2027-01-01T01:00:00.000Z', provisional: true });
  });

  it('a malformed spec is a programming error', () => {
    expect(() => checkSpec({ when: { before: { workingDays: 0 } }, to: ['owner'] })).toThrow(RangeError);
    expect(() => checkSpec({ when: { after: { days: 1.5 } }, to: ['owner'] })).toThrow(RangeError);
    expect(() => checkSpec({ when: { before: { hours: -1 } }, to: ['owner'] })).toThrow(RangeError);
    expect(() => checkSpec({ when: 'atDue', to: [] })).toThrow(RangeError);
    expect(() => checkSpec({ when: { before: { hours: 1, days: 1 } as { hours: number } }, to: ['owner'] })).toThrow(RangeError);
    expect(() => checkSpec({ when: 'soon' as 'atDue', to: ['owner'] })).toThrow(RangeError);
    expect(() => checkSpec({ when: { after: { workingDays: 2 } }, to: ['owner.head'] })).not.toThrow();
  });

  it('a spec has one key whatever its key order; events default by stage', () => {
    expect(specKey({ when: { before: { hours: 4 } }, to: ['owner'] })).toBe(specKey({ to: ['owner'], when: { before: { hours: 4 } } }));
    expect(specKey({ when: 'atDue', to: ['owner'], event: undefined })).toBe(specKey({ when: 'atDue', to: ['owner'] }));
    expect(eventOf({ when: { before: { hours: 4 } }, to: ['owner'] })).toBe('deadline.reminder');
    expect(eventOf({ when: 'atDue', to: ['owner'] })).toBe('deadline.due');
    expect(eventOf({ when: { after: { days: 1 } }, to: ['owner.head'] })).toBe('deadline.escalation');
    expect(eventOf({ when: 'atDue', to: ['owner'], event: 'request.sla' })).toBe('request.sla');
  });
});

describe('ALL-2 reminders follow their deadline (planReminders)', () => {
  const now = new Date('2026-11-26T02:00:00.000Z');
  const dueAt = new Date('2026-12-01T10:00:00.000Z');
  const spec: ReminderSpec = { when: { before: { workingDays: 1 } }, to: ['owner'] };
  const key = specKey(spec);
  const desired = (at: string) => [{ key, spec, fireAt: new Date(at), provisional: false }];
  const row = (state: ExistingReminder['state'], at = '2026-11-30T01:00:00.000Z'): ExistingReminder => ({ id: 7, key, fireAt: new Date(at), provisional: false, state });

  it('new specs are inserted pending; one whose time has already passed is skipped, not sent late', () => {
    expect(planReminders([], desired('2026-11-30T01:00:00.000Z'), dueAt, now).insert).toMatchObject([{ key, state: 'pending' }]);
    expect(planReminders([], desired('2026-11-25T01:00:00.000Z'), dueAt, now).insert).toMatchObject([{ key, state: 'skipped' }]);
    expect(isStale('after', new Date('2026-11-25T00:00:00Z'), dueAt, now, false)).toBe(false);
    expect(isStale('before', new Date('2026-11-30T01:00:00Z'), dueAt, new Date('2026-12-01T10:00:00Z'), true)).toBe(true);
  });

  it('an unchanged fire time keeps its state: a fired reminder is not repeated for the same due time', () => {
    expect(planReminders([row('fired')], desired('2026-11-30T01:00:00.000Z'), dueAt, now)).toEqual({ insert: [], update: [], remove: [] });
  });

  it('a moved fire time makes a fired reminder pending again; a cancelled one comes back when reopened', () => {
    expect(planReminders([row('fired')], desired('2026-12-07T01:00:00.000Z'), dueAt, now).update).toEqual([
      { id: 7, fireAt: new Date('2026-12-07T01:00:00.000Z'), provisional: false, state: 'pending' },
    ]);
    expect(planReminders([row('cancelled')], desired('2026-11-30T01:00:00.000Z'), dueAt, now).update).toMatchObject([{ id: 7, state: 'pending' }]);
  });

  it('specs no longer declared are removed; a spec listed twice is kept once', () => {
    expect(planReminders([row('pending')], [], dueAt, now).remove).toEqual([7]);
    expect(planReminders([], [...desired('2026-11-30T01:00:00.000Z'), ...desired('2026-11-30T01:00:00.000Z')], dueAt, now).insert).toHaveLength(1);
  });
});

describe('ALL-2 recipients, resolved when the reminder fires', () => {
  // 总经办 (1, head 100) ← 行政部 (2, head 200, division leader 100) ← 档案室 (3, vacant head).
  const departments = new Map<number, OrgDepartment>([
    [1, { id: 1, parentId: null, headId: 100, divisionLeaderId: null }],
    [2, { id: 2, parentId: 1, headId: 200, divisionLeaderId: 100 }],
    [3, { id: 3, parentId: 2, headId: null, divisionLeaderId: null }],
  ]);
  const person = (id: number, departmentId: number, active = true): [number, OrgPerson] => [id, { id, departmentId, active }];
  const people = new Map([person(100, 1), person(200, 2), person(201, 2), person(300, 3), person(400, 2, false)]);
  const resolve = (to: ReminderSpec['to'], owner: number | null, map = people) => resolveRecipients(to, owner, map, departments);

  it('owner.head is the head of the owner’s department', () => {
    expect(resolve(['owner', 'owner.head'], 201)).toEqual([201, 200]);
  });

  it('a head’s own escalation goes to the head above; a vacant head goes one level up', () => {
    expect(resolve(['owner.head'], 200)).toEqual([100]);
    expect(resolve(['owner.head'], 300)).toEqual([200]);
    expect(resolve(['owner.head'], 100)).toEqual([]);
  });

  it('an inactive head is passed over; inactive people and a missing owner get nothing', () => {
    const headGone = new Map(people).set(200, { id: 200, departmentId: 2, active: false });
    expect(resolve(['owner.head'], 201, headGone)).toEqual([100]);
    expect(resolve(['owner', { personId: 400 }], 400)).toEqual([]);
    expect(resolve(['owner', 'owner.head'], null)).toEqual([]);
  });

  it('division leader, named people, no duplicates', () => {
    expect(resolve(['owner.divisionLeader'], 300)).toEqual([100]);
    expect(resolve(['owner', { personId: 201 }, 'owner.head', { personId: 200 }], 201)).toEqual([201, 200]);
  });
});

describe('ALL-2 reminder text in the recipient’s language', () => {
  const base = { subject: '任务 T-2026-0012 年度预算', dueAt: new Date('2026-12-01T10:00:00.000Z'), provisional: false, ownerName: null, timeZone: TZ };
  it('zh-CN and en-US, company time, 暂定 and the owner on escalations', () => {
    expect(reminderMessage({ ...base, stage: 'before', locale: 'zh-CN' })).toEqual({ title: '即将到期：任务 T-2026-0012 年度预算', body: '截止时间：2026-12-01 18:00' });
    expect(reminderMessage({ ...base, stage: 'after', locale: 'zh-CN', ownerName: '王五', provisional: true })).toEqual({
      title: '已逾期：任务 T-2026-0012 年度预算',
      body: '截止时间：2026-12-01 18:00（暂定）；负责人：王五',
    });
    expect(reminderMessage({ ...base, stage: 'dueDay', locale: 'en-US', ownerName: 'Wang Wu' })).toEqual({
      title: 'Due today: 任务 T-2026-0012 年度预算',
      body: 'Due: 2026-12-01 18:00; Owner: Wang Wu',
    });
  });
});
