import { SiteHeader } from '@/components/site-header';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';

/**
 * Administration: users, organisations, the holiday calendar, settings, annual reports, import, supervision,
 * the outbox. Admin-only, except the annual report pages (/admin/reports…), which clerks and reviewers may
 * open read-only for their own subtree (lib/admin/REPORTS.md). So this layout lets staff through and every
 * page checks its own role again (layouts are not the check): a clerk on /admin/users gets 404.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireRole(STAFF_ROLES, '/admin');
  const isAdmin = user.role === 'admin';
  const nav = isAdmin
    ? [
        { href: '/admin', labelKey: 'nav.admin' },
        { href: '/admin/users', labelKey: 'nav.users' },
        { href: '/admin/organisations', labelKey: 'nav.organisations' },
        { href: '/admin/templates', labelKey: 'admin.nav.templates' },
        { href: '/admin/holidays', labelKey: 'nav.holidays' },
        { href: '/admin/reports', labelKey: 'nav.reports' },
        { href: '/admin/import', labelKey: 'admin.nav.import' },
        { href: '/admin/supervision', labelKey: 'admin.nav.supervision' },
        { href: '/admin/quality', labelKey: 'admin.nav.quality' },
        { href: '/admin/oversight', labelKey: 'admin.nav.oversight' },
        { href: '/admin/outbox', labelKey: 'nav.outbox' },
        { href: '/admin/audit', labelKey: 'admin.nav.audit' },
        { href: '/admin/api-tokens', labelKey: 'admin.apiTokens.nav' },
        { href: '/admin/settings', labelKey: 'admin.nav.settings' },
        { href: '/staff', labelKey: 'nav.staff' },
      ]
    : [
        { href: '/staff', labelKey: 'nav.staff' },
        { href: '/admin/reports', labelKey: 'nav.reports' },
      ];
  return (
    <>
      <SiteHeader nav={nav} user={user} areaKey={isAdmin ? 'nav.admin' : 'nav.reports'} homeHref={isAdmin ? '/admin' : '/staff'} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {/* Each section hands its client components their own message subset (its layout.tsx; issue 13). */}
        {children}
      </main>
    </>
  );
}
