import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import fs from 'node:fs';
import path from 'node:path';
import { ZHealth } from '@opsdesk/contract';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { peopleIoRoutes } from './modules/org/people-io.routes.ts';
import { taskRoutes } from './modules/tasks/routes.ts';
import { taskIoRoutes } from './modules/tasks/io.routes.ts';
import { approvalRoutes } from './platform/approvals/routes.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { calendarRoutes } from './platform/calendar/routes.ts';
import { fileRoutes } from './platform/files/routes.ts';
import { SessionStore } from './platform/auth/sessions.ts';
import { AppError } from './platform/http/errors.ts';
import { ensureMultipart } from './platform/http/multipart.ts';
import { installHttpPlatform } from './platform/http/plugin.ts';
import { importRoutes } from './platform/import/routes.ts';
import { registerBackupJob } from './platform/backup/job.ts';
import { backupRoutes } from './platform/backup/routes.ts';
import { Jobs } from './platform/jobs/jobs.ts';
import { installDelivery } from './platform/delivery/install.ts';
import { registerReminderJob } from './platform/deadlines/scan.ts';
import { notificationRoutes } from './platform/notify/routes.ts';
import { workbenchRoutes } from './platform/workbench/routes.ts';
import { searchRoutes } from './platform/search/routes.ts';
import { documentRoutes } from './modules/documents/routes.ts';
import { meetingRoutes } from './modules/meetings/routes.ts';
import { responseSerializer } from './platform/http/serializer.ts';

export const VERSION = '0.1.0';

// The SPA: scripts only from us; antd's CSS-in-JS needs inline styles.
const SPA_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export interface AppDeps {
  config: Config;
  database: Database;
  /** Run job workers and cron schedules (the server); tests and tools drive jobs by hand. */
  background?: boolean;
  /** Accepted from loopback by the backup endpoints (the CLI); main.ts writes it to the data dir. */
  localAdminToken?: string;
}

/** The whole HTTP application; tests drive it with app.inject(), main.ts makes it listen. */
export async function buildApp({ config, database, background = false, localAdminToken }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: process.env.OPSDESK_TRUST_PROXY === 'true',
    bodyLimit: 1024 * 1024,
  });
  const db = database.db;
  const sessions = new SessionStore(db, config.sessionCacheMs);
  // Modules register jobs while the app is built; pg-boss starts once all are in (below).
  const jobs = new Jobs({ database, config, log: app.log });
  app.decorate('jobs', jobs);

  app.setSerializerCompiler(responseSerializer(config.checkResponses));
  await app.register(cookie);
  await ensureMultipart(app, config);
  await app.register(swagger, {
    openapi: { info: { title: 'OpsDesk 运营台 API', version: VERSION } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installHttpPlatform(app, { config, sessions });

  // A callback hook, not an async one: a promise per answer for two headers (issue 5's bench).
  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    done(null, payload);
  });

  app.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>().get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['system'], summary: '健康检查 Health', response: { 200: ZHealth } } },
    async () => ({ status: 'ok' as const, driver: database.driver, version: VERSION }),
  );
  authRoutes(app, { config, db, sessions });
  orgRoutes(app, { config, db, sessions });
  auditRoutes(app, { config, db });
  await calendarRoutes(app, { config, db });
  fileRoutes(app, { config, db });
  backupRoutes(app, { config, database, version: VERSION, localAdminToken });
  await importRoutes(app, { config, db });
  peopleIoRoutes(app, { config, db });
  taskIoRoutes(app, { config, db });
  approvalRoutes(app, { config, db });
  taskRoutes(app, { config, db });
  documentRoutes(app, { config, db });
  meetingRoutes(app, { config, db, jobs });
  registerBackupJob(jobs, { config, database, version: VERSION }, config.backupCron);
  installDelivery(app, { config, db, jobs, background });
  registerReminderJob(jobs, { db, timeZone: config.timeZone });
  await notificationRoutes(app, { config, database, sessions });
  workbenchRoutes(app, { config, db });
  searchRoutes(app, { config, db });

  await jobs.start({ background });
  app.addHook('onClose', () => jobs.stop());

  await serveWeb(app, config);
  return app;
}

/** The built web app, with index.html for every client-side route; API misses stay JSON 404s. */
async function serveWeb(app: FastifyInstance, config: Config) {
  const index = path.join(config.webDist, 'index.html');
  const hasWeb = fs.existsSync(index);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      setHeaders: (res, file) => {
        // Hashed assets never change; index.html must always be fresh.
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler({ preHandler: async () => undefined }, async (req, reply) => {
    // A missing hashed asset (an old tab after a deploy) must be a 404, never index.html as script.
    const isFile = req.url.startsWith('/assets/') || /\.[a-z0-9]+($|\?)/i.test(req.url);
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !hasWeb || isFile) throw new AppError('NOT_FOUND');
    return reply.header('content-security-policy', SPA_CSP).header('cache-control', 'no-cache').type('text/html').send(fs.createReadStream(index));
  });
}
