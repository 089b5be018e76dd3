/**
 * Restructuring the organisation tree (issue 12 item 6): move an organisation (with its subtree) under
 * another parent or to the top level, merge one into another, retire one, reinstate a retired one, and the
 * history of those acts. Every act is one transaction with its audit event (`organisation.*`), guarded by
 * compare-and-set on the organisation's path as the admin saw it, and refused while it would change a
 * locked report period.
 *
 * What each act changes, and why:
 * - Move: the materialised paths of the subtree ("/1/4/" → "/7/4/"), so scoping (staff see their
 *   organisation's subtree; lib/auth/session.ts reads the path on every request) and subtree tables follow
 *   at once. The tables of the old and the new ancestors change for every year the subtree has data in, so
 *   a lock on any of those years held by an old or new ancestor refuses the move (unlock first).
 * - Merge A into B: A's cases, appeals and staff move to B (B's own table gains them, A's loses them); A's
 *   children are re-parented under B; A itself is placed under B and retired, keeping what belongs to it as
 *   an agency of record (its document-number sequences, templates, section 二 figures, published tables,
 *   locks and seal), so B's subtree table still counts A's section 二 figures. Case transfers already on
 *   record keep naming A. Locks: A's and B's years (their own and their ancestors').
 * - Retire: only an organisation without active staff, open cases or active children; it disappears from
 *   the applicants' agency picker and cannot receive new cases or transfers, and keeps counting where it
 *   sits in the tree. Reinstating undoes a retirement (not a merge).
 *
 * Admins attached to an organisation act inside its subtree only (as everywhere: outside it the
 * organisation looks unknown); creating a top-level organisation or moving one to the top level needs an
 * admin without an organisation.
 */
import 'server-only';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { assertPeriodUnlocked } from '@/lib/reports/period-lock';
import { ORG_CODE_PATTERN } from '@/lib/admin/org-tree';
import { zText } from '@/lib/validation/text';

const orgId = z.coerce.number().int().positive().max(2_147_483_647);
const orgCode = z.string().trim().min(1, 'validation.required').max(64, 'admin.errors.tooLong').regex(ORG_CODE_PATTERN, 'admin.organisations.errors.codeFormat');
const expectedPath = z.string().trim().max(400).regex(/^\/(\d+\/)+$/, 'errors.validation');
const reason = zText().min(1, 'validation.required').max(500, 'admin.errors.tooLong');

export const moveOrganisationSchema = z.object({
  id: orgId,
  expectedPath,
  /** The new parent's code; empty = the top level. */
  parentCode: z.union([z.literal(''), orgCode]).default(''),
  reason,
});
export const mergeOrganisationSchema = z.object({ id: orgId, expectedPath, intoCode: orgCode, reason });
export const retireOrganisationSchema = z.object({ id: orgId, expectedPath, reason });

interface OrgRow {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  path: string;
  retired_at: Date | null;
  merged_into_id: number | null;
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

const inScope = (actor: Actor, path: string) => actor.orgPath === null || path.startsWith(actor.orgPath);

/** The organisation row locked for the act, or NOT_FOUND outside the admin's scope; CONFLICT when stale. */
async function lockOrg(tx: Tx, actor: Actor, id: number, expected: string): Promise<OrgRow> {
  const [org] = await tx.$queryRaw<OrgRow[]>`
    SELECT id, code, name, parent_id, path, retired_at, merged_into_id FROM organisations WHERE id = ${id}::int FOR UPDATE`;
  if (!org || !inScope(actor, org.path)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  if (org.path !== expected) throw new DomainError('CONFLICT', 'admin.organisations.errors.stale');
  return org;
}

async function orgByCode(tx: Tx, actor: Actor, code: string): Promise<OrgRow> {
  const [org] = await tx.$queryRaw<OrgRow[]>`
    SELECT id, code, name, parent_id, path, retired_at, merged_into_id FROM organisations WHERE code = ${code} FOR UPDATE`;
  if (!org || !inScope(actor, org.path)) throw new DomainError('VALIDATION', 'admin.organisations.errors.targetNotFound', { code });
  if (org.retired_at) throw new DomainError('VALIDATION', 'admin.organisations.errors.targetRetired', { code });
  return org;
}

/**
 * The report years the data under `path` counts in: each case from its receipt year to its conclusion year
 * (an open one to this year), each appeal from filing to decision, and the years of section 二 figures.
 */
async function yearsWithData(tx: Tx, path: string, ownOnly: boolean): Promise<number[]> {
  const current = Number(chinaToday(new Date()).slice(0, 4));
  const rows = await tx.$queryRaw<{ year: number }[]>`
    WITH scope AS (SELECT id FROM organisations WHERE CASE WHEN ${ownOnly}::boolean THEN path = ${path} ELSE starts_with(path, ${path}) END)
    SELECT DISTINCT y::int AS year FROM (
      SELECT generate_series(extract(year FROM c.received_on)::int, coalesce(extract(year FROM c.concluded_on)::int, ${current}::int)) AS y
        FROM cases c WHERE c.org_id IN (SELECT id FROM scope) AND c.received_on IS NOT NULL
      UNION
      SELECT generate_series(extract(year FROM a.filed_on)::int, coalesce(extract(year FROM a.decided_on)::int, ${current}::int))
        FROM appeals a WHERE a.org_id IN (SELECT id FROM scope)
      UNION
      SELECT f.year FROM proactive_figures f WHERE f.org_id IN (SELECT id FROM scope)
    ) s ORDER BY 1`;
  return rows.map((r) => r.year);
}

/** Rewrites the paths of `org`'s subtree so that it sits below `newParentPath` ('/' = the top level). */
async function rewriteSubtree(tx: Tx, org: OrgRow, newParentPath: string, newParentId: number | null): Promise<string> {
  const newPath = `${newParentPath}${org.id}/`;
  await tx.$executeRaw`
    UPDATE organisations
       SET path = ${newPath} || substr(path, length(${org.path}) + 1),
           parent_id = CASE WHEN id = ${org.id}::int THEN ${newParentId}::int ELSE parent_id END
     WHERE starts_with(path, ${org.path})`;
  return newPath;
}

/** Moves an organisation with its subtree under `parentCode` (empty: to the top level). */
export async function moveOrganisation(actor: Actor, input: z.infer<typeof moveOrganisationSchema>): Promise<{ changed: boolean; path: string }> {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    const org = await lockOrg(tx, actor, input.id, input.expectedPath);
    if (org.merged_into_id !== null) throw new DomainError('VALIDATION', 'admin.organisations.errors.merged');
    let parent: OrgRow | null = null;
    if (input.parentCode !== '') {
      parent = await orgByCode(tx, actor, input.parentCode);
      if (parent.path.startsWith(org.path)) throw new DomainError('VALIDATION', 'admin.organisations.errors.cycle', { code: parent.code });
    } else if (actor.orgPath !== null) {
      throw new DomainError('FORBIDDEN', 'admin.organisations.errors.topLevelNeedsSystemAdmin');
    }
    if ((parent?.id ?? null) === org.parent_id) return { changed: false, path: org.path };
    const years = await yearsWithData(tx, org.path, false);
    await assertPeriodUnlocked(tx, { orgIds: [org.parent_id, parent?.id].filter((v): v is number => typeof v === 'number'), years });
    const path = await rewriteSubtree(tx, org, parent?.path ?? '/', parent?.id ?? null);
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        type: 'organisation.moved',
        data: { id: org.id, code: org.code, reason: input.reason, before: { parentId: org.parent_id, path: org.path }, after: { parentId: parent?.id ?? null, path } },
      },
    });
    return { changed: true, path };
  });
}

/** Merges an organisation into another (see the header); the merged one is retired below the target. */
export async function mergeOrganisation(
  actor: Actor,
  input: z.infer<typeof mergeOrganisationSchema>,
): Promise<{ cases: number; appeals: number; users: number; children: number }> {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    const org = await lockOrg(tx, actor, input.id, input.expectedPath);
    if (org.merged_into_id !== null || org.retired_at !== null) throw new DomainError('VALIDATION', 'admin.organisations.errors.alreadyRetired');
    const into = await orgByCode(tx, actor, input.intoCode);
    if (into.id === org.id) throw new DomainError('VALIDATION', 'admin.organisations.errors.mergeSelf');
    if (into.path.startsWith(org.path)) throw new DomainError('VALIDATION', 'admin.organisations.errors.cycle', { code: into.code });
    const years = await yearsWithData(tx, org.path, false);
    await assertPeriodUnlocked(tx, { orgIds: [org.id, into.id], years });

    const children = await tx.organisation.count({ where: { parentId: org.id } });
    // A below B (so what stays with A counts in B's subtree), then A's children up to B.
    const placed = await rewriteSubtree(tx, org, into.path, into.id);
    await tx.$executeRaw`
      UPDATE organisations
         SET path = ${into.path} || substr(path, length(${placed}) + 1),
             parent_id = CASE WHEN parent_id = ${org.id}::int THEN ${into.id}::int ELSE parent_id END
       WHERE starts_with(path, ${placed}) AND id <> ${org.id}::int`;
    const cases = await tx.$executeRaw`UPDATE cases SET org_id = ${into.id}::int WHERE org_id = ${org.id}::int`;
    const appeals = await tx.$executeRaw`UPDATE appeals SET org_id = ${into.id}::int WHERE org_id = ${org.id}::int`;
    const users = await tx.$executeRaw`UPDATE users SET org_id = ${into.id}::int WHERE org_id = ${org.id}::int`;
    await tx.$executeRaw`
      UPDATE organisations SET retired_at = now(), merged_into_id = ${into.id}::int, path = ${`${into.path}${org.id}/`}
       WHERE id = ${org.id}::int`;
    const moved = { cases, appeals, users, children };
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        type: 'organisation.merged',
        data: { id: org.id, code: org.code, into: { id: into.id, code: into.code }, reason: input.reason, before: { parentId: org.parent_id, path: org.path }, moved },
      },
    });
    return moved;
  });
}

/** Retires an organisation without active staff, open cases or active children. */
export async function retireOrganisation(actor: Actor, input: z.infer<typeof retireOrganisationSchema>): Promise<{ changed: boolean }> {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    const org = await lockOrg(tx, actor, input.id, input.expectedPath);
    if (org.retired_at !== null) return { changed: false };
    const [blockers] = await tx.$queryRaw<{ staff: number; open_cases: number; children: number }[]>`
      SELECT (SELECT count(*)::int FROM users u WHERE u.org_id = ${org.id}::int AND u.is_active AND u.role <> 'applicant') AS staff,
             (SELECT count(*)::int FROM cases c WHERE c.org_id = ${org.id}::int AND c.concluded_on IS NULL) AS open_cases,
             (SELECT count(*)::int FROM organisations o WHERE o.parent_id = ${org.id}::int AND o.retired_at IS NULL) AS children`;
    if (blockers && (blockers.staff > 0 || blockers.open_cases > 0 || blockers.children > 0)) {
      throw new DomainError('VALIDATION', 'admin.organisations.errors.retireBlocked', {
        staff: blockers.staff,
        openCases: blockers.open_cases,
        children: blockers.children,
      });
    }
    await tx.$executeRaw`UPDATE organisations SET retired_at = now() WHERE id = ${org.id}::int`;
    await tx.auditEvent.create({ data: { actorId: actor.id, type: 'organisation.retired', data: { id: org.id, code: org.code, reason: input.reason } } });
    return { changed: true };
  });
}

/** Reinstates a retired organisation (not a merged one: its cases now belong to the target). */
export async function reinstateOrganisation(actor: Actor, input: z.infer<typeof retireOrganisationSchema>): Promise<{ changed: boolean }> {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    const org = await lockOrg(tx, actor, input.id, input.expectedPath);
    if (org.retired_at === null) return { changed: false };
    if (org.merged_into_id !== null) throw new DomainError('VALIDATION', 'admin.organisations.errors.merged');
    await tx.$executeRaw`UPDATE organisations SET retired_at = NULL WHERE id = ${org.id}::int`;
    await tx.auditEvent.create({ data: { actorId: actor.id, type: 'organisation.reinstated', data: { id: org.id, code: org.code, reason: input.reason } } });
    return { changed: true };
  });
}

export interface OrgHistoryEntry {
  at: Date;
  type: string;
  actorName: string | null;
  data: Record<string, unknown>;
}

/**
 * The newest `organisation.*` events of the whole tree (at most `limit`), by organisation id (as subject and
 * as merge target): the history column of the admin organisation page in one query.
 */
export async function organisationHistories(actor: Actor, limit = 500): Promise<Map<number, OrgHistoryEntry[]>> {
  assertAdmin(actor);
  const rows = await db.$queryRaw<{ at: Date; type: string; actor_name: string | null; data: Record<string, unknown> }[]>`
    SELECT e.occurred_at AS at, e.type, u.name AS actor_name, e.data
      FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
     WHERE e.type LIKE 'organisation.%'
     ORDER BY e.id DESC LIMIT ${limit}::int`;
  const byOrg = new Map<number, OrgHistoryEntry[]>();
  const add = (id: unknown, entry: OrgHistoryEntry) => {
    const n = Number(id);
    if (!Number.isInteger(n)) return;
    byOrg.set(n, [...(byOrg.get(n) ?? []), entry]);
  };
  for (const r of rows) {
    const entry = { at: r.at, type: r.type, actorName: r.actor_name, data: r.data };
    add(r.data.id, entry);
    const into = r.data.into as { id?: unknown } | undefined;
    if (into?.id !== undefined) add(into.id, entry);
  }
  return byOrg;
}

/** Whether an organisation can take new cases (exists and is not retired). */
export async function assertOrganisationActive(tx: Pick<Tx, '$queryRaw'>, id: number): Promise<void> {
  const [org] = await tx.$queryRaw<{ retired_at: Date | null }[]>`SELECT retired_at FROM organisations WHERE id = ${id}::int`;
  if (org?.retired_at) throw new DomainError('VALIDATION', 'case.org_retired');
}
