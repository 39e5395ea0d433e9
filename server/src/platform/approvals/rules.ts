import type { TApprovalPermissions, TApprovalStatus, TRole } from '@opsdesk/contract';
import type { ParticipantKind, StoredNote } from './schema.ts';

/** A department named by its code (e.g. 行政部 `XZ`) or by its id. */
export type DepartmentRef = { code: string } | { id: number };

/**
 * Who decides a step, resolved when the step opens (so it follows the organisation as it is then).
 * `department` defaults to the requester's own.
 */
export type DeciderRule =
  | { kind: 'departmentHead'; department?: DepartmentRef }
  | { kind: 'divisionLeader'; department?: DepartmentRef }
  | { kind: 'generalManager' }
  | { kind: 'role'; role: TRole; department?: DepartmentRef }
  | { kind: 'person'; personId: number };

/** A conditional step: all listed facts equal (`{ secret: true }`), or any predicate over the facts. */
export type StepCondition = Record<string, unknown> | ((facts: Record<string, unknown>) => boolean);

export function stepApplies(when: StepCondition | undefined, facts: Record<string, unknown>): boolean {
  if (!when) return true;
  if (typeof when === 'function') return when(facts);
  return Object.entries(when).every(([k, v]) => facts[k] === v);
}

/** "budget > N → add the general manager": true when the fact is a number above the limit. */
export const factAbove =
  (name: string, limit: number) =>
  (facts: Record<string, unknown>): boolean => {
    const v = facts[name];
    return typeof v === 'number' && v > limit;
  };

export interface OrgDepartment {
  id: number;
  code: string | null;
  parentId: number | null;
  headId: number | null;
  divisionLeaderId: number | null;
}
export interface OrgPerson {
  id: number;
  active: boolean;
  roles: string[];
  departmentId: number | null;
}
/** The slice of the organisation a resolution needs (loaded by resolve.ts). */
export interface OrgView {
  departments: Map<number, OrgDepartment>;
  people: Map<number, OrgPerson>;
}

interface Rung {
  level: StoredNote['level'];
  candidates: number[];
}

export interface Resolution {
  deciderId: number | null;
  /** Every rung passed over, in order: recorded in the history, never silent. */
  notes: StoredNote[];
}

function findDepartment(org: OrgView, ref: DepartmentRef | undefined, fallback: number | null): OrgDepartment | null {
  if (!ref) return fallback === null ? null : (org.departments.get(fallback) ?? null);
  if ('id' in ref) return org.departments.get(ref.id) ?? null;
  for (const d of org.departments.values()) if (d.code === ref.code) return d;
  return null;
}

/** A department and its ancestors, nearest first (a cycle cannot exist, but is cut anyway). */
function lineage(org: OrgView, dept: OrgDepartment | null): OrgDepartment[] {
  const out: OrgDepartment[] = [];
  for (let d = dept; d && !out.includes(d); d = d.parentId === null ? null : (org.departments.get(d.parentId) ?? null)) out.push(d);
  return out;
}

const idsOf = (...ids: (number | null | undefined)[]) => ids.filter((v): v is number => typeof v === 'number');

function generalManagers(org: OrgView): number[] {
  return [...org.people.values()]
    .filter((p) => p.roles.includes('general_manager'))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id)
    .map((p) => p.id);
}

/**
 * The escalation ladder above a department: its head, the heads above it, then the division
 * leader (the nearest one up the tree), then the general manager.
 */
function ladderAbove(org: OrgView, dept: OrgDepartment | null, fromHeads: boolean): Rung[] {
  const line = lineage(org, dept);
  const heads: Rung[] = fromHeads ? (line.length ? line.map((d) => ({ level: 'departmentHead' as const, candidates: idsOf(d.headId) })) : [{ level: 'departmentHead', candidates: [] }]) : [];
  const leader = line.find((d) => d.divisionLeaderId !== null)?.divisionLeaderId;
  return [...heads, { level: 'divisionLeader', candidates: idsOf(leader) }, { level: 'generalManager', candidates: generalManagers(org) }];
}

/** The rungs a rule tries, most specific first. */
export function ladderFor(rule: DeciderRule, requesterId: number, org: OrgView): Rung[] {
  const own = org.people.get(requesterId)?.departmentId ?? null;
  switch (rule.kind) {
    case 'departmentHead':
      return ladderAbove(org, findDepartment(org, rule.department, own), true);
    case 'divisionLeader':
      return ladderAbove(org, findDepartment(org, rule.department, own), false);
    case 'generalManager':
      return [{ level: 'generalManager', candidates: generalManagers(org) }];
    case 'role': {
      const dept = rule.department ? findDepartment(org, rule.department, null) : null;
      const holders = [...org.people.values()]
        .filter((p) => p.roles.includes(rule.role) && (!rule.department || (dept !== null && p.departmentId === dept.id)))
        .sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id)
        .map((p) => p.id);
      const above = rule.department ? ladderAbove(org, dept, true) : [{ level: 'generalManager' as const, candidates: generalManagers(org) }];
      return [{ level: 'role', candidates: holders }, ...above];
    }
    case 'person': {
      const named = org.people.get(rule.personId);
      const dept = named?.departmentId ? (org.departments.get(named.departmentId) ?? null) : null;
      return [{ level: 'person', candidates: [rule.personId] }, ...ladderAbove(org, dept, true)];
    }
  }
}

/**
 * Nobody approves their own request, and a missing decider (vacant post, disabled person) never
 * lets a step pass silently: each is passed over with a note and the next rung up is tried. When
 * no rung has anyone, the decider is null and the request is stuck.
 */
export function resolveDecider(rule: DeciderRule, requesterId: number, org: OrgView): Resolution {
  const notes: StoredNote[] = [];
  const tried = new Set<number>();
  for (const rung of ladderFor(rule, requesterId, org)) {
    const fresh = rung.candidates.filter((id) => !tried.has(id));
    if (!rung.candidates.length) {
      notes.push({ level: rung.level, reason: 'vacant', personId: null });
      continue;
    }
    for (const id of fresh) {
      tried.add(id);
      const person = org.people.get(id);
      if (!person || !person.active) notes.push({ level: rung.level, reason: 'inactive', personId: id });
      else if (id === requesterId) notes.push({ level: rung.level, reason: 'self', personId: id });
      else return { deciderId: id, notes };
    }
  }
  return { deciderId: null, notes };
}

export interface PermissionInput {
  actorId: number;
  actorIsAdmin: boolean;
  status: TApprovalStatus;
  stuck: boolean;
  /** The decider of the open step, if any. */
  currentDeciderId: number | null;
  hasOpenStep: boolean;
  kinds: ReadonlySet<ParticipantKind>;
}

/** What a participant may do now; sent with the request so the web never re-derives it. */
export function permissionsFor(p: PermissionInput): TApprovalPermissions {
  const participant = p.kinds.size > 0;
  const decider = participant && p.status === 'pending' && p.hasOpenStep && p.currentDeciderId === p.actorId;
  // A stuck step has no decider: the admins who were told may hand it to someone (transfer).
  const rescuer = participant && p.status === 'pending' && p.hasOpenStep && p.stuck && p.actorIsAdmin && p.kinds.has('admin');
  return {
    canApprove: decider,
    canReject: decider,
    canReturn: decider,
    canTransfer: decider || rescuer,
    canComment: participant,
    canCC: p.kinds.has('requester') || p.kinds.has('decider'),
  };
}
