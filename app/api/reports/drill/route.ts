// GET /api/reports/drill?year=2025&org=SFS&subtree=1&row=granted&column=total – the cases behind one number of
// section 三 as XLSX, or (…&block=administrative_review&column=upheld) the appeals behind one number of section 四
// (whoever may see the organisation's report; the same predicate as the aggregate)
import { getTranslations } from 'next-intl/server';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { addTable } from '@/lib/admin/admin-xlsx';
import { reportParamsSchema, resolveReportOrg } from '@/lib/admin/annual-report';
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { DomainError } from '@/lib/errors';
import { recordAudit } from '@/lib/admin/audit';
import { drillDownAllAppeals, drillDownAllCases } from '@/lib/statistics/drill-down';
import {
  SECTION3_COLUMNS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_IDS,
  SECTION4_COLUMN_LABELS,
  formatForYear,
  section3RowLayout,
  section4BlockName,
  type Section3ColumnId,
  type Section3RowId,
} from '@/lib/statistics/layouts';

const cellSchema = z.object({ row: z.string().min(1).max(60), column: z.string().min(1).max(60) });
const section4CellSchema = z.object({ block: z.string().min(1).max(60), column: z.string().min(1).max(60) });

export const GET = withActor(STAFF_ROLES, async (req, { actor }) => {
  const q = Object.fromEntries(req.nextUrl.searchParams);
  const scope = reportParamsSchema.safeParse({ year: q.year, org: q.org, subtree: q.subtree ?? '1' });
  if (q.block !== undefined) {
    const cell4 = section4CellSchema.safeParse(q);
    if (!scope.success || !cell4.success) throw new DomainError('NOT_FOUND', 'errors.notFound');
    const org4 = await resolveReportOrg(actor, scope.data.org);
    const block = SECTION4_BLOCKS.find((b) => b.id === cell4.data.block);
    const column4 = SECTION4_COLUMN_IDS.find((c) => c === cell4.data.column);
    if (!block || !column4) throw new DomainError('NOT_FOUND', 'errors.notFound');
    const appeals = await drillDownAllAppeals(actor, { orgId: org4.id, subtree: scope.data.subtree, year: scope.data.year, block: block.id, column: column4 });
    const t4 = await getTranslations();
    const book = new ExcelJS.Workbook();
    book.creator = 'Gongkai';
    const cellName = `${section4BlockName(block)} / ${SECTION4_COLUMN_LABELS[column4]}`;
    const title4 = `${org4.name}（${t4(scope.data.subtree ? 'report.page.scopeSubtree' : 'report.page.scopeOwn')}）${scope.data.year}年 ${cellName}：共 ${appeals.length} 件`;
    addTable(
      book,
      `${scope.data.year} ${t4('report.drill.appeals.sheet')}`,
      ['block', 'filedOn', 'decidedOn', 'countedAs', 'result', 'body', 'case'].map((k) => t4(`report.drill.appeals.${k}`)).concat(t4('report.drill.organisation')),
      appeals.map((a) => {
        const layout = SECTION4_BLOCKS.find((b) => b.id === a.kind);
        return [layout ? section4BlockName(layout) : a.kind, a.filedOn, a.decidedOn, SECTION4_COLUMN_LABELS[a.countedAs], SECTION4_COLUMN_LABELS[a.result], a.body || null, a.trackingNo, a.orgName];
      }),
      [24, 12, 12, 12, 12, 30, 22, 28],
      title4,
    );
    const data = new Uint8Array(await book.xlsx.writeBuffer());
    await recordAudit({ actorId: actor.id, type: 'export.report_drill', data: { org: org4.code, year: scope.data.year, subtree: scope.data.subtree, block: block.id, column: column4, rows: appeals.length } });
    return attachmentResponse(data, `${org4.name}-${scope.data.year}-${section4BlockName(block)}-${SECTION4_COLUMN_LABELS[column4]}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }
  const cell = cellSchema.safeParse(q);
  if (!scope.success || !cell.success) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const org = await resolveReportOrg(actor, scope.data.org);
  const format = formatForYear(scope.data.year);
  const row = section3RowLayout(format, cell.data.row as Section3RowId);
  const column = SECTION3_COLUMNS.find((c) => c.id === cell.data.column);
  if (!row || !column) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const cases = await drillDownAllCases(actor, { orgId: org.id, subtree: scope.data.subtree, year: scope.data.year, row: row.id, column: column.id as Section3ColumnId });
  const t = await getTranslations();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  const title = `${org.name}（${t(scope.data.subtree ? 'report.page.scopeSubtree' : 'report.page.scopeOwn')}）${scope.data.year}年 ${row.code} ${row.label} / ${column.label}：共 ${cases.length} 件`;
  addTable(
    workbook,
    `${scope.data.year} ${row.code}`,
    ['trackingNo', 'applicant', 'organisation', 'receivedOn', 'concludedOn', 'outcome', 'status'].map((k) => t(`report.drill.${k}`)),
    cases.map((c) => [c.trackingNo, c.applicantName || '—', c.orgName, c.receivedOn, c.concludedOn, c.outcome ? t(`outcome.${c.outcome}`) : null, t.has(`status.${c.status}`) ? t(`status.${c.status}`) : c.status]),
    [22, 24, 28, 12, 12, 40, 12],
    title,
  );
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  // The list names applicants: an export of personal data, audited like the others (issue 8 item 11).
  await recordAudit({ actorId: actor.id, type: 'export.report_drill', data: { org: org.code, year: scope.data.year, subtree: scope.data.subtree, row: row.id, column: column.id, rows: cases.length } });
  return attachmentResponse(bytes, `${org.name}-${scope.data.year}-${row.code}-${column.label}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
