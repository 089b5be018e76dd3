import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { QUALITY_CASE_CHECKS, QUALITY_SAMPLE_SIZE, loadDataQuality, type QualityCaseCheck } from '@/lib/admin/data-quality';
import { cellName, labelledParams } from '@/lib/admin/report-labels';
import { DomainError } from '@/lib/errors';
import { formatForYear } from '@/lib/statistics/layouts';
import { CaseListTable } from '../_components/case-list-table';
import { ScopeForm } from '../_components/scope-form';
import { chinaToday, reportYearParam, scopeQuery } from '../reports/shared';

type SearchParams = Promise<{ org?: string; subtree?: string; year?: string }>;

const KEY_DATE: Partial<Record<QualityCaseCheck, string>> = {
  answer_without_delivery: 'admin.caseList.answeredOn',
  overdue_without_extension: 'admin.caseList.dueOn',
  confirmation_pending_old: 'admin.caseList.arrivedOn',
  extension_after_period: 'admin.caseList.extendedOn',
};

export default async function QualityPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole(['admin'], '/admin/quality');
  const sp = await searchParams;
  const t = await getTranslations();
  const today = chinaToday();
  const year = reportYearParam(sp.year, today);
  const subtree = sp.subtree !== '0';
  const report = await loadDataQuality(admin, { orgCode: sp.org || undefined, subtree, year, today }).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const base = { org: report.org.code, subtree: subtree ? '1' : '0', year: String(year) };
  const total = Object.values(report.counts).reduce<number>((s, n) => s + (n ?? 0), 0) + report.carriedOver.length + report.pathProblems.length;
  const format = formatForYear(year);
  const reportScope = { year, org: report.org.code, subtree };

  return (
    <section className="space-y-6">
      <h1 className="page-title">{t('admin.quality.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('admin.quality.intro')}</p>
      <ScopeForm org={{ code: report.org.code, name: report.org.name }} subtree={subtree} year={year} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p role="status" className={total === 0 ? 'text-green-800' : 'font-medium text-amber-900'} data-testid="quality-summary">
          {total === 0 ? t('admin.quality.allClear') : t('admin.quality.findings', { count: total })}
        </p>
        <a className="btn-secondary no-underline" href={`/api/admin/quality/export?${new URLSearchParams(base)}`} download>
          {t('admin.common.exportXlsx')}
        </a>
      </div>

      {QUALITY_CASE_CHECKS.map((check) => {
        const count = report.counts[check];
        return (
          <section key={check} className="card space-y-2" data-check={check}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="font-semibold">{t(`admin.quality.checks.${check}.title`)}</h2>
              <span className={`rounded px-2 py-0.5 text-sm tabular-nums ${count ? 'bg-amber-100 text-amber-900' : 'bg-green-100 text-green-900'}`}>
                {count === null ? t('admin.supervision.unknown') : t('admin.quality.count', { count })}
              </span>
            </div>
            <p className="text-sm text-slate-700">{t(`admin.quality.checks.${check}.help`)}</p>
            {count === null && <p className="text-sm text-amber-800">{t('admin.supervision.noDueDates')}</p>}
            {!!count && (
              <>
                <CaseListTable cases={report.samples[check]} keyDateLabel={KEY_DATE[check] ? t(KEY_DATE[check]) : undefined} />
                {count > QUALITY_SAMPLE_SIZE && (
                  <Link className="link text-sm" href={`/admin/quality/cases?${new URLSearchParams({ ...base, check })}`}>
                    {t('admin.quality.showAll', { count })}
                  </Link>
                )}
              </>
            )}
          </section>
        );
      })}

      <section className="card space-y-2" data-check="carried_over_mismatch">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">{t('admin.quality.checks.carried_over_mismatch.title')}</h2>
          <span className={`rounded px-2 py-0.5 text-sm ${report.carriedOver.length ? 'bg-amber-100 text-amber-900' : 'bg-green-100 text-green-900'}`}>
            {t('admin.quality.count', { count: report.carriedOver.length })}
          </span>
        </div>
        <p className="text-sm text-slate-700">{t('admin.quality.checks.carried_over_mismatch.help', { year, previous: year - 1 })}</p>
        {report.tableError && (
          <p role="alert" className="text-sm text-red-800">
            {t.has(report.tableError.messageKey) ? t(report.tableError.messageKey, report.tableError.params as Record<string, string | number>) : t('errors.generic')}
          </p>
        )}
        {report.carriedOver.length > 0 && (
          <ul className="list-disc space-y-1 pl-6 text-sm">
            {report.carriedOver.map((f, i) => {
              const column = typeof f.params.column === 'string' ? f.params.column : 'total';
              return (
                <li key={i}>
                  {t.has(f.messageKey) ? t(f.messageKey, labelledParams(f.params, format)) : f.messageKey}{' '}
                  <Link className="link" href={`/admin/reports/cases?${scopeQuery(reportScope, { row: 'carried_over', column })}`}>
                    {cellName({ section: 'section3', row: 'carried_over', column }, format)}
                  </Link>
                  {' · '}
                  <Link className="link" href={`/admin/reports/cases?${scopeQuery({ ...reportScope, year: year - 1 }, { row: 'carried_forward', column })}`}>
                    {t('admin.quality.previousCell', { year: year - 1 })}
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card space-y-2" data-check="org_path_mismatch">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">{t('admin.quality.checks.org_path_mismatch.title')}</h2>
          <span className={`rounded px-2 py-0.5 text-sm ${report.pathProblems.length ? 'bg-amber-100 text-amber-900' : 'bg-green-100 text-green-900'}`}>
            {t('admin.quality.count', { count: report.pathProblems.length })}
          </span>
        </div>
        <p className="text-sm text-slate-700">{t('admin.quality.checks.org_path_mismatch.help')}</p>
        {report.pathProblems.length > 0 && (
          <ul className="list-disc pl-6 font-mono text-sm">
            {report.pathProblems.map((p) => (
              <li key={p.code}>{t('admin.quality.pathProblem', { code: p.code, path: p.path, expected: p.expected })}</li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
