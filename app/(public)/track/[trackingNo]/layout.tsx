import { LiteClientMessages } from '@/components/lite-client-messages';

/** The applicant's case actions get the portal messages only (lib/i18n/client-messages.ts). */
export default function TrackedCaseLayout({ children }: { children: React.ReactNode }) {
  return <LiteClientMessages set="portalCase">{children}</LiteClientMessages>;
}
