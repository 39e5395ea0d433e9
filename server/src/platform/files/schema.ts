import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../../modules/org/schema.ts';

/**
 * Every uploaded file. Ordinary files share one content-addressed blob per SHA-256; a secret file
 * (DOC-4) has its own encrypted blob, and its row holds the per-file key only wrapped by the master
 * key — never in the clear.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey(),
    /** SHA-256 (hex) of the plaintext. */
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mimeType: text('mime_type').notNull(),
    fileName: text('file_name').notNull(),
    secret: boolean('secret').notNull().default(false),
    /** The blob's key in the BlobStore: `cas/ab/cd/<sha256>` or `secret/<random>`. */
    storageKey: text('storage_key').notNull(),
    /** Secret files: the per-file key wrapped by the master key (base64 of iv ‖ ciphertext ‖ tag). */
    wrappedKey: text('wrapped_key'),
    /** Secret files: the content's AES-256-GCM IV and auth tag (base64). */
    iv: text('iv'),
    authTag: text('auth_tag'),
    /** The module entity it belongs to (e.g. 'document', '42'); null until attached. */
    ownerType: text('owner_type'),
    ownerId: text('owner_id'),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    index('files_owner').on(t.ownerType, t.ownerId),
    index('files_sha256').on(t.sha256),
    index('files_uploaded_by').on(t.uploadedBy, t.createdAt),
    // A secret row without its key material could never be read again; a plain row must carry none.
    check(
      'files_secret_keys',
      sql`(${t.secret} and ${t.wrappedKey} is not null and ${t.iv} is not null and ${t.authTag} is not null)
        or (not ${t.secret} and ${t.wrappedKey} is null and ${t.iv} is null and ${t.authTag} is null)`,
    ),
    check('files_owner_pair', sql`(${t.ownerType} is null) = (${t.ownerId} is null)`),
  ],
);
export type FileRow = typeof files.$inferSelect;
