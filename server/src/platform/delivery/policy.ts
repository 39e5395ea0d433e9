import type { Actor } from '../http/context.ts';

/** ALL-7: bots, the delivery queue and its retries are settings: the system administrator's. */
export const canManageDelivery = (actor: Actor) => actor.roles.includes('admin');

/** Everyone chooses their own channels (and only their own). */
export const canEditOwnPreferences = (_actor: Actor) => true;
