/**
 * What a published annual report is (issue 12 item 3): a frozen snapshot taken when an admin publishes a
 * LOCKED report — the table exactly as the exports write it, what the export is (organisation, scope, year,
 * generation time, data state: export-provenance.ts), last year's base and the year's fees for the
 * year-on-year and fee sentences, and the report text when the agency wrote one. The public page and every
 * download are rendered from this snapshot alone, so they never change when the cases change later.
 *
 * Pure: the shape, its (de)serialisation, the public address and its parameters, and the text of the report
 * as published (the agency's text when it exists, else the generated draft in the DOCX draft's wording).
 */
import type { AnnualTable, ImportedAnnualTable } from '@/lib/statistics/annual-table';
import type { ExportProvenance } from '@/lib/statistics/export-provenance';
import { SECTION2_OWN_ONLY_NOTE } from '@/lib/statistics/export-provenance';
import type { FeeFigures } from '@/lib/statistics/fee-figures';
import { FIRST_SUPPORTED_REPORT_YEAR, reportSectionLabel, type ReportSectionId } from '@/lib/statistics/layouts';
import { computeProseFigures, DEFAULT_PERCENT_BASE, PERCENT_BASES, type PercentBase } from '@/lib/statistics/prose-figures';
import { appealsParagraph, applicationsParagraph, feesParagraph, placeholder, preambleText, reportTitle } from '@/lib/statistics/report-text';
import { ORG_CODE_PATTERN } from '@/lib/admin/org-tree';

/** One block of a report section: a sub-heading, a paragraph, or one of the three official tables. */
export type ReportTextBlock =
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'table'; readonly table: 'section2' | 'section3' | 'section4' };

export interface ReportTextSection {
  readonly id: ReportSectionId;
  readonly heading: string;
  readonly blocks: readonly ReportTextBlock[];
}

/** The report's text: title, preamble, sections 一–六 in order, and the signature (agency, date). */
export interface ReportText {
  readonly title: string;
  readonly preamble: string;
  readonly sections: readonly ReportTextSection[];
  readonly signature: { readonly orgName: string; readonly date: string | null };
}

export interface PublicationSnapshot {
  /** Shape version of the stored JSON. */
  readonly schema: 1;
  /** The table as exported (export-json.ts `toJson` writes exactly this plus `export`). */
  readonly table: AnnualTable;
  readonly provenance: ExportProvenance;
  /** Last year's base of the year-on-year figures (published-base.ts), null without a comparable one. */
  readonly previous: ImportedAnnualTable | null;
  readonly previousSource: 'published' | 'derived' | null;
  /** The year's 信息处理费 (section 六), null when not computed. */
  readonly fees: FeeFigures | null;
  readonly percentBase: PercentBase;
  /** The agency's own report text when one was written; null = the generated draft text is shown. */
  readonly text: ReportText | null;
}

/** The snapshot as stored (jsonb): dates as ISO strings. */
export function snapshotToJson(snapshot: PublicationSnapshot): Record<string, unknown> {
  return JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
}

/** Reads a stored snapshot back (the Date of the provenance revived). Throws on a shape it does not know. */
export function snapshotFromJson(value: unknown): PublicationSnapshot {
  const v = value as Partial<PublicationSnapshot> & { provenance?: Omit<ExportProvenance, 'generatedAt'> & { generatedAt: string } };
  if (!v || typeof v !== 'object' || v.schema !== 1 || !v.table || !v.provenance) throw new TypeError('not a publication snapshot');
  return {
    schema: 1,
    table: v.table,
    provenance: { ...v.provenance, generatedAt: new Date(v.provenance.generatedAt) },
    previous: v.previous ?? null,
    previousSource: v.previousSource ?? null,
    fees: v.fees ?? null,
    percentBase: v.percentBase && (PERCENT_BASES as readonly string[]).includes(v.percentBase) ? v.percentBase : DEFAULT_PERCENT_BASE,
    text: v.text ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The public address: /reports/{org code}/{year} (docs/decisions.md "Published reports")
// ---------------------------------------------------------------------------------------------------------

export function publicReportPath(orgCode: string, year: number): string {
  return `/reports/${encodeURIComponent(orgCode)}/${year}`;
}

/**
 * The path segments of a public report address, or null when they cannot name one (the page answers 404:
 * NUL bytes, "../", 10,000 characters, a year that is not four digits or before the first supported format).
 * Next hands the segments decoded; anything outside the organisation code's alphabet is refused here,
 * before any query.
 */
export function parsePublicReportSegments(org: string, year: string): { orgCode: string; year: number } | null {
  if (typeof org !== 'string' || typeof year !== 'string') return null;
  if (!ORG_CODE_PATTERN.test(org) || !/^\d{4}$/.test(year)) return null;
  const y = Number(year);
  if (y < FIRST_SUPPORTED_REPORT_YEAR) return null;
  return { orgCode: org, year: y };
}

export const PUBLIC_DOWNLOAD_FORMATS = ['docx', 'pdf', 'xlsx', 'csv', 'json'] as const;
export type PublicDownloadFormat = (typeof PUBLIC_DOWNLOAD_FORMATS)[number];

export function isPublicDownloadFormat(value: string): value is PublicDownloadFormat {
  return (PUBLIC_DOWNLOAD_FORMATS as readonly string[]).includes(value);
}

/** File name of a published report's download: 示范市教育局2025年政府信息公开工作年度报告.docx (统计表 for tables). */
export function publicDownloadFilename(orgName: string, year: number, format: PublicDownloadFormat): string {
  const what = format === 'docx' || format === 'pdf' ? '政府信息公开工作年度报告' : '政府信息公开工作年度报告统计表';
  return `${orgName}${year}年${what}.${format}`;
}

// ---------------------------------------------------------------------------------------------------------
// The text shown
// ---------------------------------------------------------------------------------------------------------

/**
 * The generated draft text, in the DOCX draft's wording (export-docx.ts): the preamble, the sentences that
 * quote the figures (applications, 复议/诉讼, fees), the three tables in place, and 【待填写：…】 where the
 * agency has not written its text. Used when the snapshot holds no text of the agency's own.
 */
export function draftReportText(snapshot: PublicationSnapshot): ReportText {
  const { table, provenance } = snapshot;
  const figures = computeProseFigures(table, { previous: snapshot.previous ?? undefined, percentBase: snapshot.percentBase });
  const is2021 = table.format === '2021';
  const p = (text: string): ReportTextBlock => ({ kind: 'paragraph', text });
  const h = (text: string): ReportTextBlock => ({ kind: 'subheading', text });
  const section = (id: ReportSectionId, blocks: ReportTextBlock[]): ReportTextSection => ({ id, heading: reportSectionLabel(id), blocks });
  return {
    title: reportTitle(provenance.orgName, table.year),
    preamble: preambleText(table.year, table.format),
    sections: [
      section('overview', [
        p(placeholder('本年度政府信息公开工作的总体情况')),
        h('（一）主动公开'),
        p(placeholder('主动公开政府信息的工作情况')),
        h('（二）依申请公开'),
        p(applicationsParagraph(figures)),
        p(appealsParagraph(figures)),
        h('（三）政府信息管理'),
        p(placeholder('政府信息管理情况')),
        h('（四）政府信息公开平台建设'),
        p(placeholder('政府信息公开平台建设情况')),
        h('（五）监督保障'),
        p(placeholder('监督保障情况')),
      ]),
      section('proactive', [...(provenance.scope === 'subtree' ? [p(SECTION2_OWN_ONLY_NOTE)] : []), { kind: 'table', table: 'section2' }]),
      section('applications', [{ kind: 'table', table: 'section3' }]),
      section('appeals', [{ kind: 'table', table: 'section4' }]),
      section('problems', [p(placeholder('存在的主要问题及改进情况'))]),
      section('other_matters', [
        ...(is2021 && snapshot.fees ? [p(feesParagraph(snapshot.fees))] : []),
        p(placeholder('其他需要报告的事项')),
      ]),
    ],
    signature: { orgName: provenance.orgName, date: null },
  };
}

/** The text the public page shows: the agency's own when the snapshot has it, else the generated draft. */
export function publishedReportText(snapshot: PublicationSnapshot): { text: ReportText; isDraft: boolean } {
  return snapshot.text ? { text: snapshot.text, isDraft: false } : { text: draftReportText(snapshot), isDraft: true };
}

/** Splits a paragraph into plain parts and 【待填写：…】 placeholders (shown marked on the page). */
export function placeholderParts(text: string): Array<{ text: string; isPlaceholder: boolean }> {
  return text
    .split(/(【待填写[^】]*】)/)
    .filter((part) => part !== '')
    .map((part) => ({ text: part, isPlaceholder: part.startsWith('【待填写') }));
}
