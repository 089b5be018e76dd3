import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function HomePage() {
  const t = await getTranslations('home');
  const tReports = await getTranslations('publicReports');
  return (
    <section className="card">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 leading-7 text-slate-700">{t('intro')}</p>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Link href="/apply" className="btn-primary">
          {t('applyCta')}
        </Link>
        <Link href="/track" className="btn-secondary">
          {t('trackCta')}
        </Link>
        <Link href="/signin?callbackUrl=%2Fstaff" className="btn-secondary">
          {t('staffCta')}
        </Link>
      </div>
      <p className="mt-6 border-t border-slate-200 pt-4 text-sm">
        <Link href="/reports" className="link" data-testid="home-reports-link">
          {tReports('homeLink')}
        </Link>
      </p>
    </section>
  );
}
