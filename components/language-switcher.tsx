'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n/config';

/**
 * Switches the UI language on every page; the choice is kept in a cookie for a year. Labels come translated
 * from the server header, so this needs no message catalogue in the browser.
 */
export function LanguageSwitcher({ locale, label, options }: { locale: Locale; label: string; options: { value: Locale; label: string }[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="sr-only">{label}</span>
      <select
        aria-label={label}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
        value={locale}
        disabled={pending}
        data-testid="language-switcher"
        onChange={(e) => {
          document.cookie = `${LOCALE_COOKIE}=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          start(() => router.refresh());
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
