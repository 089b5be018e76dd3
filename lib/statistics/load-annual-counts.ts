/**
 * The annual table from the database: section 三 by SQL aggregation (one scan of the cases active in the
 * period, conditional aggregation per bucket — no case is loaded into memory), section 四 from the appeals
 * register, section 二 from the figures admins entered, then the pure deriveAnnualTable with last year's
 * table for the cross-year check C7.
 *
 * The bucket predicates live in annual-buckets-sql.ts and are shared with the drill-down (drill-down.ts).
 */
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { APPLICANT_TYPES, OUTCOMES, type ApplicantType, type Outcome } from '@/lib/law/ids';
import type { AnnualTable, ImportedAnnualTable, Section2Values } from '@/lib/statistics/annual-table';
import {
  CASE_BUCKETS,
  activityEnvelope,
  appealFiledInPeriod,
  appealStateAtYearEnd,
  bucketPredicate,
  orgIdsPredicate,
  reportPeriod,
  resolveOrgScope,
  type CaseBucket,
  type OrgScope,
} from '@/lib/statistics/annual-buckets-sql';
import {
  deriveAnnualTable,
  type AnnualCounts,
  type ApplicantCount,
  type OutcomeCount,
  type Section4Count,
} from '@/lib/statistics/derive-annual-table';
import {
  FIRST_SUPPORTED_REPORT_YEAR,
  SECTION4_BLOCK_IDS,
  SECTION4_RESULT_IDS,
  formatForYear,
  type Section4BlockId,
  type Section4ResultId,
} from '@/lib/statistics/layouts';
import { normalizeSection2 } from '@/lib/statistics/normalize-values';
import { SECTION4_PENDING_MEANS, SECTION4_YEAR_ATTRIBUTION } from '@/lib/statistics/conventions';

/**
 * Anything that runs raw queries: the client or a transaction. Everything here is raw SQL, so one narrow
 * type serves both (lib/db.ts's `Tx` and the client differ in their omit generics).
 */
export type Queryable = Pick<Tx, '$queryRaw'>;

export interface AnnualCountsParams extends OrgScope {
  readonly year: number;
}

/** The resolved organisation ids of a scope (annual-buckets-sql.ts resolveOrgScope). */
export interface ResolvedScope {
  readonly orgIds: readonly number[];
}

type CountsRow = { applicant_type: string; outcome: string | null } & Record<string, bigint | string | null>;

const columnName = (bucket: CaseBucket, year: number): string => `${bucket}_${year}`;

function isApplicantType(value: string): value is ApplicantType {
  return (APPLICANT_TYPES as readonly string[]).includes(value);
}

function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

function toNumber(value: bigint | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

export interface AnnualCountsQueryParams extends ResolvedScope {
  readonly years: readonly number[];
  /**
   * Also count the carried_forward bucket of the year before the first year (column
   * `carried_forward_<year - 1>`), with that year's own predicate. It costs no extra rows: received by
   * 31 December Y−1 and not concluded by then means concluded_on NULL or ≥ 1 January Y, inside Y's envelope.
   */
  readonly withPreviousCarriedForward?: boolean;
}

/**
 * The section 三 aggregate of one or more report years in ONE scan: the rows are restricted to the cases
 * active during the whole span (activityEnvelope) and sorted into each year's buckets by FILTER clauses,
 * grouped by applicant type and outcome (at most 6 × 23 groups). Exported so the benchmark times exactly
 * this statement in psql (its floor).
 */
export function annualCountsQuery(params: AnnualCountsQueryParams): Prisma.Sql {
  const years = [...new Set(params.years)].sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('at least one year');
  const column = (bucket: CaseBucket, year: number): Prisma.Sql =>
    Prisma.sql`count(*) FILTER (WHERE ${bucketPredicate(bucket, reportPeriod(year))}) AS ${Prisma.raw(`"${columnName(bucket, year)}"`)}`;
  const aggregates = years.flatMap((year) => CASE_BUCKETS.map((bucket) => column(bucket, year)));
  if (params.withPreviousCarriedForward) aggregates.push(column('carried_forward', first - 1));
  return Prisma.sql`
    SELECT c.applicant_type::text AS applicant_type, c.outcome::text AS outcome, ${Prisma.join(aggregates, ', ')}
    FROM cases c
    WHERE ${orgIdsPredicate(params.orgIds)} AND ${activityEnvelope(reportPeriod(first), reportPeriod(last))}
    GROUP BY c.applicant_type, c.outcome`;
}

/** Section 三 counts per report year for resolved organisation ids, from one scan (annualCountsQuery). */
async function countsByYearForOrgIds(
  orgIds: readonly number[],
  years: readonly number[],
  client: Queryable,
): Promise<Map<number, AnnualCounts>> {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (sorted.length === 0) return new Map();
  const rows = await client.$queryRaw<CountsRow[]>(annualCountsQuery({ orgIds, years: sorted }));
  return new Map(sorted.map((year) => [year, countsOfYear(rows, year)]));
}

/**
 * Section 三 counts per report year for an organisation alone or with its subtree: the scope's ids, then
 * one scan for all the years (`buildAnnualTable` asks for the year and the year before, for C7). Per year,
 * one entry per applicant type (and outcome) with a non-zero count, in APPLICANT_TYPES / OUTCOMES order.
 */
export async function loadAnnualCountsByYear(
  params: OrgScope & { readonly years: readonly number[] },
  client: Queryable = db,
): Promise<Map<number, AnnualCounts>> {
  return countsByYearForOrgIds(await resolveOrgScope(client, params), params.years, client);
}

/** One bucket's counts per applicant type (non-zero only, in APPLICANT_TYPES order). */
function applicantCounts(rows: readonly CountsRow[], bucket: CaseBucket, year: number): ApplicantCount[] {
  const sums = new Map<ApplicantType, number>();
  for (const row of rows) {
    const n = toNumber(row[columnName(bucket, year)]);
    if (n === 0) continue;
    if (!isApplicantType(row.applicant_type)) throw new RangeError(`unknown applicant type ${row.applicant_type}`);
    sums.set(row.applicant_type, (sums.get(row.applicant_type) ?? 0) + n);
  }
  return APPLICANT_TYPES.filter((t) => sums.has(t)).map((applicantType) => ({
    applicantType,
    n: sums.get(applicantType) ?? 0,
  }));
}

function countsOfYear(rows: readonly CountsRow[], year: number): AnnualCounts {
  const byApplicant = (bucket: CaseBucket): ApplicantCount[] => applicantCounts(rows, bucket, year);
  const concluded: OutcomeCount[] = [];
  for (const row of rows) {
    const n = toNumber(row[columnName('concluded', year)]);
    if (n === 0) continue;
    if (!isApplicantType(row.applicant_type)) throw new RangeError(`unknown applicant type ${row.applicant_type}`);
    if (row.outcome === null) {
      // A concluded case must say how it ended (C4: exactly one result row); count-cases.ts refuses it too.
      throw new DomainError('CONFLICT', 'statistics.error.concluded_without_outcome', { year, count: n });
    }
    if (!isOutcome(row.outcome)) throw new RangeError(`unknown outcome ${row.outcome}`);
    concluded.push({ applicantType: row.applicant_type, outcome: row.outcome, n });
  }
  const applicantIndex = (t: ApplicantType): number => APPLICANT_TYPES.indexOf(t);
  const outcomeIndex = (o: Outcome): number => OUTCOMES.indexOf(o);
  concluded.sort(
    (a, b) =>
      applicantIndex(a.applicantType) - applicantIndex(b.applicantType) ||
      outcomeIndex(a.outcome) - outcomeIndex(b.outcome),
  );
  return {
    newReceived: byApplicant('new_received'),
    carriedOver: byApplicant('carried_over'),
    concluded,
    carriedForward: byApplicant('carried_forward'),
  };
}

/** Section 三 counts of one report year for an organisation alone or with its subtree (one scan). */
export async function loadAnnualCounts(params: AnnualCountsParams, client: Queryable = db): Promise<AnnualCounts> {
  const byYear = await loadAnnualCountsByYear({ ...params, years: [params.year] }, client);
  const counts = byYear.get(params.year);
  if (!counts) throw new Error('unreachable: the year was asked for');
  return counts;
}

/*
 * §5.7: an appeal counts in the year it was filed (SECTION4_YEAR_ATTRIBUTION), with its state on
 * 31 December of that year (SECTION4_PENDING_MEANS): not decided by then, or decided without a result,
 * is 尚未审结. count-cases.ts countAppealsForYear is the in-memory reference.
 */
const SECTION4_FILED_ON: 'filed_on' = SECTION4_YEAR_ATTRIBUTION;
const SECTION4_PENDING: 'undecided_on_31_december' = SECTION4_PENDING_MEANS;
void SECTION4_FILED_ON;
void SECTION4_PENDING;

/** The section 四 aggregate: appeals filed in the year, by block and their state on 31 December. */
export function section4CountsQuery(params: ResolvedScope & { readonly year: number }): Prisma.Sql {
  const period = reportPeriod(params.year);
  return Prisma.sql`
    SELECT a.kind::text AS block, ${appealStateAtYearEnd(period)} AS result, count(*) AS n
    FROM appeals a
    WHERE ${orgIdsPredicate(params.orgIds, 'a')} AND ${appealFiledInPeriod(period)}
    GROUP BY 1, 2`;
}

async function section4ForOrgIds(orgIds: readonly number[], year: number, client: Queryable): Promise<Section4Count[]> {
  const rows = await client.$queryRaw<{ block: string; result: string; n: bigint }[]>(
    section4CountsQuery({ orgIds, year }),
  );
  return rows.map((r) => {
    if (!(SECTION4_BLOCK_IDS as readonly string[]).includes(r.block)) throw new RangeError(`unknown block ${r.block}`);
    if (!(SECTION4_RESULT_IDS as readonly string[]).includes(r.result))
      throw new RangeError(`unknown result ${r.result}`);
    return { block: r.block as Section4BlockId, result: r.result as Section4ResultId, n: Number(r.n) };
  });
}

/** Section 四 counts (block × result) of the appeals filed in the year, state on 31 December. */
export async function loadSection4Counts(params: AnnualCountsParams, client: Queryable = db): Promise<Section4Count[]> {
  return section4ForOrgIds(await resolveOrgScope(client, params), params.year, client);
}

/**
 * Section 二 figures of the organisation itself, per year. They are entered per organisation and are NOT
 * summed over a subtree: a government office enters its own figures, and several of them (现行有效件数,
 * 采购总金额 with its unit, the 2019 本年增/减) cannot be added up meaningfully. Figures stored in another
 * format than the year's, or that do not fit its layout, are refused with a VALIDATION error.
 */
export async function loadSection2Figures(
  params: { readonly orgId: number; readonly years: readonly number[] },
  client: Queryable = db,
): Promise<Map<number, Section2Values>> {
  const rows = await client.$queryRaw<{ year: number; format: string; data: unknown }[]>`
    SELECT f.year, f.format, f.data FROM proactive_figures f
    WHERE f.org_id = ${params.orgId}::int AND f.year = ANY(${[...params.years]}::int[])`;
  const result = new Map<number, Section2Values>();
  for (const row of rows) {
    const format = formatForYear(row.year);
    if (row.format !== format) {
      throw new DomainError('VALIDATION', 'statistics.error.section2_format_mismatch', {
        year: row.year,
        format: row.format,
        expected: format,
      });
    }
    const normalized = normalizeSection2(format, row.data);
    if (normalized.issues.length > 0) {
      throw new DomainError('VALIDATION', 'statistics.error.section2_invalid', {
        year: row.year,
        paths: normalized.issues.map((i) => i.path).join(', '),
      });
    }
    result.set(row.year, normalized.values);
  }
  return result;
}

/** The organisation of a code with the ids of its scope (itself, or its subtree), in one round trip. */
export function orgWithScopeQuery(orgCode: string, subtree: boolean): Prisma.Sql {
  return Prisma.sql`
    SELECT o.id, o.code,
           CASE WHEN ${subtree}::boolean
                THEN ARRAY(SELECT d.id FROM organisations d WHERE starts_with(d.path, o.path) ORDER BY d.id)
                ELSE ARRAY[o.id] END AS org_ids
    FROM organisations o WHERE o.code = ${orgCode}`;
}

export interface BuildAnnualTableParams {
  readonly year: number;
  /** Organisation code (organisations.code). */
  readonly orgCode: string;
  /** Include every organisation below it (materialised path prefix). */
  readonly subtree: boolean;
  /**
   * Last year's table as published (e.g. a snapshot taken when its period was locked, or an imported
   * report), for C7/C8. Default: last year's 四 derived from the same data (see buildAnnualTable).
   */
  readonly previous?: ImportedAnnualTable;
}

/**
 * Last year's table as far as the cross-year checks read it: its 四 (carried_forward, for C7) and its
 * section 二 (for C8). Derived from last year's own bucket predicate in this year's scan.
 */
function previousYearForC7(
  org: string,
  year: number,
  carriedForward: readonly ApplicantCount[],
  section2: Section2Values | undefined,
): ImportedAnnualTable {
  const values = Object.fromEntries(APPLICANT_TYPES.map((t) => [t, 0])) as Record<ApplicantType, number>;
  for (const c of carriedForward) values[c.applicantType] += Number(c.n);
  const total = APPLICANT_TYPES.reduce((acc, t) => acc + values[t], 0);
  const blank = { upheld: null, corrected: null, other: null, pending: null, total: null };
  return {
    year,
    format: formatForYear(year),
    org,
    section3: { carried_forward: { ...values, total } },
    section4: { administrative_review: blank, litigation_direct: blank, litigation_after_review: blank },
    section2: section2 ?? {},
    checks: [],
  };
}

/**
 * The checked annual table of `year` for an organisation alone or with its subtree, in the format of the
 * year (2019 layout up to 2020, 2021 from 2021): section 三 from the cases (one scan), 四 from the appeals,
 * 二 from the organisation's entered figures; checks C1–C6 (errors) and C7/C8 (warnings) against last
 * year's table.
 *
 * Last year's table, for C7: `params.previous` when the caller has it as published; otherwise last year's
 * 四 (carried_forward) computed with last year's own predicate in this year's scan (no extra rows, see
 * annualCountsQuery). On live data it always equals this year's 二 — both say "received by 31 December
 * Y−1, not concluded by then" — so C7 can only warn against a table as published, which is why the
 * previous-year table is not derived in full (that would double the scan for a check that cannot fail).
 * C8 uses last year's entered section 二 figures.
 *
 * Throws DomainError NOT_FOUND (`statistics.error.org_not_found`) for an unknown code and VALIDATION
 * (`statistics.error.unsupported_year`) before 2019.
 */
export async function buildAnnualTable(params: BuildAnnualTableParams, client: Queryable = db): Promise<AnnualTable> {
  const { year, orgCode, subtree } = params;
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_REPORT_YEAR || year > 9999) {
    throw new DomainError('VALIDATION', 'statistics.error.unsupported_year', { year });
  }
  const [org] = await client.$queryRaw<{ id: number; code: string; org_ids: number[] }[]>(
    orgWithScopeQuery(orgCode, subtree),
  );
  if (!org) throw new DomainError('NOT_FOUND', 'statistics.error.org_not_found', { org: orgCode });
  const previousYear = year - 1 >= FIRST_SUPPORTED_REPORT_YEAR ? year - 1 : null;
  const computePrevious = previousYear !== null && params.previous === undefined;
  const [rows, section4, figures] = await Promise.all([
    client.$queryRaw<CountsRow[]>(
      annualCountsQuery({ orgIds: org.org_ids, years: [year], withPreviousCarriedForward: computePrevious }),
    ),
    section4ForOrgIds(org.org_ids, year, client),
    loadSection2Figures({ orgId: org.id, years: previousYear === null ? [year] : [previousYear, year] }, client),
  ]);
  const previousSection2 = previousYear === null ? undefined : figures.get(previousYear);
  const previous =
    params.previous ??
    (computePrevious && previousYear !== null
      ? previousYearForC7(
          org.code,
          previousYear,
          applicantCounts(rows, 'carried_forward', previousYear),
          previousSection2,
        )
      : undefined);
  return deriveAnnualTable(countsOfYear(rows, year), {
    year,
    org: org.code,
    section4,
    section2: figures.get(year),
    previous,
    previousSection2,
  });
}
