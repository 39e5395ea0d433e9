import { describe, expect, it } from 'vitest';
import { taskMove } from '@opsdesk/contract';
import { calendarFromDays, fallbackDay } from '../../platform/calendar/snapshot.ts';
import { datesOfYear } from '../../platform/calendar/dates.ts';
import type { Scope } from '../../platform/access/scope.ts';
import { taskPermissions } from './policy.ts';
import { atRiskWhy, checkTaskFields, dependencyCycleAt, displayStatus, missingRiskPlan, needsDelayReason, overdueDays, weekOf } from './rules.ts';

// Monday–Friday calendar with 国庆 2026-10-01…07 off and Sunday 2026-10-11 a make-up workday.
const cal = calendarFromDays(
  datesOfYear(2026).map((date) => {
    const day = fallbackDay(date);
    if (date >= '2026-10-01' && date <= '2026-10-07') return { ...day, source: 'official' as const, officialWorking: false, working: false };
    if (date === '2026-10-11') return { ...day, source: 'official' as const, officialWorking: true, working: true };
    return { ...day, source: 'official' as const };
  }),
);
const TZ = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('TSK-4 status', () => {
  it('延期 is derived: due date passed (company day) and not done; one status per task', () => {
    expect(displayStatus({ status: 'in_progress', dueDate: '2026-11-25' }, '2026-11-26')).toBe('overdue');
    expect(displayStatus({ status: 'awaiting_acceptance', dueDate: '2026-11-25' }, '2026-11-26')).toBe('overdue');
    expect(displayStatus({ status: 'in_progress', dueDate: '2026-11-26' }, '2026-11-26')).toBe('in_progress');
    expect(displayStatus({ status: 'done', dueDate: '2026-11-01' }, '2026-11-26')).toBe('done');
    expect(overdueDays({ status: 'not_started', dueDate: '2026-11-20' }, '2026-11-26')).toBe(6);
    expect(overdueDays({ status: 'done', dueDate: '2026-11-20' }, '2026-11-26')).toBe(0);
  });
});

describe('TSK-6 more than 1 day overdue (ALL-6)', () => {
  it('today later than due + 1 day, in the company zone; not for work already handed in or done', () => {
    const task = { status: 'in_progress' as const, dueDate: '2026-11-24' };
    expect(needsDelayReason(task, at('2026-11-25T15:59:59Z'), TZ)).toBe(false); // 11-25 23:59 Shanghai
    expect(needsDelayReason(task, at('2026-11-25T16:00:00Z'), TZ)).toBe(true); // 11-26 00:00 Shanghai
    expect(needsDelayReason({ ...task, status: 'awaiting_acceptance' }, at('2026-12-25T00:00:00Z'), TZ)).toBe(false);
    expect(needsDelayReason({ ...task, status: 'done' }, at('2026-12-25T00:00:00Z'), TZ)).toBe(false);
  });
});

describe('TSK-7 risk plan', () => {
  it('a major task names the first missing field; an ordinary task needs none', () => {
    expect(missingRiskPlan({ major: true, riskNote: null, mitigationPlan: '有' })).toBe('riskNote');
    expect(missingRiskPlan({ major: true, riskNote: '有', mitigationPlan: '  ' })).toBe('mitigationPlan');
    expect(missingRiskPlan({ major: true, riskNote: '有', mitigationPlan: '有' })).toBeNull();
    expect(missingRiskPlan({ major: false, riskNote: null, mitigationPlan: null })).toBeNull();
  });
});

describe('TSK-8 at risk', () => {
  const base = { status: 'in_progress' as const, startDate: '2026-09-28', dueDate: '2026-10-16', progress: 0 };
  const risky = (...args: Parameters<typeof atRiskWhy>) => atRiskWhy(...args) !== null;
  it('progress behind the working days elapsed (holidays not counted, make-up days counted)', () => {
    // Working days 09-28…10-16: 28, 29, 30, 10-08, 09, 11 (make-up), 12…16 = 11. On 10-12, elapsed before today: 6.
    expect(risky({ ...base, progress: 54 }, [], cal, '2026-10-12')).toBe(true); // 54 × 11 = 594 < 600
    expect(risky({ ...base, progress: 55 }, [], cal, '2026-10-12')).toBe(false); // 605 ≥ 600
    // During the holiday nothing elapses: 3 working days done by 10-08.
    expect(risky({ ...base, progress: 28 }, [], cal, '2026-10-08')).toBe(false); // 308 ≥ 300
    expect(risky({ ...base, progress: 27 }, [], cal, '2026-10-08')).toBe(true);
  });
  it('or the next undone milestone within 2 working days; never once late, submitted or done; day 1 is never behind', () => {
    const milestone = { name: '初稿', date: '2026-10-09', done: false };
    expect(risky({ ...base, progress: 100 }, [milestone], cal, '2026-09-29')).toBe(false); // 3 working days ahead (09-30, 10-08, 10-09)
    expect(risky({ ...base, progress: 100 }, [milestone], cal, '2026-09-30')).toBe(true); // 2 working days ahead, over the holiday
    expect(risky({ ...base, progress: 100 }, [milestone], cal, '2026-10-08')).toBe(true);
    expect(risky({ ...base, progress: 100 }, [{ ...milestone, done: true }], cal, '2026-10-08')).toBe(false);
    expect(risky({ ...base, progress: 0 }, [], cal, '2026-09-28')).toBe(false);
    expect(risky({ ...base, dueDate: '2026-10-09' }, [], cal, '2026-10-12')).toBe(false);
    expect(risky({ ...base, status: 'awaiting_acceptance' }, [], cal, '2026-10-12')).toBe(false);
  });
  it('says why: the progress the working time used asks for, and the first undone milestone due soon', () => {
    const milestones = [
      { name: '终稿', date: '2026-10-12', done: false },
      { name: '初稿', date: '2026-10-09', done: false },
      { name: '提纲', date: '2026-09-30', done: true },
    ];
    // 6 of 11 working days used on 10-12: 54.5 % → 55 % expected; 初稿 is the earlier undone one.
    expect(atRiskWhy({ ...base, progress: 54 }, milestones, cal, '2026-10-12')).toEqual({ behind: { progress: 54, expected: 55 }, milestone: { name: '初稿', date: '2026-10-09' } });
    expect(atRiskWhy({ ...base, progress: 100 }, milestones, cal, '2026-10-08')).toEqual({ behind: null, milestone: { name: '初稿', date: '2026-10-09' } });
    expect(atRiskWhy({ ...base, progress: 30 }, [], cal, '2026-10-08')).toBeNull();
  });
});

describe('TSK-1/TSK-2 field checks and dependencies', () => {
  const ok = { ownerId: 1, acceptorId: 2, startDate: '2026-11-01', dueDate: '2026-11-30', collaborators: [{ personId: 3 }], milestones: [{ date: '2026-11-15' }], startLabel: '开始时间' };
  it('names the field at fault', () => {
    expect(checkTaskFields(ok)).toBeNull();
    expect(checkTaskFields({ ...ok, dueDate: '2026-10-31' })).toEqual({ field: 'dueDate', code: 'TASK_DATES', limit: '开始时间' });
    expect(checkTaskFields({ ...ok, milestones: [{ date: '2026-12-01' }] })).toEqual({ field: 'milestones.0.date', code: 'VALIDATION' });
    expect(checkTaskFields({ ...ok, collaborators: [{ personId: 3 }, { personId: 1 }] })).toEqual({ field: 'collaborators.1.personId', code: 'VALIDATION' });
    expect(checkTaskFields({ ...ok, collaborators: [{ personId: 3 }, { personId: 3 }] })).toEqual({ field: 'collaborators.1.personId', code: 'VALIDATION' });
    expect(checkTaskFields({ ...ok, acceptorId: 1 })).toEqual({ field: 'acceptorId', code: 'APPROVAL_SELF' });
  });
  it('finish-to-start: itself or a task waiting for it closes a loop', () => {
    expect(dependencyCycleAt(5, [1, 2], new Set([7, 8]))).toBeNull();
    expect(dependencyCycleAt(5, [1, 5], new Set())).toBe(1);
    expect(dependencyCycleAt(5, [8], new Set([7, 8]))).toBe(0);
    expect(dependencyCycleAt(null, [8], new Set())).toBeNull();
  });
  it('TSK-10 weeks run Monday to Sunday', () => {
    expect(weekOf('2026-11-26')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });
});

describe('permissions and the Kanban', () => {
  const staff: Scope = { personId: 10, all: false, departmentIds: [] };
  const head: Scope = { personId: 20, all: false, departmentIds: [1] };
  const task = { status: 'in_progress' as const, ownerId: 10, creatorId: 20, acceptorId: null, departmentId: 1, collaboratorIds: [11], currentDeciderId: null };
  it('TSK-5 owner and collaborators post progress; TSK-9 only the owner submits, only the current decider accepts', () => {
    expect(taskPermissions(staff, task)).toMatchObject({ canPostProgress: true, canSubmit: true, canAccept: false, canEdit: true });
    expect(taskPermissions({ ...staff, personId: 11 }, task)).toMatchObject({ canPostProgress: true, canSubmit: false, canEdit: false });
    expect(taskPermissions(head, task)).toMatchObject({ canPostProgress: false, canSubmit: false, canEdit: true, canDelay: true });
    const waiting = { ...task, status: 'awaiting_acceptance' as const, currentDeciderId: 20 };
    expect(taskPermissions(head, waiting)).toMatchObject({ canAccept: true, canReject: true, canDelay: false });
    expect(taskPermissions(staff, waiting)).toMatchObject({ canAccept: false, canPostProgress: false });
    expect(Object.values(taskPermissions({ ...staff, all: true }, { ...task, status: 'done' })).some(Boolean)).toBe(false);
  });
  it('TSK-4/TSK-9 drags: only the allowed moves; 延期 is never a target; nothing leaves 已完成', () => {
    expect(taskMove('not_started', 'in_progress')).toBe('start');
    expect(taskMove('in_progress', 'awaiting_acceptance')).toBe('submit');
    expect(taskMove('awaiting_acceptance', 'done')).toBe('accept');
    expect(taskMove('awaiting_acceptance', 'in_progress')).toBe('reject');
    expect(taskMove('in_progress', 'done')).toBeNull();
    expect(taskMove('not_started', 'awaiting_acceptance')).toBeNull();
    for (const from of ['not_started', 'in_progress', 'awaiting_acceptance', 'done'] as const) expect(taskMove(from, 'overdue')).toBeNull();
    for (const to of ['not_started', 'in_progress', 'awaiting_acceptance'] as const) expect(taskMove('done', to)).toBeNull();
  });
});
