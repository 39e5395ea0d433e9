import type { DeciderRule } from '../../platform/approvals/index.ts';

/**
 * TSK-9: who accepts — the task's acceptor (需求方) if it names one, else the owner's head; the
 * approval ladder passes over a vacant post, a disabled person or the owner themself, upwards.
 */
export const acceptorRule = (facts: Record<string, unknown>): DeciderRule =>
  typeof facts.acceptorId === 'number' ? { kind: 'person', personId: facts.acceptorId } : { kind: 'departmentHead' };
