/**
 * The annual report screens' use cases: who may see which organisation's table, the table with its checks
 * and lock state, the exports, and the section 二 figures form. The statistics themselves come from
 * lib/statistics (buildAnnualTable: SQL aggregate + pure derivation + checks C1–C8) and the locks from
 * lib/reports/period-lock.ts; this module only scopes, assembles and audits.
 *
 * Access (documented in lib/admin/REPORTS.md):
 * - admin: every organisation; may lock/unlock, enter section 二, export;
 * - clerk / reviewer: may VIEW and EXPORT the table of an organisation inside their own subtree (their
 *   organisation or one below it), alone or with its subtree — the statistics of cases they can see
 *   anyway. Anything else looks unknown (NOT_FOUND → 404), exactly like a missing organisation;
 * - applicants: nothing.
 */
import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import type { AnnualTable, ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { hasErrors } from '@/lib/statistics/checks';
import { cachedAnnualTable } from '@/lib/statistics/annual-table-cache';
import { toCsvBytes } from '@/lib/statistics/export-csv';
import { toDocx } from '@/lib/statistics/export-docx';
import { DEFAULT_PERCENT_BASE, PERCENT_BASES } from '@/lib/statistics/prose-figures';
import { loadFeeFigures } from '@/lib/statistics/fee-figures';
import { toJson } from '@/lib/statistics/export-json';
import { chinaDayAndTime, dataStateAsOf, type ExportProvenance } from '@/lib/statistics/export-provenance';
import { toXlsx } from '@/lib/statistics/export-xlsx';
import {
  FIRST_SUPPORTED_REPORT_YEAR,
  SECTION2_LAYOUTS,
  formatForYear,
  type ReportFormat,
} from '@/lib/statistics/layouts';
import { normalizeSection2 } from '@/lib/statistics/normalize-values';
import { assertPeriodUnlocked, findEffectiveLocks, listPeriodLocks, lockPeriod, unlockPeriod } from '@/lib/reports/period-lock';
import { casesCoverYear, loadPublishedTable, type PublishedTableRecord } from '@/lib/reports/published-tables';
import { tableDifferences, yearOnYearBase, type CellDifference, type YearOnYearBase } from '@/lib/statistics/published-base';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'json', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Above this many cases in the table (一 + 二 总计: every case active in the year), the report page runs
 * exports as background jobs with a progress bar instead of direct downloads.
 */
export const LARGE_EXPORT_CASES = 20_000;

export const reportParamsSchema = z.object({
  year: z.coerce.number().int().min(FIRST_SUPPORTED_REPORT_YEAR, 'report.invalid_year').max(9999, 'report.invalid_year'),
  org: z.string().trim().min(1).max(40),
  subtree: z.preprocess((v) => v === true || v === '1' || v === 'true' || v === 'on', z.boolean()),
  /** The base of the DOCX draft's percentages (占总数的 / 占办结总数的); absent or empty = DEFAULT_PERCENT_BASE. */
  base: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(PERCENT_BASES, { message: 'report.exports.invalidBase' }).optional()),
});
export type ReportParams = z.infer<typeof reportParamsSchema>;

export interface ReportOrg {
  id: number;
  code: string;
  name: string;
  path: string;
  hasChildren: boolean;
}

export function canManageReports(actor: Actor): boolean {
  return actor.role === 'admin';
}

export function canViewReports(actor: Actor): boolean {
  return actor.role === 'admin' || ((actor.role === 'clerk' || actor.role === 'reviewer') && actor.orgPath !== null);
}

/** Whether the actor may see the statistics of the organisation at `path`: admins all, staff their own subtree. */
export function isReportOrgVisible(actor: Actor, path: string): boolean {
  return canViewReports(actor) && (actor.role === 'admin' || (actor.orgPath !== null && path.startsWith(actor.orgPath)));
}

/** The organisation by code, if the actor may see its statistics; NOT_FOUND otherwise (no hint it exists). */
export async function resolveReportOrg(actor: Actor, orgCode: string): Promise<ReportOrg> {
  if (!canViewReports(actor)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const org = await db.organisation.findUnique({
    where: { code: orgCode },
    select: { id: true, code: true, name: true, path: true, _count: { select: { children: true } } },
  });
  if (!org || !isReportOrgVisible(actor, org.path)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return { id: org.id, code: org.code, name: org.name, path: org.path, hasChildren: org._count.children > 0 };
}

/** The organisation the report page opens with: the actor's own, else the root of the tree. */
export async function defaultReportOrgCode(actor: Actor): Promise<string | null> {
  if (actor.orgId !== null) {
    const own = await db.organisation.findUnique({ where: { id: actor.orgId }, select: { code: true } });
    if (own) return own.code;
  }
  if (actor.role !== 'admin') return null;
  const root = await db.organisation.findFirst({ where: { parentId: null }, orderBy: { id: 'asc' }, select: { code: true } });
  return root?.code ?? null;
}

export interface ReportLockState {
  /** A lock covers this organisation's year (its own or an ancestor's). */
  isLocked: boolean;
  /** Code of the ancestor holding the lock when it is inherited, else null. */
  inheritedFrom: string | null;
  /** The organisation's own lock row for the year, if any (also after an unlock: the reason stays). */
  own: { isLocked: boolean; lockedAt: Date | null; unlockReason: string | null } | null;
}

export async function loadLockState(org: ReportOrg, year: number): Promise<ReportLockState> {
  const [effective, own] = await Promise.all([
    findEffectiveLocks(db, { orgIds: [org.id], years: [year] }),
    listPeriodLocks(org.id),
  ]);
  const inherited = effective.find((l) => l.lockedOrgId !== org.id);
  return {
    isLocked: effective.length > 0,
    inheritedFrom: effective.some((l) => l.lockedOrgId === org.id) ? null : (inherited?.lockedOrgCode ?? null),
    own: own.find((l) => l.year === year) ?? null,
  };
}

export interface ReportView {
  table: AnnualTable;
  org: ReportOrg;
  subtree: boolean;
  /** Cases active in the year (一 + 二, 总计): decides whether exports run as jobs. */
  activeCases: number;
  isExportBlocked: boolean;
  /** Whether section 二 figures were entered for the organisation and year. */
  hasSection2: boolean;
  lock: ReportLockState;
  /** The year's table as published (same organisation and scope), with the cells where it differs. */
  published: (PublishedTableRecord & { differences: CellDifference[] }) | null;
  /** Last year's published table exists: C7 and the year-on-year figures use it. */
  hasPreviousPublished: boolean;
}

export async function loadReportView(actor: Actor, params: ReportParams): Promise<ReportView> {
  const org = await resolveReportOrg(actor, params.org);
  const subtree = params.subtree && org.hasChildren;
  const [publishedPrevious, published] = await Promise.all([
    loadPublishedTable(org.id, params.year - 1, subtree),
    loadPublishedTable(org.id, params.year, subtree),
  ]);
  const [table, lock, figures] = await Promise.all([
    // C7 reads last year's table as published when it is entered (buildAnnualTable's `previous`). Repeat
    // views of an unchanged year and scope come from the cache (invalidated by database triggers).
    cachedAnnualTable({ year: params.year, orgCode: org.code, subtree: params.subtree, previous: publishedPrevious?.table }),
    loadLockState(org, params.year),
    db.proactiveFigures.findUnique({ where: { orgId_year: { orgId: org.id, year: params.year } }, select: { year: true } }),
  ]);
  const total = (row: 'new_received' | 'carried_over') => table.section3[row]?.total ?? 0;
  return {
    table,
    org,
    subtree: params.subtree,
    activeCases: total('new_received') + total('carried_over'),
    isExportBlocked: hasErrors(table.checks),
    hasSection2: figures !== null,
    lock,
    published: published ? { ...published, differences: tableDifferences(table, published.table) } : null,
    hasPreviousPublished: publishedPrevious !== null,
  };
}

/**
 * What an export of the organisation's table is (export-provenance.ts): its scope with the number of
 * organisations counted, the year, now, and the data state (in progress until the year is over).
 */
export async function exportProvenance(org: ReportOrg, params: Pick<ReportParams, 'year' | 'subtree'>, now = new Date()): Promise<ExportProvenance> {
  const subtree = params.subtree && org.hasChildren;
  const orgCount = subtree ? await db.organisation.count({ where: { path: { startsWith: org.path } } }) : 1;
  return {
    orgName: org.name,
    orgCode: org.code,
    scope: subtree ? 'subtree' : 'own',
    orgCount,
    year: params.year,
    generatedAt: now,
    asOf: dataStateAsOf(params.year, chinaDayAndTime(now).day),
  };
}

/**
 * Last year's table for the year-on-year figures: as published when entered, else derived when the cases
 * cover that year; null without a comparable base (lib/statistics/published-base.ts).
 */
export async function lastYearBase(
  org: Pick<ReportOrg, 'id' | 'code' | 'hasChildren'>,
  params: Pick<ReportParams, 'year' | 'subtree'>,
  published?: ImportedAnnualTable | null,
): Promise<YearOnYearBase | null> {
  const subtree = params.subtree && org.hasChildren;
  const previousPublished = published !== undefined ? published : ((await loadPublishedTable(org.id, params.year - 1, subtree))?.table ?? null);
  if (previousPublished) return yearOnYearBase(previousPublished, null, false);
  if (params.year - 1 < FIRST_SUPPORTED_REPORT_YEAR) return null;
  // Last year's table that cannot be derived (e.g. a concluded case without an outcome) is no comparable
  // base: no growth figure, and this year's report, draft and text still open.
  const derived = await cachedAnnualTable({ year: params.year - 1, orgCode: org.code, subtree: params.subtree }).catch((e: unknown) => {
    if (e instanceof DomainError) return null;
    throw e;
  });
  if (!derived) return null;
  return yearOnYearBase(null, derived, await casesCoverYear(org.id, subtree, params.year - 1));
}

export interface ExportFile {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
}

/** File name of an export, e.g. 示范市人民政府办公室（含下级机构）2025年政府信息公开工作年度报告统计表.xlsx. */
export function exportFilename(org: Pick<ReportOrg, 'name' | 'hasChildren'>, year: number, subtree: boolean, format: ExportFormat): string {
  const scope = subtree && org.hasChildren ? '（含下级机构）' : '';
  const what = format === 'docx' ? '政府信息公开工作年度报告（草稿）' : '政府信息公开工作年度报告统计表';
  return `${org.name}${scope}${year}年${what}.${format}`;
}

/**
 * Renders an export of the checked table. Refused (CONFLICT `report.export.blocked`) while a hard check
 * (C1–C6) fails: a table that contradicts itself must not leave the system as the official one. The DOCX
 * draft also loads last year's table for the year-on-year sentences. `onProgress(step, total)` reports the
 * steps (load, previous year, render) for background jobs.
 */
export async function renderReportExport(
  actor: Actor,
  params: ReportParams & { format: ExportFormat },
  onProgress: (step: number, total: number) => Promise<void> = async () => {},
): Promise<ExportFile> {
  const org = await resolveReportOrg(actor, params.org);
  const steps = params.format === 'docx' ? 3 : 2;
  const publishedPrevious = await loadPublishedTable(org.id, params.year - 1, params.subtree && org.hasChildren);
  const table = await cachedAnnualTable({ year: params.year, orgCode: org.code, subtree: params.subtree, previous: publishedPrevious?.table });
  await onProgress(1, steps);
  const provenance = await exportProvenance(org, params);
  const errors = table.checks.filter((c) => c.severity === 'error');
  if (errors.length > 0) {
    throw new DomainError('CONFLICT', 'report.exports.blocked', { count: errors.length, rules: [...new Set(errors.map((e) => e.rule))].join(', ') });
  }
  let bytes: Uint8Array;
  switch (params.format) {
    case 'xlsx':
      bytes = await toXlsx(table, { orgName: org.name, provenance, generatedAt: provenance.generatedAt });
      break;
    case 'csv':
      bytes = toCsvBytes(table, provenance);
      break;
    case 'json':
      bytes = new TextEncoder().encode(toJson(table, 2, provenance));
      break;
    case 'docx': {
      const base = await lastYearBase(org, params, publishedPrevious?.table ?? null);
      await onProgress(2, steps);
      const fees = await loadFeeFigures({ orgId: org.id, subtree: params.subtree, year: params.year });
      bytes = await toDocx(table, { orgName: org.name, previous: base?.table, provenance, fees, percentBase: params.base ?? DEFAULT_PERCENT_BASE });
      break;
    }
  }
  await onProgress(steps, steps);
  return {
    bytes,
    filename: exportFilename(org, params.year, params.subtree, params.format),
    contentType: EXPORT_CONTENT_TYPES[params.format],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Section 二 figures (主动公开), entered per organisation and year in the year's format
// ---------------------------------------------------------------------------------------------------------

export interface Section2Form {
  format: ReportFormat;
  /** `<sub-table>.<row>.<column>` → the stored text of the value ('' = not entered). */
  values: Record<string, string>;
  updatedAt: Date | null;
}

/** Field name of a section 二 value in the form. */
export function section2FieldName(subTable: string, row: string, column: string): string {
  return `${subTable}.${row}.${column}`;
}

export async function loadSection2Form(actor: Actor, orgCode: string, year: number): Promise<{ org: ReportOrg; form: Section2Form }> {
  const org = await resolveReportOrg(actor, orgCode);
  const format = formatForYear(year);
  const row = await db.proactiveFigures.findUnique({ where: { orgId_year: { orgId: org.id, year } } });
  const values: Record<string, string> = {};
  const data = row && row.format === format ? (row.data as Record<string, Record<string, Record<string, unknown>>>) : {};
  for (const layout of SECTION2_LAYOUTS[format]) {
    for (const r of layout.rows) {
      for (const c of layout.columns) {
        const v = data?.[layout.id]?.[r.id]?.[c.id];
        values[section2FieldName(layout.id, r.id, c.id)] = v === null || v === undefined ? '' : String(v);
        if (c.unitKey) {
          const unit = data?.[layout.id]?.[r.id]?.[c.unitKey];
          values[section2FieldName(layout.id, r.id, c.unitKey)] = typeof unit === 'string' ? unit : '';
        }
      }
    }
  }
  return { org, form: { format, values, updatedAt: row?.updatedAt ?? null } };
}

/**
 * Reads the form fields into the stored shape and validates them with the same rules as the checks (C5 by
 * the column's kind: counts are non-negative integers, 本年增/减 may be negative, amounts decimal).
 * Returns field errors keyed by field name (message keys).
 */
export function parseSection2Fields(
  format: ReportFormat,
  fields: Record<string, string>,
): { data: Record<string, Record<string, Record<string, number | string | null>>>; fieldErrors: Record<string, string[]> } {
  const data: Record<string, Record<string, Record<string, number | string | null>>> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const layout of SECTION2_LAYOUTS[format]) {
    const table: Record<string, Record<string, number | string | null>> = {};
    for (const r of layout.rows) {
      const values: Record<string, number | string | null> = {};
      for (const c of layout.columns) {
        const name = section2FieldName(layout.id, r.id, c.id);
        const raw = (fields[name] ?? '').replace(/[,，\s]/g, '');
        if (raw === '') {
          values[c.id] = null;
        } else {
          const n = Number(raw);
          const isValid =
            /^[+-]?\d+(\.\d+)?$/.test(raw) &&
            Number.isFinite(n) &&
            (c.kind === 'amount' ? n >= 0 : c.kind === 'signed_count' ? Number.isInteger(n) : Number.isInteger(n) && n >= 0);
          if (!isValid) {
            fieldErrors[name] = [c.kind === 'amount' ? 'report.section2.errors.amount' : c.kind === 'signed_count' ? 'report.section2.errors.signedCount' : 'report.section2.errors.count'];
            values[c.id] = null;
          } else values[c.id] = n;
        }
        if (c.unitKey) {
          const unit = (fields[section2FieldName(layout.id, r.id, c.unitKey)] ?? '').trim();
          values[c.unitKey] = unit === '' ? null : unit.slice(0, 10);
        }
      }
      table[r.id] = values;
    }
    data[layout.id] = table;
  }
  return { data, fieldErrors };
}

/** Stores section 二 for the organisation's year (admins; refused while the period is locked). Audited. */
export async function saveSection2Figures(
  actor: Actor,
  orgCode: string,
  year: number,
  data: Record<string, Record<string, Record<string, number | string | null>>>,
): Promise<void> {
  if (!canManageReports(actor)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const org = await resolveReportOrg(actor, orgCode);
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_REPORT_YEAR || year > 9999) {
    throw new DomainError('VALIDATION', 'report.invalid_year', { year });
  }
  const format = formatForYear(year);
  // The same normaliser as the loader: what is stored here is exactly what buildAnnualTable accepts.
  const stored = Object.fromEntries(
    Object.entries(data).map(([t, rows]) => [
      t,
      Object.fromEntries(Object.entries(rows).map(([r, cols]) => [r, Object.fromEntries(Object.entries(cols).filter(([, v]) => v !== null))])),
    ]),
  );
  const { issues } = normalizeSection2(format, stored);
  if (issues.length > 0) throw new DomainError('VALIDATION', 'report.section2.errors.invalid', { paths: issues.map((i) => i.path).join(', ') });
  await db.$transaction(async (tx) => {
    await assertPeriodUnlocked(tx, { orgIds: [org.id], years: [year] });
    const before = await tx.proactiveFigures.findUnique({ where: { orgId_year: { orgId: org.id, year } }, select: { data: true } });
    await tx.proactiveFigures.upsert({
      where: { orgId_year: { orgId: org.id, year } },
      create: { orgId: org.id, year, format, data: stored },
      update: { format, data: stored },
    });
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        type: 'report.section2_saved',
        data: { orgId: org.id, org: org.code, year, format, before: (before?.data ?? null) as never, after: stored },
      },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Period lock (lib/reports/period-lock.ts), by organisation code
// ---------------------------------------------------------------------------------------------------------

/** Locks the organisation's report period (admins). Audited by the library (`report.period_locked`). */
export async function lockReportPeriod(actor: Actor, orgCode: string, year: number): Promise<{ changed: boolean }> {
  if (!canManageReports(actor)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const org = await resolveReportOrg(actor, orgCode);
  return lockPeriod(actor, org.id, year);
}

/** Unlocks it with a mandatory reason (admins). Audited by the library (`report.period_unlocked`). */
export async function unlockReportPeriod(actor: Actor, orgCode: string, year: number, reason: string): Promise<{ changed: boolean }> {
  if (!canManageReports(actor)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const org = await resolveReportOrg(actor, orgCode);
  return unlockPeriod(actor, org.id, year, reason);
}
