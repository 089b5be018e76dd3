import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { periodOf } from '@/lib/admin/case-list-sql';
import { isSupervisionMetric, listSupervisionCases } from '@/lib/admin/supervision';
import { DomainError } from '@/lib/errors';
import { CaseListTable } from '../../_components/case-list-table';
import { Pager } from '../../_components/pager';
import { chinaToday } from '../../reports/shared';

type SearchParams = Promise<Record<string, string | undefined>>;

export default async function SupervisionCasesPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole(['admin'], '/admin/supervision');
  const sp = await searchParams;
  if (!isSupervisionMetric(sp.metric)) notFound();
  const metric = sp.metric;
  const t = await getTranslations();
  const today = chinaToday();
  const period = periodOf(sp.from, sp.to, today);
  const subtree = sp.subtree !== '0';
  const result = await listSupervisionCases(admin, {
    orgCode: sp.org,
    subtree,
    rowOrgCode: sp.row,
    metric,
    period,
    today,
    page: Number(sp.page ?? 1) || 1,
  }).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const base = { org: result.org.code, subtree: subtree ? '1' : '0', from: period.from, to: period.to };
  const keyDate = ['on_time', 'late', 'timeliness_unknown', 'open_overdue'].includes(metric)
    ? t('admin.caseList.dueOn')
    : metric === 'late_correction'
      ? t('admin.caseList.correctionOn')
      : metric === 'extended'
        ? t('admin.caseList.extendedOn')
        : undefined;
  return (
    <section className="space-y-4">
      <p>
        <Link className="link text-sm" href={`/admin/supervision?${new URLSearchParams(base)}`}>
          {t('admin.supervision.back')}
        </Link>
      </p>
      <h1 className="page-title">{t(`admin.supervision.metrics.${metric}`)}</h1>
      <p className="text-sm text-slate-700">
        {t('admin.supervision.casesOf', { org: sp.row ?? result.org.name, from: period.from, to: period.to, total: result.total })}
      </p>
      <CaseListTable cases={result.items} keyDateLabel={keyDate} testId="supervision-cases" />
      <Pager page={result.page} pageCount={result.pageCount} href={(p) => `/admin/supervision/cases?${new URLSearchParams({ ...base, metric, ...(sp.row ? { row: sp.row } : {}), page: String(p) })}`} />
    </section>
  );
}
