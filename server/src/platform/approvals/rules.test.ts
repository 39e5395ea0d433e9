import { describe, expect, it } from 'vitest';
import { type OrgDepartment, type OrgPerson, type OrgView, factAbove, permissionsFor, resolveDecider, stepApplies } from './rules.ts';

// 1 总经理办公室 (GM 1) · 2 研发部 (head 10, leader 2) · 3 前端组 under 研发部 (no head) · 4 行政部 (head 20, leader 3)
function org(overrides: { people?: Partial<OrgPerson>[]; departments?: Partial<OrgDepartment>[] } = {}): OrgView {
  const departments: OrgDepartment[] = [
    { id: 1, code: 'ZJB', parentId: null, headId: 1, divisionLeaderId: null },
    { id: 2, code: 'YF', parentId: null, headId: 10, divisionLeaderId: 2 },
    { id: 3, code: 'QD', parentId: 2, headId: null, divisionLeaderId: null },
    { id: 4, code: 'XZ', parentId: null, headId: 20, divisionLeaderId: 3 },
  ];
  const people: OrgPerson[] = [
    { id: 1, active: true, roles: ['general_manager'], departmentId: 1 },
    { id: 2, active: true, roles: ['division_leader'], departmentId: 2 },
    { id: 3, active: true, roles: ['division_leader'], departmentId: 4 },
    { id: 10, active: true, roles: ['department_head'], departmentId: 2 },
    { id: 11, active: true, roles: ['employee'], departmentId: 2 },
    { id: 12, active: true, roles: ['employee'], departmentId: 3 },
    { id: 20, active: true, roles: ['department_head', 'resource_coordinator'], departmentId: 4 },
    { id: 21, active: true, roles: ['archivist'], departmentId: 4 },
  ];
  for (const d of overrides.departments ?? []) Object.assign(departments.find((x) => x.id === d.id)!, d);
  for (const p of overrides.people ?? []) {
    const found = people.find((x) => x.id === p.id);
    if (found) Object.assign(found, p);
    else people.push({ active: true, roles: ['employee'], departmentId: null, ...p } as OrgPerson);
  }
  return { departments: new Map(departments.map((d) => [d.id, d])), people: new Map(people.map((p) => [p.id, p])) };
}

describe('approval decider rules (DOC-5, RES-2/3, TSK-9)', () => {
  it('DOC-5 the requester’s department head, then the archivist of 行政部 by code', () => {
    expect(resolveDecider({ kind: 'departmentHead' }, 11, org())).toEqual({ deciderId: 10, notes: [] });
    expect(resolveDecider({ kind: 'role', role: 'archivist', department: { code: 'XZ' } }, 11, org())).toEqual({ deciderId: 21, notes: [] });
    expect(resolveDecider({ kind: 'role', role: 'resource_coordinator', department: { id: 4 } }, 11, org()).deciderId).toBe(20);
  });

  it('DOC-5 the division leader is the nearest one up the tree', () => {
    expect(resolveDecider({ kind: 'divisionLeader' }, 12, org())).toEqual({ deciderId: 2, notes: [] });
  });

  it('nobody approves their own request: a head asking goes up to the division leader, with a note', () => {
    expect(resolveDecider({ kind: 'departmentHead' }, 10, org())).toEqual({
      deciderId: 2,
      notes: [{ level: 'departmentHead', reason: 'self', personId: 10 }],
    });
  });

  it('the archivist borrowing goes up to 行政部’s head', () => {
    expect(resolveDecider({ kind: 'role', role: 'archivist', department: { code: 'XZ' } }, 21, org())).toEqual({
      deciderId: 20,
      notes: [{ level: 'role', reason: 'self', personId: 21 }],
    });
  });

  it('a vacant head goes to the parent department’s head, then the division leader — never silently', () => {
    expect(resolveDecider({ kind: 'departmentHead' }, 12, org())).toEqual({
      deciderId: 10,
      notes: [{ level: 'departmentHead', reason: 'vacant', personId: null }],
    });
    const vacant = org({ departments: [{ id: 2, headId: null }] });
    expect(resolveDecider({ kind: 'departmentHead' }, 11, vacant)).toEqual({
      deciderId: 2,
      notes: [{ level: 'departmentHead', reason: 'vacant', personId: null }],
    });
  });

  it('a disabled head is passed over as inactive; a missing division leader goes to the general manager', () => {
    const o = org({ people: [{ id: 10, active: false }], departments: [{ id: 2, divisionLeaderId: null }] });
    expect(resolveDecider({ kind: 'departmentHead' }, 11, o)).toEqual({
      deciderId: 1,
      notes: [
        { level: 'departmentHead', reason: 'inactive', personId: 10 },
        { level: 'divisionLeader', reason: 'vacant', personId: null },
      ],
    });
  });

  it('a requester without a department goes straight up to the general manager, with notes', () => {
    const o = org({ people: [{ id: 30, departmentId: null }] });
    expect(resolveDecider({ kind: 'departmentHead' }, 30, o)).toEqual({
      deciderId: 1,
      notes: [
        { level: 'departmentHead', reason: 'vacant', personId: null },
        { level: 'divisionLeader', reason: 'vacant', personId: null },
      ],
    });
  });

  it('nothing found: the decider is null (the request will be stuck)', () => {
    const o = org({ people: [{ id: 1, active: false }] });
    const r = resolveDecider({ kind: 'generalManager' }, 11, o);
    expect(r).toEqual({ deciderId: null, notes: [{ level: 'generalManager', reason: 'inactive', personId: 1 }] });
    expect(resolveDecider({ kind: 'generalManager' }, 1, org()).deciderId).toBeNull();
  });

  it('a named person, or up their own department when disabled', () => {
    expect(resolveDecider({ kind: 'person', personId: 21 }, 11, org()).deciderId).toBe(21);
    const o = org({ people: [{ id: 21, active: false }] });
    expect(resolveDecider({ kind: 'person', personId: 21 }, 11, o)).toEqual({ deciderId: 20, notes: [{ level: 'person', reason: 'inactive', personId: 21 }] });
  });

  it('a person on two rungs is considered once (no repeated note)', () => {
    // The head of 研发部 is also its division leader and is the requester.
    const o = org({ departments: [{ id: 2, divisionLeaderId: 10 }] });
    expect(resolveDecider({ kind: 'departmentHead' }, 10, o)).toEqual({ deciderId: 1, notes: [{ level: 'departmentHead', reason: 'self', personId: 10 }] });
  });
});

describe('conditional steps (DOC-5 secret → division leader; budget > N → general manager)', () => {
  it('matches facts by equality or by a predicate', () => {
    expect(stepApplies(undefined, {})).toBe(true);
    expect(stepApplies({ secret: true }, { secret: true })).toBe(true);
    expect(stepApplies({ secret: true }, { secret: false })).toBe(false);
    expect(stepApplies({ secret: true }, {})).toBe(false);
    expect(stepApplies(factAbove('budget', 10000), { budget: 10001 })).toBe(true);
    expect(stepApplies(factAbove('budget', 10000), { budget: 10000 })).toBe(false);
    expect(stepApplies(factAbove('budget', 10000), { budget: '20000' })).toBe(false);
  });
});

describe('approval permissions', () => {
  const base = { actorId: 5, actorIsAdmin: false, status: 'pending' as const, stuck: false, currentDeciderId: 5, hasOpenStep: true };
  it('the current decider may decide, transfer, comment and CC', () => {
    expect(permissionsFor({ ...base, kinds: new Set(['decider']) })).toEqual({
      canApprove: true,
      canReject: true,
      canReturn: true,
      canTransfer: true,
      canComment: true,
      canCC: true,
    });
  });
  it('the requester only comments and CCs; a CC’d person only comments', () => {
    expect(permissionsFor({ ...base, currentDeciderId: 6, kinds: new Set(['requester']) })).toMatchObject({ canApprove: false, canTransfer: false, canComment: true, canCC: true });
    expect(permissionsFor({ ...base, currentDeciderId: 6, kinds: new Set(['cc']) })).toMatchObject({ canApprove: false, canComment: true, canCC: false });
  });
  it('nothing to decide once the request is decided or returned', () => {
    expect(permissionsFor({ ...base, status: 'approved', kinds: new Set(['decider']) })).toMatchObject({ canApprove: false, canTransfer: false, canComment: true });
    expect(permissionsFor({ ...base, status: 'returned', hasOpenStep: false, kinds: new Set(['decider']) })).toMatchObject({ canReturn: false });
  });
  it('an admin told about a stuck request may only transfer it', () => {
    const p = permissionsFor({ ...base, actorIsAdmin: true, stuck: true, currentDeciderId: null, kinds: new Set(['admin']) });
    expect(p).toEqual({ canApprove: false, canReject: false, canReturn: false, canTransfer: true, canComment: true, canCC: false });
  });
});
