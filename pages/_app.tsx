import type { AppProps } from 'next/app';
import '../app/globals.css';

/**
 * The Pages Router serves the citizen pages /, /apply and /track (issue 13 item 2: their first load without
 * the App Router's client runtime) and the staff dashboard and case list /staff, /staff/cases (item 1: their
 * cost without the App Router's rendering); docs/decisions.md. Every other page is an App Router page. Same styles.
 */
export default function CitizenApp({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
