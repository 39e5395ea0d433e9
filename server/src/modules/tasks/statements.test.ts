import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStatements } from '../../../test/capture.ts';
import { people } from '../org/schema.ts';
import { tasks } from './schema.ts';
import { prepareKept, sqlLiteral } from '../../db/prepared.ts';
import { type TaskTestWorld, createVia, taskBody, taskWorld } from './testing.ts';

// A kept statement (statements.ts prepareKept) must answer exactly what Drizzle's own prepared
// select answers: same nesting, decoders and nulls — on PGlite and on PostgreSQL.
let w: TaskTestWorld;
beforeAll(async () => {
  w = await taskWorld();
  const lisi = await w.as('lisi');
  await createVia(lisi, taskBody(w.ids.xiaowang!, { name: '有验收人', acceptorId: w.ids.lisi! }));
  await createVia(lisi, taskBody(w.ids.qianqi!, { name: '无验收人' }));
});
afterAll(() => w.t.close());

const acceptorP = alias(people, 'acceptor_p');
const select = () =>
  w.t.database.db
    .select({
      total: sql<number>`count(*) over ()`.mapWith(Number),
      task: { id: tasks.id, name: tasks.name, dueDate: tasks.dueDate, updatedAt: tasks.updatedAt, major: tasks.major },
      // A left-joined object: Drizzle makes it null when the join found nothing.
      acceptor: { id: acceptorP.id, name: acceptorP.name },
      owner: sql<string>`${people.name}`,
      tokens: tasks.searchTokens,
    })
    .from(tasks)
    .innerJoin(people, eq(people.id, tasks.ownerId))
    .leftJoin(acceptorP, eq(acceptorP.id, tasks.acceptorId))
    .where(eq(tasks.creatorId, sql.placeholder('creator')))
    .orderBy(tasks.id);

describe('kept statements (issue 5 performance)', () => {
  it('map rows exactly as Drizzle does, nested objects and left-joined nulls included', async () => {
    const values = { creator: w.ids.lisi! };
    const drizzle = await select().prepare('').execute(values);
    const kept = await prepareKept(select()).execute(values);
    expect(drizzle).toHaveLength(2);
    expect(kept).toEqual(drizzle);
    expect(kept.map((r) => r.acceptor)).toEqual([{ id: w.ids.lisi, name: '李四' }, null]);
    expect(kept[0]).toMatchObject({ total: 2, task: { name: '有验收人', major: false }, owner: '小王' });
  });

  it('are sent under a name made from their text: the same text, the same name; another text, another', async () => {
    const run = (creator: number) => prepareKept(select()).execute({ creator });
    const [first] = await captureStatements(w.t.database, async () => void (await run(w.ids.lisi!)));
    const [again] = await captureStatements(w.t.database, async () => void (await run(w.ids.xiaowang!)));
    const [other] = await captureStatements(w.t.database, async () => void (await prepareKept(select().limit(1)).execute({ creator: w.ids.lisi! })));
    // pg prepares each name once per connection; PGlite PREPAREs it once and EXECUTEs it.
    expect(first!.name).toMatch(/^kept_[0-9a-f]{32}$/);
    expect(again!.name).toBe(first!.name);
    expect(other!.name).not.toBe(first!.name);
    expect(again!.values).toEqual([w.ids.xiaowang]);
  });

  it('write values as SQL literals for EXECUTE on PGlite: quotes doubled, backslashes kept, nothing else runs', async () => {
    expect([null, true, 42, -1.5, 'O’Brien', "x'); drop table tasks; --", 'a\\b', new Date('2026-11-26T00:00:00Z')].map(sqlLiteral)).toEqual([
      'NULL',
      'true',
      '42',
      '-1.5',
      "'O’Brien'",
      "'x''); drop table tasks; --'",
      "'a\\b'",
      "'2026-11-26T00:00:00.000Z'",
    ]);
    expect(() => sqlLiteral({})).toThrow();
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    // A search word with a quote reaches the kept list statement as data.
    const lisi = await w.as('lisi');
    const res = await lisi.get(`/api/tasks?scope=all&q=${encodeURIComponent("数据'; drop table tasks; --")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 0, items: [] });
    expect((await w.t.database.db.select({ id: tasks.id }).from(tasks)).length).toBe(2);
  });
});
