/**
 * Drill-down: the cases behind one number of section 三, and the appeals behind one number of section 四 (row × column of a year's table, for an
 * organisation alone or with its subtree). It uses the same bucket predicates as the aggregate
 * (annual-buckets-sql.ts), so the list of a cell always has exactly as many cases as the cell says; section 四
 * likewise shares appealFiledInPeriod / appealStateAtYearEnd with the aggregate.
 *
 * Paginated by keyset on the case id (uuid v7, so roughly in creation order): pass the `nextCursor` of a
 * page as `after` to get the next one.
 */
import type { Actor } from '@/lib/cases/actor';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { OUTCOMES, type ApplicantType, type Outcome } from '@/lib/law/ids';
import {
  activityEnvelope,
  appealFiledInPeriod,
  appealStateAtYearEnd,
  bucketPredicate,
  orgIdsPredicate,
  reportPeriod,
  resolveOrgScope,
  type OrgScope,
  type ReportPeriod,
} from '@/lib/statistics/annual-buckets-sql';
import {
  FIRST_SUPPORTED_REPORT_YEAR,
  SECTION3_COLUMN_IDS,
  SECTION4_BLOCK_IDS,
  SECTION4_COLUMN_IDS,
  formatForYear,
  rowForOutcome,
  section3RowLayout,
  type ReportFormat,
  type Section3ColumnId,
  type Section3RowId,
  type Section4BlockId,
  type Section4ColumnId,
  type Section4ResultId,
} from '@/lib/statistics/layouts';
import type { Queryable } from '@/lib/statistics/load-annual-counts';

export const DRILL_DOWN_DEFAULT_LIMIT = 50;
export const DRILL_DOWN_MAX_LIMIT = 500;

export interface DrillDownParams extends OrgScope {
  readonly year: number;
  readonly row: Section3RowId;
  readonly column: Section3ColumnId;
  /** `nextCursor` of the previous page; omit for the first page. */
  readonly after?: string | null;
  /** Page size, 1–500 (default 50). */
  readonly limit?: number;
}

/** One case of the list (a DTO: only what the list shows). */
export interface DrillDownCase {
  readonly id: string;
  readonly trackingNo: string;
  readonly orgCode: string;
  readonly orgName: string;
  readonly applicantType: ApplicantType;
  readonly applicantName: string;
  readonly channel: string;
  readonly status: string;
  readonly source: string;
  readonly receivedOn: IsoDate | null;
  readonly concludedOn: IsoDate | null;
  readonly outcome: Outcome | null;
}

export interface DrillDownPage {
  readonly items: readonly DrillDownCase[];
  /** Cursor of the next page, or null on the last page. */
  readonly nextCursor: string | null;
  /** Cases behind the cell in all (the cell's number: same predicate as the aggregate). */
  readonly total: number;
}

/** The outcomes that land in a result row of `format` (inverse of layouts.ts rowForOutcome). */
export function outcomesForRow(row: Section3RowId, format: ReportFormat): Outcome[] {
  return OUTCOMES.filter((o) => rowForOutcome(o, format) === row);
}

/**
 * The predicate of a section 三 cell (row of the year's layout × column). Throws DomainError VALIDATION
 * (`statistics.error.unknown_cell`) for a row that is not in the year's layout or an unknown column.
 */
export function cellPredicate(row: Section3RowId, column: Section3ColumnId, period: ReportPeriod): Prisma.Sql {
  const format = formatForYear(period.year);
  const layout = section3RowLayout(format, row);
  if (!layout || !(SECTION3_COLUMN_IDS as readonly string[]).includes(column)) {
    throw new DomainError('VALIDATION', 'statistics.error.unknown_cell', { row, column, format });
  }
  let rowSql: Prisma.Sql;
  switch (layout.role) {
    case 'intake':
      rowSql = bucketPredicate(row === 'new_received' ? 'new_received' : 'carried_over', period);
      break;
    case 'carry_forward':
      rowSql = bucketPredicate('carried_forward', period);
      break;
    case 'result_total':
      rowSql = Prisma.sql`(${bucketPredicate('concluded', period)} AND c.outcome IS NOT NULL)`;
      break;
    case 'result':
      rowSql = Prisma.sql`(${bucketPredicate('concluded', period)} AND c.outcome::text = ANY(${outcomesForRow(row, format)}::text[]))`;
      break;
  }
  const columnSql = column === 'total' ? Prisma.empty : Prisma.sql` AND c.applicant_type = ${column}::"ApplicantType"`;
  return Prisma.sql`(${activityEnvelope(period)} AND ${rowSql}${columnSql})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type DrillDownRow = {
  id: string;
  tracking_no: string;
  org_code: string;
  org_name: string;
  applicant_type: string;
  applicant_name: string;
  channel: string;
  status: string;
  source: string;
  received_on: Date | null;
  concluded_on: Date | null;
  outcome: string | null;
};

const isoDay = (d: Date | null): IsoDate | null => (d === null ? null : d.toISOString().slice(0, 10));

/**
 * Checks that the actor may see the organisation's cases (admin: all; clerk, reviewer: their subtree;
 * others: none). Outside the scope looks the same as an unknown organisation: NOT_FOUND.
 */
async function assertOrgInScope(actor: Actor, orgId: number, client: Queryable): Promise<void> {
  const [org] = await client.$queryRaw<
    { path: string }[]
  >`SELECT o.path FROM organisations o WHERE o.id = ${orgId}::int`;
  const isVisible =
    org !== undefined &&
    (actor.role === 'admin' ||
      ((actor.role === 'clerk' || actor.role === 'reviewer') &&
        actor.orgPath !== null &&
        org.path.startsWith(actor.orgPath)));
  if (!isVisible) throw new DomainError('NOT_FOUND', 'statistics.error.org_not_found', { orgId });
}

/** One page of the cases behind a section 三 cell, for an actor entitled to the organisation's cases. */
export async function drillDownCell(
  actor: Actor,
  params: DrillDownParams,
  client: Queryable = db,
): Promise<DrillDownPage> {
  const { year, after } = params;
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_REPORT_YEAR || year > 9999) {
    throw new DomainError('VALIDATION', 'statistics.error.unsupported_year', { year });
  }
  const limit = params.limit ?? DRILL_DOWN_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > DRILL_DOWN_MAX_LIMIT) {
    throw new DomainError('VALIDATION', 'statistics.error.invalid_page_size', { max: DRILL_DOWN_MAX_LIMIT });
  }
  if (after !== undefined && after !== null && !UUID.test(after)) {
    throw new DomainError('VALIDATION', 'statistics.error.invalid_cursor', {});
  }
  await assertOrgInScope(actor, params.orgId, client);
  const orgIds = await resolveOrgScope(client, params);
  const predicate = cellPredicate(params.row, params.column, reportPeriod(year));
  const afterSql = after ? Prisma.sql` AND c.id > ${after}::uuid` : Prisma.empty;
  const [rows, [count]] = await Promise.all([
    client.$queryRaw<DrillDownRow[]>`
    SELECT c.id::text AS id, c.tracking_no, o.code AS org_code, o.name AS org_name,
           c.applicant_type::text AS applicant_type, c.applicant_name, c.channel::text AS channel,
           c.status::text AS status, c.source::text AS source, c.received_on, c.concluded_on, c.outcome::text AS outcome
    FROM cases c JOIN organisations o ON o.id = c.org_id
    WHERE ${orgIdsPredicate(orgIds)} AND ${predicate}${afterSql}
    ORDER BY c.id
    LIMIT ${limit + 1}::int`,
    client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM cases c WHERE ${orgIdsPredicate(orgIds)} AND ${predicate}`,
  ]);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      trackingNo: r.tracking_no,
      orgCode: r.org_code,
      orgName: r.org_name,
      applicantType: r.applicant_type as ApplicantType,
      applicantName: r.applicant_name,
      channel: r.channel,
      status: r.status,
      source: r.source,
      receivedOn: isoDay(r.received_on),
      concludedOn: isoDay(r.concluded_on),
      outcome: r.outcome === null ? null : (r.outcome as Outcome),
    })),
    nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    total: Number(count?.n ?? 0),
  };
}

/** Every case behind a cell (page by page, at most `max`), for the drill-down's XLSX export. */
export function drillDownAllCases(actor: Actor, params: Omit<DrillDownParams, 'after' | 'limit'>, max = 100_000): Promise<DrillDownCase[]> {
  return allPages((after) => drillDownCell(actor, { ...params, after, limit: DRILL_DOWN_MAX_LIMIT }), max);
}

/** Follows a keyset-paged drill-down from the first page until it ends or `max` items are read. */
async function allPages<T>(page: (after: string | null) => Promise<{ items: readonly T[]; nextCursor: string | null }>, max: number): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  do {
    const p = await page(after);
    out.push(...p.items);
    after = p.nextCursor;
  } while (after !== null && out.length < max);
  return out.slice(0, max);
}

// ---------------------------------------------------------------------------------------------------------
// Section 四: the appeals behind a cell (block × result column)
// ---------------------------------------------------------------------------------------------------------

export interface Section4DrillDownParams extends OrgScope {
  readonly year: number;
  readonly block: Section4BlockId;
  readonly column: Section4ColumnId;
  /** `nextCursor` of the previous page; omit for the first page. */
  readonly after?: string | null;
  /** Page size, 1–500 (default 50). */
  readonly limit?: number;
}

/** One appeal of the list. */
export interface DrillDownAppeal {
  readonly id: string;
  readonly kind: Section4BlockId;
  readonly orgCode: string;
  readonly orgName: string;
  readonly filedOn: IsoDate;
  readonly decidedOn: IsoDate | null;
  /** The result as stored (today's state). */
  readonly result: Section4ResultId;
  /** The column it counts in: its state on 31 December of the year (a later decision is 尚未审结). */
  readonly countedAs: Section4ResultId;
  readonly body: string;
  /** The case appealed against, when known. */
  readonly caseId: string | null;
  readonly trackingNo: string | null;
  readonly source: 'import' | 'case';
}

export interface Section4DrillDownPage {
  readonly items: readonly DrillDownAppeal[];
  readonly nextCursor: string | null;
  /** Appeals behind the cell in all (the cell's number: same predicate as the aggregate). */
  readonly total: number;
}

/**
 * The predicate of a section 四 cell. Throws DomainError VALIDATION (`statistics.error.unknown_cell`) for an
 * unknown block or column.
 */
export function section4CellPredicate(block: Section4BlockId, column: Section4ColumnId, period: ReportPeriod): Prisma.Sql {
  if (!(SECTION4_BLOCK_IDS as readonly string[]).includes(block) || !(SECTION4_COLUMN_IDS as readonly string[]).includes(column)) {
    throw new DomainError('VALIDATION', 'statistics.error.unknown_cell', { row: block, column, format: formatForYear(period.year) });
  }
  const columnSql = column === 'total' ? Prisma.empty : Prisma.sql` AND (${appealStateAtYearEnd(period)}) = ${column}::text`;
  return Prisma.sql`(a.kind = ${block}::"AppealKind" AND ${appealFiledInPeriod(period)}${columnSql})`;
}

type AppealRow = {
  id: string;
  kind: string;
  org_code: string;
  org_name: string;
  filed_on: Date;
  decided_on: Date | null;
  result: string;
  counted_as: string;
  body: string;
  case_id: string | null;
  tracking_no: string | null;
  import_batch_id: string | null;
};

/** One page of the appeals behind a section 四 cell, for an actor entitled to the organisation's report. */
export async function drillDownSection4Cell(actor: Actor, params: Section4DrillDownParams, client: Queryable = db): Promise<Section4DrillDownPage> {
  const { year, after } = params;
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_REPORT_YEAR || year > 9999) {
    throw new DomainError('VALIDATION', 'statistics.error.unsupported_year', { year });
  }
  const limit = params.limit ?? DRILL_DOWN_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > DRILL_DOWN_MAX_LIMIT) {
    throw new DomainError('VALIDATION', 'statistics.error.invalid_page_size', { max: DRILL_DOWN_MAX_LIMIT });
  }
  if (after !== undefined && after !== null && !UUID.test(after)) {
    throw new DomainError('VALIDATION', 'statistics.error.invalid_cursor', {});
  }
  await assertOrgInScope(actor, params.orgId, client);
  const orgIds = await resolveOrgScope(client, params);
  const period = reportPeriod(year);
  const predicate = section4CellPredicate(params.block, params.column, period);
  const afterSql = after ? Prisma.sql` AND a.id > ${after}::uuid` : Prisma.empty;
  const [rows, [count]] = await Promise.all([
    client.$queryRaw<AppealRow[]>`
      SELECT a.id::text AS id, a.kind::text AS kind, o.code AS org_code, o.name AS org_name, a.filed_on, a.decided_on,
             a.result::text AS result, ${appealStateAtYearEnd(period)} AS counted_as, a.body, a.case_id::text AS case_id,
             c.tracking_no, a.import_batch_id::text AS import_batch_id
      FROM appeals a JOIN organisations o ON o.id = a.org_id LEFT JOIN cases c ON c.id = a.case_id
      WHERE ${orgIdsPredicate(orgIds, 'a')} AND ${predicate}${afterSql}
      ORDER BY a.id
      LIMIT ${limit + 1}::int`,
    client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM appeals a WHERE ${orgIdsPredicate(orgIds, 'a')} AND ${predicate}`,
  ]);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind as Section4BlockId,
      orgCode: r.org_code,
      orgName: r.org_name,
      filedOn: isoDay(r.filed_on) as IsoDate,
      decidedOn: isoDay(r.decided_on),
      result: r.result as Section4ResultId,
      countedAs: r.counted_as as Section4ResultId,
      body: r.body,
      caseId: r.case_id,
      trackingNo: r.tracking_no,
      source: r.import_batch_id === null ? 'case' : 'import',
    })),
    nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    total: Number(count?.n ?? 0),
  };
}

/** Every appeal behind a section 四 cell (page by page, at most `max`), for the XLSX export. */
export function drillDownAllAppeals(actor: Actor, params: Omit<Section4DrillDownParams, 'after' | 'limit'>, max = 100_000): Promise<DrillDownAppeal[]> {
  return allPages((after) => drillDownSection4Cell(actor, { ...params, after, limit: DRILL_DOWN_MAX_LIMIT }), max);
}
