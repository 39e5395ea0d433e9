import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMeetingSaved, TRoomBooking, TRoomFree, TRoomTimeline } from '@opsdesk/contract';
import { type MeetingsTest, at, createMeetingAs, q4Meeting, startMeetingsTest } from './testing.ts';

let s: MeetingsTest;
beforeAll(async () => {
  s = await startMeetingsTest();
}, 240_000);
afterAll(() => s.close());

describe('MTG-2 rooms', () => {
  it('everyone lists the active rooms; 401 without login', async () => {
    expect((await s.t.app.inject({ method: 'GET', url: '/api/rooms' })).statusCode).toBe(401);
    const res = await (await s.as('xiaowang')).get('/api/rooms');
    expect(res.json().items.map((r: { name: string }) => r.name)).toEqual(['1号洽谈室', '3号会议室']);
  });

  it('only resource coordinators and admins keep rooms (403); bad input 400; duplicate name 409', async () => {
    expect((await (await s.as('xiaowang')).post('/api/rooms', { name: '5号会议室', capacity: 8 })).statusCode).toBe(403);
    const w = await s.as('wangwu');
    const bad = await w.post('/api/rooms', { name: '5号会议室', capacity: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'capacity' });
    expect((await w.post('/api/rooms', { name: '3号会议室', capacity: 8 })).json()).toMatchObject({ code: 'DUPLICATE', field: 'name' });
    const made = await w.post('/api/rooms', { name: '5号会议室', capacity: 8, equipment: ['screen'] });
    expect(made.statusCode).toBe(201);
    const off = await w.patch(`/api/rooms/${made.json().id}`, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    expect((await (await s.as('xiaowang')).get('/api/rooms')).json().items.some((r: { name: string }) => r.name === '5号会议室')).toBe(false);
    expect((await (await s.as('xiaowang')).patch(`/api/rooms/${made.json().id}`, { active: true })).statusCode).toBe(403);
  });
});

describe('MTG-2 booking: overlaps refused, touching slots fine', () => {
  it('a second booking over the same time is 409 ROOM_TAKEN naming the booking in the way', async () => {
    const x = await s.as('xiaowang');
    const first = await x.post(`/api/rooms/${s.rooms.small}/bookings`, { title: '客户面谈', startsAt: at('2026-12-01', '10:00'), endsAt: at('2026-12-01', '11:00') });
    expect(first.statusCode).toBe(201);
    const clash = await (await s.as('qianqi')).post(`/api/rooms/${s.rooms.small}/bookings`, { title: '销售复盘', startsAt: at('2026-12-01', '10:30'), endsAt: at('2026-12-01', '11:30') });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'ROOM_TAKEN', field: 'roomId' });
    expect(clash.json().message).toBe('1号洽谈室在 2026-12-01 10:00–2026-12-01 11:00 已被“客户面谈”占用，请换一个时间或会议室');
    const touching = await (await s.as('qianqi')).post(`/api/rooms/${s.rooms.small}/bookings`, { title: '销售复盘', startsAt: at('2026-12-01', '11:00'), endsAt: at('2026-12-01', '12:00') });
    expect(touching.statusCode).toBe(201);
  });

  it('a meeting in a taken room is refused, and nothing of it is saved', async () => {
    await createMeetingAs(s, 'wangwu', q4Meeting(s, { startsAt: at('2026-12-02', '14:00'), endsAt: at('2026-12-02', '16:00') }));
    const clash = await (await s.as('lisi')).post('/api/meetings', q4Meeting(s, { topic: '市场部例会', startsAt: at('2026-12-02', '15:00'), endsAt: at('2026-12-02', '15:30') }));
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('ROOM_TAKEN');
    expect((await (await s.as('lisi')).get('/api/meetings?scope=organizing')).json().total).toBe(0);
  });

  it('moving a meeting onto a taken slot is refused too; a cancelled booking frees the slot', async () => {
    const { meeting } = await createMeetingAs(s, 'wangwu', q4Meeting(s, { startsAt: at('2026-12-03', '09:00'), endsAt: at('2026-12-03', '10:00') }));
    const other = await (await s.as('xiaowang')).post(`/api/rooms/${s.rooms.big}/bookings`, { title: '培训', startsAt: at('2026-12-03', '10:00'), endsAt: at('2026-12-03', '11:00') });
    const w = await s.as('wangwu');
    const move = await w.patch(`/api/meetings/${meeting.id}`, { endsAt: at('2026-12-03', '10:30'), version: meeting.version });
    expect(move.statusCode).toBe(409);
    expect(move.json().code).toBe('ROOM_TAKEN');
    expect((await (await s.as('qianqi')).del(`/api/room-bookings/${other.json().id}`)).statusCode).toBe(403);
    expect((await (await s.as('xiaowang')).del(`/api/room-bookings/${other.json().id}`)).statusCode).toBe(200);
    const moved = await w.patch(`/api/meetings/${meeting.id}`, { endsAt: at('2026-12-03', '10:30'), version: meeting.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<TMeetingSaved>().meeting.endsAt).toBe(at('2026-12-03', '10:30'));
  });

  it('a meeting’s own booking cannot be cancelled on its own (cancel the meeting instead)', async () => {
    const tl = (await (await s.as('wangwu')).get('/api/rooms/timeline?date=2026-12-03')).json<TRoomTimeline>();
    const own = tl.rooms.find((r) => r.room.id === s.rooms.big)!.bookings.find((b) => b.meetingId !== null)!;
    expect((await (await s.as('wangwu')).del(`/api/room-bookings/${own.id}`)).json().code).toBe('MEETING_STATE');
  });

  it('bad booking input: end before start, past time, unknown room', async () => {
    const x = await s.as('xiaowang');
    expect((await x.post(`/api/rooms/${s.rooms.small}/bookings`, { title: 'x', startsAt: at('2026-12-04', '11:00'), endsAt: at('2026-12-04', '10:00') })).json().fields[0].field).toBe('endsAt');
    expect((await x.post(`/api/rooms/${s.rooms.small}/bookings`, { title: 'x', startsAt: at('2026-11-20', '10:00'), endsAt: at('2026-11-20', '11:00') })).statusCode).toBe(400);
    expect((await x.post('/api/rooms/999999/bookings', { title: 'x', startsAt: at('2026-12-04', '10:00'), endsAt: at('2026-12-04', '11:00') })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'roomId' });
  });
});

describe('MTG-2 room timeline and free-slot search', () => {
  it('a week of every room with its bookings and the non-working days', async () => {
    const res = await (await s.as('zhangsan')).get('/api/rooms/timeline?date=2026-11-30&days=7');
    expect(res.statusCode).toBe(200);
    const tl = res.json<TRoomTimeline>();
    expect(tl).toMatchObject({ from: '2026-11-30', to: '2026-12-06', nonWorkingDates: ['2026-12-05', '2026-12-06'] });
    const small = tl.rooms.find((r) => r.room.id === s.rooms.small)!.bookings;
    expect(small.map((b: TRoomBooking) => b.title)).toEqual(['客户面谈', '销售复盘']);
    expect((await (await s.as('zhangsan')).get('/api/rooms/timeline?date=2026-11-31')).statusCode).toBe(400);
    expect((await (await s.as('zhangsan')).get('/api/rooms/timeline?date=2026-11-30&days=8')).statusCode).toBe(400);
  });

  it('free slots of a day by length and size; rooms free for an exact time', async () => {
    const z = await s.as('zhangsan');
    const day = (await z.get('/api/rooms/free?date=2026-12-01&durationMinutes=60&dayStart=09:00&dayEnd=13:00')).json<TRoomFree>();
    const small = day.items.find((r) => r.room.id === s.rooms.small)!;
    expect(small.slots).toEqual([
      { startsAt: at('2026-12-01', '09:00'), endsAt: at('2026-12-01', '10:00') },
      { startsAt: at('2026-12-01', '12:00'), endsAt: at('2026-12-01', '13:00') },
    ]);
    const big = (await z.get('/api/rooms/free?date=2026-12-01&durationMinutes=60&minCapacity=10')).json<TRoomFree>();
    expect(big.items.map((r) => r.room.name)).toEqual(['3号会议室']);
    const exact = (await z.get(`/api/rooms/free?startsAt=${at('2026-12-01', '10:15')}&endsAt=${at('2026-12-01', '10:45')}`)).json<TRoomFree>();
    expect(exact.items.map((r) => r.room.name)).toEqual(['3号会议室']);
    expect((await z.get('/api/rooms/free?date=2026-12-05&durationMinutes=30')).json<TRoomFree>().nonWorkingDay).toBe(true);
    expect((await z.get('/api/rooms/free?minCapacity=3')).json().fields[0].field).toBe('date');
  });
});
