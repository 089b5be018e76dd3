import { SiteHeader } from '@/components/site-header';
import { getActor } from '@/lib/auth/session';

/** Citizen portal: public pages plus "my applications". */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getActor();
  const nav = [
    { href: '/apply', labelKey: 'nav.apply' },
    { href: '/track', labelKey: 'nav.track' },
    // 依申请公开转主动公开 (Art. 44): the public reading room.
    { href: '/reading-room', labelKey: 'readingRoom.nav' },
    // 政府信息公开工作年度报告 (Art. 50): the published annual reports.
    { href: '/reports', labelKey: 'publicReports.nav' },
    ...(user?.role === 'applicant' ? [{ href: '/my', labelKey: 'nav.myApplications' }] : []),
    ...(user && user.role !== 'applicant' ? [{ href: '/staff', labelKey: 'nav.staff' }] : []),
  ];
  return (
    <>
      <SiteHeader nav={nav} user={user} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
