import type { Actor } from '../../platform/http/context.ts';

/** ALL-7: the system administrator manages accounts and the organisation. */
export const canManageOrg = (actor: Actor) => actor.roles.includes('admin');

/** Everyone signed in may read the directory: pickers for owners, hosts and approvers need it. */
export const canReadDirectory = (_actor: Actor) => true;
