import type { Locale } from '@/lib/i18n/config';
import { LOCALE_SWITCH_ATTRIBUTE, LOCALE_SWITCH_PATH } from '@/lib/i18n/locale-switch';

/**
 * The language switch, shared by the App Router's header (components/site-header.tsx) and the Pages Router's
 * frames (components/locale-select.tsx): a plain form posting to /api/locale, which sets the locale cookie and
 * sends the browser back to this page (lib/i18n/locale-switch.ts). The document's inline script submits it when
 * the select changes — before hydration too, so no choice is lost to a page still loading its scripts; without
 * script the <noscript> button does. No React handler: there is nothing for hydration to attach. Labels come
 * translated from the caller.
 */
export function LocaleChoice({
  locale,
  label,
  submitLabel,
  options,
}: {
  locale: Locale;
  label: string;
  submitLabel: string;
  options: { value: Locale; label: string }[];
}) {
  const marker = { [LOCALE_SWITCH_ATTRIBUTE]: '' };
  return (
    <form method="post" action={LOCALE_SWITCH_PATH} className="flex items-center gap-1 text-sm" {...marker}>
      {/* Filled by the inline script with the page's path and query; empty, the route follows the Referer. */}
      <input type="hidden" name="back" defaultValue="" />
      <label className="flex items-center gap-1">
        <span className="sr-only">{label}</span>
        {/* autoComplete off: a page restored from the back/forward cache shows its own language, not the last choice. */}
        <select
          name="locale"
          aria-label={label}
          autoComplete="off"
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
          defaultValue={locale}
          data-testid="language-switcher"
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button
          type="submit"
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
          data-testid="language-submit"
        >
          {submitLabel}
        </button>
      </noscript>
    </form>
  );
}
