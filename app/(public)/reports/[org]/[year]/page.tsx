import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AVAILABLE_PUBLIC_FORMATS, loadPublicReport } from '@/lib/reports/report-publication';
import { hasPlaceholders } from '@/lib/reports/publication-snapshot';
import { reportTitle, type ResolvedParagraph } from '@/lib/reports/report-text-model';
import { SECTION2_OWN_ONLY_NOTE, chinaDayAndTime, chineseDate, generatedText, scopeText } from '@/lib/statistics/export-provenance';
import { reportSectionLabel } from '@/lib/statistics/layouts';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid } from '@/lib/statistics/table-grid';
import { PublicTable } from '../../_components/public-table';

type Params = Promise<{ org: string; year: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, year } = await params;
  const report = await loadPublicReport(org, year);
  return report ? { title: `${report.orgName}${report.year}年政府信息公开工作年度报告` } : {};
}

/** "2026年1月15日" of an instant, in China's time zone. */
const chinaDate = (instant: Date) => chineseDate(chinaDayAndTime(instant).day);

/**
 * A published annual report (issue 12 item 3), anonymous: title, sections 一–六 with the official tables as
 * HTML tables, and the downloads — all from the frozen snapshot. Unknown, unpublished, withdrawn, a retired
 * organisation or segments that cannot name a report: 404. No session is read, no client component.
 */
export default async function PublishedReportPage({ params }: { params: Params }) {
  const { org, year } = await params;
  const report = await loadPublicReport(org, year);
  if (!report) notFound();
  const t = await getTranslations('publicReports');
  const { snapshot } = report;
  const text = snapshot.text;
  const grids = {
    proactive: buildSection2Grid(snapshot.table),
    applications: buildSection3Grid(snapshot.table),
    appeals: buildSection4Grid(snapshot.table),
  } as const;
  const table = (part: string) => {
    if (part !== 'proactive' && part !== 'applications' && part !== 'appeals') return null;
    const caption = reportSectionLabel(part);
    return <PublicTable grid={grids[part]} caption={caption} regionLabel={t('tableRegion', { caption })} testId={`public-${part}`} />;
  };
  const paragraph = (p: ResolvedParagraph, key: string) =>
    p.kind === 'subheading' ? (
      <h3 key={key} className="mt-3 font-semibold">
        {p.segments.map((s) => s.text).join('')}
      </h3>
    ) : (
      <p key={key} className="indent-8 leading-8">
        {p.segments.map((s, i) =>
          s.kind === 'placeholder' ? (
            <mark key={i} className="bg-amber-100 text-slate-900">
              {s.text}
            </mark>
          ) : (
            s.text
          ),
        )}
      </p>
    );
  // The report as published: the parts in order, each section's table after its text (as the DOCX/PDF).
  const parts = text?.parts ?? (['proactive', 'applications', 'appeals'] as const).map((part) => ({ part, heading: reportSectionLabel(part), paragraphs: [] }));
  const title = text ? text.titleLines.join('') : reportTitle(report.orgName, report.year);
  const base = `/api/public/reports/${encodeURIComponent(report.orgCode)}/${report.year}`;

  return (
    // Wider than the portal's reading column on large screens, so section 三 fits without scrolling there.
    <article className="space-y-5 lg:-mx-28 xl:-mx-48" data-testid="published-report">
      <p className="text-sm">
        <Link href="/reports" className="underline">
          {t('back')}
        </Link>
      </p>
      <header className="space-y-2 text-center">
        <h1 lang="zh-CN" className="page-title" data-testid="published-report-title">
          {title}
        </h1>
        <p className="text-sm text-slate-700">{t('publishedOn', { date: chinaDate(report.firstPublishedAt) })}</p>
        {report.version > 1 && (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" role="note" data-testid="published-report-revised">
            {t('revised', { date: chinaDate(report.publishedAt), version: report.version })}
          </p>
        )}
        <p className="text-xs text-slate-700">
          {t('scope', { scope: scopeText(snapshot.provenance) })}　{t('generatedAt', { date: generatedText(snapshot.provenance) })}
        </p>
      </header>

      <section aria-labelledby="downloads-title" className="card space-y-2">
        <h2 id="downloads-title" className="font-semibold">
          {t('downloads')}
        </h2>
        <p className="text-sm text-slate-700">{t('downloadsIntro')}</p>
        <ul className="list-disc space-y-1 pl-6 text-sm">
          {AVAILABLE_PUBLIC_FORMATS.map((f) => (
            <li key={f}>
              <a href={`${base}/${f}`} className="underline" data-testid={`download-${f}`} download>
                {t(`download.${f}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <div lang="zh-CN" className="space-y-4">
        {text && hasPlaceholders(text) && <p className="text-xs text-slate-700">{t('draftNote')}</p>}
        {parts.map((part) =>
          part.part === 'date' ? (
            <div key="date" className="pt-4 text-right" data-testid="published-report-signature">
              <p>{report.orgName}</p>
              {part.paragraphs.map((p, i) => (
                <p key={i}>{p.segments.map((s) => s.text).join('')}</p>
              ))}
            </div>
          ) : part.heading ? (
            <section key={part.part} aria-labelledby={`section-${part.part}`} className="space-y-2">
              <h2 id={`section-${part.part}`} className="text-lg font-semibold">
                {part.heading}
              </h2>
              {part.paragraphs.map((p, i) => paragraph(p, `${part.part}-${i}`))}
              {part.part === 'proactive' && snapshot.provenance.scope === 'subtree' && <p className="text-sm text-slate-700">{SECTION2_OWN_ONLY_NOTE}</p>}
              {table(part.part)}
            </section>
          ) : (
            <div key={part.part}>{part.paragraphs.map((p, i) => paragraph(p, `${part.part}-${i}`))}</div>
          ),
        )}
      </div>
    </article>
  );
}
