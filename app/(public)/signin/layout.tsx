import { ClientMessages } from '@/components/client-messages';

/** The sign-in form gets the auth messages only (lib/i18n/client-messages.ts). */
export default function SignInLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages set="auth">{children}</ClientMessages>;
}
