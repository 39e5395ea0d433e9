import { departments } from '../../modules/org/schema.ts';
import type { Db } from '../../db/client.ts';

/**
 * The department tree as ALL-7 needs it (parent, head, division leader and name of each department), read
 * in one query and kept per database handle, so that resolving a scope costs no round trip on
 * every request. A write to departments in this process drops it at once (invalidateOrgTree, after
 * the commit); other server instances see the change within TTL_MS, as with sessions. A
 * transaction handle is a key of its own, so a transaction reads its own writes.
 */
export interface OrgTree {
  /** Child departments of each department. */
  children: Map<number, number[]>;
  /** Departments each person heads or leads as division leader. */
  led: Map<number, number[]>;
  /** Every department by id, with its name. */
  names: Map<number, string>;
}

const TTL_MS = 30_000;
const cache = new WeakMap<object, { loadedAt: number; generation: number; tree: Promise<OrgTree> }>();
let generation = 0;

/** After departments change (create, move, head, delete): every cached tree is read again. */
export function invalidateOrgTree(): void {
  generation += 1;
}

export function orgTree(db: Db): Promise<OrgTree> {
  const hit = cache.get(db);
  if (hit && hit.generation === generation && performance.now() - hit.loadedAt < TTL_MS) return hit.tree;
  const entry = { loadedAt: performance.now(), generation, tree: loadTree(db) };
  entry.tree.catch(() => cache.get(db) === entry && cache.delete(db));
  cache.set(db, entry);
  return entry.tree;
}

async function loadTree(db: Db): Promise<OrgTree> {
  const rows = await db
    .select({ id: departments.id, name: departments.name, parentId: departments.parentId, headId: departments.headId, leaderId: departments.divisionLeaderId })
    .from(departments);
  const tree: OrgTree = { children: new Map(), led: new Map(), names: new Map() };
  const push = (map: Map<number, number[]>, key: number, value: number) => map.set(key, [...(map.get(key) ?? []), value]);
  for (const d of rows) {
    tree.names.set(d.id, d.name);
    if (d.parentId !== null) push(tree.children, d.parentId, d.id);
    if (d.headId !== null) push(tree.led, d.headId, d.id);
    if (d.leaderId !== null && d.leaderId !== d.headId) push(tree.led, d.leaderId, d.id);
  }
  return tree;
}

/**
 * A store for what follows from the org tree and a key (e.g. who asks and what): kept with the tree
 * it was made from, so it is made again once the tree is read again — after an organisation change,
 * or the TTL. At most `max` per tree. A `make` that throws keeps nothing.
 */
export function keptWithTree<T>(max = 1000): (tree: OrgTree, key: string, make: () => Promise<T>) => Promise<T> {
  const kept = new WeakMap<OrgTree, Map<string, T>>();
  return async (tree, key, make) => {
    let byKey = kept.get(tree);
    if (!byKey) kept.set(tree, (byKey = new Map()));
    const hit = byKey.get(key);
    if (hit !== undefined) return hit;
    const made = await make();
    if (byKey.size >= max) byKey.clear();
    byKey.set(key, made);
    return made;
  };
}

/** The given departments and every department below them, each once. */
export function withDescendants(tree: OrgTree, roots: readonly number[]): number[] {
  const out = new Set(roots.filter((id) => tree.names.has(id)));
  for (const id of out) for (const child of tree.children.get(id) ?? []) out.add(child);
  return [...out];
}
