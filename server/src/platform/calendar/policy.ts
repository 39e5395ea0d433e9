import type { Actor } from '../http/context.ts';

/** ALL-6/ALL-7: the system administrator keeps the calendar (overrides, yearly schedule import). */
export const canManageCalendar = (actor: Actor) => actor.roles.includes('admin');

/** Everyone signed in reads it: every module shows working-day deadlines. */
export const canReadCalendar = (_actor: Actor) => true;
