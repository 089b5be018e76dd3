'use client';

import { createContext, useContext, useMemo } from 'react';
import { formatMessage, messageAt, type MessageValues } from './lite-format';
import type { Messages } from './catalogue';

/**
 * The citizen pages' client translator (issue 13): the same `useTranslations(namespace?)` → `t(key, values)`
 * / `t.has(key)` as next-intl's, backed by lite-format.ts instead of use-intl, so /apply and /track load no
 * next-intl code. Its provider is `<ClientMessages set=…>` for the sets in LITE_CLIENT_SETS
 * (lib/i18n/client-messages.ts); a client component under such a set imports `useTranslations` from here,
 * one under any other set from next-intl (client-message-coverage.test.ts checks which is which).
 * A missing key or value shows the key, as next-intl does.
 */
interface LiteMessages {
  locale: string;
  messages: Messages;
}

const Context = createContext<LiteMessages | null>(null);

export function LiteMessagesProvider({ locale, messages, children }: LiteMessages & { children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, messages }), [locale, messages]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export interface LiteTranslator {
  (key: string, values?: MessageValues): string;
  has(key: string): boolean;
}

export function useTranslations(namespace?: string): LiteTranslator {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useTranslations (lite) outside <ClientMessages> of a lite set');
  return useMemo(() => translator(ctx, namespace), [ctx, namespace]);
}

function translator({ locale, messages }: LiteMessages, namespace: string | undefined): LiteTranslator {
  const full = (key: string) => (namespace ? `${namespace}.${key}` : key);
  const t = (key: string, values?: MessageValues) => {
    const message = messageAt(messages, full(key));
    return (message === undefined ? null : formatMessage(message, values, locale)) ?? full(key);
  };
  return Object.assign(t, { has: (key: string) => messageAt(messages, full(key)) !== undefined });
}
