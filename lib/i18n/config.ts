/** Locales of the UI: Simplified Chinese first (the official terms exactly as the law writes them), English second. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/**
 * The UI locale of a request: the switcher's cookie; without one, Accept-Language (English only when the
 * browser's first preference is English), otherwise Simplified Chinese. URLs carry no locale prefix. One
 * rule for the App Router (lib/i18n/request.ts) and the citizen pages of the Pages Router (lib/portal/pages.ts).
 */
export function localeFrom(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : DEFAULT_LOCALE;
}
