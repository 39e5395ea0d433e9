import { inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { departments, people } from '../../modules/org/schema.ts';
import { type DeciderRule, type OrgView, type Resolution, resolveDecider } from './rules.ts';

/**
 * The organisation as a rule needs it right now: every department (a company has dozens), and the
 * people a ladder can reach — the requester, heads, division leaders, the named person, holders
 * of the rule's role and the general manager.
 */
export async function loadOrgView(tx: Tx, requesterId: number, rule: DeciderRule): Promise<OrgView> {
  const depts = await tx
    .select({ id: departments.id, code: departments.code, parentId: departments.parentId, headId: departments.headId, divisionLeaderId: departments.divisionLeaderId })
    .from(departments);
  const ids = new Set<number>([requesterId]);
  for (const d of depts) {
    if (d.headId !== null) ids.add(d.headId);
    if (d.divisionLeaderId !== null) ids.add(d.divisionLeaderId);
  }
  if (rule.kind === 'person') ids.add(rule.personId);
  const roles = ['general_manager', ...(rule.kind === 'role' ? [rule.role] : [])];
  const rows = await tx
    .select({ id: people.id, active: people.active, roles: people.roles, departmentId: people.departmentId })
    .from(people)
    .where(or(inArray(people.id, [...ids]), sql`${people.roles} && array[${sql.join(roles.map((r) => sql`${r}`), sql`, `)}]::text[]`));
  return {
    departments: new Map(depts.map((d) => [d.id, d])),
    people: new Map(rows.map((p) => [p.id, { ...p, roles: p.roles as string[] }])),
  };
}

/** Resolves a step's decider on the organisation as it is when the step opens. */
export async function resolveStepDecider(tx: Tx, requesterId: number, rule: DeciderRule): Promise<Resolution> {
  return resolveDecider(rule, requesterId, await loadOrgView(tx, requesterId, rule));
}
