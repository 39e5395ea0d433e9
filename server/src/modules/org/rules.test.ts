import { describe, expect, it } from 'vitest';
import { removesLastAdmin, wouldCreateCycle } from './rules.ts';

// A small tree:  1 ─┬─ 2 ── 4 ── 5
//                   └─ 3
//                6 (a second root)
const parentOf = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 1],
  [4, 2],
  [5, 4],
  [6, null],
]);

describe('ALL-1 wouldCreateCycle', () => {
  it('ALL-1 allows moving a department to the top level', () => {
    expect(wouldCreateCycle(4, null, parentOf)).toBe(false);
  });

  it('ALL-1 allows moving a department under a sibling, a cousin or another root', () => {
    expect(wouldCreateCycle(3, 2, parentOf)).toBe(false);
    expect(wouldCreateCycle(3, 5, parentOf)).toBe(false);
    expect(wouldCreateCycle(2, 6, parentOf)).toBe(false);
    expect(wouldCreateCycle(6, 5, parentOf)).toBe(false);
  });

  it('ALL-1 allows keeping the current parent, and moving a department under its own ancestor', () => {
    expect(wouldCreateCycle(4, 2, parentOf)).toBe(false);
    expect(wouldCreateCycle(5, 1, parentOf)).toBe(false);
  });

  it('ALL-1 refuses a department as its own parent', () => {
    expect(wouldCreateCycle(2, 2, parentOf)).toBe(true);
    expect(wouldCreateCycle(6, 6, parentOf)).toBe(true);
  });

  it('ALL-1 refuses moving a department under its child', () => {
    expect(wouldCreateCycle(2, 4, parentOf)).toBe(true);
    expect(wouldCreateCycle(1, 3, parentOf)).toBe(true);
  });

  it('ALL-1 refuses moving a department under a deeper descendant', () => {
    expect(wouldCreateCycle(2, 5, parentOf)).toBe(true);
    expect(wouldCreateCycle(1, 5, parentOf)).toBe(true);
  });

  it('ALL-1 treats a parent missing from the map as the top of its chain', () => {
    expect(wouldCreateCycle(2, 99, parentOf)).toBe(false);
  });

  it('ALL-1 stops on an existing loop in the data instead of running forever', () => {
    const broken = new Map<number, number | null>([
      [10, 11],
      [11, 10],
      [12, null],
    ]);
    expect(wouldCreateCycle(12, 10, broken)).toBe(true);
  });

  it('ALL-1 works on an empty organisation', () => {
    expect(wouldCreateCycle(1, null, new Map())).toBe(false);
    expect(wouldCreateCycle(1, 2, new Map())).toBe(false);
  });
});

describe('ALL-7 removesLastAdmin', () => {
  const admin = { roles: ['admin'], active: true };
  const adminAndEmployee = { roles: ['admin', 'employee'], active: true };

  it('ALL-7 refuses disabling the last active admin', () => {
    expect(removesLastAdmin(admin, { roles: ['admin'], active: false }, 0)).toBe(true);
  });

  it('ALL-7 refuses taking the admin role from the last active admin', () => {
    expect(removesLastAdmin(adminAndEmployee, { roles: ['employee'], active: true }, 0)).toBe(true);
    expect(removesLastAdmin(admin, { roles: [], active: true }, 0)).toBe(true);
  });

  it('ALL-7 allows either change when another active admin remains', () => {
    expect(removesLastAdmin(admin, { roles: ['admin'], active: false }, 1)).toBe(false);
    expect(removesLastAdmin(adminAndEmployee, { roles: ['employee'], active: true }, 2)).toBe(false);
  });

  it('ALL-7 allows the last admin to change other roles while staying admin', () => {
    expect(removesLastAdmin(admin, { roles: ['admin', 'auditor'], active: true }, 0)).toBe(false);
    expect(removesLastAdmin(adminAndEmployee, { roles: ['admin'], active: true }, 0)).toBe(false);
  });

  it('ALL-7 ignores people who are not active admins before the change', () => {
    // A disabled admin losing the role, or an employee being disabled, removes no active admin.
    expect(removesLastAdmin({ roles: ['admin'], active: false }, { roles: ['employee'], active: false }, 0)).toBe(false);
    expect(removesLastAdmin({ roles: ['employee'], active: true }, { roles: ['employee'], active: false }, 0)).toBe(false);
  });

  it('ALL-7 allows granting admin or re-enabling an admin', () => {
    expect(removesLastAdmin({ roles: ['employee'], active: true }, { roles: ['admin'], active: true }, 0)).toBe(false);
    expect(removesLastAdmin({ roles: ['admin'], active: false }, { roles: ['admin'], active: true }, 0)).toBe(false);
  });
});
