import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTask } from '@opsdesk/contract';
import { taskProgress } from './schema.ts';
import { type TaskTestWorld, createVia, ok, taskBody, taskWorld } from './testing.ts';

// True concurrency needs several connections: PostgreSQL only (PGlite has one).
describe.skipIf(!process.env.DATABASE_URL)('tasks under concurrent requests (PostgreSQL)', () => {
  let w: TaskTestWorld;
  beforeAll(async () => {
    w = await taskWorld();
  });
  afterAll(() => w.t.close());

  it('TSK-1 twenty simultaneous creates get twenty distinct numbers', async () => {
    const lisi = await w.as('lisi');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => lisi.post('/api/tasks', taskBody(w.ids.xiaowang!, { name: `并发任务${i}` }))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.json<TTask>().number);
    expect(new Set(numbers).size).toBe(20);
  });

  it('TSK-5 progress posted at once by owner and collaborator: both kept, the task shows the later one', async () => {
    const task = await createVia(await w.as('lisi'), taskBody(w.ids.xiaowang!, { collaborators: [{ personId: w.ids.qianqi!, share: '协助' }] }));
    const [a, b] = await Promise.all([
      (await w.as('xiaowang')).post(`/api/tasks/${task.id}/progress`, { progress: 40, stage: '小王更新' }),
      (await w.as('qianqi')).post(`/api/tasks/${task.id}/progress`, { progress: 60, stage: '钱七更新' }),
    ]);
    expect([a!.statusCode, b!.statusCode]).toEqual([200, 200]);
    const entries = await w.t.database.db.select().from(taskProgress).where(eq(taskProgress.taskId, task.id)).orderBy(taskProgress.id);
    expect(entries).toHaveLength(2);
    const detail = await ok<TTask>((await w.as('xiaowang')).get(`/api/tasks/${task.id}`));
    expect(detail.progress).toBe(entries.at(-1)!.progress);
    expect(detail.status).toBe('in_progress');
  });

  it('TSK-9 the acceptor clicking accept twice at once: one acceptance, the other told it is stale (409)', async () => {
    const task = await createVia(await w.as('lisi'), taskBody(w.ids.xiaowang!, { acceptorId: w.ids.lisi! }));
    const xw = await w.as('xiaowang');
    await ok(xw.post(`/api/tasks/${task.id}/progress`, { progress: 100, stage: '完成' }));
    await ok(xw.post(`/api/tasks/${task.id}/submit`, { link: 'https://pan.example.com/done' }));
    const lisi = await w.as('lisi');
    const results = await Promise.all([lisi.post(`/api/tasks/${task.id}/accept`, { opinion: '通过' }), lisi.post(`/api/tasks/${task.id}/accept`, { opinion: '通过' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = await ok<TTask>(lisi.get(`/api/tasks/${task.id}`));
    expect(detail.acceptanceRounds).toMatchObject([{ decision: 'accepted' }]);
  });
});
