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
