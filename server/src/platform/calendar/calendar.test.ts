import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntry, TCalendarDay, TCalendarMonth, TCalendarYears } from '@opsdesk/contract';
import { PASSWORD, type Client, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { rowsOf } from '../access/scope.ts';
import { workingDaysBetween } from './rules.ts';
import { getCalendar } from './service.ts';
import { ordinalOf } from './store.ts';

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

const month = async (c: Client, m: string) => {
  const res = await c.get(`/api/calendar/month?month=${m}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TCalendarMonth>();
};
const dayIn = (m: TCalendarMonth, date: string) => m.days.find((d) => d.date === date)!;

describe('ALL-6 GET /api/calendar/month', () => {
  it('401 without login; 400 naming the field for a bad month', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/month?month=2026-10' })).statusCode).toBe(401);
    const bad = await staff.get('/api/calendar/month?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: 'month', message: '月份：格式不正确' });
    const far = await staff.get('/api/calendar/month?month=1999-01');
    expect(far.json()).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE', field: 'month' });
  });

  it('any signed-in user gets the whole 6-week grid of October 2026 in one request', async () => {
    const oct = await month(staff, '2026-10');
    expect(oct.days).toHaveLength(42);
    expect(oct.days[0]).toMatchObject({ date: '2026-09-28', weekday: 1, inMonth: false }); // the Monday before the 1st
    expect(oct.days.filter((d) => d.inMonth)).toHaveLength(31);
    expect(dayIn(oct, '2026-10-01')).toMatchObject({ working: false, kind: 'holiday', name: '国庆节', provisional: false, override: null });
    expect(dayIn(oct, '2026-10-10')).toMatchObject({ working: true, kind: 'makeup', name: '国庆节', weekday: 6 });
    expect(dayIn(oct, '2026-10-08')).toMatchObject({ working: true, kind: 'workday', name: null });
    expect(dayIn(oct, '2026-10-11')).toMatchObject({ working: false, kind: 'weekend' });
    // 22 weekdays − 5 holiday weekdays (1, 2, 5, 6, 7) + make-up Saturday the 10th.
    expect(oct).toMatchObject({ month: '2026-10', workingDays: 18, provisional: false });
  });

  it('a month of a year without an official schedule is provisional (暂定), Monday–Friday', async () => {
    const jan = await month(staff, '2027-01');
    expect(jan.provisional).toBe(true);
    expect(dayIn(jan, '2027-01-01')).toMatchObject({ working: true, kind: 'workday', provisional: true });
    expect(dayIn(jan, '2026-12-31')).toMatchObject({ inMonth: false, provisional: false });
  });
});

describe('ALL-6 company overrides', () => {
  it('401 without login, 403 for a non-admin, 400 naming the field', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2026-12-31', payload: { working: false } })).statusCode).toBe(401);
    const denied = await staff.put('/api/calendar/overrides/2026-12-31', { working: false, name: '年终休息' });
    expect(denied.statusCode).toBe(403);
    expect((await staff.del('/api/calendar/overrides/2026-12-31')).statusCode).toBe(403);
    const badDate = await admin.put('/api/calendar/overrides/2026-02-30', { working: false });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ code: 'VALIDATION', field: 'date', message: '日期：日期格式应为 YYYY-MM-DD' });
    const badBody = await admin.put('/api/calendar/overrides/2026-12-31', { name: '年终休息' });
    expect(badBody.json()).toMatchObject({ code: 'VALIDATION', field: 'working', message: '是否上班：必填' });
    const tooFar = await admin.put('/api/calendar/overrides/2040-01-02', { working: false });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json()).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE', field: 'date', params: { from: 2000, to: 2031 } });
  });

  it('an extra holiday and an extra workday change the day, the ordinals and the audit trail', async () => {
    const ordinalsAround = async () =>
      rowsOf<{ date: string; ordinal: number; working: boolean }>(
        await t.database.db.execute(sql`select date, ordinal, working from calendar_days where date between '2026-12-30' and '2027-01-04' order by date`),
      );
    const before = await ordinalsAround();
    expect(before.map((r) => r.ordinal - before[0]!.ordinal)).toEqual([0, 1, 2, 2, 2, 3]);

    const off = await admin.put('/api/calendar/overrides/2026-12-31', { working: false, name: '年终休息' });
    expect(off.statusCode).toBe(200);
    expect(off.json<TCalendarDay>()).toMatchObject({ date: '2026-12-31', working: false, kind: 'company-holiday', name: '年终休息', officialWorking: true, override: { working: false, name: '年终休息' } });
    const on = await admin.put('/api/calendar/overrides/2027-01-02', { working: true, name: '盘点' });
    expect(on.json<TCalendarDay>()).toMatchObject({ working: true, kind: 'company-workday', provisional: true });

    const after = await ordinalsAround();
    expect(after.map((r) => r.ordinal - after[0]!.ordinal)).toEqual([0, 0, 1, 2, 2, 3]);
    await expectOrdinalArrayInStep();
    // The service's snapshot follows at once, and agrees with SQL ordinals.
    const cal = await getCalendar(t.database.db);
    expect(workingDaysBetween(cal, '2026-12-30', '2027-01-04').days).toBe(after[5]!.ordinal - after[0]!.ordinal);
    expect(dayIn(await month(staff, '2026-12'), '2026-12-31')).toMatchObject({ working: false, kind: 'company-holiday' });

    const cleared = await admin.del('/api/calendar/overrides/2026-12-31');
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<TCalendarDay>()).toMatchObject({ working: true, kind: 'workday', override: null });
    expect((await admin.del('/api/calendar/overrides/2026-12-31')).statusCode).toBe(404);
    expect((await ordinalsAround()).map((r) => r.ordinal - after[0]!.ordinal)).toEqual([0, 1, 2, 3, 3, 4]);
    await expectOrdinalArrayInStep();

    const audit = (await auditor.get('/api/audit?entity=calendar_day&entityId=2026-12-31')).json().items as TAuditEntry[];
    expect(audit.map((a) => a.action)).toEqual(['override_clear', 'override']);
    expect(audit[1]).toMatchObject({ actorName: '系统管理员', changes: { overrideWorking: { before: null, after: false }, overrideName: { before: null, after: '年终休息' }, working: { before: true, after: false } } });
  });
});

/** calendar_ordinals (TSK-10's counts read ordinals by subscript) holds every day's ordinal, day by day. */
async function expectOrdinalArrayInStep() {
  const [row] = rowsOf<{ same: boolean; days: number }>(
    await t.database.db.execute(sql`select o.ordinals = (select array_agg(ordinal order by date) from calendar_days) and o.first_date = (select min(date) from calendar_days) as same,
      cardinality(o.ordinals) as days from calendar_ordinals o`),
  );
  expect(row).toMatchObject({ same: true });
  expect(row!.days).toBeGreaterThan(365);
}

describe('ALL-6 working-day ordinals in SQL', () => {
  it('gives working-day distances as a difference of ordinals', async () => {
    const [row] = rowsOf<{ left: number; back: number }>(
      await t.database.db.execute(sql`select ${ordinalOf('2026-10-08')} - ${ordinalOf('2026-09-30')} as left, ${ordinalOf('2026-02-13')} - ${ordinalOf('2026-02-24')} as back`),
    );
    expect([Number(row?.left), Number(row?.back)]).toEqual([1, -2]);
  });

  it('stay consistent when overrides arrive at the same moment (calendar writes take turns)', async () => {
    const dates = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06'];
    const results = await Promise.all(dates.map((d, i) => admin.put(`/api/calendar/overrides/${d}`, { working: i % 2 === 1, name: '测试' })));
    expect(results.map((r) => r.statusCode)).toEqual(dates.map(() => 200));
    const [row] = rowsOf<{ wrong: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as wrong from calendar_days c join (select date, (count(*) filter (where working) over (order by date))::int as o from calendar_days) s using (date) where c.ordinal <> s.o`,
      ),
    );
    expect(row?.wrong).toBe(0);
  });
});

describe('ALL-6 GET /api/calendar/years and the November warning', () => {
  it('401 without login; lists years with their source', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/years' })).statusCode).toBe(401);
    const body = (await staff.get('/api/calendar/years')).json<TCalendarYears>();
    const byYear = new Map(body.years.map((y) => [y.year, y]));
    expect(byYear.get(2004)).toMatchObject({ source: 'official' });
    expect(byYear.get(2026)).toMatchObject({ source: 'official', importedByName: null });
    expect(byYear.get(2027)).toMatchObject({ source: 'fallback', importedAt: null });
    expect(body.years.map((y) => y.year)).toEqual(Array.from({ length: body.years.length }, (_, i) => 2004 + i));
  });

  it('warns from 1 November (company time) that next year has no official schedule', async () => {
    const start = t.clock.now().getTime();
    // 2026-10-31T15:59Z is 23:59 on 31 October in Shanghai: no warning yet.
    t.clock.advance(Date.parse('2026-10-31T15:59:00Z') - start);
    expect((await staff.get('/api/calendar/years')).json<TCalendarYears>().warning).toBeNull();
    t.clock.advanceMinutes(1); // 1 November 00:00 in Shanghai, still 31 October in UTC
    const warned = (await staff.get('/api/calendar/years')).json<TCalendarYears>().warning;
    expect(warned).toMatchObject({ year: 2027, message: expect.stringContaining('2027 年的法定节假日安排尚未导入') });

    // Still no schedule in June 2027: still warned, and the calendar has grown to hold 2028.
    t.clock.advance(Date.parse('2027-06-01T02:00:00Z') - t.clock.now().getTime());
    const later = (await (await login(t.app, 'staff', PASSWORD)).get('/api/calendar/years')).json<TCalendarYears>(); // sessions expire meanwhile
    expect(later.warning).toMatchObject({ year: 2027 });
    expect(later.years.at(-1)).toMatchObject({ year: 2028, source: 'fallback' });
    t.clock.advance(start - t.clock.now().getTime());
  });
});
