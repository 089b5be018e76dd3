import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { canViewReports, reportParamsSchema, resolveReportOrg } from '@/lib/admin/annual-report';
import { DomainError } from '@/lib/errors';
import { drillDownCell, type DrillDownPage } from '@/lib/statistics/drill-down';
import { SECTION3_COLUMNS, formatForYear, section3RowLayout, type Section3ColumnId, type Section3RowId } from '@/lib/statistics/layouts';
import { EmptyRow, KeysetPager } from '../../_components/pager';
import { labelTranslator, scopeQuery } from '../shared';
import { AppealsDrill } from './appeals-drill';

type SearchParams = Promise<Record<string, string | undefined>>;

const cellSchema = z.object({ row: z.string().min(1).max(60), column: z.string().min(1).max(60), after: z.string().max(40).optional() });
/** A section 四 cell: block (行政复议 / 未经复议直接起诉 / 复议后起诉) × result column. */
const section4CellSchema = z.object({ block: z.string().min(1).max(60), column: z.string().min(1).max(60), after: z.string().max(40).optional() });

/**
 * The cases behind one number of section 三, or (with `block`) the appeals behind one number of section 四
 * (same SQL as the aggregate, so the counts agree).
 */
export default async function DrillDownPageView({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(STAFF_ROLES, '/admin/reports');
  if (!canViewReports(actor)) notFound();
  const sp = await searchParams;
  const scope = reportParamsSchema.safeParse({ year: sp.year, org: sp.org, subtree: sp.subtree ?? '1' });
  if (sp.block !== undefined) {
    const cell4 = section4CellSchema.safeParse(sp);
    if (!scope.success || !cell4.success) notFound();
    const org4 = await resolveReportOrg(actor, scope.data.org).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
      throw e;
    });
    return <AppealsDrill actor={actor} org={org4} scope={scope.data} block={cell4.data.block} column={cell4.data.column} after={cell4.data.after ?? null} />;
  }
  const cell = cellSchema.safeParse(sp);
  if (!scope.success || !cell.success) notFound();
  const t = await getTranslations();
  const translate = await labelTranslator();
  const org = await resolveReportOrg(actor, scope.data.org).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const format = formatForYear(scope.data.year);
  const rowLayout = section3RowLayout(format, cell.data.row as Section3RowId);
  const column = SECTION3_COLUMNS.find((c) => c.id === cell.data.column);
  if (!rowLayout || !column) notFound();

  let page: DrillDownPage;
  try {
    page = await drillDownCell(actor, {
      orgId: org.id,
      subtree: scope.data.subtree,
      year: scope.data.year,
      row: rowLayout.id,
      column: column.id as Section3ColumnId,
      after: cell.data.after ?? null,
    });
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'NOT_FOUND' || e.code === 'VALIDATION')) notFound();
    throw e;
  }
  const back = `/admin/reports?${scopeQuery(scope.data)}`;
  const here = (after?: string) =>
    `/admin/reports/cases?${scopeQuery(scope.data, { row: rowLayout.id, column: column.id, ...(after ? { after } : {}) })}`;
  const rowEn = translate(`report.labels.rows.${rowLayout.id}`);
  const columnEn = translate(`report.labels.columns.${column.id}`);

  return (
    <section className="space-y-4">
      <p>
        <Link className="link text-sm" href={back}>
          {t('report.drill.back')}
        </Link>
      </p>
      <h1 className="page-title">{t('report.drill.title', { org: org.name, year: scope.data.year })}</h1>
      <dl className="card grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" data-testid="drill-cell">
        <dt className="font-medium">{t('report.drill.row')}</dt>
        <dd>
          <span lang="zh-CN">{rowLayout.label}</span>
          {rowEn && <span className="ml-2 text-slate-600">{rowEn}</span>}
        </dd>
        <dt className="font-medium">{t('report.drill.column')}</dt>
        <dd>
          <span lang="zh-CN">{column.label}</span>
          {columnEn && <span className="ml-2 text-slate-600">{columnEn}</span>}
        </dd>
        <dt className="font-medium">{t('report.page.scope')}</dt>
        <dd>{scope.data.subtree ? t('report.page.scopeSubtree') : t('report.page.scopeOwn')}</dd>
      </dl>
      <p className="flex flex-wrap items-center gap-4 text-sm">
        <span className="font-medium" data-testid="drill-total" role="status">
          {t('report.drill.total', { count: page.total })}
        </span>
        <a className="link" href={`/api/reports/drill?${scopeQuery(scope.data, { row: rowLayout.id, column: column.id })}`} download data-testid="drill-export">
          {t('report.drill.exportXlsx')}
        </a>
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm" data-testid="drill-cases">
          <caption className="sr-only">{t('report.drill.caption')}</caption>
          <thead className="sticky top-0 bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t('report.drill.trackingNo')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.applicant')}</th>
              {scope.data.subtree && <th scope="col" className="px-3 py-2">{t('report.drill.organisation')}</th>}
              <th scope="col" className="px-3 py-2">{t('report.drill.receivedOn')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.concludedOn')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.outcome')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.status')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((c) => (
              <tr key={c.id} className="border-t border-slate-200 align-top">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <Link className="link font-mono" href={`/staff/cases/${c.id}`}>
                    {c.trackingNo}
                  </Link>
                  {c.source === 'import' && <span className="ml-1 text-xs text-slate-500">{t('report.drill.imported')}</span>}
                </th>
                <td className="px-3 py-2">
                  {c.applicantName || '—'}
                  <span className="block text-xs text-slate-500">{t(`applicantType.${c.applicantType}`)}</span>
                </td>
                {scope.data.subtree && <td className="px-3 py-2">{c.orgName}</td>}
                <td className="px-3 py-2 tabular-nums">{c.receivedOn ?? '—'}</td>
                <td className="px-3 py-2 tabular-nums">{c.concludedOn ?? '—'}</td>
                <td className="px-3 py-2">{c.outcome ? t(`outcome.${c.outcome}`) : '—'}</td>
                <td className="px-3 py-2">{t.has(`status.${c.status}`) ? t(`status.${c.status}`) : c.status}</td>
              </tr>
            ))}
            {page.items.length === 0 && <EmptyRow colSpan={7}>{t('report.drill.empty')}</EmptyRow>}
          </tbody>
        </table>
      </div>
      <KeysetPager firstHref={cell.data.after ? here() : null} nextHref={page.nextCursor ? here(page.nextCursor) : null} />
    </section>
  );
}
