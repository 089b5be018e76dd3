import 'server-only';
import { createHash } from 'node:crypto';
import { db, PREPARED } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { DomainError } from '@/lib/errors';
import { KeyedCache } from '@/lib/keyed-cache';
import type { Actor } from '@/lib/cases/actor';
import { isProblem } from '@/lib/reports/report-text-model';
import { loadReportText } from '@/lib/reports/report-texts';
import { canViewReports, isReportOrgVisible, loadReportView, type ReportParams, type ReportView } from './annual-report';

/**
 * The annual report page's view of a year and scope, cached (issue 13 item 5: repeat views of an unchanged
 * year ≥ 50 req/s). Everything the page shows that is the same for every viewer — the organisation, the
 * table with its checks, the lock state, the published tables and their differences, whether section 二 was
 * entered, the report text's state — is one "view model" per (organisation, scope, year), loaded by
 * loadReportView and loadReportText on a miss (their 16 statements and the table) and served from memory
 * while one validity check says nothing it was built from has changed. The viewer's part stays per request:
 * the session (and with it the authorisation, checked against the check's fresh organisation row before
 * anything is served), the admin-only publication panel.
 *
 * The check is one statement (`checkStatement`): the organisation by code (id, code, name, path, whether it
 * has organisations below it), a digest of its scope's ids and of its ancestors' ids and codes, the sum of
 * `report_generations` over the scope for the years Y−2…Y and over the ancestors (the organisation included)
 * for Y, and whether the scope has cases received by 31 January of Y−1 (casesCoverYear). report_generations
 * is bumped by triggers, in the changing transaction, for every change of a case, appeal, section 二 figures,
 * fee notice, published table, report text or period lock, for each organisation and year it counts in
 * (migrations 20261205074858_open_due_partial_report_generations and
 * 20261205200000_report_generations_report_inputs); the counters only grow. What the view reads, by year:
 * the table of Y (its cache reads Y and Y−1), last year's table as the report text's base (Y−1 and Y−2), the
 * published tables of Y and Y−1, the report texts of Y and Y−1, the fee notices of Y, section 二 of Y, the
 * lock of Y held by the organisation or an ancestor. A case received long ago and concluded before Y−2 can
 * change only the coverage answer, which is read directly.
 *
 * The key is read before the view is loaded: a change committed in between makes the stored view newer than
 * its key, never older, so the next check differs and the view reloads. No in-process invalidation: a change
 * made through another web worker or another server is seen exactly like one made here. Each process keeps
 * its own copies (MAX_ENTRIES views); concurrent misses of one view share one load (single flight). Views are
 * frozen: requests share them and must not change them.
 */

export interface ReportTextState {
  source: 'saved' | 'last_year' | 'draft';
  version: number;
  /** Contradictions between the text and the table (report-text-model isProblem). */
  problems: number;
}

export interface ReportPageView extends ReportView {
  text: ReportTextState;
  /** The validity key the view was loaded under (for tests and logs). */
  key: string;
}

interface CheckRow {
  id: number;
  code: string;
  name: string;
  path: string;
  has_children: boolean;
  state: string;
}

const MAX_ENTRIES = 200;
const cache = new KeyedCache<ReportPageView>(MAX_ENTRIES);

/** The validity check of a view (see above): one statement, the organisation row and the state digest. */
async function checkStatement(orgCode: string, subtree: boolean, year: number): Promise<CheckRow | null> {
  // Prepared (lib/db.ts PREPARED): planning it cost as much as running it. MATERIALIZED: the scope's ids are
  // computed once, not once per use.
  const [row] = await db.$queryRaw<CheckRow[]>`${Prisma.raw(PREPARED)}
    WITH o AS MATERIALIZED (
      SELECT o.id, o.code, o.name, o.path, EXISTS (SELECT 1 FROM organisations c WHERE c.parent_id = o.id) AS has_children
      FROM organisations o WHERE o.code = ${orgCode}),
    s AS MATERIALIZED (
      SELECT CASE WHEN ${subtree}::boolean AND o.has_children
                  THEN ARRAY(SELECT d.id FROM organisations d WHERE starts_with(d.path, o.path) ORDER BY d.id)
                  ELSE ARRAY[o.id] END AS org_ids,
             a.ancestor_ids, a.ancestors
      FROM o CROSS JOIN LATERAL (
        SELECT array_agg(a.id ORDER BY a.id) AS ancestor_ids, string_agg(a.id || ':' || a.code, ',' ORDER BY a.id) AS ancestors
        FROM organisations a WHERE starts_with(o.path, a.path)) a)
    SELECT o.id, o.code, o.name, o.path, o.has_children,
           concat_ws('|',
             md5(s.org_ids::text),
             md5(s.ancestors),
             (SELECT coalesce(sum(g.generation), 0) FROM report_generations g
               WHERE g.org_id = ANY(s.org_ids) AND g.year BETWEEN ${year - 2}::int AND ${year}::int),
             (SELECT coalesce(sum(g.generation), 0) FROM report_generations g
               WHERE g.org_id = ANY(s.ancestor_ids) AND g.year = ${year}::int),
             EXISTS (SELECT 1 FROM cases c WHERE c.received_on <= make_date(${year - 1}::int, 1, 31) AND c.org_id = ANY(s.org_ids))
           ) AS state
    FROM o, s`;
  return row ?? null;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

async function loadPageView(actor: Actor, params: ReportParams, key: string): Promise<ReportPageView> {
  const view = await loadReportView(actor, params);
  const text = await loadReportText({ orgId: view.org.id, year: view.table.year, scope: view.subtree ? 'subtree' : 'own' });
  return deepFreeze({
    ...view,
    text: { source: text.source, version: text.version, problems: text.warnings.filter(isProblem).length },
    key,
  });
}

/**
 * The report page's view of `params` for `actor`: NOT_FOUND (like a missing organisation) when the actor may
 * not see that organisation's statistics; DomainErrors of the table (e.g. a case it cannot count) are
 * thrown, not cached. The returned object is shared and frozen.
 */
export async function loadReportPageView(actor: Actor, params: Pick<ReportParams, 'year' | 'org' | 'subtree'>): Promise<ReportPageView> {
  // PostgreSQL refuses NUL in text: such a code names no organisation.
  if (!canViewReports(actor) || params.org.includes('\u0000')) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const row = await checkStatement(params.org, params.subtree, params.year);
  if (!row || !isReportOrgVisible(actor, row.path)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const slot = `${params.year}|${params.subtree ? 1 : 0}|${row.code}`;
  const key = createHash('sha256').update(JSON.stringify([row.id, row.code, row.name, row.path, row.has_children, row.state])).digest('base64url');
  return cache.get(slot, key, () => loadPageView(actor, { year: params.year, org: row.code, subtree: params.subtree }, key));
}

/** For tests and the benchmark: hits, misses (loads started), misses that waited for a running load. */
export function reportPageViewCacheStats(): { hits: number; misses: number; shared: number; size: number } {
  return cache.stats();
}
export function resetReportPageViewCache(opts: { keepViews?: boolean } = {}): void {
  cache.reset(opts.keepViews);
}
