// An in-process server for journeys that need what no production module offers yet: an approval
// flow. It is the real app (HTTP, SSE, the built web) on a fresh PGlite data dir, plus the
// approvals test flow (DOC-5-like: head → [secret: division leader] → archivist) and a hook to
// submit a request as a module would. Replace with a UI step once a module registers a flow.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { migrateDatabase, openDatabase } from '../../server/src/db/client.ts';
import { seedDemoOrg } from '../../server/src/demo/org.ts';
import { people } from '../../server/src/modules/org/schema.ts';
import { ensureFirstAdmin } from '../../server/src/platform/auth/bootstrap.ts';
import { registerFlow } from '../../server/src/platform/approvals/flows.ts';
import { submitApproval } from '../../server/src/platform/approvals/submit.service.ts';
import { TEST_FLOW } from '../../server/src/platform/approvals/testing.ts';
import { mutate, type Ctx } from '../../server/src/platform/http/context.ts';

export interface WorkflowServer {
  baseUrl: string;
  /** Submits a request of the test flow as `username` (what a module would do); returns its id. */
  submit: (username: string, title: string, facts?: Record<string, unknown>) => Promise<number>;
  stop: () => Promise<void>;
}

let entity = 0;

export async function startWorkflowServer(adminPassword: string): Promise<WorkflowServer> {
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-e2e-wf-'));
  const config = loadConfig(
    { ...process.env, DATABASE_URL: '', OPSDESK_DATA_DIR: path.join(tmpRoot, 'data'), OPSDESK_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    { port: 0, host: '127.0.0.1' },
  );
  const database = await openDatabase(config);
  await migrateDatabase(database);
  await ensureFirstAdmin(database.db, config);
  await seedDemoOrg(database.db, config.now());
  registerFlow(TEST_FLOW);
  const app = await buildApp({ config, database, background: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const submit = async (username: string, title: string, facts: Record<string, unknown> = {}) => {
    const [p] = await database.db.select().from(people).where(sql`lower(${people.username}) = ${username}`);
    if (!p) throw new Error(`no person ${username}`);
    const ctx: Ctx = {
      db: database.db,
      actor: { id: p.id, name: p.name, username: p.username, roles: p.roles, departmentId: p.departmentId },
      ip: '127.0.0.1',
      now: config.now(),
      locale: 'zh-CN',
    };
    entity += 1;
    const view = await mutate(ctx, (tx) => submitApproval(tx, ctx, { flow: TEST_FLOW.type, subject: { entity: 'document_loan', entityId: entity }, title, facts }));
    return view.id;
  };

  const stop = async () => {
    await app.close();
    await database.close();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  };
  return { baseUrl: `http://127.0.0.1:${port}`, submit, stop };
}
