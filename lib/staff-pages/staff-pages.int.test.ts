/**
 * The staff dashboard (/staff) and case list (/staff/cases) served by the Pages Router (lib/staff-pages/server.ts,
 * pages/staff/*): the pages' own getServerSideProps against the real database, with real next-auth tokens.
 * Bug guarded against: the move off the App Router loses a check of requireRole/getActor (signed out,
 * forged or foreign token, deactivated account, applicant) or the actor's scope, or a hostile query string
 * turns into a 500. The rendered HTML keeps the register's texts, test ids, rows and links.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { GetServerSidePropsContext } from 'next';
import { encode } from 'next-auth/jwt';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { dashboardCounts } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { workQueueCount } from '@/lib/cases/work-queue';
import StaffDashboardPage, { getServerSideProps as dashboardProps } from '@/pages/staff/index';
import CaseListPage, { getServerSideProps as caseListProps } from '@/pages/staff/cases';
import { recordStatements } from '@/test/sql-statements';
import { frontDoor } from '@/lib/security/front-door';
import { getCookieParser } from 'next/dist/server/api-utils/get-cookie-parser';
import { registerStaffPages, staffPagesServer, type StaffPagesServer } from './registry';
import { provideStaffPages } from './server';

let orgs: OrgTree;
let clerk: Actor;
let siblingClerk: Actor;
let applicant: Actor;
const mine: string[] = [];
let foreign: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
  ensureTestEncryptionKey();
  await ensureCalendar();
  provideStaffPages(); // what instrumentation.ts does when the server starts
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '列表经办人');
  siblingClerk = await createActor('clerk', orgs.sibling, '邻局经办人');
  applicant = await createActor('applicant', null, '申请人');
  for (const day of ['2026-03-02', '2026-03-03', '2026-03-04']) {
    mine.push((await registerCaseByStaff({ actor: clerk, now: at(day), form: { ...LETTER, channel: 'in_person', arrivedOn: day, applicantName: `页面${day}` } })).trackingNo);
  }
  foreign = (await registerCaseByStaff({ actor: siblingClerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2026-03-02', applicantName: '邻局申请人' } })).trackingNo;
});

async function tokenFor(actor: Actor, secret = process.env.NEXTAUTH_SECRET!): Promise<string> {
  const { sessionEpoch } = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionEpoch: true } });
  return encode({ token: { uid: actor.id, role: actor.role, epoch: sessionEpoch, authTime: Math.floor(Date.now() / 1000) }, secret });
}

/** A Pages Router request context: cookies, language and query string; the response's status as set. */
function context(cookies: Record<string, string>, query: GetServerSidePropsContext['query'] = {}, lang = 'zh-CN') {
  const res = { statusCode: 200, setHeader: () => res };
  const ctx = { req: { cookies, headers: { 'accept-language': lang } }, res, query, resolvedUrl: '/', params: {} } as unknown as GetServerSidePropsContext;
  return { ctx, res };
}

const session = async (actor: Actor) => ({ 'next-auth.session-token': await tokenFor(actor) });

/** The page's props (or the 404 page's) and the response, for a request to /staff or /staff/cases. */
async function dashboard(cookies: Record<string, string>, lang?: string) {
  const { ctx, res } = context(cookies, {}, lang);
  const result = await dashboardProps(ctx);
  if (!('props' in result)) throw new Error(`expected a page, got ${JSON.stringify(result)}`);
  return { props: await result.props, res };
}
async function caseList(cookies: Record<string, string>, query: GetServerSidePropsContext['query'] = {}) {
  const { ctx, res } = context(cookies, query);
  const result = await caseListProps(ctx);
  if (!('props' in result)) throw new Error(`expected a page, got ${JSON.stringify(result)}`);
  return { props: await result.props, res };
}

describe('who gets in', () => {
  it('sends a visitor without a valid session to the sign-in page, coming back to the page', async () => {
    // One character of the ciphertext changed (the JWE's 4th part; its first character carries 6 bits — the
    // last character of a part may carry only padding bits, which decoders ignore: the same token).
    const parts = (await tokenFor(clerk)).split('.');
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1);
    const forged = parts.join('.');
    const foreignSecret = await tokenFor(clerk, randomBytes(32).toString('base64'));
    const deactivated = await createActor('clerk', orgs.dept, '已停用');
    const deactivatedToken = await tokenFor(deactivated);
    await db.user.update({ where: { id: deactivated.id }, data: { isActive: false } });
    const jars: Record<string, string>[] = [{}, { 'next-auth.session-token': forged }, { 'next-auth.session-token': foreignSecret }, { 'next-auth.session-token': deactivatedToken }, { 'next-auth.session-token': 'x\u0000y' }];
    for (const cookies of jars) {
      expect(await dashboardProps(context(cookies).ctx)).toEqual({ redirect: { destination: '/signin?callbackUrl=%2Fstaff', permanent: false } });
      expect(await caseListProps(context(cookies, { status: 'open' }).ctx)).toEqual({ redirect: { destination: '/signin?callbackUrl=%2Fstaff%2Fcases', permanent: false } });
    }
  });

  it('answers an applicant with the 404 page and status 404, nothing of the workspace', async () => {
    const cookies = await session(applicant);
    const home = await dashboard(cookies);
    const list = await caseList(cookies);
    const pages = [
      { ...home, html: renderToStaticMarkup(createElement(StaffDashboardPage, home.props)) },
      { ...list, html: renderToStaticMarkup(createElement(CaseListPage, list.props)) },
    ];
    for (const { props, res, html } of pages) {
      expect(res.statusCode).toBe(404);
      expect(props).toMatchObject({ notFound: true });
      expect(Object.keys(props).sort()).toEqual(['locale', 'messages', 'notFound', 'title']);
      expect(html).toContain('data-testid="not-found"');
      expect(html).not.toContain('data-testid="signed-in-as"');
    }
  });
});

describe('the dashboard', () => {
  it('shows the actor’s counts, the header with the 待办 count and the user, in the visitor’s language', async () => {
    const { props, res } = await dashboard(await session(clerk), 'en');
    expect(res.statusCode).toBe(200);
    if (props.notFound) throw new Error('not found');
    expect(props.counts).toEqual(await dashboardCounts({ ...clerk }, new Date()));
    const queue = await workQueueCount(clerk);
    expect(props.nav.map((n) => n.href)).toEqual(['/staff/queue', '/staff', '/staff/cases', '/staff/cases/new', '/staff/cases/counter']);
    expect(props.nav[0].count).toBe(queue);
    expect(props.locale).toBe('en');
    const html = renderToStaticMarkup(createElement(StaffDashboardPage, props));
    for (const id of ['dashboard-dueSoon', 'dashboard-overdue', 'dashboard-pendingConfirmation', 'dashboard-pendingApproval', 'signed-in-as', 'change-password-link', 'language-switcher']) expect(html, id).toContain(`data-testid="${id}"`);
    expect(html).toContain('href="/staff/cases?overdue=1&amp;sort=due"');
    expect(html).toContain('action="/api/staff/audit"');
    expect(html).toContain('<main id="main"');
    if (queue > 0) expect(html).toContain(`data-testid="nav-count-/staff/queue">${queue}<`);
    // The English catalogue, no untranslated key.
    expect(html).toContain('<h1 class="page-title mb-0">Overview</h1>');
    expect(html).not.toMatch(/>staff\.[a-z]/);
  });
});

describe('the statements of a view', () => {
  it('reads the actor’s scope once for the header’s count and the page (no React render to share it)', async () => {
    const cookies = await session(clerk);
    for (const load of [() => dashboard(cookies), () => caseList(cookies)]) {
      await load(); // counts cached for the scope's generation
      const recording = recordStatements();
      await load();
      const snapshots = recording.stop().filter((sql) => sql.includes('FROM case_generations'));
      expect(snapshots).toHaveLength(1);
    }
  });
});

describe('the case list', () => {
  it('lists the actor’s scope only, with the register’s filters, rows and export', async () => {
    const { props } = await caseList(await session(clerk));
    if (props.notFound) throw new Error('not found');
    const listed = props.rows.map((r) => r.trackingNo);
    for (const no of mine) expect(listed).toContain(no);
    expect(listed).not.toContain(foreign);
    expect(props.total).toEqual({ count: mine.length, isCapped: false });
    const html = renderToStaticMarkup(createElement(CaseListPage, props));
    for (const id of ['case-list', 'case-row', 'result-count', 'register-export', 'signed-in-as']) expect(html, id).toContain(`data-testid="${id}"`);
    expect(html).toContain('action="/staff/cases"');
    expect(html).toContain('id="f-org"');
    expect(html).toContain('id="f-clerk"');
    expect(html).toContain('href="/staff/cases?sort=due"');
    expect(html).not.toContain(foreign);
    expect(html).not.toMatch(/>(staff|status|channel)\.[a-zA-Z]/);
  });

  it('names its message set in the page’s JSON (the browser loads it as a cached script) and renders its texts, in both locales', async () => {
    const cookies = await session(clerk);
    for (const [lang, heading, label] of [
      ['zh-CN', '>申请件<', '只看已超期'],
      ['en', '>Cases<', 'Overdue only'],
    ] as const) {
      const { ctx } = context(cookies, { overdue: '1', sort: 'due' }, lang);
      const result = await caseListProps(ctx);
      if (!('props' in result)) throw new Error('expected a page');
      const props = await result.props;
      if (props.notFound) throw new Error('not found');
      const html = renderToStaticMarkup(createElement(CaseListPage, props));
      expect(html).toContain(heading);
      expect(html).toContain(label);
      const json = JSON.stringify(props);
      expect(JSON.parse(json).messages).toEqual({ set: 'staffList', locale: lang, hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
      expect(json).not.toContain(label);
      expect(json.length).toBeLessThan(2_000);
    }
  });

  it('writes the rows into the document once: in the HTML, not again in the page’s JSON', async () => {
    const { props } = await caseList(await session(clerk));
    if (props.notFound) throw new Error('not found');
    const html = renderToStaticMarkup(createElement(CaseListPage, props));
    // What Next writes into __NEXT_DATA__ (and the client-side navigation's JSON): JSON.stringify of the props.
    const json = JSON.parse(JSON.stringify(props)) as typeof props & { rows: unknown };
    expect(json.rows).toBeNull();
    expect(json.rowCount).toBe(mine.length);
    expect(json.rowsKey).toBe(props.rowsKey);
    for (const no of mine) {
      expect(html).toContain(`data-tracking-no="${no}"`);
      expect(JSON.stringify(props)).not.toContain(no);
    }
    expect(html).toContain(`<tbody data-rows="${props.rowsKey}">`);
    expect((html.match(/data-testid="case-row"/g) ?? []).length).toBe(mine.length);
    // Another page of rows has another key (the browser takes only its own document's rows).
    const { props: empty } = await caseList(await session(clerk), { q: 'no such case 无此申请' });
    if (empty.notFound) throw new Error('not found');
    expect(empty.rowCount).toBe(0);
    expect(empty.rowsKey).not.toBe(props.rowsKey);
    expect(renderToStaticMarkup(createElement(CaseListPage, empty))).toContain('没有符合条件的申请件。');
  });

  it('keeps a sibling clerk’s organisation and clerk filters out of another scope', async () => {
    const { props } = await caseList(await session(clerk), { org: String(orgs.sibling.id), clerk: siblingClerk.id });
    if (props.notFound) throw new Error('not found');
    expect(props.chosenOrg).toBeNull();
    expect(props.chosenClerk).toBeNull();
    expect(props.rows).toEqual([]);
  });

  it('answers hostile query strings with a message or the first page, never an error', async () => {
    const cookies = await session(clerk);
    const hostile: GetServerSidePropsContext['query'][] = [
      { q: 'a\u0000b', status: ['open', 'open', 'x'], org: '9'.repeat(400), clerk: 'unassigned', year: '1e9', due: '-1', sort: ['due', 'received'] },
      { cursor: 'not a cursor' },
      { cursor: Buffer.from(JSON.stringify({ s: 'received', v: '+275760-09-13T00:00:00Z', id: 'x' })).toString('base64url') },
      { cursor: 'A'.repeat(5000), q: 'x'.repeat(10_000), overdue: ['1', '0'], channel: '\u202e' },
    ];
    for (const query of hostile) {
      const { props, res } = await caseList(cookies, query);
      expect(res.statusCode, JSON.stringify(query).slice(0, 80)).toBe(200);
      if (props.notFound) throw new Error('not found');
      expect(props.cursor).toBeNull();
      renderToStaticMarkup(createElement(CaseListPage, props));
    }
    const { props: edited } = await caseList(cookies, { cursor: Buffer.from(JSON.stringify({ s: 'received', v: 'x', id: 'y' })).toString('base64url') });
    if (edited.notFound) throw new Error('not found');
    expect(edited.cursorInvalid).toBe(true);
    expect(renderToStaticMarkup(createElement(CaseListPage, edited))).toContain('role="alert"');
  });
});

describe('the page’s reads started by the front door (issue 13 item 6)', () => {
  /**
   * A request as it reaches scripts/server.mjs (a real IncomingMessage through frontDoor), then the context
   * getServerSideProps gets for it: the same object as `req`, with Next's cookie parser's `req.cookies` and
   * Next's query — or, with `seen`, a context whose reading of the request differs from the front door's.
   */
  async function viaFrontDoor(method: string, url: string, cookieHeader: string, seen?: { cookies?: Record<string, string>; query?: GetServerSidePropsContext['query'] }) {
    const req = new http.IncomingMessage(new net.Socket());
    req.method = method;
    req.url = url;
    req.headers = { cookie: cookieHeader, 'accept-language': 'zh-CN' };
    req.rawHeaders = ['Cookie', cookieHeader, 'Accept-Language', 'zh-CN'];
    const res = new http.ServerResponse(req);
    // The early read alone: not the page written by the front door itself (e2e/staff/fast-pages.spec.ts).
    expect(await frontDoor(req, res, { ...process.env, GONGKAI_FAST_PAGES: '0' })).toBe(true);
    const query = seen?.query ?? Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? ''));
    Object.assign(req, { cookies: seen?.cookies ?? getCookieParser(req.headers)() });
    const ctxRes = { statusCode: 200, setHeader: () => ctxRes };
    return { req, ctx: { req, res: ctxRes, query, resolvedUrl: url, params: {} } as unknown as GetServerSidePropsContext };
  }
  const early = (req: object) => Object.getOwnPropertySymbols(req).some((s) => s.description === 'gongkai.staffPageEarly');
  const cookieOf = async (actor: Actor) => `next-auth.session-token=${(await session(actor))['next-auth.session-token']}; theme=x`;

  it('starts the list’s and the dashboard’s reads before Next.js, and getServerSideProps takes them: same props, no SQL of its own', async () => {
    const cookie = await cookieOf(clerk);
    for (const [url, load] of [['/staff/cases?status=open&sort=due', caseListProps], ['/staff', dashboardProps]] as const) {
      const fresh = await load(context({ 'next-auth.session-token': (await session(clerk))['next-auth.session-token'], theme: 'x' }, url.includes('?') ? { status: 'open', sort: 'due' } : {}).ctx);
      const { req, ctx } = await viaFrontDoor('GET', url, cookie);
      expect(early(req), url).toBe(true);
      await new Promise((r) => setTimeout(r, 200)); // let the early reads finish
      const recording = recordStatements();
      const result = await load(ctx);
      expect(recording.stop(), url).toEqual([]);
      expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(JSON.stringify(fresh)));
      // A second getServerSideProps of the same request (Next's, after the front door left it to Next) takes
      // the same answer: no second read.
      const again = recordStatements();
      expect(JSON.parse(JSON.stringify(await load(ctx)))).toEqual(JSON.parse(JSON.stringify(fresh)));
      expect(again.stop(), url).toEqual([]);
    }
  });

  it('never hands a read to a request it was not started for: other cookies or another query load afresh', async () => {
    const mineCookie = await cookieOf(clerk);
    // Next's reading names another user (as if the two parsers disagreed): that user's page, not the clerk's.
    const { ctx } = await viaFrontDoor('GET', '/staff/cases', mineCookie, { cookies: await session(siblingClerk) });
    const result = await caseListProps(ctx);
    if (!('props' in result)) throw new Error('expected a page');
    const props = await result.props;
    if (props.notFound) throw new Error('not found');
    expect(props.userName).toMatch(/^邻局经办人-/);
    expect(props.rows.map((r) => r.trackingNo)).toContain(foreign);
    expect(props.rows.map((r) => r.trackingNo)).not.toContain(mine[0]);
    // Another query: the query Next read is the one served.
    const other = await viaFrontDoor('GET', '/staff/cases?q=%E9%A1%B5%E9%9D%A22026-03-02', mineCookie, { query: { q: '页面2026-03-03' } });
    const r2 = await caseListProps(other.ctx);
    if (!('props' in r2)) throw new Error('expected a page');
    const p2 = await r2.props;
    if (p2.notFound) throw new Error('not found');
    expect(p2.filters.q).toBe('页面2026-03-03');
    expect(p2.rows.map((r) => r.trackingNo)).toEqual([mine[1]]);
    // A signed-out early read on the list is not taken by the dashboard.
    const crossed = await viaFrontDoor('GET', '/staff/cases', '');
    expect(await dashboardProps(crossed.ctx)).toEqual({ redirect: { destination: '/signin?callbackUrl=%2Fstaff', permanent: false } });
  });

  it('starts nothing for HEAD, other pages or hostile paths; a failed early read reaches getServerSideProps, never unhandled', async () => {
    const cookie = await cookieOf(clerk);
    for (const [method, url] of [['HEAD', '/staff/cases'], ['GET', '/staff/cases/new'], ['GET', '/staff/'], ['GET', '/staff/queue'], ['GET', '/__proto__'], ['GET', '/constructor']] as const) {
      const { req } = await viaFrontDoor(method, url, cookie);
      expect(early(req), `${method} ${url}`).toBe(false);
    }
    const real = staffPagesServer();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      registerStaffPages({ ...real, caseList: (() => Promise.reject(new Error('database gone'))) as StaffPagesServer['caseList'] });
      const taken = await viaFrontDoor('GET', '/staff/cases', cookie);
      const notTaken = await viaFrontDoor('GET', '/staff/cases', cookie);
      registerStaffPages(real);
      await expect(caseListProps(taken.ctx)).rejects.toThrow('database gone');
      expect(early(notTaken.req)).toBe(true); // never taken: its rejection must not surface
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      registerStaffPages(real);
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
