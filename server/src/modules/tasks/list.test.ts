import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTask, TTaskCounts, TTaskPage } from '@opsdesk/contract';
import { captureStatements } from '../../../test/capture.ts';
import { workingDaysBetween } from '../../platform/calendar/rules.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { invalidateOrgTree } from '../../platform/access/org-tree.ts';
import { departments } from '../org/schema.ts';
import { atRiskWhy } from './rules.ts';
import { taskMilestones, tasks } from './schema.ts';
import { type TaskTestWorld, createVia, expectWordsInStep, ok, taskBody, taskWorld } from './testing.ts';

// Test clock: Thursday 2026-11-26 (company day). Working days around it: Mon 23 … Fri 27, Mon 30.
let w: TaskTestWorld;
const made: Record<string, number> = {};
const names = (page: TTaskPage) => page.items.map((i) => i.name);

beforeAll(async () => {
  w = await taskWorld();
  const lisi = await w.as('lisi');
  const zhangsan = await w.as('zhangsan');
  const { xiaowang, qianqi, zhangsan: zs } = w.ids as Record<string, number>;
  const add = async (key: string, by: typeof lisi, ownerId: number, extra: Parameters<typeof taskBody>[1] = {}) =>
    (made[key] = (await createVia(by, taskBody(ownerId, { description: '按计划推进', ...extra, name: key }))).id);
  // 小王 owns four; 钱七 one with 小王 helping; 张三 (研发部) one nobody in 市场部 takes part in.
  await add('客户数据整理', lisi, xiaowang!, { startDate: '2026-11-16', dueDate: '2026-11-30', description: '核对客户名单' });
  await add('月度销售报告撰写', lisi, xiaowang!, { startDate: '2026-11-01', dueDate: '2026-11-20' });
  await add('渠道预算测算', lisi, xiaowang!, { startDate: '2026-11-26', dueDate: '2026-12-18', major: true, riskNote: '预算口径未定', mitigationPlan: '先按去年口径测算' });
  await add('展会物料清单', lisi, xiaowang!, { startDate: '2026-11-20', dueDate: '2026-12-11', milestones: [{ name: '供应商报价', date: '2026-11-27' }] });
  await add('老客户回访', lisi, qianqi!, { collaborators: [{ personId: xiaowang!, share: '整理回访名单' }] });
  await add('开发排期', zhangsan, zs!, { description: '研发部内部排期' });
  // Progress as if posted: 客户数据整理 is behind (0 % after 8 of 11 working days), 展会物料 done.
  await w.t.database.db.update(tasks).set({ status: 'in_progress', progress: 20 }).where(eq(tasks.id, made['月度销售报告撰写']!));
  await w.t.database.db.update(tasks).set({ status: 'done', progress: 100 }).where(eq(tasks.id, made['渠道预算测算']!));
  await w.t.database.db.update(tasks).set({ status: 'in_progress', progress: 60 }).where(eq(tasks.id, made['展会物料清单']!));
});
afterAll(() => w.t.close());

const list = async (username: string, query: string) => ok<TTaskPage>((await w.as(username)).get(`/api/tasks?${query}`));

describe('GET /api/tasks — ALL-7 scopes', () => {
  it('我负责的 / 我参与的 / 本部门 / 全部 for staff: only what they own or take part in', async () => {
    expect(names(await list('xiaowang', 'scope=mine'))).toEqual(['月度销售报告撰写', '客户数据整理', '展会物料清单', '渠道预算测算']);
    expect(names(await list('xiaowang', 'scope=involved'))).toEqual(['老客户回访']);
    expect(names(await list('xiaowang', 'scope=department')).sort()).toEqual(['客户数据整理', '展会物料清单', '月度销售报告撰写', '渠道预算测算', '老客户回访'].sort());
    expect(names(await list('xiaowang', 'scope=all'))).not.toContain('开发排期');
    // 李四 created them all and heads 市场部; 张三's own task stays his.
    expect((await list('lisi', 'scope=department')).total).toBe(5);
    expect(names(await list('lisi', 'scope=involved'))).toHaveLength(5);
    expect(names(await list('lisi', 'scope=all'))).not.toContain('开发排期');
    expect((await list('zhouzong', 'scope=all')).total).toBe(6);
    expect(names(await list('wuming', 'scope=all'))).toEqual(['开发排期']); // division leader of 研发部
  });

  it('ALL-7 the list statement is kept per shape, and never mixes two callers: the same shape for two people, and the same text binding another value', async () => {
    // Two people, one shape: each gets their own rows, in either order.
    for (const [username, want] of [
      ['qianqi', ['老客户回访']],
      ['xiaowang', ['月度销售报告撰写', '客户数据整理', '展会物料清单', '渠道预算测算']],
      ['qianqi', ['老客户回访']],
    ] as const) expect(names(await list(username, 'scope=mine'))).toEqual(want);
    // `owner = …` from 我负责的 (the caller) and from the owner filter of 全部 (another person).
    expect(names(await list('zhouzong', 'scope=mine'))).toEqual([]);
    expect(names(await list('zhouzong', `scope=all&ownerId=${w.ids.xiaowang}`))).toHaveLength(4);
    expect(names(await list('zhouzong', 'scope=mine'))).toEqual([]);
  });

  it('ALL-7 a change of the organisation shows in the very next list: kept list plans follow the org tree', async () => {
    const { db } = w.t.database;
    const setHead = async (username: string) => {
      await db.update(departments).set({ headId: w.ids[username]! }).where(eq(departments.id, w.depts.YF!));
      invalidateOrgTree();
    };
    expect(names(await list('xiaowang', 'scope=all'))).not.toContain('开发排期');
    // 小王 is made head of 研发部 as well: 全部 now holds its tasks; and once 张三 is head again, no longer.
    await setHead('xiaowang');
    expect(names(await list('xiaowang', 'scope=all'))).toContain('开发排期');
    await setHead('zhangsan');
    expect(names(await list('xiaowang', 'scope=all'))).not.toContain('开发排期');
  });

  it('401 without login; 400 naming the field for a bad filter', async () => {
    expect((await w.t.app.inject({ method: 'GET', url: '/api/tasks/counts' })).statusCode).toBe(401);
    const xw = await w.as('xiaowang');
    for (const [q, field] of [
      ['status=late', 'status.0'],
      ['pageSize=500', 'pageSize'],
      ['dueFrom=2026-13-01', 'dueFrom'],
      ['sort=name', 'sort'],
      ['scope=everyone', 'scope'],
    ]) {
      const res = await xw.get(`/api/tasks?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().field, q).toBe(field);
    }
  });
});

describe('GET /api/tasks — filters, sort, paging, counts', () => {
  it('TSK-4 延期 is derived: filtered, counted and paged by it; every task has exactly one status', async () => {
    const overdue = await list('lisi', 'scope=department&status=overdue');
    expect(overdue.items.map((i) => [i.name, i.status, i.workflowStatus, i.overdueDays])).toEqual([['月度销售报告撰写', 'overdue', 'in_progress', 6]]);
    expect(names(await list('lisi', 'scope=department&status=in_progress'))).toEqual(['展会物料清单']);
    expect(names(await list('lisi', 'scope=department&status=in_progress,overdue'))).toEqual(['月度销售报告撰写', '展会物料清单']);
    const counts = await ok<TTaskCounts>((await w.as('lisi')).get('/api/tasks/counts?scope=department'));
    expect(counts).toEqual({ not_started: 2, in_progress: 1, awaiting_acceptance: 0, done: 1, overdue: 1, atRisk: 2, total: 5 });
    expect(counts.not_started + counts.in_progress + counts.awaiting_acceptance + counts.done + counts.overdue).toBe(counts.total);
    const page2 = await list('lisi', 'scope=department&pageSize=2&page=2&sort=-dueDate');
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(names(page2)).toEqual(['老客户回访', '客户数据整理']);
  });

  it('TSK-8 at risk by SQL, the same as the rule: behind elapsed working time, or an undone milestone within 2 working days; the detail says which', async () => {
    const risky = await list('lisi', 'scope=department&atRisk=true');
    // 客户数据整理: 0 % after 8 of 11 working days; 展会物料清单: 供应商报价 due tomorrow, undone.
    expect(names(risky)).toEqual(['客户数据整理', '展会物料清单']);
    const cal = await getCalendar(w.t.database.db);
    const all = await list('zhouzong', 'scope=all&pageSize=50');
    for (const item of all.items) {
      const milestones = await w.t.database.db.select().from(taskMilestones).where(eq(taskMilestones.taskId, item.id));
      const rule = atRiskWhy({ status: item.workflowStatus, startDate: item.startDate, dueDate: item.dueDate, progress: item.progress }, milestones, cal, '2026-11-26');
      expect(item.atRisk, item.name).toBe(rule !== null);
    }
    // The detail says which sign it is: 0 % where 8 of 11 working days ask for 73 %; the milestone due tomorrow.
    const why = async (key: string) => (await ok<TTask>((await w.as('lisi')).get(`/api/tasks/${made[key]}`))).atRiskWhy;
    expect(await why('客户数据整理')).toEqual({ behind: { progress: 0, expected: 73 }, milestone: null });
    expect(await why('展会物料清单')).toEqual({ behind: null, milestone: { name: '供应商报价', date: '2026-11-27' } });
    expect(await why('老客户回访')).toBeNull();
    // Ticking the milestone off clears the flag.
    const milestone = all.items.find((i) => i.name === '展会物料清单')!.milestones[0]!;
    await ok((await w.as('xiaowang')).patch(`/api/tasks/${made['展会物料清单']}/milestones/${milestone.id}`, { done: true }));
    expect(names(await list('lisi', 'scope=department&atRisk=true'))).toEqual(['客户数据整理']);
  });

  it('ALL-6 working days left to the due date, by the calendar (today not counted); none once done or 延期', async () => {
    const mine = await list('xiaowang', 'scope=mine');
    // Thu 26: 客户数据整理 due Mon 30 → Fri 27, Mon 30; 展会物料清单 due Fri 12-11 → 11 working days.
    expect(mine.items.map((i) => [i.name, i.workingDaysLeft])).toEqual([
      ['月度销售报告撰写', null],
      ['客户数据整理', 2],
      ['展会物料清单', 11],
      ['渠道预算测算', null],
    ]);
    const cal = await getCalendar(w.t.database.db);
    for (const item of mine.items.filter((i) => i.workingDaysLeft !== null)) expect(item.workingDaysLeft, item.name).toBe(workingDaysBetween(cal, '2026-11-26', item.dueDate).days);
    expect(mine.items.some((i) => i.workingDaysProvisional)).toBe(false);
  });

  it('ALL-6 working days left that reach a year without its official schedule are 暂定', async () => {
    // The test calendar holds 2026 official and 2027 as a Monday–Friday fallback year.
    const id = made['展会物料清单']!;
    await w.t.database.db.update(tasks).set({ dueDate: '2027-01-08' }).where(eq(tasks.id, id));
    try {
      const item = (await list('xiaowang', 'scope=mine')).items.find((i) => i.id === id)!;
      const expected = workingDaysBetween(await getCalendar(w.t.database.db), '2026-11-26', '2027-01-08');
      expect(expected.provisional).toBe(true);
      expect([item.workingDaysLeft, item.workingDaysProvisional]).toEqual([expected.days, true]);
      const detail = await ok<TTask>((await w.as('xiaowang')).get(`/api/tasks/${id}`));
      expect(detail.workingDaysProvisional).toBe(true);
    } finally {
      await w.t.database.db.update(tasks).set({ dueDate: '2026-12-11' }).where(eq(tasks.id, id));
    }
  });

  it('owner, department, due range (the calendar), major and 2-character search over number, name, description', async () => {
    expect(names(await list('zhouzong', `scope=all&ownerId=${w.ids.qianqi}`))).toEqual(['老客户回访']);
    expect(names(await list('zhouzong', `scope=all&departmentId=${w.depts.YF}`))).toEqual(['开发排期']);
    expect(names(await list('zhouzong', 'scope=all&dueFrom=2026-11-28&dueTo=2026-12-05'))).toEqual(['客户数据整理', '老客户回访', '开发排期']);
    expect(names(await list('zhouzong', 'scope=all&major=true'))).toEqual(['渠道预算测算']);
    expect(names(await list('zhouzong', 'scope=all&q=客户'))).toEqual(['客户数据整理', '老客户回访']);
    expect(names(await list('zhouzong', 'scope=all&q=名单'))).toEqual(['客户数据整理']); // in the description
    expect(names(await list('zhouzong', 'scope=all&q=研发部内部'))).toEqual(['开发排期']);
    const one = await list('zhouzong', 'scope=all&q=T20261101');
    expect(one.items.map((i) => i.number)).toEqual(['T20261101']);
    expect(names(await list('zhouzong', 'scope=all&q=预算口径'))).toEqual([]); // risk notes are not searched
  });

  it('ALL-7 a search finds only what the searcher may see, whichever way they see it', async () => {
    // 小王: his own four, 老客户回访 as a collaborator; 开发排期 (研发部) never.
    expect(names(await list('xiaowang', 'scope=all&q=客户'))).toEqual(['客户数据整理', '老客户回访']);
    expect(names(await list('xiaowang', 'scope=all&q=研发'))).toEqual([]);
    expect(names(await list('xiaowang', 'scope=all&q=名单'))).toEqual(['客户数据整理']);
    // 李四 (head of 市场部) sees the department, 张三 his own only.
    expect(names(await list('lisi', 'scope=all&q=客户'))).toEqual(['客户数据整理', '老客户回访']);
    expect(names(await list('zhangsan', 'scope=all&q=客户'))).toEqual([]);
    expect(names(await list('zhangsan', 'scope=all&q=排期'))).toEqual(['开发排期']);
    // More than one piece: found in any order by the index, then checked against the text.
    expect(names(await list('lisi', 'scope=all&q=数据整理'))).toEqual(['客户数据整理']);
    expect(names(await list('lisi', 'scope=all&q=整理数据'))).toEqual([]);
  });

  it('TSK search: a 2-character word over 全部 or 本部门 is paged and counted from the task_words postings — the same rows, order and total as the general path', async () => {
    // Any status filter takes the general path (the GIN on search_tokens); all five keeps every row.
    const general = '&status=not_started,in_progress,awaiting_acceptance,done,overdue';
    let fast = 0;
    for (const username of ['xiaowang', 'qianqi', 'lisi', 'zhangsan', 'wuming', 'zhouzong'])
      for (const scope of ['all', 'department'])
        for (const q of ['客户', '名单', '排期', '研发', '测算', 'T2'])
          for (const paging of ['sort=dueDate', 'sort=-dueDate', 'sort=dueDate&pageSize=1&page=2']) {
            const query = `scope=${scope}&q=${encodeURIComponent(q)}&${paging}`;
            const client = await w.as(username);
            const statements = await captureStatements(w.t.database, async () => {
              const [words, all] = await Promise.all([ok<TTaskPage>(client.get(`/api/tasks?${query}`)), ok<TTaskPage>(client.get(`/api/tasks?${query}${general}`))]);
              expect([words.total, words.items.map((i) => i.id)], `${username} ${query}`).toEqual([all.total, all.items.map((i) => i.id)]);
            });
            if (statements.some((s) => s.text.includes('task_words'))) fast += 1;
          }
    // The postings answer 全部 for everyone (the general manager: every department), and 本部门 for heads.
    expect(fast).toBeGreaterThanOrEqual(6 * 6 * 3);
    expect(names(await list('lisi', 'scope=all&q=客户'))).toEqual(['客户数据整理', '老客户回访']);
  });

  it('TSK search: the postings follow every write of a task — create, edit of the text, due date or owner (department), SQL by hand, delete (the import: io.test.ts)', async () => {
    await expectWordsInStep(w.t.database);
    const lisi = await w.as('lisi');
    const task = await createVia(lisi, taskBody(w.ids.qianqi!, { name: '展台搭建验收', dueDate: '2026-12-04' }));
    expect(names(await list('lisi', 'scope=all&q=展台'))).toEqual(['展台搭建验收']);
    // The name, then the owner (to 研发部) and the due date in one edit.
    const renamed = await ok<TTask>(lisi.patch(`/api/tasks/${task.id}`, { version: task.version, name: '展位布置验收' }));
    expect(names(await list('lisi', 'scope=all&q=展台'))).toEqual([]);
    expect(names(await list('lisi', 'scope=all&q=展位'))).toEqual(['展位布置验收']);
    await ok<TTask>(lisi.patch(`/api/tasks/${task.id}`, { version: renamed.version, ownerId: w.ids.zhangsan!, dueDate: '2026-12-09' }));
    await expectWordsInStep(w.t.database);
    expect(names(await list('lisi', 'scope=department&q=展位'))).toEqual([]);
    expect(names(await list('lisi', 'scope=all&q=展位'))).toEqual(['展位布置验收']); // still his: he created it
    expect(names(await list('wuming', 'scope=all&q=展位'))).toEqual(['展位布置验收']); // now 研发部's
    await w.t.database.db.update(tasks).set({ dueDate: '2026-12-10' }).where(eq(tasks.id, task.id));
    await expectWordsInStep(w.t.database);
    await w.t.database.db.delete(tasks).where(eq(tasks.id, task.id));
    await expectWordsInStep(w.t.database);
    expect(names(await list('lisi', 'scope=all&q=展位'))).toEqual([]);
  });

  it('a 2-character search is answered from indexes alone: the postings for 全部, the tasks_search GIN with other filters — no scan of tasks, no ILIKE recheck', async () => {
    const lisi = await w.as('lisi');
    const planOf = async (query: string) => {
      const statements = await captureStatements(w.t.database, async () => {
        await ok<TTaskPage>(lisi.get(`/api/tasks?${query}`));
      });
      const listStatement = statements.find((s) => s.text.includes('page_id'))!;
      const explain = async (sql: string, values: unknown[] = []) => {
        const result = w.t.database.pool ? await w.t.database.pool.query(sql, values) : await w.t.database.pglite!.query(sql, values);
        return (result.rows as Record<string, string>[]).map((r) => Object.values(r)[0]).join('\n');
      };
      // A handful of test rows would be read whole; with scans off the plan is the one for many rows
      // (at a million: npm run bench).
      await explain('set enable_seqscan = off');
      try {
        return await explain(`explain ${listStatement.text}`, listStatement.values);
      } finally {
        await explain('reset enable_seqscan');
      }
    };
    const words = await planOf(`scope=all&q=${encodeURIComponent('客户')}`);
    expect(words).toMatch(/Index Only Scan using task_words_word on task_words[^\n]*\n\s+Index Cond: \(\(word = /);
    expect(words).not.toMatch(/Seq Scan on (tasks|task_words)|~~\*|tasks_search/);
    const filtered = await planOf(`scope=all&q=${encodeURIComponent('客户')}&major=false`);
    expect(filtered).toMatch(/Bitmap Index Scan on tasks_search[^\n]*\n\s+Index Cond: [^\n]*search_tokens @> '\{客户\}'/);
    expect(filtered).not.toMatch(/Seq Scan on tasks|~~\*/);
  });
});
