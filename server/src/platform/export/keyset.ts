/**
 * Rows of a query read in keyset pages (WHERE key > last ORDER BY key LIMIT n): each page is an
 * index range scan, so the millionth row costs what the first did, and only one page is in memory.
 */
export async function* keysetRows<R, K>(
  fetchPage: (after: K | null, limit: number) => Promise<R[]>,
  keyOf: (row: R) => K,
  pageSize = 1000,
): AsyncGenerator<R> {
  let after: K | null = null;
  for (;;) {
    const page = await fetchPage(after, pageSize);
    for (const row of page) yield row;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = keyOf(last);
  }
}
