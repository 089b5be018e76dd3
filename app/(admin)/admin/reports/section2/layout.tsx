import { ClientMessages } from '@/components/client-messages';

/** The messages this page's client components use (lib/i18n/client-messages.ts), not the whole catalogue. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages set="adminReports">{children}</ClientMessages>;
}
