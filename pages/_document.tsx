import Document, { Head, Html, Main, NextScript, type DocumentContext, type DocumentInitialProps } from 'next/document';
import { DEFAULT_LOCALE, isLocale } from '@/lib/i18n/config';
import { LOCALE_SWITCH_SCRIPT } from '@/lib/i18n/locale-switch';
import { messageAssetSrc } from '@/lib/i18n/message-asset-ref';
import { withFormReplayNonce } from '@/lib/security/form-replay-nonce';

/**
 * The citizen pages' document: `lang` of the page's locale, the page's title, and the request's CSP nonce (proxy.ts passes it
 * as `x-nonce`) on every script Next writes, as the App Router does on its own (lib/security/headers.ts:
 * 'strict-dynamic' runs only scripts with the nonce and what they load), and the page's message set as a
 * cached script where it is one (lib/i18n/message-asset-ref.ts). Next.js renders the page's body without the
 * nonce, so React's form-replay script (/apply's form) gets it here (lib/security/form-replay-nonce.ts). The
 * language switch's inline script (lib/i18n/locale-switch.ts) is in <head> too.
 */
export default class CitizenDocument extends Document<{ nonce?: string }> {
  static async getInitialProps(ctx: DocumentContext): Promise<DocumentInitialProps & { nonce?: string }> {
    const initial = await Document.getInitialProps(ctx);
    const header = ctx.req?.headers['x-nonce'];
    if (typeof header !== 'string') return initial;
    return { ...initial, html: await withFormReplayNonce(initial.html, header), nonce: header };
  }

  render() {
    const { nonce } = this.props;
    const { locale, title, messages } = (this.props.__NEXT_DATA__.props as { pageProps?: { locale?: unknown; title?: unknown; messages?: { set?: unknown; locale?: unknown; hash?: unknown } } }).pageProps ?? {};
    // An asset set's ref has a hash; an inline set's (/apply, /track) carries its messages in the props instead.
    const messagesSrc =
      typeof messages?.set === 'string' && typeof messages.locale === 'string' && typeof messages.hash === 'string'
        ? messageAssetSrc({ set: messages.set, locale: messages.locale, hash: messages.hash })
        : null;
    return (
      <Html lang={isLocale(locale) ? locale : DEFAULT_LOCALE}>
        <Head nonce={nonce}>
          {/* The page's title from getServerSideProps (lib/portal/pages.ts): written once with the document, so
              the browser loads no next/head code (1.3 KB gzip; a language switch loads the page again). */}
          {typeof title === 'string' && <title>{title}</title>}
          {/* The page's message set (lib/i18n/message-asset-ref.ts): a deferred script before Next's deferred
              scripts (Head writes its children first), so it has run when the page hydrates; with the nonce. */}
          {messagesSrc && <script defer src={messagesSrc} nonce={nonce} />}
          {/* The language switch works from the moment it is parsed (lib/i18n/locale-switch.ts). */}
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: LOCALE_SWITCH_SCRIPT }} />
        </Head>
        <body className="min-h-screen">
          <Main />
          <NextScript nonce={nonce} />
        </body>
      </Html>
    );
  }
}
