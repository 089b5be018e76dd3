import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="page-title" data-testid="not-found">
        404
      </h1>
      <p className="mb-6 text-slate-700">{t('errors.notFound')}</p>
      <Link className="link" href="/">
        {t('nav.home')}
      </Link>
    </main>
  );
}
