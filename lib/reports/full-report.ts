/**
 * The complete annual report of a locked year (issue 12 item 2): the one function the report page's
 * downloads and the public report page call. Text from loadReportText (fields resolved against the current
 * table), tables from the same grids as the exports, DOCX (full-report-docx.ts) or PDF (full-report-pdf.ts).
 *
 * Refused while the year is not locked (CONFLICT `report.full.notLocked`: the figures could still change)
 * unless `requireLock: false` (tests, previews), and while a hard check C1–C6 fails (CONFLICT
 * `report.exports.blocked`, as every export). No session check: callers scope first.
 */
import 'server-only';
import { DomainError } from '@/lib/errors';
import { fullReportDocx } from '@/lib/reports/full-report-docx';
import { fullReportPdf } from '@/lib/reports/full-report-pdf';
import { loadReportText, type ReportScope, type ReportTextView } from '@/lib/reports/report-texts';
import { reportTitle } from '@/lib/reports/report-text-model';

export const FULL_REPORT_FORMATS = ['docx', 'pdf'] as const;
export type FullReportFormat = (typeof FULL_REPORT_FORMATS)[number];

export const FULL_REPORT_CONTENT_TYPES: Record<FullReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface FullReportFile {
  readonly bytes: Uint8Array;
  /** e.g. 平度市人民政府2020年政府信息公开工作年度报告.pdf */
  readonly filename: string;
  readonly contentType: string;
  /** The text and table the file was rendered from. */
  readonly view: ReportTextView;
}

export function fullReportFilename(orgName: string, year: number, format: FullReportFormat): string {
  return `${reportTitle(orgName, year)}.${format}`;
}

export async function renderFullReport({
  orgId,
  year,
  scope,
  format,
  requireLock = true,
}: {
  orgId: number;
  year: number;
  scope?: ReportScope;
  format: FullReportFormat;
  requireLock?: boolean;
}): Promise<FullReportFile> {
  if (!FULL_REPORT_FORMATS.includes(format)) throw new DomainError('VALIDATION', 'report.full.invalidFormat');
  const view = await loadReportText({ orgId, year, scope });
  if (requireLock && !view.locked) throw new DomainError('CONFLICT', 'report.full.notLocked', { year });
  const errors = view.table.checks.filter((c) => c.severity === 'error');
  if (errors.length > 0) {
    throw new DomainError('CONFLICT', 'report.exports.blocked', { count: errors.length, rules: [...new Set(errors.map((e) => e.rule))].join(', ') });
  }
  const content = { orgName: view.org.name, year, titleLines: view.titleLines, parts: view.parts, table: view.table };
  const bytes = format === 'docx' ? await fullReportDocx(content) : new Uint8Array(await fullReportPdf(content));
  return { bytes, filename: fullReportFilename(view.org.name, year, format), contentType: FULL_REPORT_CONTENT_TYPES[format], view };
}
