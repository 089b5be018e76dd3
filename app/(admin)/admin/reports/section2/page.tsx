import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { loadLockState, loadSection2Form, reportParamsSchema } from '@/lib/admin/annual-report';
import { DomainError } from '@/lib/errors';
import { FORMAT_DOCUMENTS, SECTION2_LAYOUTS } from '@/lib/statistics/layouts';
import { labelTranslator, scopeQuery } from '../shared';
import { Section2Form, type Section2FormLayout } from './section2-form';

type SearchParams = Promise<{ year?: string; org?: string; subtree?: string }>;

/** Admins enter section 二 (主动公开) per organisation and year, in that year's format. */
export default async function Section2Page({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole(['admin'], '/admin/reports/section2');
  const sp = await searchParams;
  const parsed = reportParamsSchema.safeParse({ year: sp.year, org: sp.org, subtree: sp.subtree ?? '1' });
  if (!parsed.success) notFound();
  const t = await getTranslations();
  const translate = await labelTranslator();
  const { org, form } = await loadSection2Form(admin, parsed.data.org, parsed.data.year).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const lock = await loadLockState(org, parsed.data.year);
  const f = `f${form.format}`;
  const layouts: Section2FormLayout[] = SECTION2_LAYOUTS[form.format].map((l) => ({
    id: l.id,
    label: l.label,
    labelEn: translate(`report.labels.section2.${f}.${l.id}.title`),
    columns: l.columns.map((c) => ({
      id: c.id,
      label: c.label,
      labelEn: translate(`report.labels.section2.${f}.${l.id}.columns.${c.id}`),
      kind: c.kind,
      ...(c.unitKey ? { unitKey: c.unitKey } : {}),
    })),
    rows: l.rows.map((r) => ({ id: r.id, label: r.label, labelEn: translate(`report.labels.section2.${f}.${l.id}.rows.${r.id}`) })),
  }));
  return (
    <section className="space-y-4">
      <p>
        <Link className="link text-sm" href={`/admin/reports?${scopeQuery(parsed.data)}`}>
          {t('report.drill.back')}
        </Link>
      </p>
      <h1 className="page-title">{t('report.section2.title', { org: org.name, year: parsed.data.year })}</h1>
      <p className="text-sm text-slate-700">
        {t('report.page.formatUsed', { number: FORMAT_DOCUMENTS[form.format].number, title: FORMAT_DOCUMENTS[form.format].formatTitle, format: form.format })}
      </p>
      {lock.isLocked && (
        <p role="alert" className="rounded border border-slate-400 bg-slate-100 p-3 text-sm">
          {t('report.section2.locked', { year: parsed.data.year })}
        </p>
      )}
      <Section2Form year={parsed.data.year} org={org.code} layouts={layouts} values={form.values} isLocked={lock.isLocked} />
    </section>
  );
}
