import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getActor } from '@/lib/auth/session';
import { APPLICATION_FILES_WITHOUT_ACCOUNT } from '@/lib/portal/applicant-actions';
import { ApplyForm } from './apply-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.apply');
  return { title: t('title') };
}

/** The application form (Art. 29). Open to everyone; a signed-in applicant's case is linked to the account. */
export default async function ApplyPage() {
  const t = await getTranslations('portal');
  const actor = await getActor();
  const isApplicant = actor?.role === 'applicant';
  return (
    <section aria-labelledby="apply-title">
      <h1 id="apply-title" className="page-title">
        {t('apply.title')}
      </h1>
      <p className="mb-3 leading-7 text-slate-700">{t('apply.intro')}</p>
      <p className="mb-6 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm leading-6 text-slate-800">
        {isApplicant ? t('apply.signedInNote') : t('apply.anonymousNote')}
      </p>
      {/* A fresh idempotency key per rendered form: a double click or a retried request creates one case. */}
      <ApplyForm
        submissionKey={randomUUID()}
        defaultName={isApplicant ? actor.name : ''}
        // submitApplication stores the files in its transaction, with or without an account.
        canAttach={isApplicant || APPLICATION_FILES_WITHOUT_ACCOUNT}
      />
    </section>
  );
}
