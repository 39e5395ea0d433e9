import { and, count, eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TArchiveGrowth } from '@opsdesk/contract';
import { loginAdmin } from '../../../test/harness.ts';
import { documents } from './schema.ts';
import { type DocTest, createDoc, startDocTest } from './testing.ts';

// The archivist's 档案增长 chart (UX.md dashboards "archive growth") on the demo archive, today 2026-11-26.
let d: DocTest;
beforeAll(async () => {
  d = await startDocTest();
}, 180_000);
afterAll(() => d.t.close());

const growth = async () => {
  const res = await (await d.as('zhaoliu')).get('/api/documents/archive-growth');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TArchiveGrowth>().months;
};

describe('GET /api/documents/archive-growth (档案增长)', () => {
  it('401 without login; 403 for anyone but the archivist (the counts include secret documents)', async () => {
    expect((await d.t.app.inject({ method: 'GET', url: '/api/documents/archive-growth' })).statusCode).toBe(401);
    for (const client of [await d.as('xiaowang'), await d.as('zhouzong'), await loginAdmin(d.t.app)]) {
      const res = await client.get('/api/documents/archive-growth');
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('12 months up to this one, every month listed; created by 创建日期 and archived by 归档日期, secret ones counted', async () => {
    const months = await growth();
    expect(months.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const db = d.t.database.db;
    const [created] = await db.select({ n: count() }).from(documents).where(gte(documents.createdOn, '2025-12-01'));
    const [archived] = await db.select({ n: count() }).from(documents).where(and(eq(documents.archiveStatus, 'archived'), gte(documents.archivedOn, '2025-12-01')));
    expect(months.reduce((n, m) => n + m.created, 0)).toBe(Number(created!.n));
    expect(months.reduce((n, m) => n + m.archived, 0)).toBe(Number(archived!.n));
    // The demo's 2023 documents are older than the window; its recent ones (B公司框架采购合同 is secret) are in it.
    expect(Number(created!.n)).toBeGreaterThan(0);
    expect(months.slice(0, 9).every((m) => m.created === 0)).toBe(true);
  });

  it('a new document counts in this month at once', async () => {
    const before = (await growth()).at(-1)!.created;
    const category = (await (await d.as('xiaowang')).get('/api/document-categories')).json<{ id: number; code: string }[]>().find((c) => c.code === 'ZD')!;
    await createDoc(await d.as('xiaowang'), { name: '差旅报销规定', categoryId: category.id, paperLocation: '档案柜-01-02' });
    expect((await growth()).at(-1)).toMatchObject({ month: '2026-11', created: before + 1 });
  });
});
