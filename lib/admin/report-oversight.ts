/**
 * Oversight of subordinates' annual reports (issue 12 item 7; 条例 Arts. 49–50: every agency publishes its
 * annual report by 31 January, and the government office above supervises it). For an organisation and a
 * year, one row per direct subordinate (with its subtree): open data-quality findings of the year, the checks of its
 * table (errors block exports and locking; warnings), whether section 二 and a published table are entered,
 * whether the year is locked (its own lock or an ancestor's), and the last reminder; plus a reminder to its
 * staff by e-mail/SMS through the outbox, audited (`report.reminder_sent`).
 *
 * Status of a row: `locked` (the year is locked for it); `blocked` (a hard check fails or the table cannot
 * be built); `attention` (data-quality findings or warnings); `ready` (nothing open: it can be locked).
 */
import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { resolveAdminScope, scopeOrgIds, type ScopeOrg } from '@/lib/admin/case-list-sql';
import { QUALITY_CASE_CHECKS, qualityCountsByUnit, type QualityCaseCheck } from '@/lib/admin/data-quality';
import { cachedAnnualTable } from '@/lib/statistics/annual-table-cache';
import { FIRST_SUPPORTED_REPORT_YEAR } from '@/lib/statistics/layouts';
import { findEffectiveLocks } from '@/lib/reports/period-lock';
import { queueNotification } from '@/lib/notifications/outbox';
import { openUserIdentifiers } from '@/lib/privacy/personal-data';

export type OversightStatus = 'locked' | 'blocked' | 'attention' | 'ready';

export interface OversightRow {
  org: { id: number; code: string; name: string; retired: boolean };
  /** Open data-quality findings of the subtree, by check (null: cannot be computed here). */
  quality: Record<QualityCaseCheck, number | null>;
  qualityTotal: number;
  checkErrors: number;
  checkWarnings: number;
  /** The table cannot be built (e.g. a concluded case without outcome): its message key. */
  tableError: { messageKey: string; params: Record<string, unknown> } | null;
  section2Entered: boolean;
  publishedEntered: boolean;
  /** The year's annual report is published (its latest version not withdrawn; lib/reports/report-publication.ts). */
  reportPublished: boolean;
  locked: { isLocked: boolean; byCode: string | null };
  lastReminder: Date | null;
  status: OversightStatus;
}

export interface OversightView {
  org: ScopeOrg;
  year: number;
  rows: OversightRow[];
  summary: Record<OversightStatus, number>;
}

/** More subordinates than this are listed without their tables' checks (each is an aggregate over its cases). */
export const OVERSIGHT_TABLE_LIMIT = 200;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_REPORT_YEAR || year > 9999) {
    throw new DomainError('VALIDATION', 'report.invalid_year', { year });
  }
}

/** The oversight table of `orgCode`'s direct subordinates for `year` (admins; their scope). */
export async function loadReportOversight(actor: Actor, params: { orgCode?: string | null; year: number; today: IsoDate }): Promise<OversightView> {
  assertYear(params.year);
  const org = await resolveAdminScope(actor, params.orgCode);
  if (actor.orgPath !== null && !org.path.startsWith(actor.orgPath)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const children = await db.organisation.findMany({
    where: { parentId: org.id },
    select: { id: true, code: true, name: true, path: true, retiredAt: true },
    orderBy: [{ retiredAt: { sort: 'desc', nulls: 'first' } }, { code: 'asc' }],
  });
  const ids = children.map((c) => c.id);
  const [quality, locks, figures, published, reminders, publications] = await Promise.all([
    qualityCountsByUnit(children, await scopeOrgIds(org, true), params.today, params.year),
    findEffectiveLocks(db, { orgIds: ids, years: [params.year] }),
    db.proactiveFigures.findMany({ where: { orgId: { in: ids }, year: params.year }, select: { orgId: true } }),
    db.publishedAnnualTable.findMany({ where: { orgId: { in: ids }, year: params.year }, select: { orgId: true } }),
    db.$queryRaw<{ org_id: number; at: Date }[]>`
      SELECT (e.data->>'orgId')::int AS org_id, max(e.occurred_at) AS at FROM audit_events e
       WHERE e.type = 'report.reminder_sent' AND (e.data->>'year')::int = ${params.year}::int
         AND (e.data->>'orgId')::int = ANY(${ids}::int[])
       GROUP BY 1`,
    db.$queryRaw<{ org_id: number; withdrawn_at: Date | null }[]>`
      SELECT DISTINCT ON (p.org_id) p.org_id, p.withdrawn_at FROM report_publications p
       WHERE p.org_id = ANY(${ids}::int[]) AND p.year = ${params.year}::int
       ORDER BY p.org_id, p.version DESC`,
  ]);
  const withReport = new Set(publications.filter((p) => p.withdrawn_at === null).map((p) => p.org_id));
  const lockBy = new Map<number, string>();
  for (const l of locks) if (!lockBy.has(l.orgId)) lockBy.set(l.orgId, l.lockedOrgCode);
  const withFigures = new Set(figures.map((f) => f.orgId));
  const withPublished = new Set(published.map((p) => p.orgId));
  const lastReminder = new Map(reminders.map((r) => [r.org_id, r.at]));

  const rows: OversightRow[] = [];
  for (const [index, child] of children.entries()) {
    let checkErrors = 0;
    let checkWarnings = 0;
    let tableError: OversightRow['tableError'] = null;
    if (index < OVERSIGHT_TABLE_LIMIT) {
      try {
        const table = await cachedAnnualTable({ year: params.year, orgCode: child.code, subtree: true });
        checkErrors = table.checks.filter((c) => c.severity === 'error').length;
        checkWarnings = table.checks.length - checkErrors;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        tableError = { messageKey: e.messageKey, params: e.params ?? {} };
      }
    }
    const q = quality.get(child.id) ?? (Object.fromEntries(QUALITY_CASE_CHECKS.map((c) => [c, 0])) as Record<QualityCaseCheck, number | null>);
    const qualityTotal = Object.values(q).reduce<number>((sum, v) => sum + (v ?? 0), 0);
    const byCode = lockBy.get(child.id) ?? null;
    const status: OversightStatus =
      byCode !== null ? 'locked' : checkErrors > 0 || tableError ? 'blocked' : qualityTotal > 0 || checkWarnings > 0 ? 'attention' : 'ready';
    rows.push({
      org: { id: child.id, code: child.code, name: child.name, retired: child.retiredAt !== null },
      quality: q,
      qualityTotal,
      checkErrors,
      checkWarnings,
      tableError,
      section2Entered: withFigures.has(child.id),
      publishedEntered: withPublished.has(child.id),
      reportPublished: withReport.has(child.id),
      locked: { isLocked: byCode !== null, byCode },
      lastReminder: lastReminder.get(child.id) ?? null,
      status,
    });
  }
  const summary = { locked: 0, blocked: 0, attention: 0, ready: 0 } satisfies Record<OversightStatus, number>;
  for (const r of rows) summary[r.status]++;
  return { org, year: params.year, rows, summary };
}

/** A second reminder to the same organisation for the same year within this many minutes is not sent. */
export const REMINDER_QUIET_MINUTES = 10;

/**
 * Reminds the staff of a subordinate (its active administrators and reviewers; its clerks when it has
 * neither) of its annual report: one outbox message per reachable address, audited. Not for a year already
 * locked for it; a repeat within REMINDER_QUIET_MINUTES (a double click, a replayed request) sends nothing.
 */
export async function sendReportReminder(
  actor: Actor,
  params: { fromOrgCode?: string | null; orgCode: string; year: number; today: IsoDate },
): Promise<{ recipients: number; repeated: boolean }> {
  assertYear(params.year);
  const from = await resolveAdminScope(actor, params.fromOrgCode);
  const target = await db.organisation.findUnique({ where: { code: params.orgCode }, select: { id: true, code: true, name: true, path: true, parentId: true } });
  if (!target || !target.path.startsWith(from.path) || target.id === from.id) throw new DomainError('NOT_FOUND', 'errors.notFound');
  if (actor.orgPath !== null && !target.path.startsWith(actor.orgPath)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  if ((await findEffectiveLocks(db, { orgIds: [target.id], years: [params.year] })).length > 0) {
    throw new DomainError('VALIDATION', 'report.oversight.alreadyLocked', { year: params.year });
  }
  const view = await loadReportOversight(actor, { orgCode: from.code, year: params.year, today: params.today });
  const row = view.rows.find((r) => r.org.id === target.id);
  const openItems = row ? describeOpenItems(row) : '数据核对';

  return db.$transaction(async (tx) => {
    // One reminder at a time per organisation: parallel clicks queue here and see each other's audit row.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('report-reminder'), ${target.id}::int)`;
    const [recent] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM audit_events e
       WHERE e.type = 'report.reminder_sent' AND (e.data->>'orgId')::int = ${target.id}::int AND (e.data->>'year')::int = ${params.year}::int
         AND e.occurred_at > now() - make_interval(mins => ${REMINDER_QUIET_MINUTES}::int)`;
    if ((recent?.n ?? 0) > 0) return { recipients: 0, repeated: true };
    const staff = await tx.user.findMany({
      where: { orgId: target.id, isActive: true, role: { in: ['admin', 'reviewer', 'clerk'] } },
      select: { role: true, emailEnc: true, mobileEnc: true, locale: true },
    });
    const leads = staff.filter((u) => u.role !== 'clerk');
    let recipients = 0;
    for (const user of leads.length > 0 ? leads : staff) {
      const { email, mobile } = openUserIdentifiers(user);
      recipients += await queueNotification(tx, { caseId: null, email, mobile, locale: user.locale }, 'report_reminder', {
        fromOrgName: from.name,
        orgName: target.name,
        year: params.year,
        openItems,
      });
    }
    await tx.auditEvent.create({
      data: { actorId: actor.id, type: 'report.reminder_sent', data: { orgId: target.id, org: target.code, from: from.code, year: params.year, recipients, openItems } },
    });
    return { recipients, repeated: false };
  });
}

/** What is still open for a row, in the reminder's words (Chinese: it goes to the subordinate's staff). */
export function describeOpenItems(row: Pick<OversightRow, 'qualityTotal' | 'checkErrors' | 'checkWarnings' | 'tableError' | 'section2Entered'>): string {
  const items: string[] = [];
  if (row.qualityTotal > 0) items.push(`数据质量问题${row.qualityTotal}项`);
  if (row.tableError) items.push('统计表无法生成');
  if (row.checkErrors > 0) items.push(`统计表校验错误${row.checkErrors}项`);
  if (row.checkWarnings > 0) items.push(`统计表校验提示${row.checkWarnings}项`);
  if (!row.section2Entered) items.push('第二部分（主动公开）数据未填报');
  items.push('年度报告尚未锁定');
  return items.join('、');
}
