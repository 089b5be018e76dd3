import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AVAILABLE_PUBLIC_FORMATS, loadPublicReport } from '@/lib/reports/report-publication';
import { placeholderParts, publishedReportText, type ReportTextBlock } from '@/lib/reports/publication-snapshot';
import { chinaDayAndTime, chineseDate, generatedText, scopeText } from '@/lib/statistics/export-provenance';
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
  const { text, isDraft } = publishedReportText(snapshot);
  const grids = {
    section2: buildSection2Grid(snapshot.table),
    section3: buildSection3Grid(snapshot.table),
    section4: buildSection4Grid(snapshot.table),
  } as const;
  const captions = {
    section2: reportSectionLabel('proactive'),
    section3: reportSectionLabel('applications'),
    section4: reportSectionLabel('appeals'),
  } as const;
  const block = (b: ReportTextBlock, key: string) => {
    if (b.kind === 'subheading') {
      return (
        <h3 key={key} className="mt-3 font-semibold">
          {b.text}
        </h3>
      );
    }
    if (b.kind === 'table') {
      return <PublicTable key={key} grid={grids[b.table]} caption={captions[b.table]} regionLabel={t('tableRegion', { caption: captions[b.table] })} testId={`public-${b.table}`} />;
    }
    return (
      <p key={key} className="indent-8 leading-8">
        {placeholderParts(b.text).map((part, i) =>
          part.isPlaceholder ? (
            <mark key={i} className="bg-amber-100 text-slate-900">
              {part.text}
            </mark>
          ) : (
            part.text
          ),
        )}
      </p>
    );
  };
  const base = `/api/public/reports/${encodeURIComponent(report.orgCode)}/${report.year}`;

  return (
    <article className="space-y-5" data-testid="published-report">
      <p className="text-sm">
        <Link href="/reports" className="underline">
          {t('back')}
        </Link>
      </p>
      <header className="space-y-2 text-center">
        <h1 lang="zh-CN" className="page-title" data-testid="published-report-title">
          {text.title}
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
        <p className="indent-8 leading-8">{text.preamble}</p>
        {isDraft && <p className="text-xs text-slate-700">{t('draftNote')}</p>}
        {text.sections.map((section) => (
          <section key={section.id} aria-labelledby={`section-${section.id}`} className="space-y-2">
            <h2 id={`section-${section.id}`} className="text-lg font-semibold">
              {section.heading}
            </h2>
            {section.blocks.map((b, i) => block(b, `${section.id}-${i}`))}
          </section>
        ))}
        <p className="pt-4 text-right">{text.signature.orgName}</p>
        <p className="text-right">{text.signature.date ?? chinaDate(report.firstPublishedAt)}</p>
      </div>
    </article>
  );
}
