/**
 * Publishing the annual report (issue 12 item 3; 条例 Art. 49: every agency publishes its annual report to the
 * public). An admin publishes a LOCKED report — an organisation's year, alone or with its subtree — and the
 * report becomes a public page at /reports/{org code}/{year} with downloads of the same snapshot.
 *
 * - The snapshot (publication-snapshot.ts) is taken at publication: the table as exported, its provenance,
 *   last year's base, the fees, the agency's text when it exists. Later changes to cases change nothing on the
 *   public page (the period is locked anyway; an unlock does not touch what is published).
 * - Versions: one row per publication. Publishing again under the same lock is a no-op; after an unlock and a
 *   relock (a new lock instant) it adds the next version and the page says the report was revised.
 * - Withdrawal (撤回) needs a reason; the page then answers 404. Publishing again adds a new version.
 * - Race-freedom: publish and withdraw of one organisation serialise on a transaction advisory lock, hold the
 *   year's period locks shared (so nobody can unlock while the snapshot is written: period-lock.ts), and
 *   compare the version the admin saw (`expectedVersion`) with the latest one; the unique (org, year,
 *   version) index is the last guard. A double click publishes once.
 * - Audited in the same transaction: `report.published`, `report.unpublished`.
 * - Anyone may read what is published; a retired organisation's reports are not shown.
 */
import 'server-only';
import type { Actor } from '@/lib/cases/actor';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { exportProvenance, lastYearBase, resolveReportOrg, type ExportFile } from '@/lib/admin/annual-report';
import { holdPeriodsShared } from '@/lib/reports/period-lock';
import { loadPublishedTable } from '@/lib/reports/published-tables';
import { cachedAnnualTable } from '@/lib/statistics/annual-table-cache';
import { toCsvBytes } from '@/lib/statistics/export-csv';
import { toJson } from '@/lib/statistics/export-json';
import { chinaDayAndTime } from '@/lib/statistics/export-provenance';
import { toXlsx } from '@/lib/statistics/export-xlsx';
import { loadFeeFigures } from '@/lib/statistics/fee-figures';
import { FIRST_SUPPORTED_REPORT_YEAR } from '@/lib/statistics/layouts';
import { DEFAULT_PERCENT_BASE, type PercentBase } from '@/lib/statistics/prose-figures';
import { normalizeText } from '@/lib/validation/text';
import {
  parsePublicReportSegments,
  publicDownloadFilename,
  snapshotFromJson,
  snapshotToJson,
  datedParts,
  type PublicDownloadFormat,
  type PublicationSnapshot,
  type PublishedText,
} from '@/lib/reports/publication-snapshot';
import { fullReportDocx } from '@/lib/reports/full-report-docx';
import { fullReportPdf } from '@/lib/reports/full-report-pdf';
import { loadReportText } from '@/lib/reports/report-texts';
import { titleLines } from '@/lib/reports/report-text-model';

/** First key of this module's advisory locks ('GKRP'); the second key is the organisation id. */
const PUBLICATION_LOCK_NAMESPACE = 0x474b5250;

export const PUBLIC_REPORTS_PAGE_SIZE = 20;
const MAX_NAME_QUERY = 50;
export const MAX_WITHDRAW_REASON = 1000;

type Queryable = Pick<Tx, '$queryRaw'>;

/** The period lock covering an organisation's year: the uppermost one (its own or an ancestor's). */
interface CoveringLock {
  readonly lockOrgId: number;
  readonly lockedAt: Date;
}

async function coveringLock(client: Queryable, orgId: number, year: number): Promise<CoveringLock | null> {
  const [row] = await client.$queryRaw<{ lock_org_id: number; locked_at: Date | null }[]>`
    SELECT lo.id AS lock_org_id, l.locked_at
    FROM organisations o
    JOIN organisations lo ON starts_with(o.path, lo.path)
    JOIN period_locks l ON l.org_id = lo.id AND l.is_locked AND l.year = ${year}::int
    WHERE o.id = ${orgId}::int
    ORDER BY length(lo.path)
    LIMIT 1`;
  // A lock row always has locked_at when locked (lockPeriod sets it); epoch is a safe stand-in otherwise.
  return row ? { lockOrgId: row.lock_org_id, lockedAt: row.locked_at ?? new Date(0) } : null;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_REPORT_YEAR || year > 9999) {
    throw new DomainError('VALIDATION', 'report.invalid_year', { year });
  }
}

/** Admins only, and an admin attached to an organisation only inside its subtree (as period-lock.ts). */
async function resolveForAdmin(actor: Actor, orgCode: string) {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
  const org = await resolveReportOrg(actor, orgCode);
  if (actor.orgPath !== null && !org.path.startsWith(actor.orgPath)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return org;
}

async function audit(tx: Pick<Tx, '$executeRaw'>, actorId: string, type: string, data: Record<string, unknown>): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO audit_events (actor_id, type, data) VALUES (${actorId}::uuid, ${type}, ${JSON.stringify(data)}::jsonb)`;
}

// ---------------------------------------------------------------------------------------------------------
// Admin: state, publish, withdraw
// ---------------------------------------------------------------------------------------------------------

export interface PublicationState {
  /** Latest version, 0 when never published: the `expectedVersion` of the next publish or withdrawal. */
  readonly latestVersion: number;
  readonly latest: {
    readonly version: number;
    readonly subtree: boolean;
    readonly publishedAt: Date;
    readonly withdrawnAt: Date | null;
    readonly withdrawnReason: string | null;
    /** The lock it was published under is still the one in force. */
    readonly isUnderCurrentLock: boolean;
  } | null;
  /** A lock covers the year now (publishing is refused otherwise). */
  readonly isLocked: boolean;
  readonly isYearOver: boolean;
  readonly isRetired: boolean;
  readonly publicPath: string;
}

export async function loadPublicationState(actor: Actor, orgCode: string, year: number): Promise<PublicationState> {
  const org = await resolveForAdmin(actor, orgCode);
  assertYear(year);
  const [latest, lock, orgRow] = await Promise.all([
    db.reportPublication.findFirst({ where: { orgId: org.id, year }, orderBy: { version: 'desc' } }),
    coveringLock(db, org.id, year),
    db.organisation.findUnique({ where: { id: org.id }, select: { retiredAt: true } }),
  ]);
  return {
    latestVersion: latest?.version ?? 0,
    latest: latest
      ? {
          version: latest.version,
          subtree: latest.subtree,
          publishedAt: latest.publishedAt,
          withdrawnAt: latest.withdrawnAt,
          withdrawnReason: latest.withdrawnReason,
          isUnderCurrentLock: lock !== null && lock.lockedAt.getTime() === latest.lockedAt.getTime(),
        }
      : null,
    isLocked: lock !== null,
    isYearOver: year < Number(chinaDayAndTime(new Date()).day.slice(0, 4)),
    isRetired: orgRow?.retiredAt != null,
    publicPath: `/reports/${encodeURIComponent(org.code)}/${year}`,
  };
}

export interface PublishInput {
  readonly org: string;
  readonly year: number;
  readonly subtree: boolean;
  /** The latest version the admin saw (0: none). */
  readonly expectedVersion: number;
  readonly percentBase?: PercentBase;
}

/**
 * Publishes the organisation's locked report for the year (admins). Refused: not locked (CONFLICT
 * `report.publication.notLocked`), the year not over (VALIDATION `report.publication.yearNotOver`), a retired
 * organisation (CONFLICT `report.publication.retired`), a hard check failing (CONFLICT `report.exports.blocked`),
 * a stale form (CONFLICT `report.publication.stale`), the lock changed while the snapshot was taken (CONFLICT
 * `report.publication.lockChanged`). Already published under the same lock and scope: `changed` false.
 */
export async function publishReport(actor: Actor, input: PublishInput, now = new Date()): Promise<{ changed: boolean; version: number }> {
  const org = await resolveForAdmin(actor, input.org);
  assertYear(input.year);
  if (!Number.isSafeInteger(input.expectedVersion) || input.expectedVersion < 0) throw new DomainError('CONFLICT', 'report.publication.stale');
  const year = input.year;
  if (year >= Number(chinaDayAndTime(now).day.slice(0, 4))) throw new DomainError('VALIDATION', 'report.publication.yearNotOver', { year });
  const orgRow = await db.organisation.findUnique({ where: { id: org.id }, select: { retiredAt: true } });
  if (orgRow?.retiredAt) throw new DomainError('CONFLICT', 'report.publication.retired');
  const subtree = input.subtree && org.hasChildren;

  const lockBefore = await coveringLock(db, org.id, year);
  if (!lockBefore) throw new DomainError('CONFLICT', 'report.publication.notLocked', { year });

  // The snapshot, exactly as the exports compute it (annual-report.ts renderReportExport).
  const params = { year, subtree };
  const publishedPrevious = await loadPublishedTable(org.id, year - 1, subtree);
  const table = await cachedAnnualTable({ year, orgCode: org.code, subtree, previous: publishedPrevious?.table });
  const errors = table.checks.filter((c) => c.severity === 'error');
  if (errors.length > 0) {
    throw new DomainError('CONFLICT', 'report.exports.blocked', { count: errors.length, rules: [...new Set(errors.map((e) => e.rule))].join(', ') });
  }
  const [provenance, base, fees, view] = await Promise.all([
    exportProvenance(org, params, now),
    lastYearBase(org, params, publishedPrevious?.table ?? null),
    loadFeeFigures({ orgId: org.id, subtree, year }),
    // The report's text (issue 12 item 2) with its fields resolved now, against the same table.
    loadReportText({ orgId: org.id, year, scope: subtree ? 'subtree' : 'own' }),
  ]);
  const text: PublishedText = { titleLines: view.titleLines, parts: datedParts(view.parts, chinaDayAndTime(now).day), source: view.source };
  const snapshot: PublicationSnapshot = {
    schema: 1,
    table,
    provenance,
    previous: base?.table ?? null,
    previousSource: base?.source ?? null,
    fees,
    percentBase: input.percentBase ?? DEFAULT_PERCENT_BASE,
    text,
  };

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLICATION_LOCK_NAMESPACE}::int, ${org.id}::int)`;
    // Held until commit: an unlock of this year waits for us (period-lock.ts takes it exclusively).
    await holdPeriodsShared(tx, [year]);
    const lock = await coveringLock(tx, org.id, year);
    if (!lock) throw new DomainError('CONFLICT', 'report.publication.notLocked', { year });
    if (lock.lockedAt.getTime() !== lockBefore.lockedAt.getTime()) throw new DomainError('CONFLICT', 'report.publication.lockChanged');
    const latest = await tx.reportPublication.findFirst({ where: { orgId: org.id, year }, orderBy: { version: 'desc' } });
    // A repeat of what is already public (a double click, a retried request): nothing to do.
    if (latest && latest.withdrawnAt === null && latest.subtree === subtree && latest.lockedAt.getTime() === lock.lockedAt.getTime()) {
      return { changed: false, version: latest.version };
    }
    const latestVersion = latest?.version ?? 0;
    if (latestVersion !== input.expectedVersion) throw new DomainError('CONFLICT', 'report.publication.stale');
    const version = latestVersion + 1;
    await tx.reportPublication.create({
      data: {
        orgId: org.id,
        year,
        version,
        subtree,
        orgName: org.name,
        snapshot: snapshotToJson(snapshot) as never,
        lockedAt: lock.lockedAt,
        publishedById: actor.id,
        publishedAt: now,
      },
    });
    await audit(tx, actor.id, 'report.published', { orgId: org.id, org: org.code, year, version, subtree, revision: version > 1 });
    return { changed: true, version };
  });
}

/**
 * Withdraws the published report (admins) with a reason (VALIDATION `report.publication.reasonRequired`);
 * `version` is the one the admin saw (CONFLICT `report.publication.stale` when it is not the latest). Allowed
 * whether or not the year is locked (docs/decisions.md). Already withdrawn: `changed` false.
 */
export async function unpublishReport(
  actor: Actor,
  input: { org: string; year: number; version: number; reason: string },
  now = new Date(),
): Promise<{ changed: boolean }> {
  const org = await resolveForAdmin(actor, input.org);
  assertYear(input.year);
  const reason = normalizeText(input.reason ?? '').trim();
  if (reason.length === 0) throw new DomainError('VALIDATION', 'report.publication.reasonRequired');
  if (reason.length > MAX_WITHDRAW_REASON) throw new DomainError('VALIDATION', 'admin.errors.tooLong');
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLICATION_LOCK_NAMESPACE}::int, ${org.id}::int)`;
    const latest = await tx.reportPublication.findFirst({ where: { orgId: org.id, year: input.year }, orderBy: { version: 'desc' } });
    if (!latest) throw new DomainError('CONFLICT', 'report.publication.notPublished');
    if (latest.version !== input.version) throw new DomainError('CONFLICT', 'report.publication.stale');
    if (latest.withdrawnAt !== null) return { changed: false };
    const count = await tx.reportPublication.updateMany({
      where: { id: latest.id, withdrawnAt: null },
      data: { withdrawnAt: now, withdrawnById: actor.id, withdrawnReason: reason },
    });
    if (count.count !== 1) throw new DomainError('CONFLICT', 'report.publication.stale');
    await audit(tx, actor.id, 'report.unpublished', { orgId: org.id, org: org.code, year: input.year, version: latest.version, reason });
    return { changed: true };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Public: one report, the index, the downloads (anonymous)
// ---------------------------------------------------------------------------------------------------------

export interface PublicReport {
  readonly orgCode: string;
  readonly orgName: string;
  readonly year: number;
  readonly version: number;
  readonly subtree: boolean;
  /** When version 1 was published. */
  readonly firstPublishedAt: Date;
  /** When this version was published (= firstPublishedAt for version 1). */
  readonly publishedAt: Date;
  readonly snapshot: PublicationSnapshot;
}

/**
 * The published report at /reports/{org}/{year}, or null — for anything that cannot be shown: segments that
 * cannot name a report, an unknown or retired organisation, a year never published, a withdrawn report.
 */
export async function loadPublicReport(orgSegment: string, yearSegment: string): Promise<PublicReport | null> {
  const key = parsePublicReportSegments(orgSegment, yearSegment);
  if (!key) return null;
  const org = await db.organisation.findUnique({ where: { code: key.orgCode }, select: { id: true, code: true, retiredAt: true } });
  if (!org || org.retiredAt) return null;
  const [latest, first] = await Promise.all([
    db.reportPublication.findFirst({ where: { orgId: org.id, year: key.year }, orderBy: { version: 'desc' } }),
    db.reportPublication.findFirst({ where: { orgId: org.id, year: key.year }, orderBy: { version: 'asc' }, select: { publishedAt: true } }),
  ]);
  if (!latest || latest.withdrawnAt !== null) return null;
  return {
    orgCode: org.code,
    orgName: latest.orgName,
    year: latest.year,
    version: latest.version,
    subtree: latest.subtree,
    firstPublishedAt: first?.publishedAt ?? latest.publishedAt,
    publishedAt: latest.publishedAt,
    snapshot: snapshotFromJson(latest.snapshot),
  };
}

export interface PublicReportListItem {
  readonly orgCode: string;
  readonly orgName: string;
  readonly year: number;
  readonly version: number;
  readonly firstPublishedAt: Date;
  readonly publishedAt: Date;
}

export interface PublicReportList {
  readonly items: PublicReportListItem[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  /** The filters as applied (cleaned). */
  readonly year: number | null;
  readonly q: string;
  /** Years with a published report, newest first (the year filter's options). */
  readonly years: number[];
}

/** Reads the index's query values; anything odd is dropped, never an error. */
export function publicListParams(sp: Record<string, string | string[] | undefined>): { year: number | null; q: string; page: number } {
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
  const yearText = one(sp.year);
  const year = /^\d{4}$/.test(yearText) && Number(yearText) >= FIRST_SUPPORTED_REPORT_YEAR ? Number(yearText) : null;
  const q = normalizeText(one(sp.q).replace(/\u0000/g, ''), { singleLine: true }).trim().slice(0, MAX_NAME_QUERY);
  const pageText = one(sp.page);
  const page = /^\d{1,5}$/.test(pageText) && Number(pageText) > 0 ? Number(pageText) : 1;
  return { year, q, page };
}

/** Every published report (latest version, not withdrawn, organisation not retired), newest year first. */
export async function listPublicReports(params: { year: number | null; q: string; page: number }): Promise<PublicReportList> {
  const like = `%${params.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const offset = (params.page - 1) * PUBLIC_REPORTS_PAGE_SIZE;
  const [rows, years] = await Promise.all([
    db.$queryRaw<
      { code: string; org_name: string; year: number; version: number; published_at: Date; first_published_at: Date; total: bigint }[]
    >`
      WITH latest AS (
        SELECT DISTINCT ON (p.org_id, p.year) p.org_id, p.year, p.version, p.org_name, p.published_at, p.withdrawn_at
        FROM report_publications p
        WHERE (${params.year}::int IS NULL OR p.year = ${params.year}::int)
        ORDER BY p.org_id, p.year, p.version DESC
      )
      SELECT o.code, l.org_name, l.year, l.version, l.published_at,
             (SELECT min(f.published_at) FROM report_publications f WHERE f.org_id = l.org_id AND f.year = l.year) AS first_published_at,
             count(*) OVER () AS total
      FROM latest l JOIN organisations o ON o.id = l.org_id
      WHERE l.withdrawn_at IS NULL AND o.retired_at IS NULL
        AND (${params.q} = '' OR l.org_name ILIKE ${like} OR o.name ILIKE ${like})
      ORDER BY l.year DESC, l.org_name, o.code
      LIMIT ${PUBLIC_REPORTS_PAGE_SIZE}::int OFFSET ${offset}::int`,
    db.$queryRaw<{ year: number }[]>`
      SELECT DISTINCT p.year FROM report_publications p JOIN organisations o ON o.id = p.org_id
      WHERE p.withdrawn_at IS NULL AND o.retired_at IS NULL ORDER BY p.year DESC`,
  ]);
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && params.page > 1) {
    // Past the last page: count without the page window so the page still says how many there are.
    const [c] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (
        SELECT DISTINCT ON (p.org_id, p.year) p.org_id, p.withdrawn_at, p.org_name
        FROM report_publications p
        WHERE (${params.year}::int IS NULL OR p.year = ${params.year}::int)
        ORDER BY p.org_id, p.year, p.version DESC) l
      JOIN organisations o ON o.id = l.org_id
      WHERE l.withdrawn_at IS NULL AND o.retired_at IS NULL AND (${params.q} = '' OR l.org_name ILIKE ${like} OR o.name ILIKE ${like})`;
    total = Number(c?.n ?? 0);
  }
  return {
    items: rows.map((r) => ({
      orgCode: r.code,
      orgName: r.org_name,
      year: r.year,
      version: r.version,
      publishedAt: r.published_at,
      firstPublishedAt: r.first_published_at,
    })),
    total,
    page: params.page,
    pageCount: Math.max(1, Math.ceil(total / PUBLIC_REPORTS_PAGE_SIZE)),
    year: params.year,
    q: params.q,
    years: years.map((y) => y.year),
  };
}

/** Download formats the published page offers: the whole report (DOCX, PDF) and its tables. */
export const AVAILABLE_PUBLIC_FORMATS: readonly PublicDownloadFormat[] = ['docx', 'pdf', 'xlsx', 'csv', 'json'];

const CONTENT_TYPES: Record<PublicDownloadFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Renders a download of a published report from its snapshot alone; null when there is no such report. */
export async function renderPublicDownload(orgSegment: string, yearSegment: string, format: string): Promise<ExportFile | null> {
  if (!(AVAILABLE_PUBLIC_FORMATS as readonly string[]).includes(format)) return null;
  const report = await loadPublicReport(orgSegment, yearSegment);
  if (!report) return null;
  const { snapshot } = report;
  const f = format as PublicDownloadFormat;
  let bytes: Uint8Array;
  switch (f) {
    case 'xlsx':
      bytes = await toXlsx(snapshot.table, { orgName: report.orgName, provenance: snapshot.provenance, generatedAt: snapshot.provenance.generatedAt });
      break;
    case 'csv':
      bytes = toCsvBytes(snapshot.table, snapshot.provenance);
      break;
    case 'json':
      bytes = new TextEncoder().encode(toJson(snapshot.table, 2, snapshot.provenance));
      break;
    case 'docx':
    case 'pdf': {
      // The complete report in the official layout (lib/reports/full-report-*.ts), from the frozen text.
      const content = {
        orgName: report.orgName,
        year: report.year,
        titleLines: snapshot.text?.titleLines ?? titleLines(report.orgName, report.year),
        parts: snapshot.text?.parts ?? [],
        table: snapshot.table,
      };
      bytes = f === 'docx' ? await fullReportDocx(content) : new Uint8Array(await fullReportPdf(content, { creationDate: report.publishedAt }));
      break;
    }
    default:
      return null;
  }
  return { bytes, filename: publicDownloadFilename(report.orgName, report.year, f), contentType: CONTENT_TYPES[f] };
}
