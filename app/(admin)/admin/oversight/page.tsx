import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { OVERSIGHT_TABLE_LIMIT, loadReportOversight, type OversightStatus } from '@/lib/admin/report-oversight';
import { DomainError } from '@/lib/errors';
import { FIRST_SUPPORTED_REPORT_YEAR } from '@/lib/statistics/layouts';
import { OrgPicker } from '../_components/org-picker';
import { chinaToday, reportYearParam } from '../reports/shared';
import { formatInstant } from '@/app/(staff)/staff/_lib/format';
import { ReminderButton } from './reminder-button';

type SearchParams = Promise<{ org?: string; year?: string }>;

const STATUS_STYLE: Record<OversightStatus, string> = {
  locked: 'bg-green-100 text-green-900',
  ready: 'bg-sky-100 text-sky-900',
  attention: 'bg-amber-100 text-amber-900',
  blocked: 'bg-red-100 text-red-900',
};

/** 下级年报进度: each direct subordinate's annual report for a year (lib/admin/report-oversight.ts). */
export default async function OversightPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole(['admin'], '/admin/oversight');
  const sp = await searchParams;
  const t = await getTranslations();
  const today = chinaToday();
  const currentYear = Number(today.slice(0, 4));
  const year = reportYearParam(sp.year, today);
  // An emptied organisation box opens the default (the admin's own organisation), like no choice.
  const orgCode = typeof sp.org === 'string' && sp.org !== '' && sp.org.length <= 64 ? sp.org : undefined;
  const view = await loadReportOversight(admin, { orgCode, year, today }).catch((e: unknown) => {
    if (e instanceof DomainError && (e.code === 'NOT_FOUND' || e.code === 'VALIDATION')) notFound();
    throw e;
  });
  const yesNo = (v: boolean) => (v ? t('admin.oversight.entered') : t('admin.oversight.notEntered'));

  return (
    <section className="space-y-6">
      <h1 className="page-title">{t('admin.oversight.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('admin.oversight.intro')}</p>
      <form className="card flex flex-wrap items-end gap-4" role="search">
        <div className="min-w-64 flex-1">
          <OrgPicker id="org" name="org" label={t('admin.oversight.organisation')} initial={{ value: view.org.code, label: view.org.name }} valueKind="code" />
        </div>
        <div>
          <label className="field-label" htmlFor="year">
            {t('admin.oversight.year')}
          </label>
          <input id="year" name="year" type="number" min={FIRST_SUPPORTED_REPORT_YEAR} max={currentYear} defaultValue={year} className="field-input w-28" />
        </div>
        <button type="submit" className="btn-primary">
          {t('admin.oversight.show')}
        </button>
      </form>
      {view.rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t('admin.oversight.empty')}</p>
      ) : (
        <>
          <p role="status" data-testid="oversight-summary">
            {t('admin.oversight.summary', { total: view.rows.length, ...view.summary })}
          </p>
          {view.rows.length > OVERSIGHT_TABLE_LIMIT && <p className="text-sm text-amber-800">{t('admin.oversight.notChecked')}</p>}
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full min-w-[60rem] border-collapse text-sm" data-testid="oversight-table">
              <caption className="sr-only">{t('admin.oversight.title')}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  {(['org', 'status', 'quality', 'checks', 'section2', 'published', 'reportPublished', 'locked', 'reminder', 'actions'] as const).map((c) => (
                    <th key={c} scope="col" className="whitespace-nowrap px-3 py-2">
                      {t(`admin.oversight.columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r) => {
                  const scope = new URLSearchParams({ org: r.org.code, subtree: '1', year: String(year) });
                  return (
                    <tr key={r.org.id} className="border-t border-slate-200 align-top" data-org-code={r.org.code}>
                      <th scope="row" className="min-w-40 px-3 py-2 text-left font-medium">
                        {r.org.name}
                        {r.org.retired && <span className="ml-2 text-xs font-normal text-slate-500">{t('admin.oversight.retired')}</span>}
                      </th>
                      <td className="px-3 py-2">
                        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status]}`}>{t(`admin.oversight.status.${r.status}`)}</span>
                      </td>
                      <td className="px-3 py-2 tabular-nums">
                        {r.qualityTotal === 0 ? '0' : <Link className="link" href={`/admin/quality?${scope}`}>{r.qualityTotal}</Link>}
                      </td>
                      <td className="px-3 py-2">
                        {r.tableError ? t('admin.oversight.tableError') : t('admin.oversight.errorsWarnings', { errors: r.checkErrors, warnings: r.checkWarnings })}
                      </td>
                      <td className="px-3 py-2">{yesNo(r.section2Entered)}</td>
                      <td className="px-3 py-2">{yesNo(r.publishedEntered)}</td>
                      <td className="px-3 py-2" data-testid="oversight-report-published">{yesNo(r.reportPublished)}</td>
                      <td className="px-3 py-2">{r.locked.isLocked ? t('admin.oversight.lockedBy', { org: r.locked.byCode ?? '' }) : t('admin.oversight.notLocked')}</td>
                      <td className="px-3 py-2">{r.lastReminder ? <time>{formatInstant(r.lastReminder)}</time> : t('admin.oversight.never')}</td>
                      <td className="space-y-1 px-3 py-2">
                        <Link className="link block" href={`/admin/reports?${scope}`}>
                          {t('admin.oversight.openReport')}
                        </Link>
                        {!r.locked.isLocked && !r.org.retired && <ReminderButton from={view.org.code} org={r.org.code} year={year} orgName={r.org.name} />}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
