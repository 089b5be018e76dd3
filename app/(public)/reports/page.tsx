import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { listPublicReports, publicListParams } from '@/lib/reports/report-publication';
import { publicReportPath } from '@/lib/reports/publication-snapshot';
import { chinaDayAndTime, chineseDate } from '@/lib/statistics/export-provenance';
import { reportTitle } from '@/lib/statistics/report-text';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('publicReports');
  return { title: t('title') };
}

const chinaDate = (instant: Date) => chineseDate(chinaDayAndTime(instant).day);

/**
 * Every published annual report (issue 12 item 3): organisation, year, publication date; filtered by year
 * and organisation name, 20 per page. Anonymous; odd query values are ignored, never an error.
 */
export default async function PublishedReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = publicListParams(await searchParams);
  const t = await getTranslations('publicReports');
  const list = await listPublicReports(params);
  const href = (page: number) =>
    `/reports?${new URLSearchParams({ ...(list.year ? { year: String(list.year) } : {}), ...(list.q ? { q: list.q } : {}), page: String(page) }).toString()}`;
  return (
    <section className="space-y-4">
      <h1 className="page-title">{t('title')}</h1>
      <p className="text-sm text-slate-700">{t('intro')}</p>
      <form method="get" action="/reports" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div>
          <label htmlFor="reports-year" className="field-label">
            {t('filterYear')}
          </label>
          <select id="reports-year" name="year" defaultValue={list.year ? String(list.year) : ''} className="field-input">
            <option value="">{t('allYears')}</option>
            {list.years.map((y) => (
              <option key={y} value={y}>
                {t('yearValue', { year: y })}
              </option>
            ))}
          </select>
        </div>
        <div className="flex-1">
          <label htmlFor="reports-q" className="field-label">
            {t('filterOrg')}
          </label>
          <input id="reports-q" name="q" type="search" defaultValue={list.q} maxLength={50} className="field-input" />
        </div>
        <button type="submit" className="btn-primary">
          {t('filter')}
        </button>
      </form>
      <p className="text-sm font-medium text-slate-900" role="status" data-testid="reports-count">
        {t('count', { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        <p className="text-slate-700">{t('empty')}</p>
      ) : (
        <div role="region" aria-label={t('listCaption')} tabIndex={0} className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="reports-list">
            <caption className="sr-only">{t('listCaption')}</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-2 py-2">{t('colOrg')}</th>
                <th scope="col" className="px-2 py-2">{t('colYear')}</th>
                <th scope="col" className="px-2 py-2">{t('colDate')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={`${item.orgCode}-${item.year}`} className="border-t border-slate-200" data-testid="reports-item">
                  <th scope="row" className="px-2 py-2 text-left font-normal">
                    <Link href={publicReportPath(item.orgCode, item.year)} className="underline" lang="zh-CN">
                      {reportTitle(item.orgName, item.year)}
                    </Link>
                  </th>
                  <td className="whitespace-nowrap px-2 py-2">{t('yearValue', { year: item.year })}</td>
                  <td className="px-2 py-2">
                    {chinaDate(item.firstPublishedAt)}
                    {item.version > 1 && <span className="text-slate-700">{t('revisedOn', { date: chinaDate(item.publishedAt) })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pageCount > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label={t('pagination')}>
          {list.page > 1 && (
            <Link href={href(list.page - 1)} className="btn-secondary">
              {t('prev')}
            </Link>
          )}
          <span>{t('page', { page: list.page, pageCount: list.pageCount })}</span>
          {list.page < list.pageCount && (
            <Link href={href(list.page + 1)} className="btn-secondary">
              {t('next')}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
