import { ClientMessages } from '@/components/client-messages';

/** The password form gets the auth messages only (lib/i18n/client-messages.ts). */
export default function ChangePasswordLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages set="auth">{children}</ClientMessages>;
}
