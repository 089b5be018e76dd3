import { LiteClientMessages } from '@/components/lite-client-messages';

/** The application form's client components get the apply messages only (lib/i18n/client-messages.ts). */
export default function ApplyLayout({ children }: { children: React.ReactNode }) {
  return <LiteClientMessages set="apply">{children}</LiteClientMessages>;
}
