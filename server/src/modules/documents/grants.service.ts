import { and, eq } from 'drizzle-orm';
import { ROLE_LABELS, type TDocumentGrant, type ZDocumentGrantInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { mutate } from '../../platform/http/context.ts';
import { isUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notify } from '../../platform/notify/notify.ts';
import { departments, people } from '../org/schema.ts';
import { getDocument } from './queries.service.ts';
import { isArchivist } from './rules.ts';
import { documentGrants } from './schema.ts';
import { type DocCtx, lockVisible } from './store.ts';

type GrantInput = z.output<typeof ZDocumentGrantInput>;

/** DOC-4: grants are managed by the owner and the archivist, on current secret documents only. */
async function lockGrantable(ctx: DocCtx, tx: Tx, id: number) {
  const doc = await lockVisible(ctx, tx, id);
  if (doc.void) throw new AppError('DOCUMENT_VOID');
  if (!isArchivist(ctx.actor.roles) && doc.ownerId !== ctx.actor.id) throw new AppError('FORBIDDEN');
  if (doc.secrecy !== 'secret') throw new AppError('VALIDATION', 'secrecy');
  return doc;
}

async function targetName(ctx: DocCtx, tx: Tx, input: GrantInput): Promise<string> {
  if (input.kind === 'role') return ROLE_LABELS[input.role][ctx.locale];
  if (input.kind === 'person') {
    const [p] = await tx.select({ name: people.name }).from(people).where(and(eq(people.id, input.personId), eq(people.active, true)));
    if (!p) throw new AppError('INVALID_REFERENCE', 'personId');
    return p.name;
  }
  const [d] = await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, input.departmentId));
  if (!d) throw new AppError('INVALID_REFERENCE', 'departmentId');
  return d.name;
}

/**
 * DOC-4 visibility grant (by person, role or department): they may now know the secret document
 * exists and apply to borrow it — not read it. A named person is told.
 */
export async function addGrant(ctx: DocCtx, documentId: number, input: GrantInput): Promise<TDocumentGrant> {
  const grantId = await mutate(ctx, async (tx, audit) => {
    const doc = await lockGrantable(ctx, tx, documentId);
    const name = await targetName(ctx, tx, input);
    const values = {
      documentId,
      kind: input.kind,
      personId: input.kind === 'person' ? input.personId : null,
      role: input.kind === 'role' ? input.role : null,
      departmentId: input.kind === 'department' ? input.departmentId : null,
      grantedBy: ctx.actor.id,
      createdAt: ctx.now.toISOString(),
    };
    const field = input.kind === 'person' ? 'personId' : input.kind === 'role' ? 'role' : 'departmentId';
    const [row] = await tx
      .insert(documentGrants)
      .values(values)
      .returning()
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('DUPLICATE', field, { value: name });
        throw err;
      });
    if (input.kind === 'person' && input.personId !== ctx.actor.id) {
      await notify(tx, ctx.now, {
        recipientId: input.personId,
        event: 'document.granted',
        title: `您可以查阅秘密文档目录：《${doc.name}》`,
        body: '您已获准知悉该秘密文档，可在文档归档中申请借阅。',
        link: `/documents/${documentId}`,
        entity: 'document',
        entityId: documentId,
        dedupeKey: `document-grant:${row!.id}`,
      });
    }
    await audit({ entity: 'document', entityId: documentId, action: 'grant', after: { ...row!, target: name } });
    return row!.id;
  });
  const detail = await getDocument(ctx, documentId);
  return detail.grants!.find((g) => g.id === grantId)!;
}

export async function removeGrant(ctx: DocCtx, documentId: number, grantId: number): Promise<void> {
  await mutate(ctx, async (tx, audit) => {
    await lockGrantable(ctx, tx, documentId);
    const [before] = await tx
      .delete(documentGrants)
      .where(and(eq(documentGrants.id, grantId), eq(documentGrants.documentId, documentId)))
      .returning();
    if (!before) throw new AppError('NOT_FOUND');
    await audit({ entity: 'document', entityId: documentId, action: 'revoke_grant', before });
  });
}
