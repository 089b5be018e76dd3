/**
 * What a published annual report is (issue 12 item 3): a frozen snapshot taken when an admin publishes a
 * LOCKED report — the table exactly as the exports write it, what the export is (organisation, scope, year,
 * generation time, data state: export-provenance.ts), last year's base and the year's fees for the
 * year-on-year and fee sentences, and the report text when the agency wrote one. The public page and every
 * download are rendered from this snapshot alone, so they never change when the cases change later.
 *
 * Pure: the shape, its (de)serialisation, the public address and its parameters, and the text as published
 * (lib/reports/report-texts.ts `loadReportText` resolved at publication: the agency's text, last year's, or
 * the draft in the seed's wording, every field replaced by its value then).
 */
import type { AnnualTable, ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { chineseDate, type ExportProvenance } from '@/lib/statistics/export-provenance';
import type { FeeFigures } from '@/lib/statistics/fee-figures';
import { FIRST_SUPPORTED_REPORT_YEAR } from '@/lib/statistics/layouts';
import { DEFAULT_PERCENT_BASE, PERCENT_BASES, type PercentBase } from '@/lib/statistics/prose-figures';
import type { ResolvedPart } from '@/lib/reports/report-text-model';
import { ORG_CODE_PATTERN } from '@/lib/admin/org-tree';

/**
 * The report's text as published: the title's lines and the parts (preamble, 一 … 六, date) with every field
 * resolved at publication (report-text-model.ts ResolvedPart), so the page and the DOCX/PDF never change.
 */
export interface PublishedText {
  readonly titleLines: readonly string[];
  readonly parts: readonly ResolvedPart[];
  /** Where the text came from when it was published. */
  readonly source: 'saved' | 'last_year' | 'draft';
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
  /** The report's text; null only for a snapshot without one (the page then shows the tables alone). */
  readonly text: PublishedText | null;
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

/** Whether a paragraph list says nothing but 【待填写…】 (or nothing at all). */
function onlyPlaceholders(paragraphs: ResolvedPart['paragraphs']): boolean {
  return paragraphs.every((p) => p.segments.every((s) => s.kind === 'placeholder' || s.text.trim() === ''));
}

/**
 * The parts as published: the date under the signature, when the agency left it unwritten, is the day of
 * publication (China time) — the report is published that day — so the page, DOCX and PDF all carry it.
 */
export function datedParts(parts: readonly ResolvedPart[], publishedOn: string): ResolvedPart[] {
  return parts.map((part) =>
    part.part === 'date' && onlyPlaceholders(part.paragraphs)
      ? { ...part, paragraphs: [{ kind: 'body' as const, segments: [{ kind: 'text' as const, text: chineseDate(publishedOn) }] }] }
      : part,
  );
}

/** Whether any part still holds a 【待填写】 placeholder (the page then says who supplies them). */
export function hasPlaceholders(text: PublishedText): boolean {
  return text.parts.some((part) => part.paragraphs.some((p) => p.segments.some((s) => s.kind === 'placeholder')));
}

/** The text of a part's paragraph, segments joined. */
export function paragraphText(p: ResolvedPart['paragraphs'][number]): string {
  return p.segments.map((s) => s.text).join('');
}
