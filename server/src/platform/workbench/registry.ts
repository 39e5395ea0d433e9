import type { TWorkbenchItem } from '@opsdesk/contract';
import type { AuthedCtx } from '../http/context.ts';

/**
 * ALL-3 我的工作台: each module contributes the sections it owns (tasks, meetings, loans, …) when
 * its routes are registered. A section answers for the caller only: how many, and the top `limit`
 * items (overdue first where that applies). A module not built yet has no section — none is faked.
 */
export interface WorkbenchSection {
  /** See WORKBENCH_SECTION_KEYS in the contract (the web's labels). */
  key: string;
  /** Place on the page, ascending. */
  order: number;
  load(ctx: AuthedCtx, limit: number): Promise<{ count: number; items: TWorkbenchItem[] }>;
}

const sections = new Map<string, WorkbenchSection>();

/** Idempotent by key: a second app in the same process (tests) registers the same section again. */
export function registerWorkbenchSection(section: WorkbenchSection): void {
  sections.set(section.key, section);
}

export const workbenchSections = (): WorkbenchSection[] => [...sections.values()].sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : 1));
