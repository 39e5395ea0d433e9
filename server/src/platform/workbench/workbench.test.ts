import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TWorkbench } from '@opsdesk/contract';
import { DEMO_PASSWORD, seedDemoOrg } from '../../demo/org.ts';
import { ADMIN_PASSWORD, type Client, type TestApp, login, startTestApp } from '../../../test/harness.ts';
import { registerTestFlow, submitAs } from '../approvals/testing.ts';
import { registerWorkbenchSection } from './registry.ts';

let t: TestApp;
let lisi: Client;
let xiaowang: Client;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoOrg(t.database.db, t.clock.now());
  registerTestFlow();
  lisi = await login(t.app, 'lisi', DEMO_PASSWORD);
  xiaowang = await login(t.app, 'xiaowang', DEMO_PASSWORD);
});
afterAll(() => t.close());

const workbench = async (client: Client, query = '') => {
  const res = await client.get(`/api/workbench${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TWorkbench>();
};
const section = (w: TWorkbench, key: string) => w.sections.find((s) => s.key === key);
// The platform's own sections; the modules' (tasks, meetings, loans) are tested in their modules.
const platform = (w: TWorkbench) => w.sections.filter((s) => s.key === 'approvals' || s.key === 'notifications');

describe('ALL-3 GET /api/workbench (我的工作台)', () => {
  it('401 without login; 403 before the forced password change; 400 naming the field', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/workbench' })).statusCode).toBe(401);
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD);
    const forced = await admin.get('/api/workbench');
    expect(forced.statusCode).toBe(403);
    expect(forced.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    for (const bad of ['?limit=0', '?limit=21', '?limit=abc']) {
      const res = await lisi.get(`/api/workbench${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', field: 'limit' });
    }
  });

  it('approvals waiting for me and unread notifications, with counts (the platform sections)', async () => {
    expect(platform(await workbench(lisi))).toEqual([
      { key: 'approvals', count: 0, items: [] },
      { key: 'notifications', count: 0, items: [] },
    ]);
    // 小王 (市场部) asks to borrow a document: his head 李四 decides the first step.
    const first = await submitAs(t, 'xiaowang');
    t.clock.advanceMinutes(10);
    const second = await submitAs(t, 'xiaowang');
    const w = await workbench(lisi);
    expect(platform(w).map((s) => s.key)).toEqual(['approvals', 'notifications']);
    expect(section(w, 'approvals')).toEqual({
      key: 'approvals',
      count: 2,
      items: [
        { id: String(first.id), title: first.title, subtitle: '文档借阅 · 小王 · 部门负责人审批', link: `/approvals/${first.id}`, at: expect.any(String), overdue: false },
        { id: String(second.id), title: second.title, subtitle: '文档借阅 · 小王 · 部门负责人审批', link: `/approvals/${second.id}`, at: t.clock.now().toISOString(), overdue: false },
      ],
    });
    expect(section(w, 'notifications')).toMatchObject({ count: 2, items: [{ link: `/approvals/${second.id}` }, { link: `/approvals/${first.id}` }] });
    // The requester has nothing to decide; only the head has.
    expect(section(await workbench(xiaowang), 'approvals')).toEqual({ key: 'approvals', count: 0, items: [] });

    // `limit` caps the items, never the count; reading the notifications empties that section.
    const one = await workbench(lisi, '?limit=1');
    expect(platform(one).map((s) => [s.key, s.count, s.items.length])).toEqual([
      ['approvals', 2, 1],
      ['notifications', 2, 1],
    ]);
    expect((await lisi.post('/api/notifications/read-all')).statusCode).toBe(200);
    expect(section(await workbench(lisi), 'notifications')).toEqual({ key: 'notifications', count: 0, items: [] });
  });

  it('a module contributes its own section through the registry, placed by its order', async () => {
    registerWorkbenchSection({
      key: 'example',
      order: 15,
      load: async (ctx, limit) => ({
        count: 3,
        items: ['逾期任务', '今日到期', '下周到期'].map((title, i) => ({ id: `${ctx.actor.id}-${i}`, title, subtitle: null, link: `/example/${i}`, at: null, overdue: i === 0 })).slice(0, limit),
      }),
    });
    const w = await workbench(lisi, '?limit=2');
    const keys = w.sections.map((s) => s.key);
    expect(keys.indexOf('example')).toBe(keys.indexOf('approvals') + 1);
    expect(section(w, 'example')).toMatchObject({ count: 3, items: [{ title: '逾期任务', overdue: true }, { title: '今日到期', overdue: false }] });
  });
});
