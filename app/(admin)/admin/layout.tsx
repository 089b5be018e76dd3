import { SiteHeader } from '@/components/site-header';
import { requireRole } from '@/lib/auth/session';

/** Administration: users, organisations, the holiday calendar, annual reports, the outbox. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireRole(['admin'], '/admin');
  const nav = [
    { href: '/admin', labelKey: 'nav.admin' },
    { href: '/admin/users', labelKey: 'nav.users' },
    { href: '/admin/holidays', labelKey: 'nav.holidays' },
    { href: '/admin/reports', labelKey: 'nav.reports' },
    { href: '/admin/outbox', labelKey: 'nav.outbox' },
    { href: '/staff', labelKey: 'nav.staff' },
  ];
  return (
    <>
      <SiteHeader nav={nav} user={user} areaKey="nav.admin" homeHref="/admin" />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
