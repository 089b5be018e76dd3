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
  const messages = picked((await getMessages()) as Messages, set);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}

/** The subset, picked once per catalogue (one per locale, lib/i18n/catalogue.ts) and set, not per request. */
const pickedSets = new WeakMap<Messages, Map<IntlClientMessageSet, Messages>>();
function picked(all: Messages, set: IntlClientMessageSet): Messages {
  let sets = pickedSets.get(all);
  if (!sets) pickedSets.set(all, (sets = new Map()));
  let subset = sets.get(set);
  if (!subset) sets.set(set, (subset = pickMessages(all, CLIENT_MESSAGES[set])));
  return subset;
}
