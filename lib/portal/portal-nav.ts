import type { Role } from '@/lib/cases/workflow';

/** An entry of the citizen portal's navigation: its target and its message key. */
export interface PortalNavItem {
  href: string;
  labelKey: string;
}

/**
 * The citizen portal's navigation, one list for the App Router's portal layout (app/(public)/layout.tsx) and
 * the Pages Router's citizen pages (/, /apply, /track: components/portal/portal-page.tsx).
 */
export function portalNav(role: Role | null): PortalNavItem[] {
  return [
    { href: '/apply', labelKey: 'nav.apply' },
    { href: '/track', labelKey: 'nav.track' },
    // 依申请公开转主动公开 (Art. 44): the public reading room.
    { href: '/reading-room', labelKey: 'readingRoom.nav' },
    // 政府信息公开工作年度报告 (Art. 50): the published annual reports.
    { href: '/reports', labelKey: 'publicReports.nav' },
    ...(role === 'applicant' ? [{ href: '/my', labelKey: 'nav.myApplications' }] : []),
    ...(role && role !== 'applicant' ? [{ href: '/staff', labelKey: 'nav.staff' }] : []),
  ];
}
