/**
 * The paths the Pages Router serves (pages/: the citizen pages /, /apply and /track, issue 13 item 2, and the
 * staff dashboard /staff and case list /staff/cases, issue 13 item 1); every other page is an App Router page. proxy.ts answers the App Router's own requests for these paths (its
 * prefetches and navigations) with 204 and no body: the App Router then loads them as ordinary documents.
 * Otherwise it receives their HTML, which it cannot use and never reads, and those requests stay open (a
 * page with links to them never became idle).
 */
export const PAGES_ROUTES: ReadonlySet<string> = new Set(['/', '/apply', '/track', '/staff', '/staff/cases']);

/**
 * Whether a request for a path is the App Router's fetch of a Pages Router page (see PAGES_ROUTES): a
 * `fetch()` by script (Fetch Metadata `Sec-Fetch-Dest: empty`) rather than a document load — Next.js strips
 * its own `RSC` header before proxy.ts sees the request, so the browser's header is what tells them apart;
 * `RSC: 1` counts too where it is visible. Nothing else fetches these paths from a page: the Pages Router
 * navigates through /_next/data, and a browser without Fetch Metadata simply gets the HTML as before.
 */
export function isAppRouterFetchOfPagesRoute(pathname: string, headers: { get(name: string): string | null }): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  if (!PAGES_ROUTES.has(path)) return false;
  return headers.get('rsc') === '1' || (headers.get('sec-fetch-dest') === 'empty' && headers.get('sec-fetch-mode') !== 'navigate');
}
