import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { CLIENT_MESSAGES, type ClientMessageSet } from '@/lib/i18n/client-messages';
import { pickMessages } from '@/lib/i18n/pick-messages';
import type { Messages } from '@/lib/i18n/catalogue';

/**
 * Hands the client components below it one named subset of the catalogue (lib/i18n/client-messages.ts)
 * instead of all of it; `set="all"` for the admin area, which is not weight-sensitive. Pages without client
 * components that translate need no provider at all (and then load no next-intl code in the browser).
 */
export async function ClientMessages({ set, children }: { set: ClientMessageSet | 'all'; children: React.ReactNode }) {
  const all = (await getMessages()) as Messages;
  const messages = set === 'all' ? all : pickMessages(all, CLIENT_MESSAGES[set]);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
