import { z } from 'zod';
import { ZWorkbenchSection } from './workbench.ts';

/**
 * The top bar's global search (UX.md "Frame"): one group per module that has landed, each with what
 * the caller may see of it (the module's own list and scopes, so nothing secret or not theirs shows).
 * The web labels known keys and links each group to the module's list with the same words.
 */
export const SEARCH_SOURCE_KEYS = ['tasks', 'meetings', 'documents'] as const;

/** `GET /api/search?q=&limit=` */
export const ZSearchQuery = z.object({
  q: z.string().trim().min(1).max(64),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
export type TSearchQuery = z.input<typeof ZSearchQuery>;

/** A module's matches: the workbench section's shape (count of all it holds, the top items). */
export const ZSearchGroup = ZWorkbenchSection;
export type TSearchGroup = z.infer<typeof ZSearchGroup>;

export const ZSearchResult = z.object({ q: z.string(), groups: z.array(ZSearchGroup) });
export type TSearchResult = z.infer<typeof ZSearchResult>;
