import { getLocale, getMessages } from 'next-intl/server';
import { CLIENT_MESSAGES, type LiteClientMessageSet } from '@/lib/i18n/client-messages';
import { LiteMessagesProvider } from '@/lib/i18n/lite-client';
import { pickMessages } from '@/lib/i18n/pick-messages';
import type { Messages } from '@/lib/i18n/catalogue';

/**
 * `<ClientMessages>` for the citizen sets (LITE_CLIENT_SETS): the subset goes to the small translator of
 * lib/i18n/lite-client.tsx. Kept apart from components/client-messages.tsx on purpose: that file imports
 * next-intl's client provider, and importing it is enough for a page to load use-intl (~12 KB gzip).
 */
export async function LiteClientMessages({ set, children }: { set: LiteClientMessageSet; children: React.ReactNode }) {
  const messages = pickMessages((await getMessages()) as Messages, CLIENT_MESSAGES[set]);
  return (
    <LiteMessagesProvider locale={await getLocale()} messages={messages}>
      {children}
    </LiteMessagesProvider>
  );
}
