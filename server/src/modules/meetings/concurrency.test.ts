import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MeetingsTest, at, startMeetingsTest } from './testing.ts';

// PGlite has one connection and serialises everything: true concurrency needs PostgreSQL.
describe.skipIf(!process.env.DATABASE_URL)('MTG-2 concurrent bookings (PostgreSQL)', () => {
  let s: MeetingsTest;
  beforeAll(async () => {
    s = await startMeetingsTest();
  }, 240_000);
  afterAll(() => s?.close());

  const people = ['zhangsan', 'lisi', 'xiaowang', 'qianqi', 'wangwu', 'zhaoliu', 'chenjing', 'linfang', 'hetao', 'gaoyan'];
  /** 20 requests at once (two per person) for overlapping times of one room. */
  async function race(date: string) {
    const clients = await Promise.all(people.map((u) => s.as(u)));
    const requests = Array.from({ length: 20 }, (_, i) =>
      clients[i % clients.length]!.post(`/api/rooms/${s.rooms.big}/bookings`, {
        title: `抢订 ${i + 1}`,
        // Each overlaps every other: same start, lengths from 30 to 125 minutes.
        startsAt: at(date, '14:00'),
        endsAt: new Date(Date.parse(at(date, '14:30')) + i * 5 * 60_000).toISOString(),
      }),
    );
    return (await Promise.all(requests)).map((r) => r.statusCode);
  }

  it('20 simultaneous bookings of one slot: exactly one succeeds, the others get 409 ROOM_TAKEN', async () => {
    const codes = await race('2026-12-08');
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
  });

  it('the result above rests on the database constraint: without it, overlapping bookings get through', async () => {
    // This test database is this file's own copy: dropping the constraint here touches nothing else.
    await s.t.database.exec('ALTER TABLE room_bookings DROP CONSTRAINT room_bookings_no_overlap');
    const codes = await race('2026-12-09');
    expect(codes.filter((c) => c === 201).length).toBeGreaterThan(1);
  });
});
