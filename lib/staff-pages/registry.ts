import type { GetServerSidePropsContext, GetServerSidePropsResult } from 'next';
import type { loadStaffCaseList, loadStaffDashboard, StaffFrameProps, StaffNotFoundProps, StaffPageAnswer, StaffPageRequest } from './server';

/** A staff page's props: the page, or the 404 page. */
export type StaffPageProps<P> = (P & StaffFrameProps & { notFound?: undefined }) | StaffNotFoundProps;

/**
 * How the staff pages of the Pages Router (pages/staff/…) reach their server side (lib/staff-pages/server.ts):
 * a Pages page's getServerSideProps may not import `server-only` modules — the session, the database, the
 * case library — Next refuses at build time. instrumentation.ts, which runs once in every server process
 * before it serves anything and may import them, registers the loaders here; the pages call them. Only
 * types cross from server.ts to this module. (Tests import server.ts and register it themselves.)
 */
export interface StaffPagesServer {
  dashboard: typeof loadStaffDashboard;
  caseList: typeof loadStaffCaseList;
}

const KEY = Symbol.for('gongkai.staffPagesServer');
const registry = globalThis as unknown as { [KEY]?: StaffPagesServer };

export function registerStaffPages(server: StaffPagesServer): void {
  registry[KEY] = server;
}

export function staffPagesServer(): StaffPagesServer {
  const server = registry[KEY];
  if (!server) throw new Error('The staff pages’ server side is not registered (instrumentation.ts registers it when the server starts).');
  return server;
}

/** A Pages page's request as the loaders take it: its cookies, its language and its query string. */
export function staffPageRequest(ctx: Pick<GetServerSidePropsContext, 'req' | 'query'>): StaffPageRequest {
  const accept = ctx.req.headers['accept-language'];
  return { cookies: ctx.req.cookies ?? {}, acceptLanguage: Array.isArray(accept) ? accept[0] : accept, query: ctx.query };
}

/** The staff pages whose loader the front door may start early, by path. */
export const EARLY_STAFF_PAGES: Readonly<Record<string, keyof StaffPagesServer>> = { '/staff': 'dashboard', '/staff/cases': 'caseList' };

const EARLY = Symbol.for('gongkai.staffPageEarly');

interface EarlyRead {
  page: keyof StaffPagesServer;
  request: StaffPageRequest;
  answer: Promise<unknown>;
}

type Carrier = { [EARLY]?: EarlyRead };

/**
 * Starts a staff page's loader (its session check and reads) as soon as the request reaches our HTTP server
 * (lib/security/front-door.ts), so that its SQL runs while Next.js routes the request to the page, instead
 * of after (issue 13 item 6). The loader gets the request as the front door parsed it; getServerSideProps
 * takes the answer only if its own view of the request is the same (staffPageAnswer), else it loads afresh.
 * A failure is kept for getServerSideProps to meet, never an unhandled rejection.
 */
export function startEarlyStaffPage(req: object, page: keyof StaffPagesServer, request: StaffPageRequest): void {
  const server = registry[KEY];
  if (!server) return;
  const answer: Promise<unknown> = server[page](request);
  answer.catch(() => undefined);
  (req as Carrier)[EARLY] = { page, request, answer };
}

/** Same cookies (names and values), language and query (values and their order), as the loaders read them. */
export function sameStaffPageRequest(a: StaffPageRequest, b: StaffPageRequest): boolean {
  const same = (x: Record<string, unknown>, y: Record<string, unknown>) => {
    const keys = Object.keys(x).filter((k) => x[k] !== undefined);
    if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
    return keys.every((k) => {
      const u = x[k];
      const v = y[k];
      if (Array.isArray(u) || Array.isArray(v)) return Array.isArray(u) && Array.isArray(v) && u.length === v.length && u.every((e, i) => e === v[i]);
      return u === v;
    });
  };
  return (a.acceptLanguage ?? '') === (b.acceptLanguage ?? '') && same(a.cookies, b.cookies) && same(a.query, b.query);
}

/**
 * The answer of the staff page `page` for getServerSideProps: the one the front door started for this very
 * request (startEarlyStaffPage) when it read the request as Next.js did, otherwise a fresh load. Both runs of
 * getServerSideProps of one request take the same answer — the front door's (lib/staff-pages/fast-document.ts)
 * and Next's when the front door leaves the request to Next (a redirect, the 404 page, a page being learnt) —
 * so the page is read once and the two see the same data.
 */
export function staffPageAnswer<K extends keyof StaffPagesServer>(ctx: Pick<GetServerSidePropsContext, 'req' | 'query'>, page: K): ReturnType<StaffPagesServer[K]> {
  const request = staffPageRequest(ctx);
  const carrier = ctx.req as Carrier;
  const early = carrier[EARLY];
  if (early && early.page === page && sameStaffPageRequest(early.request, request)) return early.answer as ReturnType<StaffPagesServer[K]>;
  return staffPagesServer()[page](request) as ReturnType<StaffPagesServer[K]>;
}

/**
 * A loader's answer as getServerSideProps returns it: a temporary redirect to the sign-in page (as the App
 * Router's redirect() in requireRole), the 404 page with status 404, or the page (Next sends getServerSideProps
 * pages with `Cache-Control: private, no-cache, no-store`, as the App Router's dynamic pages).
 */
export function staffPageResult<P>(ctx: Pick<GetServerSidePropsContext, 'res'>, answer: StaffPageAnswer<P>): GetServerSidePropsResult<StaffPageProps<P>> {
  if (answer.kind === 'signIn') return { redirect: { destination: answer.destination, permanent: false } };
  if (answer.kind === 'notFound') ctx.res.statusCode = 404;
  return { props: answer.props };
}
