/**
 * The ONE definition, in SQL, of which cases fall into which bucket of the annual table's section 三
 * (annual-report-formats.md §7, with the dates of conventions.ts / CONVENTIONS.md). The aggregate
 * (load-annual-counts.ts) counts with these predicates and the drill-down (drill-down.ts) lists with them, so
 * a number in the table and the list of cases behind it cannot diverge. count-cases.ts is the in-memory
 * reference of the same buckets; the integration tests compare the two.
 *
 * Every fragment expects the cases table under the alias `c` (`FROM cases c`).
 *
 * Dates are calendar days (`date` columns) compared with `YYYY-MM-DD` parameters cast to date.
 */
import type { IsoDate } from '@/lib/calendar/iso-date';
import type { Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { IS_UNCONFIRMED_SUBMISSION_COUNTED, NEW_CASE_DATE_FIELD } from '@/lib/statistics/conventions';

/*
 * §5.1: a submission without a legal receipt date (received_on NULL, confirmation pending) is counted
 * nowhere. Every bucket below compares received_on, which is false for NULL. These assignments stop the
 * build if a convention changes without this SQL changing with it.
 */
const UNCONFIRMED_COUNTED: false = IS_UNCONFIRMED_SUBMISSION_COUNTED;
const NEW_CASE_DATE: 'receivedOn' = NEW_CASE_DATE_FIELD;
void UNCONFIRMED_COUNTED;
void NEW_CASE_DATE;

/** The four buckets of section 三: 一 new, 二 carried over, 三 concluded (by outcome), 四 carried forward. */
export const CASE_BUCKETS = ['new_received', 'carried_over', 'concluded', 'carried_forward'] as const;
export type CaseBucket = (typeof CASE_BUCKETS)[number];

/** The statistical period of a report year: 1 January to 31 December (CONVENTIONS.md). */
export interface ReportPeriod {
  readonly year: number;
  readonly first: IsoDate;
  readonly last: IsoDate;
}

export function reportPeriod(year: number): ReportPeriod {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`not a report year: ${year}`);
  return { year, first: `${year}-01-01`, last: `${year}-12-31` };
}

const day = (value: IsoDate): Prisma.Sql => Prisma.sql`${value}::date`;

/**
 * The bucket predicate, complete on its own (it does not rely on the envelope):
 * - new_received: legal receipt date in the year (§5.1);
 * - carried_over: received before the year and not concluded before 1 January;
 * - concluded: concluded in the year (the outcome then says which result row; §5.3 dates);
 * - carried_forward: received by 31 December and not concluded by then (补正 included, §5.2).
 */
export function bucketPredicate(bucket: CaseBucket, period: ReportPeriod): Prisma.Sql {
  const { first, last } = period;
  switch (bucket) {
    case 'new_received':
      return Prisma.sql`(c.received_on >= ${day(first)} AND c.received_on <= ${day(last)})`;
    case 'carried_over':
      return Prisma.sql`(c.received_on < ${day(first)} AND (c.concluded_on IS NULL OR c.concluded_on >= ${day(first)}))`;
    case 'concluded':
      return Prisma.sql`(c.received_on IS NOT NULL AND c.concluded_on >= ${day(first)} AND c.concluded_on <= ${day(last)})`;
    case 'carried_forward':
      return Prisma.sql`(c.received_on <= ${day(last)} AND (c.concluded_on IS NULL OR c.concluded_on > ${day(last)}))`;
  }
}

/**
 * Cases active at some time during the periods from `from` to `to`: received by the end and not concluded
 * before the start. It is the union of the four buckets of every year in between, given the invariant
 * `concluded_on >= received_on` (the importer validates it, the workflow concludes after receipt, and a
 * CHECK constraint is proposed in docs/performance.md):
 * - new: received_on in Y ⇒ received_on ≤ last, and concluded_on ≥ received_on ≥ first;
 * - carried over: received_on < first ≤ last, concluded_on NULL or ≥ first;
 * - concluded: concluded_on ≥ first, and received_on ≤ concluded_on ≤ last;
 * - carried forward: received_on ≤ last, concluded_on NULL or > last ≥ first.
 * It is index-friendly (a range on received_on, or concluded_on IS NULL OR concluded_on ≥ first), so a
 * query filters on it first and sorts the rows into buckets with FILTER clauses in the same scan.
 */
export function activityEnvelope(from: ReportPeriod, to: ReportPeriod = from): Prisma.Sql {
  return Prisma.sql`(c.received_on <= ${day(to.last)} AND (c.concluded_on IS NULL OR c.concluded_on >= ${day(from.first)}))`;
}

/** Which organisations' cases: one organisation, or it and every organisation below it. */
export interface OrgScope {
  readonly orgId: number;
  /** Include every organisation whose materialised path starts with this one's (`/1/4/` → `/1/4/…`). */
  readonly subtree: boolean;
}

/**
 * The organisation ids of a scope (empty for an unknown organisation). Resolved in a query of its own and
 * passed to the aggregate as an array, because the planner cannot estimate a path prefix computed inside
 * the statement: with `org_id IN (SELECT … WHERE starts_with(path, (SELECT path …)))` it guessed 2
 * organisations for the root's 500 and ran 500 index scans (~90 ms on 20,000 cases; docs/performance.md).
 * With the ids as a parameter it knows the scope's size and picks a plan per scope.
 */
export async function resolveOrgScope(client: Pick<Tx, '$queryRaw'>, scope: OrgScope): Promise<number[]> {
  const rows = scope.subtree
    ? await client.$queryRaw<{ id: number }[]>`
        SELECT d.id FROM organisations o JOIN organisations d ON starts_with(d.path, o.path)
        WHERE o.id = ${scope.orgId}::int ORDER BY d.id`
    : await client.$queryRaw<{ id: number }[]>`SELECT o.id FROM organisations o WHERE o.id = ${scope.orgId}::int`;
  return rows.map((r) => r.id);
}

/** Restricts `<alias>.org_id` (cases `c`, appeals `a`) to the resolved organisation ids of a scope. */
export function orgIdsPredicate(orgIds: readonly number[], alias: 'c' | 'a' = 'c'): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${alias}.org_id`)} = ANY(${[...orgIds]}::int[])`;
}

/**
 * Restricts `<alias>.org_id` to a scope inside the statement (one round trip). Kept for callers of small
 * result sets (lib/admin/case-list-sql.ts); for aggregates over many cases prefer resolveOrgScope +
 * orgIdsPredicate: the planner misjudges this subquery's size (see resolveOrgScope).
 */
export function orgScopePredicate(scope: OrgScope, alias: 'c' | 'a' = 'c'): Prisma.Sql {
  const column = Prisma.raw(`${alias}.org_id`);
  if (!scope.subtree) return Prisma.sql`${column} = ${scope.orgId}::int`;
  return Prisma.sql`${column} IN (
    SELECT o.id FROM organisations o
    WHERE starts_with(o.path, (SELECT p.path FROM organisations p WHERE p.id = ${scope.orgId}::int)))`;
}

/*
 * Section 四 (CONVENTIONS.md §5.7): an appeal (alias `a`) counts in the year it was filed
 * (SECTION4_YEAR_ATTRIBUTION), with its state on 31 December of that year (SECTION4_PENDING_MEANS): not
 * decided by then, or decided without a result, is 尚未审结. The aggregate (load-annual-counts.ts
 * section4CountsQuery) and the drill-down (drill-down.ts) share these two expressions, so a cell's list
 * always has as many appeals as the cell says.
 */

/** The appeal was filed in the report year. */
export function appealFiledInPeriod(period: ReportPeriod): Prisma.Sql {
  return Prisma.sql`a.filed_on >= ${period.first}::date AND a.filed_on <= ${period.last}::date`;
}

/** The appeal's section 四 column (upheld | corrected | other | pending) as of the year's last day. */
export function appealStateAtYearEnd(period: ReportPeriod): Prisma.Sql {
  return Prisma.sql`CASE WHEN a.decided_on IS NOT NULL AND a.decided_on <= ${period.last}::date AND a.result <> 'pending'
                THEN a.result::text ELSE 'pending' END`;
}
