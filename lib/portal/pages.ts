import type { GetServerSidePropsContext } from 'next';
import { messagesFor } from '@/lib/i18n/catalogue';
import type { PortalPageMessageSet } from '@/lib/i18n/client-messages';
import { LOCALE_COOKIE, localeFrom, type Locale } from '@/lib/i18n/config';
import { messageAt } from '@/lib/i18n/lite-format';
import type { MessageSetRef } from '@/lib/i18n/message-asset-ref';
import { messageSetRef } from '@/lib/i18n/message-assets';

/**
 * The server side of the citizen pages served by the Pages Router (/, /apply, /track: issue 13 item 2, their
 * first-load JavaScript without the App Router's client runtime; docs/decisions.md). Runs in
 * getServerSideProps, which may not import `server-only` modules (the database, the session): it reads the
 * locale and the page's messages, and whether the request carries a session cookie at all. The session
 * itself (who is signed in, with the database's checks of lib/auth/session.ts) comes from
 * GET /api/portal/session, asked by the page only when there is such a cookie (components/portal/portal-page.tsx).
 */
export interface PortalPageProps {
  locale: Locale;
  /**
   * The page's message set (CLIENT_MESSAGES[set]: the header's texts and the page's) by reference: the browser
   * loads it as a cached script (lib/i18n/message-asset-ref.ts), the server render reads it from the ref.
   */
  messages: MessageSetRef;
  /** A next-auth session cookie came with the request: the page asks who is signed in. */
  sessionCookie: boolean;
  /** The document's title, written by pages/_document.tsx (no next/head code in the browser). */
  title: string;
}

/** next-auth's session cookie, `__Secure-` prefixed over https, chunked (`.0`, `.1`) when large. */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * The props every citizen page starts from. `titleKey` names the page's title (as the App Router's
 * `generateMetadata` did: "<page> · 公开"); without one the title is the site's name ("公开 · <full name>").
 */
export function portalPageProps(ctx: Pick<GetServerSidePropsContext, 'req'>, set: PortalPageMessageSet, titleKey?: string): PortalPageProps {
  const cookies = ctx.req.cookies ?? {};
  const accept = ctx.req.headers['accept-language'];
  const locale = localeFrom(cookies[LOCALE_COOKIE], Array.isArray(accept) ? accept[0] : accept);
  const all = messagesFor(locale);
  const text = (key: string) => messageAt(all, key) ?? key;
  return {
    locale,
    messages: messageSetRef(set, locale),
    sessionCookie: Object.keys(cookies).some((name) => SESSION_COOKIE.test(name)),
    title: titleKey ? `${text(titleKey)} · ${text('app.name')}` : `${text('app.name')} · ${text('app.fullName')}`,
  };
}

/** A query parameter as one string ('' when absent or repeated). */
export function queryParam(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}
