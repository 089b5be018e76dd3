import 'server-only';
import type { NavItem } from '@/components/site-header';
import type { SessionUser } from '@/lib/auth/session';
import { workQueueCount } from '@/lib/cases/work-queue';

/**
 * The staff workspace's navigation for a user: one place for the App Router's staff layout
 * (app/(staff)/staff/layout.tsx) and the staff pages served by the Pages Router (lib/staff-pages/server.ts).
 */
export async function staffNav(user: SessionUser): Promise<NavItem[]> {
  const handles = user.role === 'clerk' || user.role === 'reviewer';
  return [
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
}
