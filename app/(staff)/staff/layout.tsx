import { SiteHeader } from '@/components/site-header';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { staffNav } from '@/lib/staff-pages/staff-nav';

/**
 * Staff workspace (经办人, 审核人, admins). Every page below checks the role again itself. The dashboard
 * (/staff) and the case list (/staff/cases) are Pages Router pages with the same header
 * (components/staff/staff-page.tsx, lib/staff-pages/server.ts).
 */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireRole(STAFF_ROLES, '/staff');
  return (
    <>
      <SiteHeader nav={await staffNav(user)} user={user} areaKey="nav.staff" homeHref="/staff" />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
