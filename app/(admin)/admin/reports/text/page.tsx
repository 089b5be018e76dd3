import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { canManageReports, canViewReports, reportParamsSchema, resolveReportOrg } from '@/lib/admin/annual-report';
import { DomainError } from '@/lib/errors';
import { loadReportText } from '@/lib/reports/report-texts';
import { REPORT_TEXT_PARTS } from '@/lib/reports/report-text-model';
import { FIELD_GROUPS } from '@/lib/reports/report-fields';
import { scopeQuery } from '../shared';
import { ReportTextEditor } from './report-text-editor';

type SearchParams = Promise<{ year?: string; org?: string; subtree?: string }>;

/**
 * The report text editor (issue 12 item 2): one textarea per part with a field inserter, a live preview and
 * the warnings where typed numbers contradict the table. Admins edit; clerks and reviewers of the
 * organisation's subtree read. Refused (read-only) while the year is locked.
 */
export default async function ReportTextPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(STAFF_ROLES, '/admin/reports/text');
  if (!canViewReports(actor)) notFound();
  const sp = await searchParams;
  const parsed = reportParamsSchema.safeParse({ year: sp.year, org: sp.org, subtree: sp.subtree ?? '1' });
  if (!parsed.success) notFound();
  const { year } = parsed.data;
  const org = await resolveReportOrg(actor, parsed.data.org).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const view = await loadReportText({ orgId: org.id, year, scope: parsed.data.subtree ? 'subtree' : 'own' });
  const t = await getTranslations();
  const format = await getFormatter();
  const canEdit = canManageReports(actor) && !view.locked;
  const source =
    view.source === 'saved'
      ? t('report.text.source.saved', { version: view.version, date: view.updatedAt ? format.dateTime(view.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—' })
      : t(`report.text.source.${view.source}`);
  return (
    <section className="space-y-4">
      <p>
        <Link className="link text-sm" href={`/admin/reports?${scopeQuery(parsed.data)}`}>
          {t('report.text.back')}
        </Link>
      </p>
      <h1 className="page-title">{t('report.text.title', { org: org.name, year })}</h1>
      <p className="text-sm text-slate-700">{t('report.text.intro', { example: '{{申请总数}}' })}</p>
      <p className="text-sm text-slate-700">
        {t('report.text.scopeNote', { scope: view.scope === 'subtree' ? t('report.text.scopeSubtree') : t('report.text.scopeOwn') })} {source}
      </p>
      {view.yearOnYearBase === null && <p className="text-sm text-amber-800">{t('report.text.noYearOnYear')}</p>}
      {view.locked && (
        <p role="status" className="rounded border border-slate-400 bg-slate-100 p-3 text-sm">
          {t('report.text.lockedNote', { year })}
        </p>
      )}
      {!canManageReports(actor) && <p className="text-sm text-slate-600">{t('report.text.readOnly')}</p>}
      <ReportTextEditor
        year={year}
        org={org.code}
        version={view.version}
        sections={view.sections}
        values={view.values}
        fields={view.fields.map((f) => ({ key: f.key, group: f.group, label: f.label }))}
        parts={REPORT_TEXT_PARTS.map((part) => ({ id: part, label: t(`report.text.parts.${part}`) }))}
        groups={FIELD_GROUPS.map((g) => ({ id: g, label: t(`report.text.fieldGroups.${g}`) }))}
        canEdit={canEdit}
      />
    </section>
  );
}
