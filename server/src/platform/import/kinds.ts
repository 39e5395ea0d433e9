import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { TImportKind, TLocale } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../http/context.ts';

/** A column of the template: its header as the SPEC names it, and the field it fills. */
export interface ImportColumn {
  header: string;
  field: string;
  required?: boolean;
  /** Other headers accepted for the same column (older templates, English). */
  aliases?: string[];
}

/** A row that passed the per-row schema, staged until the commit. */
export interface StagedRow<Row> {
  rowNo: number;
  value: Row;
}

/** A problem found by a kind: `field` names the column, `message` is already localised. */
export interface RowProblem {
  rowNo: number;
  field: string | null;
  message: string;
}

/**
 * What a module supplies to make its list importable. The platform reads the file, maps headers,
 * runs `row` on each row, finds duplicates within the file (`unique`), and calls `resolve` per
 * batch of rows (database checks). At commit, `resolve` runs again inside the transaction (the
 * database may have changed since the preview) and `insert` writes the batch.
 */
export interface ImportKind<Row = unknown, Ready = unknown, Prep = unknown> {
  kind: TImportKind;
  /** Audit entity of the created records. */
  entity: string;
  /** Template download name, without date or extension: 人员名册. */
  title: string;
  columns: ImportColumn[];
  canImport: (actor: Actor) => boolean;
  /** Input: field → cell text (blank cells absent). Custom issues carry `params: { 'zh-CN', 'en-US' }`. */
  row: z.ZodType<Row>;
  /** Fields that must not repeat within one file (case-insensitively where said). */
  unique: { field: string; ignoreCase?: boolean }[];
  /** Lookups loaded once per read or commit (e.g. departments by name and code). */
  prepare: (db: Db | Tx) => Promise<Prep>;
  resolve: (db: Db | Tx, rows: StagedRow<Row>[], prep: Prep, locale: TLocale) => Promise<{ problems: RowProblem[]; ready: Ready[] }>;
  /** Multi-row insert of one batch; returns the new ids. `actor` is who commits (e.g. a task's creator). */
  insert: (tx: Tx, ready: Ready[], now: Date, actor: Actor) => Promise<number[]>;
}

const registries = new WeakMap<FastifyInstance, Map<TImportKind, ImportKind>>();

/** Called by a module's routes: makes `POST /api/imports/<kind>` accept its template. */
export function registerImportKind<Row, Ready, Prep>(app: FastifyInstance, kind: ImportKind<Row, Ready, Prep>): void {
  importKinds(app).set(kind.kind, kind as unknown as ImportKind);
}

export function importKinds(app: FastifyInstance): Map<TImportKind, ImportKind> {
  let map = registries.get(app);
  if (!map) registries.set(app, (map = new Map()));
  return map;
}
