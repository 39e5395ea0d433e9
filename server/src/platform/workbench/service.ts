import type { TWorkbench } from '@opsdesk/contract';
import type { AuthedCtx } from '../http/context.ts';
import { workbenchSections } from './registry.ts';

/** ALL-3: every registered section for the caller, loaded side by side. */
export async function getWorkbench(ctx: AuthedCtx, limit: number): Promise<TWorkbench> {
  const sections = await Promise.all(
    workbenchSections().map(async (s) => {
      const { count, items } = await s.load(ctx, limit);
      return { key: s.key, count, items: items.slice(0, limit) };
    }),
  );
  return { sections };
}
