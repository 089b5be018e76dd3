import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { NotFoundBody } from '@/components/not-found-body';

export default async function NotFound() {
  const t = await getTranslations();
  return <NotFoundBody message={t('errors.notFound')} home={t('nav.home')} link={Link} />;
}
