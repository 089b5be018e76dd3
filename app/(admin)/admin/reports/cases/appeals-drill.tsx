import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/cases/actor';
import { DomainError } from '@/lib/errors';
import { drillDownSection4Cell, type Section4DrillDownPage } from '@/lib/statistics/drill-down';
import { SECTION4_BLOCKS, SECTION4_COLUMN_IDS, SECTION4_COLUMN_LABELS, section4BlockName, type Section4ColumnId } from '@/lib/statistics/layouts';
import { EmptyRow, KeysetPager } from '../../_components/pager';
import { scopeQuery } from '../shared';

/** The appeals behind one number of section 四 (same SQL as the aggregate, so the counts agree). */
export async function AppealsDrill({
  actor,
  org,
  scope,
  block: blockParam,
  column: columnParam,
  after,
}: {
  actor: Actor;
  org: { id: number; name: string };
  scope: { year: number; org: string; subtree: boolean };
  block: string;
  column: string;
  after: string | null;
}) {
  const block = SECTION4_BLOCKS.find((b) => b.id === blockParam);
  const column = SECTION4_COLUMN_IDS.find((c) => c === columnParam) as Section4ColumnId | undefined;
  if (!block || !column) notFound();
  const t = await getTranslations();
  let page: Section4DrillDownPage;
  try {
    page = await drillDownSection4Cell(actor, { orgId: org.id, subtree: scope.subtree, year: scope.year, block: block.id, column, after });
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'NOT_FOUND' || e.code === 'VALIDATION')) notFound();
    throw e;
  }
  const back = `/admin/reports?${scopeQuery(scope)}`;
  const here = (cursor?: string) => `/admin/reports/cases?${scopeQuery(scope, { block: block.id, column, ...(cursor ? { after: cursor } : {}) })}`;
  const blockLabel = (id: string) => {
    const layout = SECTION4_BLOCKS.find((b) => b.id === id);
    return layout ? section4BlockName(layout) : id;
  };
  return (
    <section className="space-y-4">
      <p>
        <Link className="link text-sm" href={back}>
          {t('report.drill.back')}
        </Link>
      </p>
      <h1 className="page-title">{t('report.drill.appeals.title', { org: org.name, year: scope.year })}</h1>
      <dl className="card grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" data-testid="drill-cell">
        <dt className="font-medium">{t('report.drill.appeals.block')}</dt>
        <dd lang="zh-CN">{section4BlockName(block)}</dd>
        <dt className="font-medium">{t('report.drill.appeals.column')}</dt>
        <dd lang="zh-CN">{SECTION4_COLUMN_LABELS[column]}</dd>
        <dt className="font-medium">{t('report.page.scope')}</dt>
        <dd>{scope.subtree ? t('report.page.scopeSubtree') : t('report.page.scopeOwn')}</dd>
      </dl>
      <p className="text-sm text-slate-700">{t('report.drill.appeals.yearEndNote')}</p>
      <p className="flex flex-wrap items-center gap-4 text-sm">
        <span className="font-medium" data-testid="drill-total" role="status">
          {t('report.drill.total', { count: page.total })}
        </span>
        <a className="link" href={`/api/reports/drill?${scopeQuery(scope, { block: block.id, column })}`} download data-testid="drill-export">
          {t('report.drill.exportXlsx')}
        </a>
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[44rem] border-collapse text-sm" data-testid="drill-appeals">
          <caption className="sr-only">{t('report.drill.appeals.caption')}</caption>
          <thead className="sticky top-0 bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t('report.drill.appeals.block')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.appeals.filedOn')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.appeals.decidedOn')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.appeals.countedAs')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.appeals.result')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.appeals.body')}</th>
              <th scope="col" className="px-3 py-2">{t('report.drill.appeals.case')}</th>
              {scope.subtree && <th scope="col" className="px-3 py-2">{t('report.drill.organisation')}</th>}
              <th scope="col" className="px-3 py-2">{t('report.drill.appeals.source')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((a) => (
              <tr key={a.id} className="border-t border-slate-200 align-top" data-appeal={a.id}>
                <th scope="row" className="px-3 py-2 text-left font-normal" lang="zh-CN">
                  {blockLabel(a.kind)}
                </th>
                <td className="px-3 py-2 tabular-nums">{a.filedOn}</td>
                <td className="px-3 py-2 tabular-nums">{a.decidedOn ?? '—'}</td>
                <td className="px-3 py-2" lang="zh-CN">{SECTION4_COLUMN_LABELS[a.countedAs]}</td>
                <td className="px-3 py-2" lang="zh-CN">{SECTION4_COLUMN_LABELS[a.result]}</td>
                <td className="px-3 py-2">{a.body || '—'}</td>
                <td className="px-3 py-2">
                  {a.caseId && a.trackingNo ? (
                    <Link className="link font-mono" href={`/staff/cases/${a.caseId}`}>
                      {a.trackingNo}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
                {scope.subtree && <td className="px-3 py-2">{a.orgName}</td>}
                <td className="px-3 py-2">{t(`report.drill.appeals.sources.${a.source}`)}</td>
              </tr>
            ))}
            {page.items.length === 0 && <EmptyRow colSpan={9}>{t('report.drill.appeals.empty')}</EmptyRow>}
          </tbody>
        </table>
      </div>
      <KeysetPager firstHref={after ? here() : null} nextHref={page.nextCursor ? here(page.nextCursor) : null} />
    </section>
  );
}
