/**
 * Data-quality self-check for an organisation and its subtree: records that would make the annual table or
 * the supervision figures wrong, each with the list of its cases so they can be fixed before the report is
 * locked.
 *
 * - concluded_without_outcome: a conclusion date or a concluded status but no outcome (the annual table
 *   refuses to count it: C4, each concluded case in exactly one result row);
 * - outcome_without_conclusion: an outcome but no conclusion date (counted nowhere as concluded);
 * - concluded_before_received: conclusion before the legal receipt date (breaks the buckets' invariant);
 * - answer_without_delivery: an answer letter issued but no 送达 recorded;
 * - overdue_without_extension: open, past the stored answer due date, and no approved extension;
 * - confirmation_pending_old: receipt still unconfirmed (Art. 31) more than 7 days after arrival;
 * - extension_after_period: an extension requested or approved after the ordinary answer period had ended
 *   (Art. 33 para 2 allows it only within the period; the workflow refuses it since issue 9, so these are
 *   earlier records — the deadline ledger ignores such an extension and the case counts as late);
 * - carried_over_mismatch: the year's 二 上年结转 differs from last year's 四 结转下年度 (check C7 of the
 *   table; listed as the two drill-down cells, since the cases are the difference of two lists);
 * - org_path_mismatch: an organisation whose materialised path disagrees with its parent (subtree scopes
 *   would then miss or include the wrong cases);
 * - applicant_type_implausible: the stored applicant type contradicts the applicant's name (a 律师事务所 as
 *   其他组织 …; lib/law/applicant-type-plausibility.ts) — a hint to review, fixed by a 更正.
 *
 * With a year, every case check lists only cases that count in that year's table (received by its end and
 * not concluded before its start) or arrived that year unconfirmed.
 */
import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/cases/actor';
import { CONCLUDED_STATUSES, OPEN_STATUSES } from '@/lib/cases/workflow';
import type { IsoDate } from '@/lib/calendar/iso-date';
import type { CheckFinding } from '@/lib/statistics/annual-table';
import { buildAnnualTable } from '@/lib/statistics/load-annual-counts';
import { FIRST_SUPPORTED_REPORT_YEAR } from '@/lib/statistics/layouts';
import { DomainError } from '@/lib/errors';
import { APPLICANT_TYPE_RULES } from '@/lib/law/applicant-type-plausibility';
import { pathProblems } from '@/lib/admin/org-tree';
import { CASE_RECORD_INCLUDE } from '@/lib/cases/case-record';
import { chinaToday, ledgerForRecord, loadDeadlineContext } from '@/lib/cases/deadline-for-case';
import {
  hasAnswerDueColumn,
  idsSql,
  listCases,
  orgIdsSql,
  resolveAdminScope,
  scopeOrgIds,
  type ListedCase,
  type ScopeOrg,
} from '@/lib/admin/case-list-sql';

export const QUALITY_CASE_CHECKS = [
  'concluded_without_outcome',
  'outcome_without_conclusion',
  'concluded_before_received',
  'answer_without_delivery',
  'overdue_without_extension',
  'confirmation_pending_old',
  'extension_after_period',
  'applicant_type_implausible',
] as const;
export type QualityCaseCheck = (typeof QUALITY_CASE_CHECKS)[number];

export function isQualityCaseCheck(value: unknown): value is QualityCaseCheck {
  return typeof value === 'string' && (QUALITY_CASE_CHECKS as readonly string[]).includes(value);
}

/** Days after arrival from which an unconfirmed submission is flagged. */
export const CONFIRMATION_PENDING_DAYS = 7;

const DUE_CHECKS: readonly QualityCaseCheck[] = ['overdue_without_extension'];

/**
 * Cases of the scope with an extension requested or approved after the ordinary answer period ended (Art. 33
 * para 2). The period needs the working-day ledger, so it is computed in code; SQL first keeps only extensions
 * dated more than 20 calendar days after receipt (20 working days never end sooner), in keyset batches.
 */
export async function casesExtendedAfterPeriod(orgIds: readonly number[], today: IsoDate, batchSize = 200): Promise<string[]> {
  const ctx = await loadDeadlineContext();
  const found: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const rows: { id: string }[] = await db.$queryRaw<{ id: string }[]>`
      SELECT c.id::text AS id FROM cases c
      WHERE ${orgIdsSql(orgIds)} AND c.received_on IS NOT NULL ${cursor ? Prisma.sql`AND c.id > ${cursor}::uuid` : Prisma.empty}
        AND EXISTS (SELECT 1 FROM extensions e WHERE e.case_id = c.id AND e.rejected_at IS NULL
          AND (e.approved_on > c.received_on + 20
               OR (e.requested_at AT TIME ZONE 'Asia/Shanghai')::date > c.received_on + 20))
      ORDER BY c.id LIMIT ${batchSize}::int`;
    if (rows.length === 0) return found;
    const records = await db.case.findMany({ where: { id: { in: rows.map((r) => r.id) } }, include: CASE_RECORD_INCLUDE });
    for (const record of records) {
      const ledger = ledgerForRecord(record, today, ctx);
      const due = ledger.answerDueWithoutExtension;
      if (due === null) continue;
      const late = record.extensions.some(
        (e) =>
          e.rejectedAt === null &&
          (chinaToday(e.requestedAt) > due || (e.approvedOn !== null && e.approvedOn.toISOString().slice(0, 10) > due)),
      );
      if (late) found.push(record.id);
    }
    cursor = rows[rows.length - 1].id;
  }
}

/** Checks whose cases are found in code, not by a predicate: their id lists, computed once per request. */
interface ComputedLists {
  extension_after_period?: readonly string[];
}

async function computedLists(checks: readonly QualityCaseCheck[], orgIds: readonly number[], today: IsoDate): Promise<ComputedLists> {
  return checks.includes('extension_after_period') ? { extension_after_period: await casesExtendedAfterPeriod(orgIds, today) } : {};
}

function checkSql(check: QualityCaseCheck, today: IsoDate, computed: ComputedLists = {}): Prisma.Sql {
  switch (check) {
    case 'extension_after_period':
      return idsSql(computed.extension_after_period ?? []);
    case 'concluded_without_outcome':
      return Prisma.sql`c.outcome IS NULL AND (c.concluded_on IS NOT NULL OR c.status::text = ANY(${[...CONCLUDED_STATUSES]}::text[]))`;
    case 'outcome_without_conclusion':
      return Prisma.sql`c.outcome IS NOT NULL AND c.concluded_on IS NULL`;
    case 'concluded_before_received':
      return Prisma.sql`c.concluded_on IS NOT NULL AND c.received_on IS NOT NULL AND c.concluded_on < c.received_on`;
    case 'answer_without_delivery':
      return Prisma.sql`EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id AND d.type = 'answer' AND d.status = 'issued')
        AND NOT EXISTS (SELECT 1 FROM deliveries v WHERE v.case_id = c.id)`;
    case 'overdue_without_extension':
      return Prisma.sql`c.status::text = ANY(${[...OPEN_STATUSES]}::text[]) AND c.answer_due_on IS NOT NULL AND c.answer_due_on < ${today}::date
        AND NOT EXISTS (SELECT 1 FROM extensions e WHERE e.case_id = c.id AND e.approved_on IS NOT NULL)`;
    case 'applicant_type_implausible':
      return applicantTypeImplausibleSql();
    case 'confirmation_pending_old':
      return Prisma.sql`c.status = 'pending_confirmation'
        AND coalesce(c.arrived_at, c.created_at) < (${today}::date - ${CONFIRMATION_PENDING_DAYS}::int)::timestamptz`;
  }
}

/** The first rule of APPLICANT_TYPE_RULES matching the name decides; the stored type is not among its expected ones. */
function applicantTypeImplausibleSql(): Prisma.Sql {
  const branches = APPLICANT_TYPE_RULES.map(
    (r) => Prisma.sql`WHEN btrim(c.applicant_name) ~ ${r.pattern} THEN NOT (c.applicant_type::text = ANY(${[...r.expected]}::text[]))`,
  );
  return Prisma.sql`(CASE ${Prisma.join(branches, ' ')} ELSE FALSE END)`;
}

/**
 * Cases that count in `year`'s table or are waiting to: received by its end and not concluded before its
 * start (received, carried over or concluded that year), or still unconfirmed after arriving that year. No
 * year: every case of the scope.
 */
function yearSql(year: number | undefined): Prisma.Sql {
  if (year === undefined) return Prisma.sql`TRUE`;
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  return Prisma.sql`(CASE WHEN c.received_on IS NULL
      THEN (coalesce(c.arrived_at, c.created_at) AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${first}::date AND ${last}::date
      ELSE c.received_on <= ${last}::date AND (c.concluded_on IS NULL OR c.concluded_on >= ${first}::date) END)`;
}

function keyDateSql(check: QualityCaseCheck): Prisma.Sql | undefined {
  switch (check) {
    case 'answer_without_delivery':
      return Prisma.sql`(SELECT max(d.issued_on) FROM documents d WHERE d.case_id = c.id AND d.type = 'answer' AND d.status = 'issued')`;
    case 'overdue_without_extension':
      return Prisma.sql`c.answer_due_on`;
    case 'confirmation_pending_old':
      return Prisma.sql`(coalesce(c.arrived_at, c.created_at) AT TIME ZONE 'Asia/Shanghai')::date`;
    case 'extension_after_period':
      return Prisma.sql`(SELECT max(e.approved_on) FROM extensions e WHERE e.case_id = c.id AND e.rejected_at IS NULL)`;
    default:
      return undefined;
  }
}

export interface QualityReport {
  org: ScopeOrg;
  subtree: boolean;
  year: number;
  hasDueDates: boolean;
  /** Per check: the number of cases, or null when it cannot be computed (no due dates yet). */
  counts: Record<QualityCaseCheck, number | null>;
  /** First cases of every check with findings (the page lists them; the full list is paginated). */
  samples: Record<QualityCaseCheck, ListedCase[]>;
  /** C7 findings of the year's table for the scope (carried over ≠ last year's carried forward). */
  carriedOver: readonly CheckFinding[];
  /** When the year's table cannot be built (e.g. a concluded case without outcome), its message key. */
  tableError: { messageKey: string; params: Record<string, unknown> } | null;
  pathProblems: Array<{ code: string; path: string; expected: string }>;
}

export const QUALITY_SAMPLE_SIZE = 10;

export async function loadDataQuality(
  actor: Actor,
  params: { orgCode?: string | null; subtree: boolean; year: number; today: IsoDate },
): Promise<QualityReport> {
  const org = await resolveAdminScope(actor, params.orgCode);
  const orgIds = await scopeOrgIds(org, params.subtree);
  const hasDueDates = await hasAnswerDueColumn();
  const checks = QUALITY_CASE_CHECKS.filter((c) => hasDueDates || !DUE_CHECKS.includes(c));
  const computed = await computedLists(checks, orgIds, params.today);
  const aggregates = checks.map((c) => Prisma.sql`count(*) FILTER (WHERE ${checkSql(c, params.today, computed)}) AS ${Prisma.raw(`"${c}"`)}`);
  const [countRow] = await db.$queryRaw<Array<Record<string, bigint>>>`
    SELECT ${Prisma.join(aggregates, ', ')} FROM cases c WHERE ${orgIdsSql(orgIds)} AND ${yearSql(params.year)}`;
  const counts = Object.fromEntries(
    QUALITY_CASE_CHECKS.map((c) => [c, checks.includes(c) ? Number(countRow?.[c] ?? 0) : null]),
  ) as Record<QualityCaseCheck, number | null>;
  const samples = Object.fromEntries(
    await Promise.all(
      QUALITY_CASE_CHECKS.map(async (c) => {
        if (!counts[c]) return [c, []] as const;
        const page = await listCases(Prisma.sql`${orgIdsSql(orgIds)} AND ${yearSql(params.year)} AND ${checkSql(c, params.today, computed)}`, {
          pageSize: QUALITY_SAMPLE_SIZE,
          keyDate: keyDateSql(c),
        });
        return [c, page.items] as const;
      }),
    ),
  ) as Record<QualityCaseCheck, ListedCase[]>;

  let carriedOver: readonly CheckFinding[] = [];
  let tableError: QualityReport['tableError'] = null;
  if (params.year >= FIRST_SUPPORTED_REPORT_YEAR) {
    try {
      const table = await buildAnnualTable({ year: params.year, orgCode: org.code, subtree: params.subtree });
      carriedOver = table.checks.filter((f) => f.rule === 'C7');
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      tableError = { messageKey: e.messageKey, params: e.params ?? {} };
    }
  }
  const orgs = await db.organisation.findMany({ select: { id: true, code: true, name: true, parentId: true, path: true } });
  const inScope = new Set(orgIds);
  return {
    org,
    subtree: params.subtree,
    year: params.year,
    hasDueDates,
    counts,
    samples,
    carriedOver,
    tableError,
    pathProblems: pathProblems(orgs)
      .filter((p) => inScope.has(p.id) || p.path.startsWith(org.path))
      .map((p) => ({ code: p.code, path: p.path, expected: p.expected })),
  };
}

export async function listQualityCases(
  actor: Actor,
  params: { orgCode?: string | null; subtree: boolean; check: QualityCaseCheck; today: IsoDate; page?: number; year?: number },
): Promise<{ org: ScopeOrg; items: ListedCase[]; total: number; page: number; pageCount: number }> {
  const org = await resolveAdminScope(actor, params.orgCode);
  const orgIds = await scopeOrgIds(org, params.subtree);
  if (DUE_CHECKS.includes(params.check) && !(await hasAnswerDueColumn())) return { org, items: [], total: 0, page: 1, pageCount: 1 };
  const computed = await computedLists([params.check], orgIds, params.today);
  const page = await listCases(Prisma.sql`${orgIdsSql(orgIds)} AND ${yearSql(params.year)} AND ${checkSql(params.check, params.today, computed)}`, {
    page: params.page,
    keyDate: keyDateSql(params.check),
  });
  return { org, ...page };
}

/** All cases of a check for the XLSX export (capped). */
export async function allQualityCases(orgIds: readonly number[], check: QualityCaseCheck, today: IsoDate, cap = 10_000, year?: number): Promise<ListedCase[]> {
  if (DUE_CHECKS.includes(check) && !(await hasAnswerDueColumn())) return [];
  const computed = await computedLists([check], orgIds, today);
  const page = await listCases(Prisma.sql`${orgIdsSql(orgIds)} AND ${yearSql(year)} AND ${checkSql(check, today, computed)}`, { pageSize: cap, keyDate: keyDateSql(check) });
  return page.items;
}

/**
 * Data-quality findings per unit (each unit: an organisation with its subtree), in one grouped scan over the
 * cases of `scopeOrgIds`: the oversight of subordinates (lib/admin/report-oversight.ts). Checks that need
 * the stored due dates count null when the column is absent, as in loadDataQuality.
 */
export async function qualityCountsByUnit(
  units: readonly { id: number; path: string }[],
  scopeOrgIds: readonly number[],
  today: IsoDate,
  year?: number,
): Promise<Map<number, Record<QualityCaseCheck, number | null>>> {
  const result = new Map<number, Record<QualityCaseCheck, number | null>>();
  if (units.length === 0) return result;
  const hasDueDates = await hasAnswerDueColumn();
  const checks = QUALITY_CASE_CHECKS.filter((c) => hasDueDates || !DUE_CHECKS.includes(c));
  const computed = await computedLists(checks, scopeOrgIds, today);
  const aggregates = checks.map((c) => Prisma.sql`count(*) FILTER (WHERE ${checkSql(c, today, computed)}) AS ${Prisma.raw(`"${c}"`)}`);
  const rows = await db.$queryRaw<Array<Record<string, bigint | number>>>`
    SELECT u.id AS unit, ${Prisma.join(aggregates, ', ')}
    FROM cases c
    JOIN organisations o ON o.id = c.org_id
    JOIN unnest(${units.map((u) => u.id)}::int[], ${units.map((u) => u.path)}::text[]) AS u(id, path) ON starts_with(o.path, u.path)
    WHERE ${orgIdsSql(scopeOrgIds)} AND ${yearSql(year)}
    GROUP BY u.id`;
  const byUnit = new Map(rows.map((r) => [Number(r.unit), r]));
  for (const unit of units) {
    const row = byUnit.get(unit.id);
    result.set(
      unit.id,
      Object.fromEntries(QUALITY_CASE_CHECKS.map((c) => [c, checks.includes(c) ? Number(row?.[c] ?? 0) : null])) as Record<QualityCaseCheck, number | null>,
    );
  }
  return result;
}
