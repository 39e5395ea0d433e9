import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTaskOverview, TTaskPage } from '@opsdesk/contract';
import { tasks } from './schema.ts';
import { type TaskTestWorld, createVia, ok, taskBody, taskWorld } from './testing.ts';

// The workbench chart 各部门任务概况: per overseen department, open tasks, 延期 (TSK-4) and at risk (TSK-8).
let w: TaskTestWorld;
beforeAll(async () => {
  w = await taskWorld();
  // Thursday 2026-11-26: 小王 (市场部) has one task due tomorrow and one due 12-10; 张三 (研发部) one due tomorrow.
  const xiaowang = await w.as('xiaowang');
  await createVia(xiaowang, taskBody(w.ids.xiaowang!, { name: '客户数据整理', dueDate: '2026-11-27' }));
  await createVia(xiaowang, taskBody(w.ids.xiaowang!, { name: '月度销售报告撰写', dueDate: '2026-12-10' }));
  await createVia(await w.as('zhangsan'), taskBody(w.ids.zhangsan!, { name: '接口联调', dueDate: '2026-11-27' }));
  const done = await createVia(xiaowang, taskBody(w.ids.xiaowang!, { name: '已完成的整理', dueDate: '2026-11-27' }));
  // A finished task is not open: forced to done in the database, as the acceptance flow would leave it.
  await w.t.database.db.update(tasks).set({ status: 'done', doneAt: sql`now()` }).where(eq(tasks.id, done.id));
  // Monday 11-30: the two due 11-27 are 延期; the one due 12-10 has made no progress in 2 of its 11 working days (TSK-8).
  w.t.clock.advanceMinutes(4 * 24 * 60);
}, 120_000);
afterAll(() => w.t.close());

const overview = async (username: string) => ok<TTaskOverview>((await w.as(username)).get('/api/tasks/overview'));

describe('GET /api/tasks/overview (各部门任务概况)', () => {
  it('401 without login', async () => {
    expect((await w.t.app.inject({ method: 'GET', url: '/api/tasks/overview' })).statusCode).toBe(401);
  });

  it('ALL-7: the general manager sees every department, the most 延期 first; TSK-4 and TSK-8 counted', async () => {
    expect((await overview('zhouzong')).departments).toEqual([
      { id: w.depts.SC, name: '市场部', open: 2, overdue: 1, atRisk: 1 },
      { id: w.depts.YF, name: '研发部', open: 1, overdue: 1, atRisk: 0 },
    ]);
  });

  it('ALL-7: a head or division leader sees only the departments they oversee; staff see none', async () => {
    expect((await overview('lisi')).departments.map((d) => d.name)).toEqual(['市场部']);
    expect((await overview('zhenghua')).departments.map((d) => d.name)).toEqual(['市场部']);
    expect((await overview('zhangsan')).departments).toEqual([{ id: w.depts.YF, name: '研发部', open: 1, overdue: 1, atRisk: 0 }]);
    expect((await overview('xiaowang')).departments).toEqual([]);
  });

  it('TSK-4 / TSK-8: the counts are the list\'s for the same department and filter', async () => {
    const lisi = await w.as('lisi');
    const total = async (filter: string) => (await ok<TTaskPage>(lisi.get(`/api/tasks?scope=department&${filter}`))).total;
    const [sc] = (await overview('lisi')).departments;
    expect(sc).toMatchObject({
      open: await total('status=not_started,in_progress,awaiting_acceptance,overdue'),
      overdue: await total('status=overdue'),
      atRisk: await total('atRisk=true'),
    });
  });
});
