import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function HomePage() {
  const t = await getTranslations('home');
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
    </section>
  );
}
