import { SiteHeader } from '@/components/site-header';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';

/** Staff workspace (经办人, 审核人, admins). Every page below checks the role again itself. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireRole(STAFF_ROLES, '/staff');
  const nav = [
    { href: '/staff', labelKey: 'nav.dashboard' },
    { href: '/staff/cases', labelKey: 'nav.cases' },
    // Registration (登记) is a clerk's or reviewer's act; admins only route cases.
    ...(user.role === 'clerk' || user.role === 'reviewer' ? [{ href: '/staff/cases/new', labelKey: 'staff.dashboard.register' }] : []),
    ...(user.role === 'admin' ? [{ href: '/admin', labelKey: 'nav.admin' }] : []),
  ];
  return (
    <>
      <SiteHeader nav={nav} user={user} areaKey="nav.staff" homeHref="/staff" />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
