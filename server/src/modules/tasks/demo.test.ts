import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTask, TTaskCounts, TTaskPage, TTaskWeeklyReport } from '@opsdesk/contract';
import { seedDemoTasks } from '../../demo/tasks.ts';
import { tasks } from './schema.ts';
import { type TaskTestWorld, ok, taskWorld } from './testing.ts';

let w: TaskTestWorld;
let seeded: Record<string, number>;
beforeAll(async () => {
  w = await taskWorld();
  seeded = await seedDemoTasks(w.t.database.db, w.t.clock.now());
}, 240_000);
afterAll(() => w.t.close());

describe('demo tasks (shared by npm run demo and the journeys)', () => {
  it('every Kanban column, at-risk flags and both kinds of overdue have something to show; a second run changes nothing', async () => {
    const gm = await w.as('zhouzong');
    const counts = await ok<TTaskCounts>(gm.get('/api/tasks/counts?scope=all'));
    for (const key of ['not_started', 'in_progress', 'awaiting_acceptance', 'done', 'overdue'] as const) expect(counts[key], key).toBeGreaterThan(0);
    expect(counts.atRisk).toBeGreaterThanOrEqual(2);
    const overdue = await ok<TTaskPage>(gm.get('/api/tasks?scope=all&status=overdue&pageSize=50'));
    expect(overdue.items.some((i) => i.delayReason)).toBe(true);
    expect(overdue.items.some((i) => !i.delayReason)).toBe(true);
    expect(overdue.items.map((i) => i.number)).toEqual(expect.arrayContaining(['T20231001', 'T20231002']));

    const expo = await ok<TTask>((await w.as('lisi')).get(`/api/tasks/${seeded['展会物料准备']}`));
    expect(expo).toMatchObject({ status: 'awaiting_acceptance', permissions: { canAccept: true } });
    expect(expo.acceptanceRounds.map((r) => r.decision)).toEqual(['rejected', null]);
    const chain = await ok<TTask>(gm.get(`/api/tasks/${seeded['用户中心接口开发']}`));
    expect(chain.predecessors.map((p) => p.name)).toEqual(['详细开发计划编制']);
    expect(chain.successors.map((p) => p.name)).toEqual(['测试环境部署']);

    const weekly = await ok<TTaskWeeklyReport>((await w.as('lisi')).get(`/api/tasks/weekly-report?departmentId=${w.depts.SC}`));
    expect(weekly.totals.inProgress).toBeGreaterThan(0);

    const [before] = await w.t.database.db.select({ n: count() }).from(tasks);
    expect(await seedDemoTasks(w.t.database.db, w.t.clock.now())).toEqual(seeded);
    const [after] = await w.t.database.db.select({ n: count() }).from(tasks);
    expect(after!.n).toBe(before!.n);
  });
});
