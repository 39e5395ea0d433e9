import type { Database } from '../src/db/client.ts';
import { keptObserver } from '../src/db/prepared.ts';

/** A statement as the driver was given it. */
export interface Statement {
  /** A named (prepared) statement's name: the raw replay prepares it the same way. */
  name?: string;
  text: string;
  values: unknown[];
  rowMode?: 'array';
}

/**
 * The statements a piece of work sends, exactly: the driver's query method is wrapped while `run`
 * runs, and every statement with its name, parameters and row mode is recorded as sent (a kept
 * statement on PGlite as prepared, not as the EXECUTE that runs it: db/prepared.ts). The bench replays
 * one request's statements as "the same SQL" (after two warm-ups, so caches are as under load);
 * tests EXPLAIN them.
 */
export async function captureStatements(database: Database, run: () => Promise<void>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const record = (text: unknown, values: unknown, options: unknown) => {
    const config = typeof text === 'object' && text !== null ? (text as { name?: string; text: string; values?: unknown[]; rowMode?: string }) : null;
    const rowMode = config?.rowMode ?? (options as { rowMode?: string } | undefined)?.rowMode;
    statements.push({
      ...(config?.name ? { name: config.name } : {}),
      text: config ? config.text : String(text),
      values: (Array.isArray(values) ? values : (config?.values ?? [])) as unknown[],
      ...(rowMode === 'array' ? { rowMode: 'array' as const } : {}),
    });
  };
  const target = (database.pool ?? database.pglite) as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const original = target.query;
  target.query = function (this: unknown, ...args: unknown[]) {
    // On PGlite a kept statement is run as EXECUTE with its values written in: keptObserver tells it as itself.
    if (!(typeof args[0] === 'string' && args[0].startsWith('EXECUTE kept_'))) record(args[0], args[1], args[2]);
    return original.apply(this, args);
  };
  keptObserver.onRun = (s) => statements.push({ ...s, rowMode: 'array' });
  try {
    await run();
  } finally {
    target.query = original;
    keptObserver.onRun = undefined;
  }
  return statements;
}
