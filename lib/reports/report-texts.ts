/**
 * The annual report's text, stored per organisation and year (issue 12 item 2; model in
 * report-text-model.ts, fields in report-fields.ts). Decisions in lib/admin/REPORTS.md "Report text".
 *
 * - `loadReportText` — the one function the report page, the exports and the public report page read:
 *   the stored text, else last year's text of the organisation, else the draft in the seed's wording;
 *   its fields resolved against the current table of the scope, with the contradiction warnings.
 *   It checks no session: callers scope first (resolveReportOrg for staff, "is published" for the public).
 * - `saveReportText` — admins; compare-and-set on `version`; refused while the year is locked; one
 *   transaction with its audit event `report.text_saved`. Submitting the same text twice (double click,
 *   retry) stores it once.
 */
import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { canManageReports, lastYearBase, resolveReportOrg, type ReportOrg } from '@/lib/admin/annual-report';
import type { AnnualTable } from '@/lib/statistics/annual-table';
import { cachedAnnualTable } from '@/lib/statistics/annual-table-cache';
import { loadFeeFigures } from '@/lib/statistics/fee-figures';
import { FIRST_SUPPORTED_REPORT_YEAR, formatForYear, type ReportFormat } from '@/lib/statistics/layouts';
import type { BaseSource } from '@/lib/statistics/published-base';
import { assertPeriodUnlocked, isLocked } from '@/lib/reports/period-lock';
import { loadPublishedTable } from '@/lib/reports/published-tables';
import { fieldCatalogue, resolveFieldValues, type FieldDefinition } from '@/lib/reports/report-fields';
import {
  MAX_PART_LENGTH,
  REPORT_TEXT_PARTS,
  draftSections,
  findAllWarnings,
  normalizeSections,
  resolveSections,
  titleLines,
  type ReportSections,
  type ReportTextPart,
  type ResolvedPart,
  type TextWarning,
} from '@/lib/reports/report-text-model';

export type ReportScope = 'own' | 'subtree';

export interface ReportTextView {
  readonly org: { readonly id: number; readonly code: string; readonly name: string; readonly hasChildren: boolean };
  readonly year: number;
  readonly format: ReportFormat;
  /** `subtree` only when the organisation has organisations below it. */
  readonly scope: ReportScope;
  /** Where the text comes from: stored for this year, copied from last year's, or the generated draft. */
  readonly source: 'saved' | 'last_year' | 'draft';
  /** 0 while nothing is stored (the next save creates the row). */
  readonly version: number;
  readonly updatedAt: Date | null;
  /** The raw text per part, with its `{{…}}` fields. */
  readonly sections: ReportSections;
  /** Every field's current value (null: no value, printed as 【待填写】). */
  readonly values: Readonly<Record<string, string | null>>;
  readonly fields: readonly FieldDefinition[];
  /** The parts with fields resolved, in report order (preamble, 一 … 六, date). */
  readonly parts: readonly ResolvedPart[];
  readonly warnings: readonly TextWarning[];
  readonly titleLines: readonly string[];
  /** The derived table of the scope, with its checks (C7 against last year's published table when entered). */
  readonly table: AnnualTable;
  /** Where last year's figures of the 同比 fields come from; null = no comparable base. */
  readonly yearOnYearBase: BaseSource | null;
  /** The year is locked for the organisation (its own lock or an ancestor's). */
  readonly locked: boolean;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_REPORT_YEAR || year > 9999) throw new DomainError('VALIDATION', 'report.invalid_year', { year });
}

/**
 * The report text of an organisation's year with its fields resolved. `scope` defaults to the subtree when
 * the organisation has organisations below it (a government's report covers its departments), else own.
 * NOT_FOUND for an unknown organisation. No session check (see the module comment).
 */
export async function loadReportText({ orgId, year, scope }: { orgId: number; year: number; scope?: ReportScope }): Promise<ReportTextView> {
  assertYear(year);
  const org = await db.organisation.findUnique({
    where: { id: orgId },
    select: { id: true, code: true, name: true, _count: { select: { children: true } } },
  });
  if (!org) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const hasChildren = org._count.children > 0;
  const subtree = hasChildren && (scope ?? 'subtree') === 'subtree';
  const format = formatForYear(year);
  const [stored, lastYears, publishedPrevious, fees, locked] = await Promise.all([
    db.reportText.findUnique({ where: { orgId_year: { orgId, year } } }),
    db.reportText.findUnique({ where: { orgId_year: { orgId, year: year - 1 } }, select: { sections: true } }),
    loadPublishedTable(orgId, year - 1, subtree),
    loadFeeFigures({ orgId, subtree, year }),
    isLocked(orgId, year),
  ]);
  const table = await cachedAnnualTable({ year, orgCode: org.code, subtree, previous: publishedPrevious?.table });
  // Last year's table that cannot be derived is no comparable base (lastYearBase answers null).
  const base = await lastYearBase({ id: org.id, code: org.code, hasChildren }, { year, subtree }, publishedPrevious?.table ?? null);
  const values = resolveFieldValues({ table, previous: base?.table ?? null, fees });
  const sections = stored
    ? normalizeSections(stored.sections)
    : lastYears
      ? normalizeSections(lastYears.sections)
      : draftSections(format, { hasComparableBase: base !== null });
  return {
    org: { id: org.id, code: org.code, name: org.name, hasChildren },
    year,
    format,
    scope: subtree ? 'subtree' : 'own',
    source: stored ? 'saved' : lastYears ? 'last_year' : 'draft',
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt ?? null,
    sections,
    values,
    fields: fieldCatalogue(format),
    parts: resolveSections(sections, values),
    warnings: findAllWarnings(sections, values),
    titleLines: titleLines(org.name, year),
    table,
    yearOnYearBase: base?.source ?? null,
    locked,
  };
}

// Control characters other than tab and line breaks are refused (a NUL byte cannot be stored in PostgreSQL text).
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Validates submitted parts: strings, within the length limit, no control characters. Field errors by part. */
export function validateSections(input: Partial<Record<ReportTextPart, unknown>>): { sections: ReportSections; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  const out: Record<string, string> = {};
  for (const part of REPORT_TEXT_PARTS) {
    const raw = input[part];
    const text = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n') : '';
    if (text.length > MAX_PART_LENGTH) fieldErrors[part] = ['report.text.errors.tooLong'];
    else if (FORBIDDEN.test(text)) fieldErrors[part] = ['report.text.errors.controlCharacters'];
    out[part] = text.length > MAX_PART_LENGTH ? '' : text;
  }
  return { sections: out as Record<ReportTextPart, string>, fieldErrors };
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; meta?: { code?: string }; message?: string };
  return err.code === 'P2002' || err.meta?.code === '23505' || /23505|unique constraint/i.test(err.message ?? '');
}

const sameSections = (a: ReportSections, b: ReportSections): boolean => REPORT_TEXT_PARTS.every((p) => a[p] === b[p]);

/**
 * Stores the text of the organisation's year (admins). `expectedVersion` is the version the editor loaded
 * (0 = nothing stored yet): a save against a changed text is refused (CONFLICT `report.text.conflict`)
 * unless it stores exactly what is already stored (a repeated submission). Refused while the year is locked.
 */
export async function saveReportText(
  actor: Actor,
  input: { orgCode: string; year: number; sections: ReportSections; expectedVersion: number },
): Promise<{ version: number; changed: boolean }> {
  if (!canManageReports(actor)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const org: ReportOrg = await resolveReportOrg(actor, input.orgCode);
  assertYear(input.year);
  if (!Number.isSafeInteger(input.expectedVersion) || input.expectedVersion < 0) throw new DomainError('VALIDATION', 'report.text.errors.version');
  const { sections, fieldErrors } = validateSections(input.sections);
  if (Object.keys(fieldErrors).length > 0) throw new DomainError('VALIDATION', 'report.text.errors.invalid', { parts: Object.keys(fieldErrors).join(', ') });
  const { year } = input;
  try {
    return await saveInTransaction(actor, org, year, sections, input.expectedVersion);
  } catch (e) {
    // A double click on the first save: the second insert loses on the primary key after the first commits.
    if (e instanceof DomainError && e.code === 'CONFLICT') {
      const now = await db.reportText.findUnique({ where: { orgId_year: { orgId: org.id, year } }, select: { version: true, sections: true } });
      if (now && sameSections(normalizeSections(now.sections), sections)) return { version: now.version, changed: false };
    }
    throw e;
  }
}

function saveInTransaction(actor: Actor, org: ReportOrg, year: number, sections: ReportSections, expectedVersion: number): Promise<{ version: number; changed: boolean }> {
  const input = { expectedVersion };
  return db.$transaction(async (tx) => {
    await assertPeriodUnlocked(tx, { orgIds: [org.id], years: [year] });
    // Row lock: concurrent saves of the same text serialise here and compare versions one after the other.
    const current = await tx.$queryRaw<{ version: number; sections: unknown }[]>`
      SELECT version, sections FROM report_texts WHERE org_id = ${org.id} AND year = ${year} FOR UPDATE`;
    const before = current[0] ? normalizeSections(current[0].sections) : null;
    if (before && sameSections(before, sections)) return { version: current[0].version, changed: false };
    const currentVersion = current[0]?.version ?? 0;
    if (currentVersion !== input.expectedVersion) throw new DomainError('CONFLICT', 'report.text.conflict');
    let version: number;
    if (!before) {
      // Two first saves at once: the primary key lets one through; the other gets the conflict (P2002).
      try {
        await tx.reportText.create({ data: { orgId: org.id, year, sections, version: 1, updatedById: actor.id } });
      } catch (e) {
        if (isUniqueViolation(e)) throw new DomainError('CONFLICT', 'report.text.conflict');
        throw e;
      }
      version = 1;
    } else {
      const updated = await tx.reportText.updateMany({
        where: { orgId: org.id, year, version: input.expectedVersion },
        data: { sections, version: { increment: 1 }, updatedById: actor.id },
      });
      if (updated.count !== 1) throw new DomainError('CONFLICT', 'report.text.conflict');
      version = input.expectedVersion + 1;
    }
    const changedParts = REPORT_TEXT_PARTS.filter((p) => (before?.[p] ?? '') !== sections[p]);
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        type: 'report.text_saved',
        data: {
          orgId: org.id,
          org: org.code,
          year,
          version,
          parts: changedParts,
          before: Object.fromEntries(changedParts.map((p) => [p, before?.[p] ?? null])),
          after: Object.fromEntries(changedParts.map((p) => [p, sections[p]])),
        },
      },
    });
    return { version, changed: true };
  });
}
