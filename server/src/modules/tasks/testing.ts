// Shared by the task tests: the demo organisation, signed-in clients and a valid task body.
import { sql } from 'drizzle-orm';
import type { TCreateTaskInput, TTask } from '@opsdesk/contract';
import { expect } from 'vitest';
import { DEMO_PASSWORD, seedDemoOrg } from '../../demo/org.ts';
import { type Client, type TestApp, login, startTestApp } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { rowsOf } from '../../platform/access/scope.ts';

export interface TaskTestWorld {
  t: TestApp;
  ids: Record<string, number>;
  depts: Record<string, number>;
  as: (username: string) => Promise<Client>;
}

/** A test app on the demo organisation (小王/钱七 in 市场部 under 李四; 张三 heads 研发部 and 项目部). */
export async function taskWorld(): Promise<TaskTestWorld> {
  // TASK_LOG=error shows the server's log while debugging a test.
  const t = await startTestApp(process.env.TASK_LOG ? { logLevel: process.env.TASK_LOG } : {});
  const org = await seedDemoOrg(t.database.db, t.clock.now());
  const clients: Record<string, Client> = {};
  return { t, ids: org.people, depts: org.departments, as: async (u) => (clients[u] ??= await login(t.app, u, DEMO_PASSWORD)) };
}

/** A complete, valid create body (TSK-1/TSK-3), due a week after the test clock's 2026-11-26. */
export const taskBody = (ownerId: number, extra: Partial<TCreateTaskInput> = {}): TCreateTaskInput => ({
  name: '客户数据整理',
  description: '整理客户数据，去重并补全字段',
  deliverable: '整理后的客户数据表',
  qualityStandard: '无重复记录，字段完整率100%，异常数据单独标注',
  ownerId,
  startDate: '2026-11-26',
  dueDate: '2026-12-04',
  ...extra,
});

/** Creates a task over HTTP and returns it (fails the test on anything but 201). */
export async function createVia(client: Client, body: TCreateTaskInput): Promise<TTask> {
  const res = await client.post('/api/tasks', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TTask>();
}

export async function ok<T = TTask>(res: Promise<{ statusCode: number; body: string; json: <R>() => R }>, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<T>();
}

/** The task_words postings are exactly the pieces of every task, with its department and due date (migration 0020's triggers). */
export async function expectWordsInStep(database: Database): Promise<void> {
  const pieces = sql`select w, coalesce(department_id, 0), due_date, id from tasks, unnest(search_tokens) w`;
  const postings = sql`select word, department_id, due_date, task_id from task_words`;
  const [row] = rowsOf<{ missing: number; extra: number }>(
    await database.db.execute(sql`select (select count(*) from (${pieces} except all ${postings}) m)::int as missing, (select count(*) from (${postings} except all ${pieces}) e)::int as extra`),
  );
  expect(row).toEqual({ missing: 0, extra: 0 });
}
