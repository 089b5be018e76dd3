import 'server-only';
import { createHash } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { cache } from 'react';
import { pgPool } from '@/lib/db-pool';
import type { Prisma } from '@/lib/generated/prisma/client';
import { caseScopeWhere, type Actor } from '@/lib/cases/actor';

/**
 * Staff counts without counting on every view (issue 13). Every staff page shows the work queue's count in
 * its navigation (up to twelve COUNTs over the scope), the dashboard four counts, the register its result
 * count: at the root scope of a 1M-case register 40–100 ms of SQL per view, for numbers that rarely change
 * between two views.
 *
 * A count is cached in memory under the query itself (the resolved Prisma `where`, which contains the
 * scope's organisation ids, the dates the filters resolved to — today, the due-soon limit — and, for the
 * queue, the actor's id) and is valid while the **generation of the scope** is unchanged: the sum of
 * `case_generations` over the scope's organisations. Database triggers bump an organisation's counter in the
 * same transaction as every insert, update or delete of one of its cases, or of a document, extension, 补正
 * round, fee notice, event, publication or publication suggestion of one of them (migration
 * 20261205133818_case_generations). Counters only grow, so any committed change in the scope changes the
 * sum, and the next view counts again — whichever process or user made the change. A count whose `where`
 * reads another table through a relation must have that table's trigger added there.
 *
 * The generation is read (with the scope's ids, one statement) before the count runs: a change committed in
 * between makes the stored count newer than its generation, never older, so the next view recounts rather
 * than showing a stale number. Per process; bounded to MAX_ENTRIES counts (least recently used dropped).
 */

const MAX_ENTRIES = 5000;

interface Entry {
  generation: string;
  value: unknown;
}

const store = new Map<string, Entry>();
let stats = { hits: 0, misses: 0 };

export interface ScopeSnapshot {
  /**
   * The actor's case scope: `org_id IN (ids)` for staff of an organisation (no condition when their subtree
   * is every organisation), caseScopeWhere otherwise.
   */
  where: Prisma.CaseWhereInput;
  /** The scope's write generation (the counters' sum), as text; null: not cacheable (applicants). */
  generation: string | null;
  /**
   * The same scope as organisation ids for hand-written SQL: null = every case (no condition), undefined =
   * not a set of organisations (applicants, staff without an organisation: use `where`).
   */
  orgIds?: number[] | null;
}

/**
 * The actor's scope and its generation in one statement. Clerks and reviewers: their organisation's subtree
 * resolved to ids (the planner estimates `org_id IN (ids)` from statistics; a join on the path it cannot);
 * admins: every case, the generation over all organisations. Applicants' lists are not counted here.
 */
async function readScopeSnapshot(role: Actor['role'], id: string, orgPath: string | null, orgId: number | null): Promise<ScopeSnapshot> {
  const actor: Actor = { role, id, orgPath, orgId };
  // Named statements through plain `pg` (lib/db-pool.ts): this runs on every staff page view, and a raw
  // statement through Prisma costs several times its CPU (issue 13; docs/performance.md, session 7).
  if (role === 'admin') {
    const { rows } = await pgPool().query<{ generation: string }>({ name: 'gk_scope_all', text: SCOPE_ALL_SQL });
    return { where: caseScopeWhere(actor), generation: rows[0]?.generation ?? '0', orgIds: null };
  }
  if ((role !== 'clerk' && role !== 'reviewer') || !orgPath) return { where: caseScopeWhere(actor), generation: null };
  const { rows } = await pgPool().query<{ ids: number[] | null; generation: string }>({ name: 'gk_scope_subtree', text: SCOPE_SUBTREE_SQL, values: [orgPath] });
  const [row] = rows;
  // ids null: the subtree is every organisation (the root's clerks), so every case is in scope: no
  // `org_id IN (…500 ids)` in each statement, which Prisma builds, sends and PostgreSQL parses per query
  // (issue 13; every case belongs to an organisation, cases.org_id is NOT NULL).
  const ids = row ? row.ids : [];
  rememberScopeIds(orgPath, ids);
  return { where: ids === null ? {} : { orgId: { in: ids } }, generation: row?.generation ?? '0', orgIds: ids };
}

const SCOPE_ALL_SQL = `SELECT coalesce(sum(generation), 0)::text AS generation FROM case_generations`;

const SCOPE_SUBTREE_SQL = `WITH s AS (SELECT id FROM organisations WHERE starts_with(path, $1::text))
SELECT CASE WHEN (SELECT count(*) FROM s) = (SELECT count(*) FROM organisations) THEN NULL
            ELSE coalesce((SELECT array_agg(id ORDER BY id) FROM s), '{}') END AS ids,
       (SELECT coalesce(sum(g.generation), 0) FROM case_generations g WHERE g.org_id IN (SELECT id FROM s))::text AS generation`;

/** Once per request (layout and page share it); outside a React render every call reads afresh. */
const snapshotOnce = cache(readScopeSnapshot);

/** The snapshots read in the current oneRequest() call, by actor. */
const requestSnapshots = new AsyncLocalStorage<Map<string, Promise<ScopeSnapshot>>>();

/**
 * Runs `work` as one request outside a React render — the staff pages of the Pages Router
 * (lib/staff-pages/server.ts), where React's cache() does not apply: the scope snapshot is read once in
 * it, as in a render (their header's 待办 count and their list or counts need the same one).
 */
export function oneRequest<T>(work: () => Promise<T>): Promise<T> {
  return requestSnapshots.run(new Map(), work);
}

/**
 * The organisation ids of the subtree last read for each organisation path in this process (readScopeSnapshot),
 * for guessing a request's scope before its snapshot is read (guessScopeIds). A guess, never an answer: whoever
 * uses one must compare it with the request's own snapshot (lib/cases/queries.ts guessListPage). Bounded.
 */
const lastScopeIds = new Map<string, number[] | null>();
const LAST_SCOPE_IDS_MAX = 2000;

function rememberScopeIds(orgPath: string, ids: number[] | null): void {
  if (lastScopeIds.size >= LAST_SCOPE_IDS_MAX && !lastScopeIds.has(orgPath)) lastScopeIds.clear();
  lastScopeIds.set(orgPath, ids);
}

/**
 * The organisation ids `actor`'s scope had when last read in this process: null = every case (admins always),
 * undefined = no guess (not read yet, or a scope that is not a set of organisations).
 */
export function guessScopeIds(actor: Actor): number[] | null | undefined {
  if (actor.role === 'admin') return null;
  if ((actor.role !== 'clerk' && actor.role !== 'reviewer') || !actor.orgPath) return undefined;
  return lastScopeIds.get(actor.orgPath);
}

/** Everything readScopeSnapshot reads for an actor: two actors with the same key have the same snapshot. */
export const actorKey = (actor: Actor) => `${actor.role}|${actor.id}|${actor.orgPath}|${actor.orgId}`;

/** A snapshot read started before the request's actor was known (prefetchScopeSnapshot). */
export interface PrefetchedSnapshot {
  key: string;
  snapshot: Promise<ScopeSnapshot>;
}

/**
 * Starts reading the snapshot of `guess` — the actor a signed-in request is expected to have, e.g. the one
 * the same user had on their previous request — at once, so that it runs beside the session's account
 * statement instead of after it (one database round trip less per staff page, issue 13). It is only a
 * guess: usePrefetchedSnapshot() offers it to the request, and scopeSnapshot() takes it only for an actor
 * whose every field it reads (role, id, organisation, its path) equals the guess's; otherwise it reads
 * afresh and the guess is dropped unread. A failed guess fails nothing.
 */
export function prefetchScopeSnapshot(guess: Actor): PrefetchedSnapshot {
  const snapshot = readScopeSnapshot(guess.role, guess.id, guess.orgPath, guess.orgId);
  snapshot.catch(() => undefined); // an unused guess's failure is nobody's error; a used one rethrows on await
  return { key: actorKey(guess), snapshot };
}

/** Offers a prefetched snapshot to the current oneRequest() call (see prefetchScopeSnapshot). */
export function usePrefetchedSnapshot(prefetched: PrefetchedSnapshot): void {
  const memo = requestSnapshots.getStore();
  if (memo && !memo.has(prefetched.key)) memo.set(prefetched.key, prefetched.snapshot);
}

export function scopeSnapshot(actor: Actor): Promise<ScopeSnapshot> {
  const memo = requestSnapshots.getStore();
  if (!memo) return snapshotOnce(actor.role, actor.id, actor.orgPath, actor.orgId);
  const key = actorKey(actor);
  let snapshot = memo.get(key);
  if (!snapshot) {
    snapshot = readScopeSnapshot(actor.role, actor.id, actor.orgPath, actor.orgId);
    memo.set(key, snapshot);
  }
  return snapshot;
}

/** Keys up to this long are kept as they are; longer ones (a scope's organisation ids, say) by their digest. */
const PLAIN_KEY_MAX = 1024;

/**
 * The cache key of a count's parts: their JSON itself when short (a staff page's 待办 count alone asks for a
 * dozen counts per request, and hashing each was ~5 % of its server work), else a '#'-prefixed SHA-256 of it
 * (JSON never starts with '#', so the two kinds of key never meet). The store holds at most MAX_ENTRIES keys
 * of at most ~1 KB.
 */
function keyOf(parts: unknown): string {
  const json = JSON.stringify(parts);
  return json.length <= PLAIN_KEY_MAX ? json : `#${createHash('sha256').update(json).digest('base64url')}`;
}

/**
 * `compute()` through the cache: `parts` must determine the result completely given the scope's data (put
 * the resolved `where` and anything else the computation reads in it). Without a generation, computes.
 */
export async function cachedCount<T>(snapshot: ScopeSnapshot, parts: unknown, compute: () => Promise<T>): Promise<T> {
  if (snapshot.generation === null) return compute();
  const key = keyOf(parts);
  const hit = store.get(key);
  if (hit && hit.generation === snapshot.generation) {
    stats.hits++;
    store.delete(key); // least recently used order: move to the end
    store.set(key, hit);
    return hit.value as T;
  }
  stats.misses++;
  const value = await compute();
  store.delete(key);
  store.set(key, { generation: snapshot.generation, value });
  if (store.size > MAX_ENTRIES) store.delete(store.keys().next().value!);
  return value;
}

/** For tests and the benchmark: hit/miss counts since the last reset, and a way to empty the cache. */
export function countCacheStats(): { hits: number; misses: number; size: number } {
  return { ...stats, size: store.size };
}
export function resetCountCache(opts: { keepEntries?: boolean } = {}): void {
  if (!opts.keepEntries) store.clear();
  stats = { hits: 0, misses: 0 };
}
