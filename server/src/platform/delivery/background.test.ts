import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { TestClock, makePerson, openTestDatabase } from '../../../test/harness.ts';
import { DISPATCH_JOB } from './install.ts';
import { type HttpSink, makeBot, makeDepartment, notifyNow, startHttpSink } from './testing.ts';

// The server's wiring: buildApp with background on runs pg-boss workers and cron, as main.ts does.
let sink: HttpSink;
let database: Database & { drop: () => Promise<void> };
let app: FastifyInstance;
let tmp: string;
const clock = new TestClock();
beforeAll(async () => {
  sink = await startHttpSink();
  database = await openTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-delivery-'));
  const keyFile = path.join(tmp, 'opsdesk.key');
  fs.writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
  const config = loadConfig({}, { logLevel: 'silent', now: clock.now, webDist: '/nonexistent', filesDir: path.join(tmp, 'files'), keyFile });
  app = await buildApp({ config, database, background: true });
});
afterAll(async () => {
  await app.close();
  await database.drop();
  await sink.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('ALL-2 the dispatcher job in the server (background workers)', () => {
  it('runs every minute by cron and is woken at once when a delivery is queued', async () => {
    expect(await app.jobs.schedules()).toContainEqual({ name: DISPATCH_JOB, cron: '* * * * *', timezone: 'Asia/Shanghai' });
    const dept = await makeDepartment(database);
    await makeBot(database, { departmentId: dept.id, kind: 'wecom', webhookUrl: sink.url('/cgi-bin/webhook/send?key=bg') });
    const p = await makePerson(database, { departmentId: dept.id });
    await notifyNow(database, clock.now(), { recipientId: p.id, event: 'deadline.reminder', title: '后台发送' });
    // Bounded poll (50 ms steps): the worker runs on pg-boss's own loop; no fixed sleep.
    for (let i = 0; i < 300 && sink.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(sink.requests).toHaveLength(1);
    expect((sink.requests[0]!.body as { markdown: { content: string } }).markdown.content).toContain('后台发送');
  });
});
