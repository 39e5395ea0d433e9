/** ALL-1: a department may not be moved under itself or under one of its own sub-departments. */
export function wouldCreateCycle(departmentId: number, newParentId: number | null, parentOf: Map<number, number | null>): boolean {
  const seen = new Set<number>();
  for (let cursor = newParentId; cursor !== null && cursor !== undefined; cursor = parentOf.get(cursor) ?? null) {
    if (cursor === departmentId || seen.has(cursor)) return true;
    seen.add(cursor);
  }
  return false;
}

/** ALL-7: the last active administrator cannot lose the role or be disabled. */
export function removesLastAdmin(
  before: { roles: string[]; active: boolean },
  after: { roles: string[]; active: boolean },
  otherActiveAdmins: number,
): boolean {
  const wasAdmin = before.active && before.roles.includes('admin');
  const isAdmin = after.active && after.roles.includes('admin');
  return wasAdmin && !isAdmin && otherActiveAdmins === 0;
}

