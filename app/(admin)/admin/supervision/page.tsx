import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { periodOf } from '@/lib/admin/case-list-sql';
import { CORRECTION_NOTICE_WORKING_DAYS, SUPERVISION_METRICS, loadSupervision, type SupervisionMetric } from '@/lib/admin/supervision';
import { DomainError } from '@/lib/errors';
import { ScopeForm } from '../_components/scope-form';
import { chinaToday } from '../reports/shared';

type SearchParams = Promise<{ org?: string; subtree?: string; from?: string; to?: string }>;

export default async function SupervisionPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole(['admin'], '/admin/supervision');
  const sp = await searchParams;
  const t = await getTranslations();
  const today = chinaToday();
  const period = periodOf(sp.from, sp.to, today);
  const subtree = sp.subtree !== '0';
  const report = await loadSupervision(admin, { orgCode: sp.org || undefined, subtree, period, today }).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const base = { org: report.org.code, subtree: subtree ? '1' : '0', from: period.from, to: period.to };
  const casesHref = (metric: SupervisionMetric, row?: string) => `/admin/supervision/cases?${new URLSearchParams({ ...base, metric, ...(row ? { row } : {}) })}`;
  const cell = (value: number | null, metric: SupervisionMetric, row?: string) =>
    value === null ? (
      <span title={t('admin.supervision.unknownHelp')}>{t('admin.supervision.unknown')}</span>
    ) : value === 0 ? (
      '0'
    ) : (
      <Link className="link" href={casesHref(metric, row)}>
        {value}
      </Link>
    );
  const appealKinds = ['administrative_review', 'litigation_direct', 'litigation_after_review'];
  const appealResults = ['upheld', 'corrected', 'other', 'pending'];

  return (
    <section className="space-y-6">
      <h1 className="page-title">{t('admin.supervision.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('admin.supervision.intro')}</p>
      <ScopeForm org={{ code: report.org.code, name: report.org.name }} subtree={subtree} from={period.from} to={period.to} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('admin.supervision.heading', { org: report.org.name, from: period.from, to: period.to })}</h2>
        <a className="btn-secondary no-underline" href={`/api/admin/supervision/export?${new URLSearchParams(base)}`} download data-testid="supervision-export">
          {t('admin.common.exportXlsx')}
        </a>
      </div>
      {!report.hasDueDates && <p className="text-sm text-amber-800">{t('admin.supervision.noDueDates')}</p>}
      <div className="max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm" data-testid="supervision-table">
          <caption className="sr-only">{t('admin.supervision.title')}</caption>
          <thead className="sticky top-0 z-10 bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t('admin.supervision.organisation')}</th>
              {SUPERVISION_METRICS.map((m) => (
                <th key={m} scope="col" className="px-3 py-2 text-right">
                  {t(`admin.supervision.metrics.${m}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.orgId} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-normal" style={{ paddingLeft: `${0.75 + r.depth * 1.25}rem` }}>
                  {r.name}
                </th>
                {SUPERVISION_METRICS.map((m) => (
                  <td key={m} className={`px-3 py-2 text-right tabular-nums ${(m === 'late' || m === 'open_overdue' || m === 'late_correction') && (r.counts[m] ?? 0) > 0 ? 'bg-red-50 font-medium text-red-900' : ''}`}>
                    {cell(r.counts[m], m, r.code)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-400 bg-slate-50 font-medium">
            <tr>
              <th scope="row" className="px-3 py-2 text-left">{t('common.total')}</th>
              {SUPERVISION_METRICS.map((m) => (
                <td key={m} className="px-3 py-2 text-right tabular-nums">
                  {cell(report.totals[m], m)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <div className="card">
          <h2 className="mb-3 font-semibold">{t('admin.supervision.outcomesTitle')}</h2>
          <table className="w-full border-collapse text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-2 py-1">{t('admin.supervision.outcome')}</th>
                <th scope="col" className="px-2 py-1 text-right whitespace-nowrap">{t('admin.supervision.count')}</th>
              </tr>
            </thead>
            <tbody>
              {report.outcomes.map((o) => (
                <tr key={o.outcome} className="border-t border-slate-200">
                  <th scope="row" className="px-2 py-1 text-left font-normal">{t(`outcome.${o.outcome}`)}</th>
                  <td className="px-2 py-1 text-right tabular-nums">{o.n}</td>
                </tr>
              ))}
              {report.outcomes.length === 0 && (
                <tr>
                  <td colSpan={2} className="px-2 py-3 text-center text-slate-600">{t('admin.common.empty')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <div className="card">
          <h2 className="mb-1 font-semibold">{t('admin.supervision.appealsTitle')}</h2>
          <p className="mb-3 text-sm" data-testid="corrected-answers">
            {t('admin.supervision.correctedAnswers', { count: report.correctedAnswers })}
          </p>
          <table className="w-full border-collapse text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-2 py-1">{t('admin.supervision.appealKind')}</th>
                {appealResults.map((r) => (
                  <th key={r} scope="col" className="px-2 py-1 text-right">
                    {t(`admin.supervision.appealResults.${r}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {appealKinds.map((k) => (
                <tr key={k} className="border-t border-slate-200">
                  <th scope="row" className="px-2 py-1 text-left font-normal">{t(`admin.supervision.appealKinds.${k}`)}</th>
                  {appealResults.map((r) => (
                    <td key={r} className="px-2 py-1 text-right tabular-nums">
                      {report.appeals.find((a) => a.kind === k && a.result === r)?.n ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <details className="card text-sm">
        <summary className="cursor-pointer font-semibold">{t('admin.supervision.definitionsTitle')}</summary>
        <ul className="mt-3 list-disc space-y-1 pl-6">
          {SUPERVISION_METRICS.map((m) => (
            <li key={m}>
              <span className="font-medium">{t(`admin.supervision.metrics.${m}`)}</span>: {t(`admin.supervision.definitions.${m}`, { days: CORRECTION_NOTICE_WORKING_DAYS })}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
