import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { ORG_SEARCH_LIMIT } from './org-search-limit';

/**
 * On-demand search of the organisation tree for pickers (issue 13): the application form's agency picker
 * (every organisation — public information) and the staff list's organisation filter (the actor's subtree).
 * A page ships no 500-entry list; the picker asks for the matches of what was typed. Two small queries: the
 * matches, then the names of their ancestors (shown as context, e.g. 示范市人民政府 › 教育局).
 */

export interface OrgMatch {
  id: number;
  name: string;
  /** The organisation code, only when asked for (`withCode`: pickers whose value is the code). */
  code?: string;
  /** Names of the ancestors, root first (inside the scope and outside it: an agency's place is public). */
  context: string[];
}

export { ORG_SEARCH_LIMIT };
/** Longer input cannot match a name; it is cut, not refused (a picker query is never an error). */
export const SEARCH_QUERY_MAX = 50;

/** Trimmed, NUL bytes and control characters removed, at most SEARCH_QUERY_MAX characters. */
export function cleanSearchQuery(raw: string | null | undefined): string {
  return (raw ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, SEARCH_QUERY_MAX);
}

/** `%q%` for ILIKE with `\` as the escape character: `%`, `_` and `\` in the input match themselves. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Organisations whose name contains `q` (case-insensitive, spaces ignored in the name), nearest the root
 * first, then by name; an empty query lists the top of the tree. `scopePath` restricts to a subtree
 * (`/1/4/`); null = every organisation. `more` says whether the list was cut at `limit`.
 */
export async function searchOrganisations(opts: {
  q: string;
  scopePath: string | null;
  limit?: number;
  /** Leave out retired organisations (the applicants' agency picker); list filters keep them (they have cases). */
  activeOnly?: boolean;
  /** Include each match's code (the annual report's organisation picker submits codes). */
  withCode?: boolean;
}): Promise<{ items: OrgMatch[]; more: boolean }> {
  const limit = opts.limit ?? ORG_SEARCH_LIMIT;
  const q = cleanSearchQuery(opts.q).replace(/\s+/g, '');
  const scope = opts.scopePath === null ? Prisma.sql`TRUE` : Prisma.sql`starts_with(path, ${opts.scopePath})`;
  const match = q ? Prisma.sql`replace(name, ' ', '') ILIKE ${containsPattern(q)} ESCAPE '\\'` : Prisma.sql`TRUE`;
  const rows = await db.$queryRaw<{ id: number; code: string; name: string; path: string }[]>`
    SELECT id, code, name, path FROM organisations
    WHERE ${scope} AND ${match} AND (${opts.activeOnly !== true}::boolean OR retired_at IS NULL)
    ORDER BY length(path) - length(replace(path, '/', '')), name, id
    LIMIT ${limit + 1}`;
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const ancestorIds = [...new Set(page.flatMap((r) => ancestorsOf(r.path, r.id)))];
  const names = new Map<number, string>();
  if (ancestorIds.length) {
    const found = await db.organisation.findMany({ where: { id: { in: ancestorIds } }, select: { id: true, name: true } });
    for (const o of found) names.set(o.id, o.name);
  }
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      ...(opts.withCode ? { code: r.code } : {}),
      context: ancestorsOf(r.path, r.id).flatMap((id) => names.get(id) ?? []),
    })),
    more,
  };
}

/** Ancestor ids from a materialised path (`/1/4/9/` of 9 → [1, 4]). */
export function ancestorsOf(path: string, id: number): number[] {
  return path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n !== id);
}

/** One organisation as a picker option (the chosen value shown after a reload), or null outside the scope. */
export async function organisationOption(id: number, scopePath: string | null): Promise<OrgMatch | null> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const org = await db.organisation.findUnique({ where: { id }, select: { id: true, name: true, path: true } });
  if (!org || (scopePath !== null && !org.path.startsWith(scopePath))) return null;
  const ids = ancestorsOf(org.path, org.id);
  const found = ids.length ? await db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(found.map((o) => [o.id, o.name]));
  return { id: org.id, name: org.name, context: ids.flatMap((i) => names.get(i) ?? []) };
}
