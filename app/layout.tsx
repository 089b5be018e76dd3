import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALE_SWITCH_SCRIPT } from '@/lib/i18n/locale-switch';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return { title: { default: `${t('name')} · ${t('fullName')}`, template: `%s · ${t('name')}` } };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('app');
  // The request's CSP nonce (proxy.ts, lib/security/front-door.ts), for the language switch's inline script.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        {/* The language switch works from the moment it is parsed, hydrated or not (lib/i18n/locale-switch.ts). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: LOCALE_SWITCH_SCRIPT }} />
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          {t('skipToContent')}
        </a>
        {/* No message provider here: client components get their subset from <ClientMessages> (issue 13). */}
        {children}
      </body>
    </html>
  );
}
