import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { CLIENT_MESSAGES, type IntlClientMessageSet } from '@/lib/i18n/client-messages';
import { pickMessages } from '@/lib/i18n/pick-messages';
import type { Messages } from '@/lib/i18n/catalogue';

/**
 * Hands the client components below it one named subset of the catalogue (lib/i18n/client-messages.ts)
 * instead of all of it (every area, the admin sections included, names its set). Pages without client
 * components that translate need no provider at all (and then load no next-intl code in the browser); the
 * citizen sets (LITE_CLIENT_SETS) use <LiteClientMessages> (components/lite-client-messages.tsx) instead.
 */
export async function ClientMessages({ set, children }: { set: IntlClientMessageSet; children: React.ReactNode }) {
  const messages = pickMessages((await getMessages()) as Messages, CLIENT_MESSAGES[set]);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
