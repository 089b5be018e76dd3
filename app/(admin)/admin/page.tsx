import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';

export default async function AdminHome() {
  await requireRole(['admin'], '/admin');
  const t = await getTranslations('nav');
  const links = [
    ['/admin/users', 'users'],
    ['/admin/holidays', 'holidays'],
    ['/admin/reports', 'reports'],
    ['/admin/outbox', 'outbox'],
  ] as const;
  return (
    <section>
      <h1 className="page-title">{t('admin')}</h1>
      <ul className="grid gap-3 sm:grid-cols-2">
        {links.map(([href, key]) => (
          <li key={href}>
            <Link href={href} className="card block hover:border-brand-600">
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
