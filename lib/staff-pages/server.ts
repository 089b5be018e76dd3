import 'server-only';
import { createHash } from 'node:crypto';
import { actorFromCookies, checkRole, sessionTokenUserId, STAFF_ROLES, type SessionUser } from '@/lib/auth/session';
import type { Actor } from '@/lib/cases/actor';
import { guessScopeIds, oneRequest, prefetchScopeSnapshot, usePrefetchedSnapshot, type PrefetchedSnapshot } from '@/lib/cases/count-cache';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { countCases, dashboardCounts, DUE_SOON_WORKING_DAYS, guessListPage, listCases, type CaseSort, type DashboardCounts, type ListCasesFilters } from '@/lib/cases/queries';
import { DomainError } from '@/lib/errors';
import { messagesFor, type Messages } from '@/lib/i18n/catalogue';
import type { StaffPageMessageSet } from '@/lib/i18n/client-messages';
import { LOCALE_COOKIE, localeFrom, type Locale } from '@/lib/i18n/config';
import { messageAt } from '@/lib/i18n/lite-format';
import type { MessageSetRef } from '@/lib/i18n/message-asset-ref';
import { messageSetRef } from '@/lib/i18n/message-assets';
import { organisationOption } from '@/lib/portal/org-search';
import type { PickerOption } from '@/components/search-picker';
import { staffMemberInScope, type StaffMember } from '@/app/(staff)/staff/_lib/directory';
import { orgPickerOption } from '@/app/(staff)/staff/_lib/picker-options';
import { parseListQuery, type RawSearchParams } from '@/app/(staff)/staff/cases/list-params';
import type { CaseRowData } from '@/app/(staff)/staff/cases/case-rows';
import { documentOnly } from './document-only';
import { registerStaffPages } from './registry';
import { staffNav } from './staff-nav';

/**
 * The server side of the staff pages served by the Pages Router: the dashboard (/staff) and the case list
 * (/staff/cases) — issue 13 item 1, their cost beside their SQL without the App Router's rendering
 * (docs/decisions.md "staff list and dashboard on the Pages Router"). A Pages page's getServerSideProps may
 * not import `server-only` modules (Next refuses at build time), so this module reaches it through
 * lib/staff-pages/registry.ts: instrumentation.ts registers it when the server starts.
 *
 * The checks are the App Router's: the session from the request's cookies with getActor's checks
 * (actorFromCookies), requireRole's decision (checkRole: sign-in page, or "not found" for a signed-in user
 * without a staff role), then the page's reads scoped by the actor (listCases, countCases, dashboardCounts),
 * run in parallel with the header's 待办 count. Nothing is cached per user here.
 */

/** What a Pages page hands over from its request. */
export interface StaffPageRequest {
  cookies: Partial<Record<string, string>>;
  acceptLanguage: string | undefined;
  query: RawSearchParams;
}

/** The header of the staff frame (components/staff/staff-page.tsx), as the App Router's staff layout shows it. */
export interface StaffFrameProps {
  locale: Locale;
  /**
   * The page's lite message set (CLIENT_MESSAGES[set]: the header's texts and the page's) by reference: the
   * browser loads it as a cached script (lib/i18n/message-asset-ref.ts), the server render reads it from the ref.
   */
  messages: MessageSetRef;
  /** The document's title (pages/_document.tsx). */
  title: string;
  nav: { href: string; labelKey: string; count?: number }[];
  userName: string;
}

/** The answer for a request: off to the sign-in page, "not found" (a 404 page), or the page's props. */
export type StaffPageAnswer<P> = { kind: 'signIn'; destination: string } | { kind: 'notFound'; props: StaffNotFoundProps } | { kind: 'page'; props: P & StaffFrameProps };

/** The 404 page a signed-in user without a staff role gets (as app/not-found.tsx shows it). */
export interface StaffNotFoundProps {
  notFound: true;
  locale: Locale;
  messages: MessageSetRef;
  title: string;
}

export interface StaffDashboardProps {
  counts: DashboardCounts;
  dueSoonDays: number;
  /** Today in China (YYYY-MM-DD). */
  today: string;
  orgName: string;
  canRegister: boolean;
}

export interface StaffCaseListProps {
  filters: ListCasesFilters;
  sort: CaseSort;
  cursor: string | null;
  nextCursor: string | null;
  /** The cursor was stale or edited: the first page is shown with a message. */
  cursorInvalid: boolean;
  total: { count: number; isCapped: boolean };
  /**
   * The page's rows, for the server's render only: the document's JSON carries null (lib/staff-pages/document-only.ts),
   * the browser takes the rendered rows from the document (case-rows.tsx CaseRowsBody).
   */
  rows: CaseRowData[];
  /** How many rows the page has (the JSON's count, as `rows` is not in it). */
  rowCount: number;
  /** Names this page's rendered rows in the document (a digest of their ids), for CaseRowsBody. */
  rowsKey: string;
  chosenOrg: PickerOption | null;
  chosenClerk: StaffMember | null;
  canRegister: boolean;
}

const PAGE_SIZE = 50;

interface Start<G = null> {
  locale: Locale;
  all: Messages;
  check: ReturnType<typeof checkRole>;
  /** The scope snapshot of the user's previous staff page, read beside the session check (a guess). */
  prefetched: PrefetchedSnapshot | null;
  /** The page's own guessed read, started beside the session check (start's `guessWork`), or null. */
  guessed: G | null;
}

/**
 * Per user id, the staff actor of their previous staff page in this process (role, organisation, its path):
 * the guess whose scope snapshot is read beside the next request's session check (prefetchScopeSnapshot),
 * taken only if the fresh actor equals it. Holds no more than the session check reads; bounded.
 */
const previousActor = new Map<string, Actor>();
const PREVIOUS_ACTOR_MAX = 10_000;

/**
 * The request's locale and role check, with the guessed reads started beside the session's account
 * statement: the scope snapshot of the guessed actor (prefetchScopeSnapshot) and, when the page passes
 * `guessWork`, its own read for that actor (the register's rows: guessListPage). Each guess is taken only by
 * a fresh actor equal to it (usePrefetchedSnapshot, listCases); otherwise it is dropped, its failure caught.
 */
async function start<G = null>(req: StaffPageRequest, callbackUrl: string, guessWork?: (guess: Actor) => G | null): Promise<Start<G>> {
  const locale = localeFrom(req.cookies[LOCALE_COOKIE], req.acceptLanguage);
  const store = { getAll: () => Object.entries(req.cookies).map(([name, value]) => ({ name, value: value ?? '' })) };
  const uid = await sessionTokenUserId(store);
  const guess = uid ? previousActor.get(uid) : undefined;
  const prefetched = guess ? prefetchScopeSnapshot(guess) : null;
  const guessed = guess && guessWork ? guessWork(guess) : null;
  const actor = await actorFromCookies(store);
  if (actor && STAFF_ROLES.includes(actor.role)) {
    if (previousActor.size >= PREVIOUS_ACTOR_MAX && !previousActor.has(actor.id)) previousActor.clear();
    previousActor.set(actor.id, { role: actor.role, id: actor.id, orgId: actor.orgId, orgPath: actor.orgPath });
  }
  return { locale, all: messagesFor(locale), check: checkRole(actor, STAFF_ROLES, callbackUrl), prefetched, guessed };
}

function siteTitle(all: Messages): string {
  const text = (key: string) => messageAt(all, key) ?? key;
  return `${text('app.name')} · ${text('app.fullName')}`;
}

/** The page's answer once the role is checked: its frame (with the 待办 count) and its own props, read in parallel. */
async function answer<P, G>(s: Start<G>, set: StaffPageMessageSet, load: (user: SessionUser) => Promise<P>): Promise<StaffPageAnswer<P>> {
  const { locale, all, check } = s;
  if (check.kind === 'signIn') return check;
  const messages = messageSetRef(set, locale);
  if (check.kind === 'notFound') return { kind: 'notFound', props: { notFound: true, locale, messages, title: siteTitle(all) } };
  const user = check.actor;
  // One scope snapshot for both (lib/cases/count-cache.ts oneRequest: no React render here to share it) —
  // the prefetched one when the actor is the one guessed.
  const [nav, own] = await oneRequest(() => {
    if (s.prefetched) usePrefetchedSnapshot(s.prefetched);
    return Promise.all([staffNav(user), load(user)]);
  });
  return { kind: 'page', props: { ...own, locale, messages, title: siteTitle(all), nav, userName: user.name } };
}

/** 工作概况 (/staff): what needs attention now, each count linking to the filtered case list. */
export async function loadStaffDashboard(req: StaffPageRequest, now: Date = new Date()): Promise<StaffPageAnswer<StaffDashboardProps>> {
  return answer(await start(req, '/staff'), 'staffDashboard', async (user) => ({
    counts: await dashboardCounts(user, now),
    dueSoonDays: DUE_SOON_WORKING_DAYS,
    today: chinaToday(now),
    orgName: user.orgName ?? '',
    canRegister: user.role === 'clerk' || user.role === 'reviewer',
  }));
}

/**
 * 申请件 (/staff/cases): the case register of the actor's scope. Filters come from the query string (parsed
 * leniently: a value that is not allowed is dropped), the rows from the case library's keyset-paginated
 * listCases (a stale or edited cursor shows the first page with a message), the count, and the labels of
 * the chosen organisation and clerk filters — only those: the pickers load other matches on demand.
 */
export async function loadStaffCaseList(req: StaffPageRequest, now: Date = new Date()): Promise<StaffPageAnswer<StaffCaseListProps>> {
  const query = parseListQuery(req.query);
  const f = query.filters;
  const page = { cursor: query.cursor, sort: query.sort, limit: PAGE_SIZE };
  // The page's rows read beside the session check for the guessed actor and the scope ids it had last time
  // (guessListPage): listCases takes them only if the fresh actor and scope are those; else it reads afresh.
  const s = await start(req, '/staff/cases', (guess) => {
    const ids = guessScopeIds(guess);
    return ids === undefined ? null : guessListPage(guess, ids, f, page, now);
  });
  return answer(s, 'staffList', async (user) => {
    const scopePath = user.role === 'admin' ? null : (user.orgPath ?? '/none/');
    const [listed, total, chosenOrg, chosenClerk] = await Promise.all([
      listCases(user, f, page, now, s.guessed).then(
        (result) => ({ result, cursorInvalid: false }),
        async (e: unknown) => {
          if (!(e instanceof DomainError) || e.code !== 'VALIDATION') throw e;
          return { result: await listCases(user, f, { sort: query.sort, limit: PAGE_SIZE }, now), cursorInvalid: true };
        },
      ),
      countCases(user, f, now),
      f.orgId !== undefined ? organisationOption(f.orgId, scopePath) : null,
      f.clerkId && f.clerkId !== 'unassigned' ? staffMemberInScope(user, f.clerkId) : null,
    ]);
    const rows: CaseRowData[] = listed.result.items.map((c) => ({
      id: c.id,
      trackingNo: c.trackingNo,
      channel: c.channel,
      applicantName: c.applicantName,
      applicantType: c.applicantType,
      description: c.descriptionExcerpt,
      org: c.org.name,
      clerk: c.assignedClerk?.name ?? null,
      status: c.status,
      receivedOn: c.receivedOn,
      answerDueOn: c.answerDueOn,
      ...(c.answerDueProvisional ? { provisional: true as const } : {}),
      ...(c.isOverdue ? { overdue: true as const } : {}),
      outcome: c.outcome,
    }));
    return {
      // Props travel as JSON: filters without their unset (undefined) entries.
      filters: Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as ListCasesFilters,
      sort: query.sort,
      cursor: listed.cursorInvalid ? null : query.cursor,
      nextCursor: listed.result.nextCursor,
      cursorInvalid: listed.cursorInvalid,
      total,
      rows: documentOnly(rows),
      rowCount: rows.length,
      rowsKey: createHash('sha256').update(rows.map((r) => r.id).join(',')).digest('base64url').slice(0, 16),
      chosenOrg: chosenOrg ? orgPickerOption(chosenOrg) : null,
      chosenClerk,
      canRegister: user.role === 'clerk' || user.role === 'reviewer',
    };
  });
}

/** Hands these loaders to the Pages Router's pages (lib/staff-pages/registry.ts); instrumentation.ts calls it. */
export function provideStaffPages(): void {
  registerStaffPages({ dashboard: loadStaffDashboard, caseList: loadStaffCaseList });
}
