import type { ComponentType } from 'react';
import { LoanApprovalSummary } from '../documents/LoanApprovalSummary.tsx';

/**
 * A module's own rendering of what is being approved, by flow type, shown in place of the raw
 * facts. A flow without one keeps the facts table.
 */
export const SUBJECT_SUMMARIES: Record<string, ComponentType<{ entityId: string }>> = {
  'doc.borrow': LoanApprovalSummary,
};
