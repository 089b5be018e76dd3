import { randomUUID } from 'node:crypto';
import type { GetServerSideProps } from 'next';
import { ApplyForm } from '@/app/(public)/apply/apply-form';
import { PortalPage, usePortalSession } from '@/components/portal/portal-page';
import { useTranslations } from '@/lib/i18n/lite-client';
import { APPLICATION_FILES_WITHOUT_ACCOUNT } from '@/lib/portal/capabilities';
import { portalPageProps, type PortalPageProps } from '@/lib/portal/pages';

interface ApplyPageProps extends PortalPageProps {
  /** A fresh idempotency key per rendered form: a double click or a retried request creates one case. */
  submissionKey: string;
}

/** The application form (Art. 29; Pages Router: lib/portal/pages.ts). Open to everyone. */
export const getServerSideProps: GetServerSideProps<ApplyPageProps> = async (ctx) => ({
  props: { ...portalPageProps(ctx, 'apply', 'portal.apply.title'), submissionKey: randomUUID() },
});

export default function ApplyPage({ submissionKey, ...props }: ApplyPageProps) {
  return (
    <PortalPage set="apply" {...props}>
      <Apply submissionKey={submissionKey} />
    </PortalPage>
  );
}

/** A signed-in applicant's case is linked to the account (app/api/portal/apply decides, with the session). */
function Apply({ submissionKey }: { submissionKey: string }) {
  const t = useTranslations('portal');
  const { known, user } = usePortalSession();
  const applicant = user?.role === 'applicant' ? user : null;
  return (
    <section aria-labelledby="apply-title">
      <h1 id="apply-title" className="page-title">
        {t('apply.title')}
      </h1>
      <p className="mb-3 leading-7 text-slate-700">{t('apply.intro')}</p>
      <p className="mb-6 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm leading-6 text-slate-800" aria-busy={known ? undefined : true}>
        {known ? (applicant ? t('apply.signedInNote') : t('apply.anonymousNote')) : ' '}
      </p>
      {/* Remounted once when the session becomes known (a signed-in visitor's name fills the name field). */}
      <ApplyForm
        key={known ? 'known' : 'asking'}
        submissionKey={submissionKey}
        defaultName={applicant?.name ?? ''}
        // submitApplication stores the files in its transaction, with or without an account.
        canAttach={applicant !== null || APPLICATION_FILES_WITHOUT_ACCOUNT}
      />
    </section>
  );
}
