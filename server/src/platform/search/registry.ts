import type { TWorkbenchItem } from '@opsdesk/contract';
import type { AuthedCtx } from '../http/context.ts';

/**
 * The global search (GET /api/search): each module contributes a source when its routes are
 * registered, as it does its workbench section. A source answers through the module's own list
 * query, with its ALL-7 scoping and secrecy rules, so the search can show nothing the list would not.
 */
export interface SearchSource {
  /** See SEARCH_SOURCE_KEYS in the contract (the web's labels and links). */
  key: string;
  /** Place in the answer, ascending. */
  order: number;
  search(ctx: AuthedCtx, q: string, limit: number): Promise<{ count: number; items: TWorkbenchItem[] }>;
}

const sources = new Map<string, SearchSource>();

/** Idempotent by key: a second app in the same process (tests) registers the same source again. */
export function registerSearchSource(source: SearchSource): void {
  sources.set(source.key, source);
}

export const searchSources = (): SearchSource[] => [...sources.values()].sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : 1));
