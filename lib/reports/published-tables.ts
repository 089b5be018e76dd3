/**
 * Published annual tables (issue 12 item 1): a year's table as the organisation published it, entered as the
 * JSON that `check-table` reads, as the official XLSX layout, or from the report page. Kept beside the
 * derived table, never instead of it; used as last year's base (lib/statistics/published-base.ts) for the
 * year-on-year figures and for check C7, and compared with the derived table of the same year.
 *
 * Admins store and delete (audited); whoever may view the organisation's report may read them.
 */
import 'server-only';
import type { Actor } from '@/lib/cases/actor';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { ImportedAnnualTable, TableIssue } from '@/lib/statistics/annual-table';
import { FIRST_SUPPORTED_REPORT_YEAR } from '@/lib/statistics/layouts';
import { parseAnnualTable } from '@/lib/statistics/parse-annual-table';
import { readAnnualTableXlsx } from '@/lib/statistics/read-table-xlsx';

export interface PublishedTableRecord {
  readonly table: ImportedAnnualTable;
  readonly source: string;
  readonly fileName: string | null;
  readonly updatedAt: Date;
}

export interface PublishedTableOrg {
  readonly id: number;
  readonly code: string;
}

const MAX_BYTES = 5 * 1024 * 1024;

/** Reads a published table's file (JSON or XLSX, by content) into a checked table, or the reasons it cannot. */
export async function readPublishedTableFile(
  data: Uint8Array,
  options: { year: number; org: string },
): Promise<{ ok: true; table: ImportedAnnualTable; source: 'json' | 'xlsx' } | { ok: false; errors: readonly TableIssue[] }> {
  const fail = (code: TableIssue['code'], params: Record<string, string | number> = {}) => ({
    ok: false as const,
    errors: [{ code, path: '', params }] as TableIssue[],
  });
  if (data.byteLength === 0) return fail('EMPTY_FILE');
  if (data.byteLength > MAX_BYTES) return fail('FILE_TOO_LARGE', { max: '5 MB' });
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  let input: unknown;
  if (isZip) {
    const read = await readAnnualTableXlsx(data, options);
    if (!read.ok) return fail(read.code === 'unreadable' ? 'UNREADABLE_FILE' : 'NO_SECTION3');
    input = read.input;
  } else {
    try {
      input = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
    } catch {
      return fail('UNREADABLE_FILE');
    }
  }
  const parsed = parseAnnualTable(input, { org: options.org });
  if (!parsed.success) return { ok: false, errors: parsed.errors };
  if (parsed.table.year !== options.year) return fail('YEAR_MISMATCH', { year: parsed.table.year, expected: options.year });
  // The table is stored under the organisation it is entered for, whatever code the file carries.
  return { ok: true, table: { ...parsed.table, org: options.org }, source: isZip ? 'xlsx' : 'json' };
}

/**
 * Whether the cases of the organisation (and its subtree) cover the year from its start: some case was
 * received by 31 January of it. The base rule of lib/statistics/published-base.ts.
 */
export async function casesCoverYear(orgId: number, subtree: boolean, year: number): Promise<boolean> {
  const [row] = await db.$queryRaw<{ covered: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM cases c
      WHERE c.received_on <= make_date(${year}::int, 1, 31)
        AND c.org_id = ANY(
          CASE WHEN ${subtree}::boolean
               THEN ARRAY(SELECT d.id FROM organisations d, organisations o WHERE o.id = ${orgId}::int AND starts_with(d.path, o.path))
               ELSE ARRAY[${orgId}::int] END)
    ) AS covered`;
  return row?.covered ?? false;
}

export async function loadPublishedTable(orgId: number, year: number, subtree: boolean): Promise<PublishedTableRecord | null> {
  const row = await db.publishedAnnualTable.findUnique({
    where: { orgId_year_subtree: { orgId, year, subtree } },
    select: { data: true, source: true, fileName: true, updatedAt: true },
  });
  return row ? { table: row.data as unknown as ImportedAnnualTable, source: row.source, fileName: row.fileName, updatedAt: row.updatedAt } : null;
}

function assertAdmin(actor: Actor) {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

function assertYear(year: number) {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_REPORT_YEAR || year > 9999) {
    throw new DomainError('VALIDATION', 'report.invalid_year', { year });
  }
}

/** Stores (or replaces) the published table of the organisation's year; audited with before and after. */
export async function savePublishedTable(
  actor: Actor,
  org: PublishedTableOrg,
  params: { year: number; subtree: boolean; table: ImportedAnnualTable; source: 'json' | 'xlsx' | 'form'; fileName: string | null },
): Promise<void> {
  assertAdmin(actor);
  assertYear(params.year);
  const data = JSON.parse(JSON.stringify(params.table)) as object;
  await db.$transaction(async (tx) => {
    const before = await tx.publishedAnnualTable.findUnique({
      where: { orgId_year_subtree: { orgId: org.id, year: params.year, subtree: params.subtree } },
      select: { data: true },
    });
    await tx.publishedAnnualTable.upsert({
      where: { orgId_year_subtree: { orgId: org.id, year: params.year, subtree: params.subtree } },
      create: { orgId: org.id, year: params.year, subtree: params.subtree, format: params.table.format, data, source: params.source, fileName: params.fileName, enteredById: actor.id },
      update: { format: params.table.format, data, source: params.source, fileName: params.fileName, enteredById: actor.id },
    });
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        type: 'report.published_table_saved',
        data: { org: org.code, year: params.year, subtree: params.subtree, source: params.source, fileName: params.fileName, before: (before?.data ?? null) as never, after: data as never },
      },
    });
  });
}

export async function deletePublishedTable(actor: Actor, org: PublishedTableOrg, year: number, subtree: boolean): Promise<{ deleted: boolean }> {
  assertAdmin(actor);
  assertYear(year);
  return db.$transaction(async (tx) => {
    const before = await tx.publishedAnnualTable.findUnique({ where: { orgId_year_subtree: { orgId: org.id, year, subtree } }, select: { data: true } });
    if (!before) return { deleted: false };
    await tx.publishedAnnualTable.delete({ where: { orgId_year_subtree: { orgId: org.id, year, subtree } } });
    await tx.auditEvent.create({
      data: { actorId: actor.id, type: 'report.published_table_deleted', data: { org: org.code, year, subtree, before: before.data as never } },
    });
    return { deleted: true };
  });
}
