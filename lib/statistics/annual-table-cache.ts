import 'server-only';
import { createHash } from 'node:crypto';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { KeyedCache } from '@/lib/keyed-cache';
import type { AnnualTable } from '@/lib/statistics/annual-table';
import { buildAnnualTable, orgWithScopeQuery, type BuildAnnualTableParams, type Queryable } from '@/lib/statistics/load-annual-counts';

/**
 * Repeat views of an unchanged annual table come from memory (issue 13: the report page recomputed the
 * 1M-case aggregate on every view, 4–7 views/s at the root).
 *
 * Invalidation is exact and needs no cooperation from the code that changes data: database triggers bump
 * `report_generations(org_id, year)` in the same transaction as every insert, update or delete of a case,
 * an appeal or section 二 figures, for each organisation and year whose table the row counts in (migration
 * 20261205074858_open_due_partial_report_generations). A table of year Y and scope S is stored under the sum
 * of S's counters for Y and Y−1 (Y−1: last year's section 二 and carried-forward figures); the counters only
 * grow, so any change in that scope and those years changes the sum and the next view recomputes. The check
 * is one small statement (organisation, scope ids and the sum), ~1 ms; a miss costs that plus the table.
 *
 * The counter sum is read before the table is computed: a change committed in between makes the stored
 * table newer than its key, never older, so the next view recomputes rather than serving stale figures.
 * Per process (each server instance and web worker has its own cache); bounded to MAX_ENTRIES tables.
 *
 * Concurrent misses of one table share one computation (single flight): on a cold cache — a new web
 * worker, or the first views after a change — ten clerks opening the root's report at once used to start
 * ten 1M-case aggregates, each of which then held the database for seconds.
 */

const MAX_ENTRIES = 200;

/** Stored tables are never handed out: every caller gets its own copy (callers may mutate theirs). */
const cache = new KeyedCache<AnnualTable>(MAX_ENTRIES);

/** Scope and generation of a table in one statement: org row, its scope's ids, the counters' sum. */
function fingerprintQuery(orgCode: string, subtree: boolean, year: number): Prisma.Sql {
  return Prisma.sql`
    WITH o AS (${orgWithScopeQuery(orgCode, subtree)})
    SELECT o.id, o.org_ids,
           (SELECT coalesce(sum(g.generation), 0) FROM report_generations g
             WHERE g.org_id = ANY(o.org_ids) AND g.year IN (${year}::int, ${year - 1}::int))::text AS generation
    FROM o`;
}

/**
 * buildAnnualTable through the cache. A caller-supplied `previous` table (last year's as published) is part
 * of the key by its content, so a different or newly entered published table recomputes.
 */
export async function cachedAnnualTable(params: BuildAnnualTableParams, client: Queryable = db): Promise<AnnualTable> {
  if (!Number.isInteger(params.year)) return buildAnnualTable(params, client);
  const [row] = await client.$queryRaw<{ id: number; org_ids: number[]; generation: string }[]>(
    fingerprintQuery(params.orgCode, params.subtree, params.year),
  );
  // Unknown organisation: let buildAnnualTable raise its own NOT_FOUND.
  if (!row) return buildAnnualTable(params, client);
  const slot = `${params.year}|${params.subtree ? 1 : 0}|${params.orgCode}`;
  const previous = params.previous === undefined ? '-' : createHash('sha256').update(JSON.stringify(params.previous)).digest('base64url');
  const key = `${row.id}|${row.org_ids.join(',')}|${row.generation}|${previous}`;
  return structuredClone(await cache.get(slot, key, () => buildAnnualTable(params, client)));
}

/**
 * For tests and the benchmark: hits, misses (computations started) and misses that waited for one already
 * running (`shared`) since the last reset, and a way to empty the cache.
 */
export function annualTableCacheStats(): { hits: number; misses: number; shared: number; size: number } {
  return cache.stats();
}
export function resetAnnualTableCache(opts: { keepTables?: boolean } = {}): void {
  cache.reset(opts.keepTables);
}
