import { ClientMessages } from '@/components/client-messages';

/** The case page's forms get the staff and workflow messages (lib/i18n/client-messages.ts), not the admin, report and portal ones. */
export default function StaffCaseLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages set="staffCase">{children}</ClientMessages>;
}
