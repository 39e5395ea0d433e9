import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Text search that works the same on PGlite and PostgreSQL without extensions. Chinese has no
 * spaces and 2-character words (合同, 客户) are the common query, which trigram indexes cannot
 * serve; so each searchable row keeps the overlapping 2-character pieces of its text in a text[]
 * column with a GIN index, and a query matches rows holding all of the query's pieces, rechecked
 * with ILIKE on the real columns (pieces can match out of order).
 */

// Letters, digits and CJK characters make words; everything else separates them.
const WORD_RUN = /[\p{L}\p{N}]+/gu;

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The overlapping 2-character pieces of every word run; a 1-character run is kept whole. */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (const run of normalize(text).match(WORD_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** The value to store in a row's search-token column: unique pieces of all its searchable text. */
export function searchTokens(...texts: (string | null | undefined)[]): string[] {
  const set = new Set<string>();
  for (const text of texts) if (text) for (const piece of pieces(text)) set.add(piece);
  return [...set];
}

/** The pieces a query needs; empty when the query has no word characters. */
export function queryTokens(query: string): string[] {
  return [...new Set(pieces(query))];
}

/**
 * The one piece a query is, when it is exactly one (the common 2-character word: 合同, 客户): then a
 * row matches if and only if it holds the piece, and the index alone answers.
 */
export function singlePiece(query: string | undefined): string | undefined {
  const q = query?.trim();
  if (!q) return undefined;
  const [piece, ...more] = queryTokens(q);
  return piece && !more.length && [...piece].length === 2 && normalize(q) === piece ? piece : undefined;
}

/** ILIKE pattern for a literal substring (escapes % _ \). */
export function likePattern(query: string): string {
  return `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * WHERE for a text query: the containment of its pieces, which the GIN index on `tokens` answers,
 * then an ILIKE recheck on the real `columns` where the index may match more than the text holds —
 * pieces found out of order. A single-character query cannot use the index (no pieces of length 1
 * are stored for longer runs) and is ILIKE alone. A query that is exactly one piece (the common
 * 2-character word: 合同, 客户) is answered by the index alone: a row holds the piece only if its
 * text holds the word. `bind` puts the query's values in as placeholders (a statement kept per
 * shape, tasks/statements.ts). Undefined for a blank query.
 */
export function textSearchWhere(
  tokens: PgColumn,
  columns: (PgColumn | SQL)[],
  query: string | undefined,
  bind: <T>(value: T) => T | Placeholder = (value) => value,
): SQL | undefined {
  const q = query?.trim();
  if (!q) return undefined;
  const needed = queryTokens(q).filter((piece) => [...piece].length === 2);
  const pattern = bind(likePattern(q));
  const recheck = sql`(${sql.join(columns.map((column) => sql`${column} ILIKE ${pattern}`), sql` OR `)})`;
  if (needed.length === 0) return recheck;
  const index = sql`${tokens} @> ${sql`ARRAY[${sql.join(needed.map((p) => sql`${bind(p)}`), sql`, `)}]::text[]`}`;
  return singlePiece(q) ? index : sql`(${index} AND ${recheck})`;
}
