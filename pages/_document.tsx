import Document, { Head, Html, Main, NextScript, type DocumentContext, type DocumentInitialProps } from 'next/document';
import { DEFAULT_LOCALE, isLocale } from '@/lib/i18n/config';

/**
 * The citizen pages' document: `lang` of the page's locale, the page's title, and the request's CSP nonce (proxy.ts passes it
 * as `x-nonce`) on every script Next writes, as the App Router does on its own (lib/security/headers.ts:
 * 'strict-dynamic' runs only scripts with the nonce and what they load).
 */
export default class CitizenDocument extends Document<{ nonce?: string }> {
  static async getInitialProps(ctx: DocumentContext): Promise<DocumentInitialProps & { nonce?: string }> {
    const initial = await Document.getInitialProps(ctx);
    const header = ctx.req?.headers['x-nonce'];
    return { ...initial, nonce: typeof header === 'string' ? header : undefined };
  }

  render() {
    const { nonce } = this.props;
    const { locale, title } = (this.props.__NEXT_DATA__.props as { pageProps?: { locale?: unknown; title?: unknown } }).pageProps ?? {};
    return (
      <Html lang={isLocale(locale) ? locale : DEFAULT_LOCALE}>
        <Head nonce={nonce}>
          {/* The page's title from getServerSideProps (lib/portal/pages.ts): written once with the document, so
              the browser loads no next/head code (1.3 KB gzip; a language switch loads the page again). */}
          {typeof title === 'string' && <title>{title}</title>}
        </Head>
        <body className="min-h-screen">
          <Main />
          <NextScript nonce={nonce} />
        </body>
      </Html>
    );
  }
}
