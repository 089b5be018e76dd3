'use client';

import { useState } from 'react';
import { LOCALES, LOCALE_COOKIE, type Locale } from '@/lib/i18n/config';
import { useTranslations } from '@/lib/i18n/lite-client';

/**
 * The language switch of components/language-switcher.tsx for the Pages Router's pages (components/portal/portal-page.tsx,
 * components/staff/staff-page.tsx): the choice goes into the same
 * cookie for a year and the page loads again in the other language (their texts come from the server).
 */
export function LocaleSelect({ locale }: { locale: Locale }) {
  const t = useTranslations();
  const [pending, setPending] = useState(false);
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="sr-only">{t('nav.language')}</span>
      <select
        aria-label={t('nav.language')}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
        value={locale}
        disabled={pending}
        data-testid="language-switcher"
        onChange={(e) => {
          document.cookie = `${LOCALE_COOKIE}=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          setPending(true);
          window.location.reload();
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`locale.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
