import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TApprovalDetail } from '@opsdesk/contract';
import { DEMO_PASSWORD, seedDemoOrg } from '../../demo/org.ts';
import { type Client, type TestApp, login, startTestApp } from '../../../test/harness.ts';
import { approvalEvents, approvalSteps } from './schema.ts';
import { registerTestFlow, submitAs } from './testing.ts';

let t: TestApp;
let tabA: Client;
let tabB: Client;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoOrg(t.database.db, t.clock.now());
  registerTestFlow();
  // The same head in two browser tabs (two sessions), both clicking at once.
  tabA = await login(t.app, 'lisi', DEMO_PASSWORD);
  tabB = await login(t.app, 'lisi', DEMO_PASSWORD);
});
afterAll(() => t.close());

const stepOf = async (id: number) => (await tabA.get(`/api/approvals/${id}`)).json<TApprovalDetail>().currentStep!.id;

/** One decision recorded for the step, whatever happened around it. */
async function decisionsOn(requestId: number, stepId: number) {
  const events = await t.database.db
    .select()
    .from(approvalEvents)
    .where(and(eq(approvalEvents.requestId, requestId), eq(approvalEvents.stepId, stepId)));
  const [step] = await t.database.db.select().from(approvalSteps).where(eq(approvalSteps.id, stepId));
  return { decisions: events.filter((e) => ['approve', 'reject', 'return'].includes(e.action)).length, status: step?.status };
}

describe('two deciders acting at once never both decide (row lock; stale step → 409)', () => {
  if (process.env.DATABASE_URL) {
    it('PostgreSQL: two approves at once → one 200, one 409, one decision recorded', async () => {
      for (let round = 0; round < 5; round++) {
        const req = await submitAs(t, 'xiaowang');
        const stepId = await stepOf(req.id);
        const answers = await Promise.all([tabA, tabB].map((c) => c.post(`/api/approvals/${req.id}/approve`, { stepId, opinion: '同意' })));
        expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
        expect(await decisionsOn(req.id, stepId)).toEqual({ decisions: 1, status: 'approved' });
      }
    });
    it('PostgreSQL: approve and reject at once → exactly one wins', async () => {
      const req = await submitAs(t, 'xiaowang');
      const stepId = await stepOf(req.id);
      const answers = await Promise.all([
        tabA.post(`/api/approvals/${req.id}/approve`, { stepId }),
        tabB.post(`/api/approvals/${req.id}/reject`, { stepId, opinion: '不同意' }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      expect((await decisionsOn(req.id, stepId)).decisions).toBe(1);
    });
  } else {
    // PGlite has one connection, so transactions run one after the other: the equivalent is the
    // second click arriving after the first committed.
    it('PGlite (sequential): the second approve of the same step → 409, one decision recorded', async () => {
      const req = await submitAs(t, 'xiaowang');
      const stepId = await stepOf(req.id);
      expect((await tabA.post(`/api/approvals/${req.id}/approve`, { stepId, opinion: '同意' })).statusCode).toBe(200);
      const second = await tabB.post(`/api/approvals/${req.id}/approve`, { stepId, opinion: '同意' });
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('CONFLICT');
      expect(await decisionsOn(req.id, stepId)).toEqual({ decisions: 1, status: 'approved' });
    });
    it('PGlite (sequential): a reject after an approve of the same step → 409', async () => {
      const req = await submitAs(t, 'xiaowang');
      const stepId = await stepOf(req.id);
      expect((await tabA.post(`/api/approvals/${req.id}/approve`, { stepId })).statusCode).toBe(200);
      expect((await tabB.post(`/api/approvals/${req.id}/reject`, { stepId, opinion: '不同意' })).statusCode).toBe(409);
      expect((await decisionsOn(req.id, stepId)).decisions).toBe(1);
    });
  }
});
