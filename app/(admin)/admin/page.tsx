import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { CalendarReminder } from './_components/calendar-reminder';

const AREAS = [
  ['/admin/users', 'users'],
  ['/admin/organisations', 'organisations'],
  ['/admin/templates', 'templates'],
  ['/admin/holidays', 'holidays'],
  ['/admin/settings', 'settings'],
  ['/admin/reports', 'reports'],
  ['/admin/import', 'import'],
  ['/admin/supervision', 'supervision'],
  ['/admin/quality', 'quality'],
  ['/admin/oversight', 'oversight'],
  ['/admin/outbox', 'outbox'],
  ['/admin/audit', 'audit'],
] as const;

export default async function AdminHome() {
  const admin = await requireRole(['admin'], '/admin');
  const t = await getTranslations('admin.home');
  return (
    <section>
      <h1 className="page-title">{t('title')}</h1>
      <CalendarReminder admin={admin} />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {AREAS.map(([href, key]) => (
          <li key={href}>
            <Link href={href} className="card block h-full no-underline hover:border-brand-600">
              <span className="block font-medium text-brand-700">{t(`areas.${key}.title`)}</span>
              <span className="mt-1 block text-sm text-slate-600">{t(`areas.${key}.description`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
