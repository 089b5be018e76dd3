'use client';

import { LOCALE_COOKIE, type Locale } from '@/lib/i18n/config';

/**
 * The language select itself, shared by the App Router's header (components/language-switcher.tsx: the page
 * refreshes in a transition) and the Pages Router's frames (components/locale-select.tsx: the page loads
 * again). The choice goes into the locale cookie for a year; `onChoose` then reloads the page's texts. Labels
 * come translated from the caller, so this needs no message catalogue of its own.
 */
export function LocaleChoice({
  locale,
  label,
  options,
  pending,
  onChoose,
}: {
  locale: Locale;
  label: string;
  options: { value: Locale; label: string }[];
  pending: boolean;
  onChoose: () => void;
}) {
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
          onChoose();
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
