/**
 * XLSX exports of the supervision and data-quality pages (exceljs): plain tables, one sheet per topic, with
 * the labels in the user's language passed in by the route (lib returns no display text of its own).
 */
import 'server-only';
import ExcelJS from 'exceljs';
import type { ListedCase } from '@/lib/admin/case-list-sql';
import type { QualityCaseCheck, QualityReport } from '@/lib/admin/data-quality';
import { SUPERVISION_METRICS, type SupervisionReport } from '@/lib/admin/supervision';

export type Label = (key: string, params?: Record<string, string | number>) => string;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };

/**
 * A plain table sheet that prints properly (issue 12 item 8): a title line (agency, scope, period) above the
 * column headings, A4 landscape one page wide, the heading row repeated on every printed page, page numbers,
 * and the view frozen below the headings.
 */
/** A4 landscape, one page wide, with page numbers: how every table the app writes prints. */
export const PRINT_PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};
export const PRINT_FOOTER = { oddFooter: '&C第 &P 页，共 &N 页' };

export function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  header: string[],
  rows: Array<Array<string | number | null>>,
  widths?: number[],
  title?: string,
) {
  // Sheet names: at most 31 characters, none of []:*?/\
  const sheet = workbook.addWorksheet(name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
    pageSetup: { ...PRINT_PAGE_SETUP },
  });
  if (title) {
    sheet.addRow([title]);
    sheet.mergeCells(1, 1, 1, Math.max(1, header.length));
    sheet.getCell(1, 1).font = { bold: true, size: 12 };
    sheet.getCell(1, 1).alignment = { wrapText: true, vertical: 'middle' };
    sheet.getRow(1).height = 32;
  }
  const headerRow = title ? 2 : 1;
  sheet.addRow(header).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  for (const row of rows) sheet.addRow(row.map((v) => (v === null ? '' : v)));
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  sheet.headerFooter = { ...PRINT_FOOTER };
  sheet.columns.forEach((column, i) => {
    column.width = widths?.[i] ?? 16;
  });
  return sheet;
}

function caseRows(cases: readonly ListedCase[], label: Label): Array<Array<string | number | null>> {
  return cases.map((c) => [
    c.trackingNo,
    c.orgName,
    c.applicantName,
    label(`status.${c.status}`),
    c.receivedOn,
    c.concludedOn,
    c.outcome ? label(`outcome.${c.outcome}`) : null,
    c.keyDate,
  ]);
}

function caseHeader(label: Label): string[] {
  return ['trackingNo', 'organisation', 'applicant', 'status', 'receivedOn', 'concludedOn', 'outcome', 'keyDate'].map((k) => label(`admin.caseList.${k}`));
}

const scopeLabel = (subtree: boolean, label: Label) => label(subtree ? 'report.page.scopeSubtree' : 'report.page.scopeOwn');

export async function supervisionXlsx(report: SupervisionReport, label: Label): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  const header = [label('admin.supervision.organisation'), ...SUPERVISION_METRICS.map((m) => label(`admin.supervision.metrics.${m}`))];
  const rows = report.rows.map((r) => [`${'　'.repeat(r.depth)}${r.name}（${r.code}）`, ...SUPERVISION_METRICS.map((m) => r.counts[m])]);
  rows.push([label('common.total'), ...SUPERVISION_METRICS.map((m) => report.totals[m])]);
  const title = `${label('admin.supervision.exportTitle', { org: report.org.name, from: report.period.from, to: report.period.to })}（${scopeLabel(report.subtree, label)}）`;
  addTable(workbook, label('admin.supervision.sheets.organisations'), header, rows, [40, ...SUPERVISION_METRICS.map(() => 14)], title);
  addTable(
    workbook,
    label('admin.supervision.sheets.outcomes'),
    [label('admin.supervision.outcome'), label('admin.supervision.count')],
    report.outcomes.map((o) => [label(`outcome.${o.outcome}`), o.n]),
    [60, 12],
    title,
  );
  addTable(
    workbook,
    label('admin.supervision.sheets.appeals'),
    [label('admin.supervision.appealKind'), label('admin.supervision.appealResult'), label('admin.supervision.count')],
    report.appeals.map((a) => [label(`admin.supervision.appealKinds.${a.kind}`), label(`admin.supervision.appealResults.${a.result}`), a.n]),
    [30, 20, 12],
    title,
  );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function qualityXlsx(
  report: QualityReport,
  casesByCheck: Record<QualityCaseCheck, readonly ListedCase[]>,
  label: Label,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  const summary = Object.entries(report.counts).map(([check, count]) => [label(`admin.quality.checks.${check}.title`), count]);
  summary.push([label('admin.quality.checks.carried_over_mismatch.title'), report.carriedOver.length]);
  summary.push([label('admin.quality.checks.org_path_mismatch.title'), report.pathProblems.length]);
  const title = `${report.org.name}（${scopeLabel(report.subtree, label)}）${label('report.page.yearOption', { year: report.year })} ${label('admin.quality.sheets.summary')}`;
  addTable(workbook, label('admin.quality.sheets.summary'), [label('admin.quality.check'), label('admin.supervision.count')], summary, [50, 12], title);
  for (const [check, cases] of Object.entries(casesByCheck)) {
    if (cases.length === 0) continue;
    addTable(workbook, label(`admin.quality.checks.${check}.short`), caseHeader(label), caseRows(cases, label), [22, 28, 20, 14, 12, 12, 40, 12], title);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
