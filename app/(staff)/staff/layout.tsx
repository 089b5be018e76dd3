import { SiteHeader } from '@/components/site-header';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { workQueueCount } from '@/lib/cases/work-queue';

/** Staff workspace (经办人, 审核人, admins). Every page below checks the role again itself. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireRole(STAFF_ROLES, '/staff');
  const handles = user.role === 'clerk' || user.role === 'reviewer';
  const nav = [
    // 待办 with its count on every staff page; admins only route cases and have no queue.
    ...(handles ? [{ href: '/staff/queue', labelKey: 'nav.queue', count: await workQueueCount(user) }] : []),
    { href: '/staff', labelKey: 'nav.dashboard' },
    { href: '/staff/cases', labelKey: 'nav.cases' },
    // Registration (登记) is a clerk's or reviewer's act; admins only route cases.
    ...(handles ? [{ href: '/staff/cases/new', labelKey: 'staff.dashboard.register' }] : []),
    // 当场答复 (Art. 33 para 1): register and answer a counter application at once.
    ...(handles ? [{ href: '/staff/cases/counter', labelKey: 'staff.counter.nav' }] : []),
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
