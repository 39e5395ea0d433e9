import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/client.ts';
import type { Statement } from './child.ts';

/**
 * "The same SQL" as the endpoint, honestly: the driver's query method is wrapped while ONE request
 * runs in-process (after two warm-up requests, so the session and calendar caches are as warm as
 * under load), and every statement with its parameters and row mode is recorded as sent.
 */
export async function captureStatements(database: Database, run: () => Promise<void>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const record = (text: unknown, values: unknown, options: unknown) => {
    const config = typeof text === 'object' && text !== null ? (text as { text: string; values?: unknown[]; rowMode?: string }) : null;
    const rowMode = config?.rowMode ?? (options as { rowMode?: string } | undefined)?.rowMode;
    statements.push({
      text: config ? config.text : String(text),
      values: (Array.isArray(values) ? values : (config?.values ?? [])) as unknown[],
      ...(rowMode === 'array' ? { rowMode: 'array' as const } : {}),
    });
  };
  const target = (database.pool ?? database.pglite) as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const original = target.query;
  target.query = function (this: unknown, ...args: unknown[]) {
    record(args[0], args[1], args[2]);
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    target.query = original;
  }
  return statements;
}

export interface BenchRequest {
  key: string;
  title: string;
  url: string;
  user: string;
}

/** Logs in through the app (no listening socket) and returns the session cookie. */
export async function injectLogin(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
