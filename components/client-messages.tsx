import { getLocale, getMessages, getTimeZone } from 'next-intl/server';
import { CLIENT_MESSAGES, type IntlClientMessageSet } from '@/lib/i18n/client-messages';
import { pickMessages } from '@/lib/i18n/pick-messages';
import type { Messages } from '@/lib/i18n/catalogue';
import { JsonMessagesProvider } from './json-messages-provider';

/**
 * Hands the client components below it one named subset of the catalogue (lib/i18n/client-messages.ts)
 * instead of all of it (every area, the admin sections included, names its set). Pages without client
 * components that translate need no provider at all (and then load no next-intl code in the browser); the
 * citizen sets (LITE_CLIENT_SETS) use <LiteClientMessages> (components/lite-client-messages.tsx) instead.
 * The subset travels as its JSON text (components/json-messages-provider.tsx).
 */
export async function ClientMessages({ set, children }: { set: IntlClientMessageSet; children: React.ReactNode }) {
  const [all, locale, timeZone] = await Promise.all([getMessages(), getLocale(), getTimeZone()]);
  return (
    <JsonMessagesProvider locale={locale} timeZone={timeZone} messages={pickedJson(all as Messages, set)}>
      {children}
    </JsonMessagesProvider>
  );
}

/** The subset's JSON text, made once per catalogue (one per locale, lib/i18n/catalogue.ts) and set, not per request. */
const pickedSets = new WeakMap<Messages, Map<IntlClientMessageSet, string>>();
export function pickedJson(all: Messages, set: IntlClientMessageSet): string {
  let sets = pickedSets.get(all);
  if (!sets) pickedSets.set(all, (sets = new Map()));
  let subset = sets.get(set);
  if (!subset) sets.set(set, (subset = JSON.stringify(pickMessages(all, CLIENT_MESSAGES[set]))));
  return subset;
}
