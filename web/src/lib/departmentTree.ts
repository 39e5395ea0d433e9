import type { TDepartment } from '@opsdesk/contract';

export interface DepartmentNode extends TDepartment {
  children?: DepartmentNode[];
}

const bySortThenName = (a: TDepartment, b: TDepartment) =>
  a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');

/** The API gives a flat list with parentId; the tree is built here. Orphans become roots. */
export function buildDepartmentTree(list: readonly TDepartment[]): DepartmentNode[] {
  const ids = new Set(list.map((d) => d.id));
  const childrenOf = new Map<number | null, TDepartment[]>();
  for (const dept of list) {
    const parent = dept.parentId !== null && ids.has(dept.parentId) ? dept.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), dept]);
  }
  const build = (parent: number | null, seen: Set<number>): DepartmentNode[] =>
    (childrenOf.get(parent) ?? [])
      .filter((d) => !seen.has(d.id))
      .sort(bySortThenName)
      .map((dept) => {
        const kids = build(dept.id, new Set(seen).add(dept.id));
        return kids.length > 0 ? { ...dept, children: kids } : { ...dept };
      });
  return build(null, new Set());
}

/** A department and everything under it: not allowed as its own new parent. */
export function descendantIds(list: readonly TDepartment[], rootId: number): Set<number> {
  const out = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const dept of list) {
      if (dept.parentId !== null && out.has(dept.parentId) && !out.has(dept.id)) {
        out.add(dept.id);
        grew = true;
      }
    }
  }
  return out;
}

export function allIds(nodes: readonly DepartmentNode[]): number[] {
  return nodes.flatMap((node) => (node.children ? [node.id, ...allIds(node.children)] : [node.id]));
}
