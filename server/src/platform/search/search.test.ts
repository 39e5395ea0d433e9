import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDocumentPage, TMeetingPage, TSearchResult, TTaskPage } from '@opsdesk/contract';
import { type Client, loginAdmin } from '../../../test/harness.ts';
import { type DocTest, startDocTest } from '../../modules/documents/testing.ts';
import { createVia, taskBody } from '../../modules/tasks/testing.ts';

// The top bar's search (UX.md "Frame") over tasks, meetings and documents, on the demo archive:
// B公司框架采购合同 and A公司产品销售合同 are secret (owner 钱七; granted to 小王 and 张三 respectively),
// and the internal 2026年研发项目立项报告 mentions 合同 in its text.
let d: DocTest;
let taskId: number;
let meetingId: number;
beforeAll(async () => {
  d = await startDocTest();
  const xiaowang = await d.as('xiaowang');
  taskId = (await createVia(xiaowang, taskBody(d.people.xiaowang!, { name: '供应商合同台账整理', description: '按供应商汇总在执行的合同' }))).id;
  const meeting = await (await d.as('lisi')).post('/api/meetings', {
    topic: '合同评审会',
    goal: '评审12月待签合同的付款条款',
    startsAt: '2026-12-03T06:00:00.000Z',
    endsAt: '2026-12-03T07:00:00.000Z',
    onlineNumber: '腾讯会议 123-456-789',
    hostId: d.people.lisi!,
    minuteTakerId: d.people.xiaowang!,
    contactId: d.people.xiaowang!,
    participantIds: [d.people.qianqi!],
    agenda: [{ title: '逐份评审付款条款', durationMinutes: 60, goal: '确定可签合同' }],
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
  meetingId = meeting.json<{ meeting: { id: number } }>().meeting.id;
}, 180_000);
afterAll(() => d.t.close());

const search = async (client: Client, q: string) => {
  const res = await client.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TSearchResult>();
};
const group = (r: TSearchResult, key: string) => r.groups.find((g) => g.key === key)!;
const titles = (r: TSearchResult, key: string) => group(r, key).items.map((i) => i.title);

describe('GET /api/search (the top bar)', () => {
  it('401 without login; 400 naming the field for no words, too many words or a bad limit', async () => {
    expect((await d.t.app.inject({ method: 'GET', url: '/api/search?q=%E5%90%88%E5%90%8C' })).statusCode).toBe(401);
    const staff = await d.as('xiaowang');
    const tooLong = encodeURIComponent('合'.repeat(65));
    for (const [query, field] of [['', 'q'], ['?q=', 'q'], ['?q=%20%20', 'q'], [`?q=${tooLong}`, 'q'], ['?q=a&limit=0', 'limit'], ['?q=a&limit=11', 'limit']] as const) {
      const res = await staff.get(`/api/search${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ code: 'VALIDATION', field });
    }
  });

  it('finds a 2-character word in each module, one group per module, each item opening its page', async () => {
    const found = await search(await d.as('xiaowang'), '合同');
    expect(found.q).toBe('合同');
    expect(found.groups.map((g) => g.key)).toEqual(['tasks', 'meetings', 'documents']);
    expect(group(found, 'tasks')).toEqual({
      key: 'tasks',
      count: 1,
      items: [{ id: String(taskId), title: expect.stringMatching(/^T\d{8} 供应商合同台账整理$/), subtitle: '未开始 · 小王', link: `/tasks/${taskId}`, at: '2026-12-04', overdue: false }],
    });
    expect(group(found, 'meetings')).toEqual({
      key: 'meetings',
      count: 1,
      items: [{ id: String(meetingId), title: '合同评审会', subtitle: '线上会议 · 主持人：李四', link: `/meetings/${meetingId}`, at: '2026-12-03T06:00:00.000Z', overdue: false }],
    });
    const docs = group(found, 'documents');
    expect(docs.items.map((i) => i.title).sort()).toEqual(['2026年研发项目立项报告', 'B公司框架采购合同']);
    expect(docs.items.find((i) => i.title === 'B公司框架采购合同')).toMatchObject({ subtitle: expect.stringMatching(/^HT-SX-\d{8}-B公司框架采购合同-V1 · V1 · .+ · 秘密$/), link: expect.stringMatching(/^\/documents\/\d+$/) });
  });

  it('ALL-7 / DOC-4: each group shows what that module\'s own list shows the caller for the words — no secret document without a grant', async () => {
    const admin = await loginAdmin(d.t.app);
    const people = { xiaowang: await d.as('xiaowang'), qianqi: await d.as('qianqi'), wangwu: await d.as('wangwu'), zhangsan: await d.as('zhangsan'), admin };
    const expected = {
      xiaowang: ['2026年研发项目立项报告', 'B公司框架采购合同'],
      qianqi: ['2026年研发项目立项报告', 'A公司产品销售合同', 'B公司框架采购合同'],
      wangwu: ['2026年研发项目立项报告'],
      zhangsan: ['2026年研发项目立项报告', 'A公司产品销售合同'],
      admin: ['2026年研发项目立项报告'],
    };
    for (const [name, client] of Object.entries(people)) {
      const found = await search(client, '合同');
      expect(titles(found, 'documents').sort(), name).toEqual(expected[name as keyof typeof expected]);
      const lists = {
        tasks: (await client.get('/api/tasks?scope=all&q=%E5%90%88%E5%90%8C')).json<TTaskPage>().total,
        meetings: (await client.get('/api/meetings?scope=all&q=%E5%90%88%E5%90%8C')).json<TMeetingPage>().total,
        documents: (await client.get('/api/documents?q=%E5%90%88%E5%90%8C')).json<TDocumentPage>().total,
      };
      expect(Object.fromEntries(found.groups.map((g) => [g.key, g.count])), name).toEqual(lists);
    }
    // 王五 is in neither 市场部 nor the meeting: none of it.
    const wangwu = await search(people.wangwu, '合同');
    expect([group(wangwu, 'tasks').count, group(wangwu, 'meetings').count]).toEqual([0, 0]);
  });

  it('counts every match but shows `limit` items; answers in the language the reader chose', async () => {
    const qianqi = await d.as('qianqi');
    const few = (await qianqi.get(`/api/search?q=${encodeURIComponent('合同')}&limit=1`)).json<TSearchResult>();
    expect(group(few, 'documents')).toMatchObject({ count: 3, items: [expect.anything()] });
    const xiaowang = await d.as('xiaowang');
    expect((await xiaowang.put('/api/auth/locale', { locale: 'en-US' })).statusCode).toBe(200);
    const en = await search(xiaowang, '合同');
    expect(group(en, 'tasks').items[0]!.subtitle).toBe('Not started · 小王');
    expect(group(en, 'meetings').items[0]!.subtitle).toBe('Online · Host: 李四');
    expect(group(en, 'documents').items.find((i) => i.title === 'B公司框架采购合同')!.subtitle).toMatch(/ · Secret$/);
  });
});
