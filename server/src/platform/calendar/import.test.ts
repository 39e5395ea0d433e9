import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntry, TCalendarImport, TCalendarMonth, TCalendarYears } from '@opsdesk/contract';
import { PASSWORD, type Client, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { completeDeadline, declareDeadline } from '../deadlines/service.ts';
import { deadlines } from '../deadlines/schema.ts';
import { getCalendar } from './service.ts';
import { toIso } from './zone.ts';

let t: TestApp;
let admin: Client;
let staff: Client;
let auditor: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  await makePerson(t.database, { username: 'staff' });
  await makePerson(t.database, { username: 'auditor', roles: ['auditor'] });
  staff = await login(t.app, 'staff', PASSWORD);
  auditor = await login(t.app, 'auditor', PASSWORD);
});
afterAll(() => t.close());

const TZ = 'Asia/Shanghai';
const off = (name: string, ...dates: string[]) => dates.map((date) => ({ date, name, isOffDay: true }));
const on = (name: string, ...dates: string[]) => dates.map((date) => ({ date, name, isOffDay: false }));
// A 2027 schedule in the holiday-cn format (extra keys such as `papers` are ignored).
const schedule2027 = {
  year: 2027,
  papers: ['https://www.gov.cn/'],
  days: [
    ...off('元旦', '2027-01-01', '2027-01-02', '2027-01-03'),
    ...on('国庆节', '2027-09-26'),
    ...off('国庆节', '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'),
    ...on('国庆节', '2027-10-09'),
  ],
} satisfies TCalendarImport & { papers: string[] };

const october2027 = async () => (await staff.get('/api/calendar/month?month=2027-10')).json<TCalendarMonth>();
const deadlineRow = async (entityId: string) => (await t.database.db.select().from(deadlines).where(eq(deadlines.entityId, entityId)))[0]!;

/** Deadlines as a module would declare them: inside its own transaction, on the service's calendar. */
async function declare(entityId: string, anchorDate: string, done = false) {
  const cal = await getCalendar(t.database.db);
  return t.database.db.transaction(async (tx) => {
    const d = await declareDeadline(tx, { cal, timeZone: TZ, now: t.clock.now(), entity: 'test', entityId, kind: 'evaluation', anchorDate, rule: { workingDays: 2 } });
    if (done) await completeDeadline(tx, { entity: 'test', entityId, kind: 'evaluation', at: t.clock.now() });
    return d;
  });
}

describe('ALL-6 POST /api/calendar/import', () => {
  it('401 without login, 403 for a non-admin', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/calendar/import', payload: schedule2027 })).statusCode).toBe(401);
    expect((await staff.post('/api/calendar/import', schedule2027)).statusCode).toBe(403);
  });

  it('400 naming the field: a bad date, a day of another year, a date listed twice, no days', async () => {
    const badDate = await admin.post('/api/calendar/import', { days: [{ date: '2027-02-30', name: '春节', isOffDay: true }] });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ code: 'VALIDATION', field: 'days.0.date' });
    const otherYear = await admin.post('/api/calendar/import', { year: 2027, days: [...off('元旦', '2027-01-01'), ...off('元旦', '2028-01-01')] });
    expect(otherYear.statusCode).toBe(400);
    expect(otherYear.json()).toMatchObject({ code: 'CALENDAR_YEAR_MISMATCH', field: 'days.1.date', message: '节假日安排中的 2028-01-01 不属于 2027 年：一次只能导入同一年的安排' });
    const twice = await admin.post('/api/calendar/import', { days: [...off('元旦', '2027-01-01'), ...on('元旦', '2027-01-01')] });
    expect(twice.json()).toMatchObject({ code: 'CALENDAR_DATE_REPEATED', field: 'days.1.date' });
    const none = await admin.post('/api/calendar/import', { year: 2027 });
    expect(none.json()).toMatchObject({ code: 'VALIDATION', field: 'days' });
    const far = await admin.post('/api/calendar/import', { year: 2040, days: off('元旦', '2040-01-01') });
    expect(far.json()).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE', field: 'year' });
  });

  it('importing 2027 turns 2027-10-01 into a holiday and recomputes a provisional deadline declared before', async () => {
    // Before: 2027 is a fallback year; 1 October 2027 (a Friday) counts as a working day.
    const before = await october2027();
    expect(before.days.find((d) => d.date === '2027-10-01')).toMatchObject({ working: true, kind: 'workday', provisional: true });
    expect((await staff.get('/api/calendar/years')).json<TCalendarYears>().warning).toMatchObject({ year: 2027 });

    // "Within 2 working days of 2027-09-29": Thu 30 Sep, Fri 1 Oct → 1 Oct 18:00, 暂定.
    const provisional = await declare('A', '2027-09-29');
    expect(provisional).toMatchObject({ dueAt: '2027-10-01T10:00:00.000Z', provisional: true });
    const firm = await declare('B', '2026-09-29'); // 2026 is official: not provisional, untouched
    expect(firm).toMatchObject({ dueAt: '2026-10-08T10:00:00.000Z', provisional: false });
    await declare('C', '2027-09-29', true); // done: left alone
    const override = await admin.put('/api/calendar/overrides/2027-12-31', { working: false, name: '年终休息' });
    expect(override.statusCode).toBe(200);

    const res = await admin.post('/api/calendar/import', schedule2027);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ year: 2027, source: 'official', holidays: 10, makeupDays: 2, recomputedDeadlines: 1 });

    const after = await october2027();
    expect(after.provisional).toBe(false);
    expect(after.days.find((d) => d.date === '2027-10-01')).toMatchObject({ working: false, kind: 'holiday', name: '国庆节', provisional: false });
    expect(after.days.find((d) => d.date === '2027-10-09')).toMatchObject({ working: true, kind: 'makeup' });
    expect(after.days.find((d) => d.date === '2027-10-08')).toMatchObject({ working: true, kind: 'workday' });

    // Thu 30 Sep, then the break, then Fri 8 Oct: due 8 Oct 18:00, no longer 暂定.
    expect(await deadlineRow('A')).toMatchObject({ provisional: false });
    expect(toIso((await deadlineRow('A')).dueAt)).toBe('2027-10-08T10:00:00.000Z');
    expect(await deadlineRow('C')).toMatchObject({ provisional: true });

    // The company override survives the import; the warning is gone; the year says who imported it.
    const dec = (await staff.get('/api/calendar/month?month=2027-12')).json<TCalendarMonth>();
    expect(dec.days.find((d) => d.date === '2027-12-31')).toMatchObject({ working: false, kind: 'company-holiday', provisional: false });
    const years = (await staff.get('/api/calendar/years')).json<TCalendarYears>();
    expect(years.warning).toBeNull();
    expect(years.years.find((y) => y.year === 2027)).toMatchObject({ source: 'official', importedByName: '系统管理员', importedAt: t.clock.now().toISOString() });

    const importAudit = (await auditor.get('/api/audit?entity=calendar_year&entityId=2027')).json().items as TAuditEntry[];
    expect(importAudit[0]).toMatchObject({ action: 'import', changes: { source: { before: 'fallback', after: 'official' }, recomputedDeadlines: { after: 1 } } });
    const deadlineAudit = (await auditor.get(`/api/audit?entity=deadline&entityId=${provisional.id}`)).json().items as TAuditEntry[];
    expect(deadlineAudit[0]).toMatchObject({
      action: 'recompute',
      changes: { dueAt: { before: '2027-10-01T10:00:00.000Z', after: '2027-10-08T10:00:00.000Z' }, provisional: { before: true, after: false } },
    });
  });

  it('a second import replaces the year’s official data (days no longer listed follow Monday–Friday)', async () => {
    const res = await admin.post('/api/calendar/import', { days: off('元旦', '2027-01-01') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, holidays: 1, makeupDays: 0, recomputedDeadlines: 0 });
    const oct = await october2027();
    expect(oct.days.find((d) => d.date === '2027-10-01')).toMatchObject({ working: true, kind: 'workday', name: null, provisional: false });
    expect(oct.days.find((d) => d.date === '2027-10-09')).toMatchObject({ working: false, kind: 'weekend' });
  });
});
