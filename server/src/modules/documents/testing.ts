// Shared by the documents tests: an app with the demo organisation and documents, demo logins,
// uploads as the web does them, and the clock moved to a company wall-clock time.
import { expect } from 'vitest';
import type { TDocumentDetail, TFileMeta } from '@opsdesk/contract';
import { type Client, type TestApp, login, startTestApp } from '../../../test/harness.ts';
import { formData } from '../../../test/multipart.ts';
import { setClock } from '../../../test/reminders.ts';
import { type DemoDocumentIds, seedDemoDocuments } from '../../demo/documents.ts';
import { DEMO_PASSWORD, seedDemoOrg } from '../../demo/org.ts';
import { atWallClock } from '../../platform/calendar/zone.ts';
import { FileVault } from '../../platform/files/vault.ts';

export interface DocTest {
  t: TestApp;
  people: Record<string, number>;
  docs: DemoDocumentIds;
  as: (username: string) => Promise<Client>;
  /** Signs everyone in again (sessions expire when the clock jumps days ahead). */
  forget: () => void;
}

export async function startDocTest(): Promise<DocTest> {
  const t = await startTestApp();
  const { people } = await seedDemoOrg(t.database.db, t.clock.now());
  const docs = await seedDemoDocuments(t.database.db, { now: t.clock.now(), timeZone: t.config.timeZone, vault: FileVault.open(t.config) });
  let clients: Record<string, Client> = {};
  const as = async (username: string) => (clients[username] ??= await login(t.app, username, DEMO_PASSWORD));
  return { t, people, docs, as, forget: () => (clients = {}) };
}

/** POST /api/files as the web sends it: `secret` before the file part. */
export async function upload(client: Client, data: Buffer | string, filename: string, type: string, secret = false): Promise<TFileMeta> {
  const form = formData([{ name: 'secret', value: String(secret) }, { name: 'file', filename, type, data }]);
  const res = await client.post('/api/files', form.payload, form.headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TFileMeta>();
}

export async function createDoc(client: Client, body: Record<string, unknown>): Promise<TDocumentDetail> {
  const res = await client.post('/api/documents', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TDocumentDetail>();
}

/** Moves the test clock to a company wall-clock time, e.g. ('2026-11-30', '17:59'). */
export function clockTo(test: DocTest, date: string, hhmm: string) {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  setClock(test.t.clock, atWallClock(date, (h * 60 + m) * 60_000, test.t.config.timeZone).toISOString());
  test.forget();
}

export const idsOf = (items: { id: number }[]) => items.map((i) => i.id);
