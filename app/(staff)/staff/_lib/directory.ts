import 'server-only';
import { db } from '@/lib/db';
import { orgScopeWhere, type Actor } from '@/lib/cases/actor';
import { flattenOrgTree, type OrgOption } from '@/lib/portal/org-tree';
import { loadOrgOptions } from '@/lib/portal/load-orgs';
import { cleanSearchQuery } from '@/lib/portal/org-search';
import { STAFF_SEARCH_LIMIT } from './staff-search-limit';

/**
 * Reference data for the staff forms and filters: organisations and staff members (not workflow state).
 * Scoped with the case library's own helpers (lib/cases/actor.ts), so a clerk never sees another subtree's
 * people. (Candidates for lib/cases/directory.ts — see the report.)
 */

/**
 * The organisations of the actor's subtree (admin: all), as a tree: for registering a case (`activeOnly`:
 * retired organisations take no new cases) and for corrections (every one: a case may belong to a retired one).
 */
export async function orgsInScope(actor: Actor, opts: { activeOnly?: boolean } = {}): Promise<OrgOption[]> {
  const where = opts.activeOnly ? { AND: [orgScopeWhere(actor), { retiredAt: null }] } : orgScopeWhere(actor);
  const rows = await db.organisation.findMany({ where, select: { id: true, name: true, parentId: true } });
  return flattenOrgTree(rows);
}

/** Every organisation (public information): targets of a transfer (转办). */
export async function allOrgs(): Promise<OrgOption[]> {
  return loadOrgOptions();
}

export interface StaffMember {
  id: string;
  name: string;
  role: 'clerk' | 'reviewer';
  orgName: string | null;
}

/** Active clerks and reviewers of the actor's subtree: the clerk filter of the case list. */
export async function staffInScope(actor: Actor): Promise<StaffMember[]> {
  const users = await db.user.findMany({
    where: { role: { in: ['clerk', 'reviewer'] }, isActive: true, org: orgScopeWhere(actor) },
    select: { id: true, name: true, role: true, org: { select: { name: true } } },
    orderBy: [{ orgId: 'asc' }, { name: 'asc' }],
  });
  return users.map((u) => ({ id: u.id, name: u.name, role: u.role as StaffMember['role'], orgName: u.org?.name ?? null }));
}

/**
 * Who may be assigned a case of organisation `orgId`: active clerks and reviewers whose organisation is the
 * case's or one above it (they can see it — the rule lib/cases/transition-case.ts checks on assign).
 */
export async function assigneesForOrg(orgId: number): Promise<StaffMember[]> {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { path: true } });
  if (!org) return [];
  const ancestorIds = org.path.split('/').filter(Boolean).map(Number);
  const users = await db.user.findMany({
    where: { role: { in: ['clerk', 'reviewer'] }, isActive: true, orgId: { in: ancestorIds } },
    select: { id: true, name: true, role: true, org: { select: { name: true } } },
    orderBy: [{ orgId: 'desc' }, { name: 'asc' }],
  });
  return users.map((u) => ({ id: u.id, name: u.name, role: u.role as StaffMember['role'], orgName: u.org?.name ?? null }));
}

export { STAFF_SEARCH_LIMIT };

/**
 * Active clerks and reviewers of the actor's subtree whose name (or organisation's name) contains `q`, for
 * the case list's clerk picker, loaded on demand (issue 13). `more`: the list was cut at the limit.
 */
export async function searchStaffInScope(actor: Actor, rawQuery: string): Promise<{ items: StaffMember[]; more: boolean }> {
  const q = cleanSearchQuery(rawQuery);
  const users = await db.user.findMany({
    where: {
      role: { in: ['clerk', 'reviewer'] },
      isActive: true,
      org: orgScopeWhere(actor),
      ...(q ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { org: { name: { contains: q, mode: 'insensitive' } } }] } : {}),
    },
    select: { id: true, name: true, role: true, org: { select: { name: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: STAFF_SEARCH_LIMIT + 1,
  });
  return {
    items: users.slice(0, STAFF_SEARCH_LIMIT).map((u) => ({ id: u.id, name: u.name, role: u.role as StaffMember['role'], orgName: u.org?.name ?? null })),
    more: users.length > STAFF_SEARCH_LIMIT,
  };
}

/** One staff member of the actor's subtree (the clerk filter's chosen value), or null. */
export async function staffMemberInScope(actor: Actor, id: string): Promise<StaffMember | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const u = await db.user.findFirst({
    where: { id, role: { in: ['clerk', 'reviewer'] }, org: orgScopeWhere(actor) },
    select: { id: true, name: true, role: true, org: { select: { name: true } } },
  });
  return u ? { id: u.id, name: u.name, role: u.role as StaffMember['role'], orgName: u.org?.name ?? null } : null;
}
