import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { onNotificationCreated } from '../notify/notify.ts';
import { type DispatchDeps, dispatchDeliveries } from './dispatch.ts';
import { configureDelivery, deliverySettings, enqueueDeliveries } from './enqueue.ts';
import { deliveryRoutes } from './routes.ts';
import { type Senders, createSenders } from './senders.ts';

export const DISPATCH_JOB = 'delivery-dispatch';
/** How often the server looks for due deliveries (pg-boss cron cannot go below a minute). */
const TICK_MS = 5_000;

/**
 * ALL-2 deliveries: the notify() hook that queues e-mail and bot messages, the dispatcher job
 * (every few seconds, woken early when something is queued) and the admin/preferences API.
 */
export function installDelivery(app: FastifyInstance, deps: { config: Config; db: Db; jobs: Jobs; background: boolean; senders?: Senders }): void {
  const { config, db, jobs, background } = deps;
  const senders = deps.senders ?? createSenders(config);
  const dispatch: DispatchDeps = { db, senders, now: config.now };

  const chain = async (key: string, afterMs: number) => {
    if (!background || !jobs.started) return;
    // pg-boss starts jobs by the database's clock, so this delay is wall time, not the injected clock.
    await jobs.send(DISPATCH_JOB, {}, { singletonKey: key, startAfter: new Date(Date.now() + afterMs) });
  };
  jobs.register(
    DISPATCH_JOB,
    async () => {
      try {
        return await dispatchDeliveries(dispatch);
      } finally {
        // The next tick; the per-minute cron restarts the chain should it ever break.
        await chain('tick', TICK_MS);
      }
    },
    // One queued and one running job per key ('tick', 'kick'); claims are safe across them anyway.
    { policy: 'stately', retryLimit: 0, expireInSeconds: 10 * 60 },
  );
  jobs.schedule(DISPATCH_JOB, '* * * * *');

  let lastKick = 0;
  const settings = {
    emailEnabled: !!config.smtpUrl,
    publicUrl: config.publicUrl,
    // After the caller's commit (a second is plenty); at most one kick per second per process.
    kick: background
      ? () => {
          const now = Date.now();
          if (now - lastKick < 1_000) return;
          lastKick = now;
          chain('kick', 1_000).catch((err: unknown) => app.log.warn({ err }, 'delivery: kick failed'));
        }
      : null,
  };
  configureDelivery(settings);
  onNotificationCreated(enqueueDeliveries);
  app.addHook('onClose', async () => {
    if (deliverySettings() === settings) configureDelivery(null);
  });

  deliveryRoutes(app, { config, db, dispatch });
}
