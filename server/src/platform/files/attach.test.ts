import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TFileMeta } from '@opsdesk/contract';
import { PASSWORD, type Client, type TestApp, login, makePerson, startTestApp } from '../../../test/harness.ts';
import { formData } from '../../../test/multipart.ts';
import { AppError } from '../http/errors.ts';
import { attachFile } from './attach.ts';
import { registerFileAccess } from './policy.ts';

let t: TestApp;
let alice: Client;
let bob: Client;
const readers = new Set<number>();

beforeAll(async () => {
  t = await startTestApp();
  await makePerson(t.database, { username: 'alice', name: '王芳' });
  await makePerson(t.database, { username: 'bob', name: '李强' });
  [alice, bob] = await Promise.all([login(t.app, 'alice', PASSWORD), login(t.app, 'bob', PASSWORD)]);
  registerFileAccess('test_task', (ctx) => readers.has(ctx.actor.id));
});
afterAll(() => t.close());

async function uploadAs(client: Client, name = '交付成果.txt') {
  const form = formData([{ name: 'file', filename: name, type: 'text/plain', data: `内容 ${name}` }]);
  return (await client.post('/api/files', form.payload, form.headers)).json<TFileMeta>();
}
const attach = (fileId: string, ownerId: string | number, actorId: number, ownerType = 'test_task') =>
  t.database.db.transaction((tx) => attachFile(tx, fileId, ownerType, ownerId, { actor: { id: actorId }, field: 'deliverableFileId' }));
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: unknown) => (err instanceof AppError ? { code: err.code, field: err.field } : err),
  );

describe('attachFile: a module binds an upload to its entity', () => {
  it('attaches the uploader’s own file; from then on the module’s check decides who reads it', async () => {
    const meta = await uploadAs(alice);
    const row = await attach(meta.id, 42, alice.userId);
    expect(row).toMatchObject({ id: meta.id, ownerType: 'test_task', ownerId: '42' });
    expect((await bob.get(`/api/files/${meta.id}`)).statusCode).toBe(404);
    readers.add(bob.userId);
    const res = await bob.get(`/api/files/${meta.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('内容 交付成果.txt');
    expect((await bob.get(`/api/files/${meta.id}/meta`)).json()).toMatchObject({ ownerType: 'test_task', ownerId: '42' });
  });

  it('re-attaching to the same entity is harmless, by anyone re-saving the form', async () => {
    const meta = await uploadAs(alice);
    await attach(meta.id, 43, alice.userId);
    expect(await attach(meta.id, 43, bob.userId)).toMatchObject({ ownerId: '43' });
  });

  it('refuses someone else’s upload, a file attached elsewhere, and an unknown id — naming the field', async () => {
    const mine = await uploadAs(alice);
    expect(await refusal(attach(mine.id, 44, bob.userId))).toEqual({ code: 'INVALID_REFERENCE', field: 'deliverableFileId' });
    await attach(mine.id, 44, alice.userId);
    expect(await refusal(attach(mine.id, 45, alice.userId))).toEqual({ code: 'INVALID_REFERENCE', field: 'deliverableFileId' });
    expect(await refusal(attach('00000000-0000-4000-8000-000000000000', 44, alice.userId))).toEqual({ code: 'INVALID_REFERENCE', field: 'deliverableFileId' });
    expect(await refusal(attach('not-a-uuid', 44, alice.userId))).toEqual({ code: 'INVALID_REFERENCE', field: 'deliverableFileId' });
  });

  it('refuses an owner type without a registered access check (the file could never be read)', async () => {
    const meta = await uploadAs(alice);
    await expect(attach(meta.id, 1, alice.userId, 'unregistered')).rejects.toThrow(/registerFileAccess/);
  });
});
