/**
 * Supervision figures (全程监督 / 考核, 条例 Arts. 47–50) for an organisation and its subtree over a period:
 * per organisation, applications received and concluded, answers on time vs late, extensions used, 补正
 * notices sent after the 7-working-day limit (Art. 30), cases still open past their due date; for the
 * scope, the outcome mix and the 复议 / 诉讼 results (how many answers were corrected).
 *
 * Definitions (shown on the page; every number opens the list of its cases, `listSupervisionCases`):
 * - received: legal receipt date (收到申请之日) in the period; concluded: conclusion date in the period;
 * - on time / late: concluded in the period, conclusion date ≤ / > the stored answer due date
 *   (cases.answer_due_on, the Art. 33 / Art. 35 date the deadline ledger computed, extensions and excluded
 *   periods included); no stored due date (or no such column yet) → "unknown";
 * - extensions: extensions approved in the period (Art. 33 para 2);
 * - late 补正: the first correction notice of a case, requested in the period, later than 7 working days
 *   after the receipt date (working days from the admin calendar; later rounds are not judged, their base
 *   is the previous correction, a practice the 条例 does not fix);
 * - open past due: open today and the stored due date is before today;
 * - appeals: filed in the period (as section 四 counts them), by kind and current result.
 *
 * Aggregation in SQL (one grouped scan per figure); only the 补正 check needs the working-day calendar and
 * runs over the correction notices of the period in code.
 */
import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/cases/actor';
import { OPEN_STATUSES } from '@/lib/cases/workflow';
import { loadCalendar } from '@/lib/calendar/load-calendar';
import { addWorkingDays } from '@/lib/calendar/working-days';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { OUTCOMES } from '@/lib/law/ids';
import {
  hasAnswerDueColumn,
  idsSql,
  listCases,
  orgIdsSql,
  resolveAdminScope,
  scopeOrgIds,
  type ListedCase,
  type Period,
  type ScopeOrg,
} from '@/lib/admin/case-list-sql';

/** Art. 30: a correction notice is due within 7 working days of receipt. */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;

export const SUPERVISION_METRICS = [
  'received',
  'concluded',
  'on_time',
  'late',
  'timeliness_unknown',
  'extended',
  'late_correction',
  'open_overdue',
] as const;
export type SupervisionMetric = (typeof SUPERVISION_METRICS)[number];

export function isSupervisionMetric(value: unknown): value is SupervisionMetric {
  return typeof value === 'string' && (SUPERVISION_METRICS as readonly string[]).includes(value);
}

export interface SupervisionRow {
  orgId: number;
  code: string;
  name: string;
  depth: number;
  counts: Record<SupervisionMetric, number | null>;
}

export interface SupervisionReport {
  org: ScopeOrg;
  subtree: boolean;
  period: Period;
  today: IsoDate;
  /** False while cases.answer_due_on does not exist: timeliness columns are null (unknown). */
  hasDueDates: boolean;
  rows: SupervisionRow[];
  totals: Record<SupervisionMetric, number | null>;
  outcomes: Array<{ outcome: string; n: number }>;
  appeals: Array<{ kind: string; result: string; n: number }>;
  /** Appeals filed in the period whose result corrected the answer (结果纠正). */
  correctedAnswers: number;
}

const n = (v: bigint | number | null | undefined): number => Number(v ?? 0);
const openStatuses = Prisma.sql`c.status::text = ANY(${[...OPEN_STATUSES]}::text[])`;

/** The case predicate of a metric (without scope), or null for `late_correction` (computed in code). */
function metricSql(metric: SupervisionMetric, period: Period, today: IsoDate): Prisma.Sql | null {
  const inPeriod = (column: string) => Prisma.sql`${Prisma.raw(column)} >= ${period.from}::date AND ${Prisma.raw(column)} <= ${period.to}::date`;
  switch (metric) {
    case 'received':
      return inPeriod('c.received_on');
    case 'concluded':
      return inPeriod('c.concluded_on');
    case 'on_time':
      return Prisma.sql`${inPeriod('c.concluded_on')} AND c.answer_due_on IS NOT NULL AND c.concluded_on <= c.answer_due_on`;
    case 'late':
      return Prisma.sql`${inPeriod('c.concluded_on')} AND c.answer_due_on IS NOT NULL AND c.concluded_on > c.answer_due_on`;
    case 'timeliness_unknown':
      return Prisma.sql`${inPeriod('c.concluded_on')} AND c.answer_due_on IS NULL`;
    case 'extended':
      return Prisma.sql`EXISTS (SELECT 1 FROM extensions e WHERE e.case_id = c.id AND e.approved_on >= ${period.from}::date AND e.approved_on <= ${period.to}::date)`;
    case 'open_overdue':
      return Prisma.sql`${openStatuses} AND c.answer_due_on IS NOT NULL AND c.answer_due_on < ${today}::date`;
    case 'late_correction':
      return null;
  }
}

const DUE_METRICS: readonly SupervisionMetric[] = ['on_time', 'late', 'timeliness_unknown', 'open_overdue'];

/** Ids of the cases whose first correction notice (requested in the period) came after 7 working days. */
async function lateCorrectionCases(orgIds: readonly number[], period: Period): Promise<Array<{ id: string; orgId: number; requestedOn: IsoDate; dueOn: IsoDate }>> {
  const rows = await db.$queryRaw<{ id: string; org_id: number; received_on: Date; first_requested: Date }[]>`
    SELECT c.id::text AS id, c.org_id, c.received_on, min(r.requested_on) AS first_requested
    FROM correction_requests r JOIN cases c ON c.id = r.case_id
    WHERE ${orgIdsSql(orgIds)} AND c.received_on IS NOT NULL
    GROUP BY c.id, c.org_id, c.received_on
    HAVING min(r.requested_on) >= ${period.from}::date AND min(r.requested_on) <= ${period.to}::date`;
  if (rows.length === 0) return [];
  const calendar = await loadCalendar();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return rows.flatMap((r) => {
    const dueOn = addWorkingDays(iso(r.received_on), CORRECTION_NOTICE_WORKING_DAYS, calendar);
    const requestedOn = iso(r.first_requested);
    return requestedOn > dueOn ? [{ id: r.id, orgId: r.org_id, requestedOn, dueOn }] : [];
  });
}

export async function loadSupervision(
  actor: Actor,
  params: { orgCode?: string | null; subtree: boolean; period: Period; today: IsoDate },
): Promise<SupervisionReport> {
  const org = await resolveAdminScope(actor, params.orgCode);
  const { period, today, subtree } = params;
  const orgIds = await scopeOrgIds(org, subtree);
  const hasDueDates = await hasAnswerDueColumn();
  const metricsInSql = SUPERVISION_METRICS.filter((m) => m !== 'late_correction' && (hasDueDates || !DUE_METRICS.includes(m)));
  const aggregates = metricsInSql.map((m) => Prisma.sql`count(*) FILTER (WHERE ${metricSql(m, period, today)}) AS ${Prisma.raw(`"${m}"`)}`);
  const [orgs, perOrg, late, outcomes, appeals] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, code: true, name: true, path: true }, orderBy: { path: 'asc' } }),
    db.$queryRaw<Array<Record<string, bigint | number>>>`
      SELECT c.org_id, ${Prisma.join(aggregates, ', ')}
      FROM cases c
      WHERE ${orgIdsSql(orgIds)}
        AND ((c.received_on <= ${period.to}::date AND (c.concluded_on IS NULL OR c.concluded_on >= ${period.from}::date)) OR ${openStatuses})
      GROUP BY c.org_id`,
    lateCorrectionCases(orgIds, period),
    db.$queryRaw<{ outcome: string; n: bigint }[]>`
      SELECT c.outcome::text AS outcome, count(*) AS n FROM cases c
      WHERE ${orgIdsSql(orgIds)} AND c.concluded_on >= ${period.from}::date AND c.concluded_on <= ${period.to}::date AND c.outcome IS NOT NULL
      GROUP BY c.outcome`,
    db.$queryRaw<{ kind: string; result: string; n: bigint }[]>`
      SELECT a.kind::text AS kind, a.result::text AS result, count(*) AS n FROM appeals a
      WHERE ${orgIdsSql(orgIds, 'a')} AND a.filed_on >= ${period.from}::date AND a.filed_on <= ${period.to}::date
      GROUP BY a.kind, a.result`,
  ]);
  const depthBase = org.path.split('/').length;
  const byOrg = new Map(perOrg.map((r) => [Number(r.org_id), r]));
  const rows: SupervisionRow[] = orgs.map((o) => {
    const r = byOrg.get(o.id);
    const counts = Object.fromEntries(
      SUPERVISION_METRICS.map((m) => {
        if (m === 'late_correction') return [m, late.filter((l) => l.orgId === o.id).length];
        if (!hasDueDates && DUE_METRICS.includes(m)) return [m, null];
        return [m, n(r?.[m] as bigint | undefined)];
      }),
    ) as Record<SupervisionMetric, number | null>;
    return { orgId: o.id, code: o.code, name: o.name, depth: o.path.split('/').length - depthBase, counts };
  });
  const totals = Object.fromEntries(
    SUPERVISION_METRICS.map((m) => [m, rows.some((r) => r.counts[m] === null) ? null : rows.reduce((s, r) => s + (r.counts[m] ?? 0), 0)]),
  ) as Record<SupervisionMetric, number | null>;
  const outcomeRows = outcomes.map((o) => ({ outcome: o.outcome, n: n(o.n) }));
  outcomeRows.sort((a, b) => OUTCOMES.indexOf(a.outcome as never) - OUTCOMES.indexOf(b.outcome as never));
  const appealRows = appeals.map((a) => ({ kind: a.kind, result: a.result, n: n(a.n) }));
  return {
    org,
    subtree,
    period,
    today,
    hasDueDates,
    rows,
    totals,
    outcomes: outcomeRows,
    appeals: appealRows,
    correctedAnswers: appealRows.filter((a) => a.result === 'corrected').reduce((s, a) => s + a.n, 0),
  };
}

/**
 * The cases behind one supervision number: the scope (or one organisation of it, `orgCode` of the row)
 * and the metric's predicate; paginated.
 */
export async function listSupervisionCases(
  actor: Actor,
  params: { orgCode?: string | null; subtree: boolean; rowOrgCode?: string | null; metric: SupervisionMetric; period: Period; today: IsoDate; page?: number },
): Promise<{ org: ScopeOrg; items: ListedCase[]; total: number; page: number; pageCount: number }> {
  const org = await resolveAdminScope(actor, params.orgCode);
  let orgIds = await scopeOrgIds(org, params.subtree);
  if (params.rowOrgCode) {
    const row = await db.organisation.findUnique({ where: { code: params.rowOrgCode }, select: { id: true } });
    if (!row || !orgIds.includes(row.id)) throw new DomainError('NOT_FOUND', 'errors.notFound');
    orgIds = [row.id];
  }
  if (DUE_METRICS.includes(params.metric) && !(await hasAnswerDueColumn())) {
    return { org, items: [], total: 0, page: 1, pageCount: 1 };
  }
  let where: Prisma.Sql;
  let keyDate: Prisma.Sql | undefined;
  if (params.metric === 'late_correction') {
    const late = await lateCorrectionCases(orgIds, params.period);
    where = Prisma.sql`${orgIdsSql(orgIds)} AND ${idsSql(late.map((l) => l.id))}`;
    keyDate = Prisma.sql`(SELECT min(r.requested_on) FROM correction_requests r WHERE r.case_id = c.id)`;
  } else {
    where = Prisma.sql`${orgIdsSql(orgIds)} AND ${metricSql(params.metric, params.period, params.today) ?? Prisma.sql`false`}`;
    if (DUE_METRICS.includes(params.metric)) keyDate = Prisma.sql`c.answer_due_on`;
    if (params.metric === 'extended') keyDate = Prisma.sql`(SELECT max(e.approved_on) FROM extensions e WHERE e.case_id = c.id)`;
  }
  const page = await listCases(where, { page: params.page, keyDate });
  return { org, ...page };
}
