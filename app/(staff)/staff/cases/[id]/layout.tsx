import { ClientMessages } from '@/components/client-messages';

/** The case page's forms get the messages of the case page (lib/i18n/client-messages.ts staffCasePage), not those of other staff, admin, report and portal pages. */
export default function StaffCaseLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages set="staffCasePage">{children}</ClientMessages>;
}
