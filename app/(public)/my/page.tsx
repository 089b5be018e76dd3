import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { listMyCases } from '@/lib/portal/portal-case';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.my');
  return { title: t('title') };
}

/** "My applications": the signed-in applicant's own cases (staff accounts get "not found"). */
export default async function MyApplicationsPage() {
  const actor = await requireRole(['applicant'], '/my');
  const [t, tCase, tStatus, tApplicantStatus, locale, rows] = await Promise.all([
    getTranslations('portal.my'),
    getTranslations('portal.case'),
    getTranslations('status'),
    // Where the applicant's wording differs from the internal status (已归档 → 已办结).
    getTranslations('portal.applicantStatus'),
    getLocale(),
    listMyCases(actor),
  ]);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });
  return (
    <section aria-labelledby="my-title">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 id="my-title" className="page-title mb-0">
          {t('title')}
        </h1>
        <Link className="btn-primary" href="/apply">
          {t('apply')}
        </Link>
      </div>
      <p className="mb-4 text-slate-700">{t('intro')}</p>
      {rows.length === 0 ? (
        <p className="card text-slate-700" data-testid="my-empty">
          {t('empty')}
        </p>
      ) : (
        <ul className="space-y-3" aria-label={t('caption')} data-testid="my-cases">
          {rows.map((r) => (
            <li key={r.id} className={`card ${r.waitingFor ? 'border-l-4 border-amber-500 bg-amber-50' : ''}`} data-waiting={r.waitingFor ? r.waitingFor.kind : undefined}>
              <Link className="link text-lg font-semibold break-all" href={`/my/${r.id}`} aria-label={t('open', { trackingNo: r.trackingNo })}>
                {r.trackingNo}
              </Link>
              {r.waitingFor && (
                <p className="mt-1 font-medium text-amber-900" data-testid="my-waiting">
                  {t(`waiting.${r.waitingFor.kind}`, { until: r.waitingFor.until })}
                  {r.waitingFor.isTentative && ` ${tCase('tentativeHoliday')}`}
                </p>
              )}
              <p className="mt-1 text-sm text-slate-800" data-testid="my-excerpt">
                {r.excerpt}
              </p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-600">{t('status')}</dt>
                <dd className="font-medium text-slate-900" data-status={r.status}>
                  {tApplicantStatus.has(r.status) ? tApplicantStatus(r.status) : tStatus(r.status)}
                </dd>
                <dt className="text-slate-600">{t('org')}</dt>
                <dd className="text-slate-900">{r.orgName}</dd>
                <dt className="text-slate-600">{t('submittedAt')}</dt>
                <dd className="text-slate-900">{date.format(new Date(r.submittedAt))}</dd>
                <dt className="text-slate-600">{t('receivedOn')}</dt>
                <dd className="text-slate-900">{r.receivedOn ?? t('receivedPending')}</dd>
                {r.answerDueOn && (
                  <>
                    <dt className="text-slate-600">{tCase('answerDue')}</dt>
                    <dd className="text-slate-900" data-testid="my-answer-due">
                      {r.answerDueOn}
                      {r.answerDueProvisional && ` ${tCase('tentativeHoliday')}`}
                    </dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
