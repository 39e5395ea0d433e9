import type { TMe } from '@opsdesk/contract';

/** The 档案管理员 runs the archive: 作废 versions, imports, loans desk, tidy checks (DOC-5/6/8). */
export const isArchivist = (me: Pick<TMe, 'roles'>) => me.roles.includes('archivist');
/** DOC-1: categories are edited by the archivist and the system administrator. */
export const canManageCategories = (me: Pick<TMe, 'roles'>) => me.roles.includes('archivist') || me.roles.includes('admin');
