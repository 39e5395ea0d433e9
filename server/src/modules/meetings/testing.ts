// Shared by the meeting tests: the demo organisation, rooms, a meeting input like the seed's
// Q4项目启动会, and signed-in clients by demo username.
import type { TMeetingInput, TMeetingSaved } from '@opsdesk/contract';
import { type Client, type TestApp, login, startTestApp } from '../../../test/harness.ts';
import type { Config } from '../../config.ts';
import { DEMO_PASSWORD, seedDemoOrg } from '../../demo/org.ts';

export interface MeetingsTest {
  t: TestApp;
  ids: Record<string, number>;
  as: (username: string) => Promise<Client>;
  rooms: { big: number; small: number };
  close: () => Promise<void>;
}

/** 2026-11-30 (Monday) at HH:mm company time (Asia/Shanghai, UTC+8) — a working day 2 working days after the test clock's start. */
export const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

export async function startMeetingsTest(overrides: Partial<Config> = {}): Promise<MeetingsTest> {
  const t = await startTestApp(overrides);
  const { people } = await seedDemoOrg(t.database.db, t.clock.now());
  const clients = new Map<string, Client>();
  const as = async (username: string) => {
    let c = clients.get(username);
    if (!c) {
      c = await login(t.app, username, DEMO_PASSWORD);
      clients.set(username, c);
    }
    return c;
  };
  const wangwu = await as('wangwu');
  const big = await wangwu.post('/api/rooms', { name: '3号会议室', capacity: 20, equipment: ['projector', 'video_conference'], location: '3楼东侧' });
  const small = await wangwu.post('/api/rooms', { name: '1号洽谈室', capacity: 4, equipment: ['whiteboard'], location: '1楼' });
  if (big.statusCode !== 201 || small.statusCode !== 201) throw new Error(`rooms: ${big.body} ${small.body}`);
  return { t, ids: people, as, rooms: { big: big.json<{ id: number }>().id, small: small.json<{ id: number }>().id }, close: () => t.close() };
}

/** The seed's Q4项目启动会 on 2026-11-30 14:00–16:00 in 3号会议室: 4 items, 110 minutes. */
export function q4Meeting(s: MeetingsTest, overrides: Partial<TMeetingInput> = {}): TMeetingInput {
  return {
    topic: 'Q4项目启动会',
    goal: '确定Q4项目排期，明确各模块负责人与资源需求',
    startsAt: at('2026-11-30', '14:00'),
    endsAt: at('2026-11-30', '16:00'),
    roomId: s.rooms.big,
    onlineNumber: '腾讯会议 123-456-789',
    hostId: s.ids.lisi!,
    minuteTakerId: s.ids.wangwu!,
    contactId: s.ids.wangwu!,
    contactPhone: '分机 8001',
    participantIds: [s.ids.zhouzong!, s.ids.zhangsan!, s.ids.xiaowang!, s.ids.qianqi!],
    agenda: [
      { title: '项目背景与目标说明', durationMinutes: 20, goal: '统一对项目目标的理解' },
      { title: '各模块负责人汇报实施方案', durationMinutes: 40, goal: '确认各模块实施方案', presenterId: s.ids.zhangsan! },
      { title: '资源需求与协调讨论', durationMinutes: 30, goal: '明确资源缺口与协调人' },
      { title: '总经理总结与决策', durationMinutes: 20, goal: '形成决策', presenterId: s.ids.zhouzong! },
    ],
    materials: [{ title: '各部门《Q4项目实施方案PPT》', ownerId: s.ids.zhangsan! }],
    ...overrides,
  };
}

export async function createMeetingAs(s: MeetingsTest, username: string, input: TMeetingInput): Promise<TMeetingSaved> {
  const res = await (await s.as(username)).post('/api/meetings', input);
  if (res.statusCode !== 201) throw new Error(`create meeting: ${res.statusCode} ${res.body}`);
  return res.json<TMeetingSaved>();
}
