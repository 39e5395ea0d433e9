import { SECRECY_LABELS, ZDocumentListQuery } from '@opsdesk/contract';
import type { SearchSource } from '../../platform/search/registry.ts';
import { listDocuments } from './queries.service.ts';

/**
 * The global search's documents: the archive list with the words, newest first. DOC-4 holds as in
 * the list: a secret document shows only to whom the list shows it, and its text is never indexed.
 */
export function documentsSearch(timeZone: string): SearchSource {
  return {
    key: 'documents',
    order: 30,
    search: async (ctx, q, limit) => {
      const page = await listDocuments({ ...ctx, timeZone }, ZDocumentListQuery.parse({ q, pageSize: limit }));
      return {
        count: page.total,
        items: page.items.map((d) => ({
          id: String(d.id),
          title: d.name,
          subtitle: [d.number ?? null, `V${d.version}`, d.category.path, d.secrecy === 'secret' ? SECRECY_LABELS.secret[ctx.locale] : null].filter(Boolean).join(' · '),
          link: `/documents/${d.id}`,
          at: d.createdOn,
          overdue: false,
        })),
      };
    },
  };
}
