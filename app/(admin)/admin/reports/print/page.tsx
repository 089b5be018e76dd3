import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { canViewReports, exportProvenance, loadReportView, reportParamsSchema } from '@/lib/admin/annual-report';
import { SECTION2_OWN_ONLY_NOTE, provenanceLine } from '@/lib/statistics/export-provenance';
import { DomainError } from '@/lib/errors';
import { FORMAT_DOCUMENTS, reportSectionLabel } from '@/lib/statistics/layouts';
import { Section2Table, Section3Table, Section4Table, flaggedCells } from '../report-tables';
import { PrintButton } from './print-button';

type SearchParams = Promise<{ year?: string; org?: string; subtree?: string }>;

/**
 * Print view: the three tables in the official layout, without the application chrome, for the browser's
 * "print / save as PDF". The print stylesheet hides the site header and navigation, prints A4 landscape,
 * repeats the header rows of long tables on each page and keeps rows whole.
 */
const PRINT_CSS = `
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { background: #fff !important; }
  body > header, body > a, nav, .print\\:hidden { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; }
  h1, h2, caption { break-after: avoid; page-break-after: avoid; }
  section.report-section { break-inside: auto; margin-bottom: 8mm; }
  /* Section 三 starts on a page of its own and fits it: 25 rows of 7 figures on A4 landscape. */
  section.report-section-3 { break-before: page; break-inside: avoid; }
  section.report-section-3 table { font-size: 8.5pt; line-height: 1.15; }
  section.report-section-3 td, section.report-section-3 th { padding-top: 0.5mm !important; padding-bottom: 0.5mm !important; }
  section.report-section-4 { break-inside: avoid; }
  a { color: inherit !important; text-decoration: none !important; }
}`;

export default async function PrintReportPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(STAFF_ROLES, '/admin/reports');
  if (!canViewReports(actor)) notFound();
  const sp = await searchParams;
  const parsed = reportParamsSchema.safeParse({ year: sp.year, org: sp.org, subtree: sp.subtree ?? '1' });
  if (!parsed.success) notFound();
  const t = await getTranslations();
  const format = await getFormatter();
  const view = await loadReportView(actor, parsed.data).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const { table, org } = view;
  const provenance = await exportProvenance(org, parsed.data);
  const flags = flaggedCells(table.checks);
  // The print view always shows the official Chinese layout alone, as it is filed.
  const official = () => null;
  return (
    <article className="space-y-6 bg-white p-4 text-black print:p-0" data-testid="print-view">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <p className="text-sm text-slate-700">{t('report.print.help')}</p>
        <PrintButton />
      </div>
      {view.isExportBlocked && (
        <p role="alert" className="rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900">
          {t('report.print.checksFailed')}
        </p>
      )}
      <header className="text-center">
        <h1 lang="zh-CN" className="text-xl font-bold">
          {`${org.name}${table.year}年政府信息公开工作年度报告`}
        </h1>
        <p lang="zh-CN" className="mt-1 text-sm">
          {`${FORMAT_DOCUMENTS[table.format].formatTitle}（${FORMAT_DOCUMENTS[table.format].number}）`}
        </p>
        <p lang="zh-CN" className="mt-1 text-xs text-slate-700 print:text-black" data-testid="print-provenance">
          {provenanceLine(provenance)}
        </p>
        <p className="mt-1 text-xs text-slate-600 print:hidden">
          {t('report.print.generated', { date: format.dateTime(provenance.generatedAt, { dateStyle: 'long', timeStyle: 'short' }) })}
        </p>
      </header>
      <section className="report-section space-y-2">
        <h2 lang="zh-CN" className="font-bold">{reportSectionLabel('proactive')}</h2>
        {provenance.scope === 'subtree' && <p lang="zh-CN" className="text-xs">{SECTION2_OWN_ONLY_NOTE}</p>}
        <Section2Table table={table} caption={reportSectionLabel('proactive')} translate={official} />
      </section>
      <section className="report-section report-section-3 space-y-2">
        <h2 lang="zh-CN" className="font-bold">{reportSectionLabel('applications')}</h2>
        <Section3Table
          table={table}
          caption={reportSectionLabel('applications')}
          translate={official}
          drill={null}
          drillLabel={null}
          flags={flags}
        />
      </section>
      <section className="report-section report-section-4 space-y-2">
        <h2 lang="zh-CN" className="font-bold">{reportSectionLabel('appeals')}</h2>
        <Section4Table table={table} caption={reportSectionLabel('appeals')} translate={official} flags={flags} />
      </section>
    </article>
  );
}
