'use client';

import { NextIntlClientProvider } from 'next-intl';
import type { Messages } from '@/lib/i18n/catalogue';

/**
 * Catalogue subsets parsed from their JSON text, by text. The texts are the catalogue's (one per locale and
 * client message set, components/client-messages.tsx), never a user's, so the server keeps each parse for
 * the process; bounded in case that ever stops holding. Frozen: every request shares them.
 */
const parsed = new Map<string, Messages>();
const MAX_PARSED = 64;

function deepFreeze(m: Messages): Messages {
  for (const v of Object.values(m)) if (typeof v === 'object') deepFreeze(v);
  return Object.freeze(m);
}

export function parseMessages(json: string): Messages {
  let m = parsed.get(json);
  if (!m) {
    if (parsed.size >= MAX_PARSED) parsed.clear();
    m = deepFreeze(JSON.parse(json) as Messages);
    parsed.set(json, m);
  }
  return m;
}

/**
 * next-intl's client provider, its messages handed over as one JSON string: React's Flight protocol then
 * sends (and the server-side renderer reads) one string instead of visiting every message key on both sides
 * on every request (issue 13, the staff case page).
 */
export function JsonMessagesProvider({ locale, timeZone, messages, children }: { locale: string; timeZone: string | undefined; messages: string; children: React.ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={parseMessages(messages)}>
      {children}
    </NextIntlClientProvider>
  );
}
