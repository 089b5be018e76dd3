/**
 * The language switch (components/locale-choice.tsx) as a plain form that works before and without the page's
 * scripts: `POST /api/locale` (app/api/locale/route.ts) sets the locale cookie and answers 303 back to the page,
 * which loads again in the chosen language. A tiny inline script in every document (LOCALE_SWITCH_SCRIPT, with
 * the request's nonce: pages/_document.tsx, app/layout.tsx) submits the form as soon as the select changes, from
 * the moment the switch is parsed, hydrated or not; without script the form's button (in <noscript>) does.
 *
 * Why (session 9): the switch used to be a React change handler that wrote the cookie and reloaded the page.
 * A choice made before the reloaded page had hydrated — the select is there and looks ready as soon as the HTML
 * is — reached no handler and was lost (e2e/staff/staff-pages.spec.ts switched back from English too early and
 * failed). A second choice while the first page load is in flight is a new form submission: the browser drops
 * the first navigation, so the last choice is the one that lands.
 */
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { LOCALE_COOKIE, type Locale } from './config';

/** Where the switch posts. */
export const LOCALE_SWITCH_PATH = '/api/locale';

/** The form's marker for LOCALE_SWITCH_SCRIPT. */
export const LOCALE_SWITCH_ATTRIBUTE = 'data-locale-switch';

/** A year: the choice is a preference, kept until changed. */
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** The largest body the switch reads (two short fields); anything larger is no switch of ours. */
export const LOCALE_SWITCH_MAX_BYTES = 4096;

/**
 * Submits a language form when its select changes, with the page's own path and query as `back` (the way
 * back): listening on the document, it works before the page hydrates and needs nothing from React.
 */
export const LOCALE_SWITCH_SCRIPT = `document.addEventListener("change",function(e){var f=e.target.form;if(f&&f.hasAttribute("${LOCALE_SWITCH_ATTRIBUTE}")){f.elements.namedItem("back").value=location.pathname+location.search;f.submit()}})`;

/**
 * Where the browser goes after switching: the form's `back` when it is a path on this site, else the page
 * that sent the form (Referer, a browser without script) when it is on this site, else home. Checked as the
 * way back after sign-in is (lib/auth/callback-url.ts: parsed as a browser parses it, so `//evil.example`,
 * `/\evil.example`, `javascript:` and other origins go home); the answer is a path, safe for Location.
 */
export function localeSwitchTarget(back: unknown, referer: string | null, siteOrigin: string): string {
  return safeCallbackPath(typeof back === 'string' && back !== '' ? back : referer, siteOrigin);
}

/** The Set-Cookie value for a chosen locale (read by lib/i18n/config.ts localeFrom on every request). */
export function localeCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
}
