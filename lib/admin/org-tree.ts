/**
 * The organisation tree as the admin screens show it (pure). Organisations carry a materialised path of ids
 * from the root down to themselves ("/1/4/"), so a subtree is one prefix match; these helpers order a flat
 * list into the tree and check that every path is what the parent links say it must be.
 */

export interface OrgRow {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly parentId: number | null;
  readonly path: string;
}

export type OrgTreeEntry<T extends OrgRow> = T & { readonly depth: number };

/** The path an organisation must have: its parent's path plus its own id ("/" for a root's parent). */
export function expectedPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Depth-first order (parents before children, siblings by code), each with its depth (root = 0). */
export function orderOrgTree<T extends OrgRow>(rows: readonly T[]): OrgTreeEntry<T>[] {
  const children = new Map<number | null, T[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const row of rows) {
    // An organisation whose parent is not in the list is shown as a root (e.g. a scoped list).
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const out: OrgTreeEntry<T>[] = [];
  const visit = (parent: number | null, depth: number, seen: Set<number>) => {
    for (const row of children.get(parent) ?? []) {
      if (seen.has(row.id)) continue; // a cycle in bad data must not loop forever
      seen.add(row.id);
      out.push({ ...row, depth });
      visit(row.id, depth + 1, seen);
    }
  };
  visit(null, 0, new Set());
  return out;
}

/** Organisations whose stored path disagrees with their parent chain (data-quality check; empty when sound). */
export function pathProblems(rows: readonly OrgRow[]): Array<{ id: number; code: string; path: string; expected: string }> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems: Array<{ id: number; code: string; path: string; expected: string }> = [];
  for (const row of rows) {
    const parent = row.parentId === null ? null : byId.get(row.parentId);
    const expected = expectedPath(parent ? parent.path : null, row.id);
    if (row.path !== expected) problems.push({ id: row.id, code: row.code, path: row.path, expected });
  }
  return problems;
}

/** Ids on a materialised path, root first ("/1/4/" → [1, 4]). */
export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter((p) => /^\d+$/.test(p))
    .map(Number);
}

/** Whether `path` lies in the subtree rooted at `rootPath` (itself included). */
export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** Organisation codes: letters, digits and hyphens, starting with a letter or digit (SFS, SFS-JY). */
export const ORG_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
