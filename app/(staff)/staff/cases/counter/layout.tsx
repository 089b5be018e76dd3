import { ClientMessages } from '@/components/client-messages';

/** The counter form gets the staff and workflow messages (lib/i18n/client-messages.ts), like the registration form. */
export default function CounterLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages set="staffCase">{children}</ClientMessages>;
}
