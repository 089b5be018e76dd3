import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { isQualityCaseCheck, listQualityCases } from '@/lib/admin/data-quality';
import { DomainError } from '@/lib/errors';
import { CaseListTable } from '../../_components/case-list-table';
import { Pager } from '../../_components/pager';
import { chinaToday } from '../../reports/shared';

type SearchParams = Promise<Record<string, string | undefined>>;

export default async function QualityCasesPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole(['admin'], '/admin/quality');
  const sp = await searchParams;
  if (!isQualityCaseCheck(sp.check)) notFound();
  const check = sp.check;
  const t = await getTranslations();
  const subtree = sp.subtree !== '0';
  const year = Number(sp.year);
  const result = await listQualityCases(admin, {
    orgCode: sp.org,
    subtree,
    check,
    today: chinaToday(),
    page: Number(sp.page ?? 1) || 1,
    year: Number.isInteger(year) && year >= 2000 && year <= 9999 ? year : undefined,
  }).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const base = { org: result.org.code, subtree: subtree ? '1' : '0', ...(sp.year ? { year: sp.year } : {}) };
  return (
    <section className="space-y-4">
      <p>
        <Link className="link text-sm" href={`/admin/quality?${new URLSearchParams(base)}`}>
          {t('admin.quality.back')}
        </Link>
      </p>
      <h1 className="page-title">{t(`admin.quality.checks.${check}.title`)}</h1>
      <p className="text-sm text-slate-700">{t('admin.quality.casesOf', { org: result.org.name, total: result.total })}</p>
      <CaseListTable cases={result.items} testId="quality-cases" />
      <Pager page={result.page} pageCount={result.pageCount} href={(p) => `/admin/quality/cases?${new URLSearchParams({ ...base, check, page: String(p) })}`} />
    </section>
  );
}
