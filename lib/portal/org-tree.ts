/**
 * The organisation picker of the application form: the agency tree (city office → departments, towns)
 * flattened in display order with depths, and a search that keeps the ancestors of every match visible so
 * the applicant sees where an agency sits. Pure; used on the server to build the list and in the browser
 * to filter it.
 */

export interface OrgRow {
  id: number;
  name: string;
  parentId: number | null;
}

export interface OrgOption {
  id: number;
  name: string;
  depth: number;
  parentId: number | null;
}

/** Depth-first order, siblings by name (Chinese collation); orphans (parent missing) become roots. */
export function flattenOrgTree(rows: readonly OrgRow[]): OrgOption[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, OrgRow[]>();
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  const collator = new Intl.Collator('zh-CN');
  const out: OrgOption[] = [];
  const seen = new Set<number>();
  const visit = (parent: number | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => collator.compare(a.name, b.name));
    for (const row of list) {
      if (seen.has(row.id)) continue; // a cycle in bad data must not loop forever
      seen.add(row.id);
      out.push({ id: row.id, name: row.name, depth, parentId: parent });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** Lower-case, no spaces: "示范市 教育局" finds 示范市教育局, "Edu" finds nothing Chinese, as expected. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}

/**
 * Ids to show for a query: every organisation whose name contains it, plus their ancestors. An empty
 * query shows everything. `matches` counts the organisations that actually match (for the live region).
 */
export function filterOrgOptions(options: readonly OrgOption[], query: string): { visible: Set<number>; matches: number } {
  const q = normalise(query);
  if (!q) return { visible: new Set(options.map((o) => o.id)), matches: options.length };
  const byId = new Map(options.map((o) => [o.id, o]));
  const visible = new Set<number>();
  let matches = 0;
  for (const option of options) {
    if (!normalise(option.name).includes(q)) continue;
    matches++;
    let current: OrgOption | undefined = option;
    while (current && !visible.has(current.id)) {
      visible.add(current.id);
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
  }
  return { visible, matches };
}
