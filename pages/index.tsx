import type { GetServerSideProps } from 'next';
import { PortalPage } from '@/components/portal/portal-page';
import { useTranslations } from '@/lib/i18n/lite-client';
import { portalPageProps, type PortalPageProps } from '@/lib/portal/pages';

/** The home page (Pages Router: lib/portal/pages.ts). */
export const getServerSideProps: GetServerSideProps<PortalPageProps> = async (ctx) => ({ props: portalPageProps(ctx, 'home') });

export default function HomePage(props: PortalPageProps) {
  return (
    <PortalPage set="home" {...props}>
      <Home />
    </PortalPage>
  );
}

function Home() {
  const t = useTranslations('home');
  const tReports = useTranslations('publicReports');
  return (
    <section className="card">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 leading-7 text-slate-700">{t('intro')}</p>
      <div className="flex flex-col gap-3 sm:flex-row">
        <a href="/apply" className="btn-primary">
          {t('applyCta')}
        </a>
        <a href="/track" className="btn-secondary">
          {t('trackCta')}
        </a>
        <a href="/signin?callbackUrl=%2Fstaff" className="btn-secondary">
          {t('staffCta')}
        </a>
      </div>
      <p className="mt-6 border-t border-slate-200 pt-4 text-sm">
        <a href="/reports" className="link" data-testid="home-reports-link">
          {tReports('homeLink')}
        </a>
      </p>
    </section>
  );
}
