import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { CSRF_HEADER, type TLocale, type TRole } from '@opsdesk/contract';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { people } from '../src/modules/org/schema.ts';
import { ensureFirstAdmin } from '../src/platform/auth/bootstrap.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { TEST_START, baseName, withDatabase } from './global-setup.ts';

/** A clock the test moves by hand: nothing waits in real time. */
export class TestClock {
  private t: number;
  constructor(start = TEST_START) {
    this.t = Date.parse(start);
  }
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
  advanceMinutes(m: number) {
    this.advance(m * 60_000);
  }
}

export const ADMIN_PASSWORD = 'Admin-start-1';
export const PASSWORD = 'Passw0rd-test';

/** A fresh database per test file: a copy of the migrated template (PGlite or PostgreSQL). */
export async function openTestDatabase(): Promise<Database & { drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `${baseName(url)}_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateDb')}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), dataDir: '' });
    return {
      ...database,
      drop: async () => {
        await database.close();
        // pool.end() resolves before the server has seen every connection close; wait for them
        // (bounded) rather than FORCE-killing them mid-close, which the pool would report as errors.
        for (let i = 0; i < 50; i++) {
          const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (!rows[0]?.n) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const tar = fs.readFileSync(inject('pgliteTemplateFile'));
  const database = await openDatabase({ databaseUrl: undefined, dataDir: '', pgliteTemplate: new Blob([tar]) });
  return { ...database, drop: () => database.close() };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  clock: TestClock;
  close: () => Promise<void>;
}

export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const clock = new TestClock();
  const database = await openTestDatabase();
  // Uploaded files and the master key in a temp dir of their own (the key made here: no warning).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-test-'));
  const keyFile = path.join(tmp, 'opsdesk.key');
  fs.writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
  const config = loadConfig({}, {
    logLevel: 'silent',
    now: clock.now,
    adminPassword: ADMIN_PASSWORD,
    webDist: '/nonexistent',
    checkResponses: true,
    filesDir: path.join(tmp, 'files'),
    keyFile,
    ...overrides,
  });
  await ensureFirstAdmin(database.db, config);
  const app = await buildApp({ config, database });
  return {
    app,
    database,
    config,
    clock,
    close: async () => {
      await app.close();
      await database.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A signed-in client: keeps the cookie and sends the CSRF token on mutations. */
export interface Client {
  cookie: string;
  csrf: string;
  userId: number;
  request: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  patch: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password: string, remoteAddress = '127.0.0.1'): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const body = res.json<{ csrfToken: string; user: { id: number } }>();
  const request = (opts: InjectOptions) =>
    app.inject({ remoteAddress, ...opts, headers: { cookie, [CSRF_HEADER]: body.csrfToken, ...(opts.headers ?? {}) } });
  return {
    cookie,
    csrf: body.csrfToken,
    userId: body.user.id,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers: headers ?? {} }),
    post: (url, payload, headers) => request({ method: 'POST', url, payload: payload as object, headers: headers ?? {} }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as object }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as object }),
    del: (url) => request({ method: 'DELETE', url }),
  };
}

const adminReady = new WeakSet<FastifyInstance>();
/** The first admin, past the forced password change (done once per app). */
export async function loginAdmin(app: FastifyInstance): Promise<Client> {
  if (adminReady.has(app)) return login(app, 'admin', PASSWORD);
  const first = await login(app, 'admin', ADMIN_PASSWORD);
  const changed = await first.post('/api/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: PASSWORD });
  if (changed.statusCode !== 200) throw new Error(`admin password change failed: ${changed.body}`);
  adminReady.add(app);
  return login(app, 'admin', PASSWORD);
}

let seq = 0;
let passwordHash: Promise<string> | undefined;
/** A person who can sign in at once with PASSWORD (no forced change). */
export async function makePerson(
  database: Database,
  values: { name?: string; username?: string; roles?: TRole[]; departmentId?: number | null; locale?: TLocale; active?: boolean } = {},
) {
  seq += 1;
  const stamp = new Date().toISOString();
  const [row] = await database.db
    .insert(people)
    .values({
      username: values.username ?? `user${seq}`,
      name: values.name ?? `测试用户${seq}`,
      roles: values.roles ?? ['employee'],
      departmentId: values.departmentId ?? null,
      locale: values.locale ?? 'zh-CN',
      active: values.active ?? true,
      passwordHash: await (passwordHash ??= hashPassword(PASSWORD)),
      mustChangePassword: false,
      createdAt: stamp,
      updatedAt: stamp,
    })
    .returning();
  return row!;
}
