/**
 * The register's rows read beside the session check (session 8, issue 13 item 6): on a repeat view of
 * /staff/cases, lib/staff-pages/server.ts starts the page's rows for the actor the same user had on their
 * previous page and the organisation ids that actor's scope had (lib/cases/queries.ts guessListPage), while
 * the session's account and the scope snapshot are read; listCases takes them only if the fresh actor is that
 * actor, the fresh snapshot has those ids, and the filters, cursor, sort and instant are the request's own.
 * Bug guarded against: rows of a scope the fresh check did not grant — a user whose role or organisation
 * changed, who was deactivated or signed out everywhere, or whose subtree gained an organisation — shown
 * from the guess; a guess for other filters, another cursor or another day taken; a discarded guess's
 * failure surfacing as an unhandled rejection; or the guess never taken (no gain).
 */
import { randomBytes } from 'node:crypto';
import type { GetServerSidePropsContext } from 'next';
import pg from 'pg';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { pgPool } from '@/lib/db-pool';
import type { Actor } from '@/lib/cases/actor';
import { endAllSessions } from '@/lib/auth/session-epoch';
import { moveOrganisation } from '@/lib/admin/org-restructure';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { guessScopeIds } from '@/lib/cases/count-cache';
import { guessListPage, listCases, type ListCasesFilters } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { loadCalendar } from '@/lib/calendar/load-calendar';
import { addWorkingDays } from '@/lib/calendar/working-days';
import { getServerSideProps as caseListProps } from '@/pages/staff/cases';
import { recordStatements } from '@/test/sql-statements';
import { provideStaffPages } from './server';

let orgs: OrgTree;
/** A department under `orgs.dept` that starts outside it (moved in by a test). */
let outside: { id: number; path: string; code: string };
const tracking = { dept: [] as string[], sibling: [] as string[], outside: [] as string[] };
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
  ensureTestEncryptionKey();
  await ensureCalendar();
  provideStaffPages();
  process.on('unhandledRejection', onUnhandled);
  orgs = await createOrgTree();
  const suffix = randomBytes(4).toString('hex');
  const o = await db.organisation.create({
    data: { code: `LG-${suffix}`, name: `示范市外局${suffix}`, docPrefix: `外${suffix}`, kind: 'department', parentId: orgs.root.id, path: 'pending' },
  });
  outside = { id: o.id, code: o.code, path: `${orgs.root.path}${o.id}/` };
  await db.organisation.update({ where: { id: o.id }, data: { path: outside.path } });
  const registrars = {
    dept: await createActor('clerk', orgs.dept, '猜测登记人'),
    sibling: await createActor('clerk', orgs.sibling, '邻局猜测登记人'),
    outside: await createActor('clerk', outside, '外局登记人'),
  };
  // Received in March: open, their answers overdue by now (the pages use the real clock).
  for (const key of ['dept', 'sibling', 'outside'] as const) {
    for (const day of ['2026-03-02', '2026-03-03']) {
      const { trackingNo } = await registerCaseByStaff({ actor: registrars[key], now: at(day), form: { ...LETTER, channel: 'in_person', arrivedOn: day, applicantName: `猜测${key}${day}` } });
      tracking[key].push(trackingNo);
    }
  }
  // One of the department's due within the next working days (the due-soon view).
  const soon = addWorkingDays(chinaToday(new Date()), 2, await loadCalendar());
  await db.$executeRaw`UPDATE cases SET answer_due_on = ${soon}::date WHERE tracking_no = ${tracking.dept[1]!}`;
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

async function cookiesFor(actor: Actor): Promise<Record<string, string>> {
  const { sessionEpoch } = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionEpoch: true } });
  const token = await encode({ token: { uid: actor.id, role: actor.role, epoch: sessionEpoch, authTime: Math.floor(Date.now() / 1000) }, secret: process.env.NEXTAUTH_SECRET! });
  return { 'next-auth.session-token': token };
}

function context(cookies: Record<string, string>, query: GetServerSidePropsContext['query']) {
  const res = { statusCode: 200, setHeader: () => res };
  return { req: { cookies, headers: { 'accept-language': 'zh-CN' } }, res, query, resolvedUrl: '/staff/cases', params: {} } as unknown as GetServerSidePropsContext;
}

const OVERDUE = { overdue: '1', sort: 'due' };
const DUE_SOON = { due: '5', sort: 'due' };

const isRows = (sql: string) => /FROM cases c JOIN organisations o ON o\.id = c\.org_id/.test(sql);
const isAccount = (sql: string) => sql.includes('FROM users u LEFT JOIN organisations o');

/** Every statement a `pg` client sends and the moment its answer comes back, in order (while `events` is set). */
let events: { kind: 'send' | 'answer'; text: string }[] | null = null;
{
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = (typeof config === 'string' ? config : config?.text) ?? '';
    const log = events;
    log?.push({ kind: 'send', text });
    const last = args.length - 1;
    const callback = args[last];
    if (log && typeof callback === 'function') {
      args[last] = (...cbArgs: unknown[]) => {
        log.push({ kind: 'answer', text });
        return (callback as (...a: unknown[]) => unknown)(...cbArgs);
      };
    }
    const out = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (log && typeof callback !== 'function' && out && typeof (out as Promise<unknown>).then === 'function') {
      (out as Promise<unknown>).then(() => log.push({ kind: 'answer', text }), () => log.push({ kind: 'answer', text }));
    }
    return out;
  } as typeof pg.Client.prototype.query;
}

/** A view of /staff/cases: the answer, its props, the tracking numbers listed, the SQL sent (and answered), in order. */
async function view(cookies: Record<string, string>, query: GetServerSidePropsContext['query'] = OVERDUE) {
  // Enough open connections in the pool for the view's statements at once: a statement that must wait for a
  // new connection first would be answered later for that reason alone.
  await Promise.all(Array.from({ length: 4 }, () => pgPool().query('SELECT 1')));
  const recording = recordStatements();
  const log: { kind: 'send' | 'answer'; text: string }[] = [];
  events = log;
  const result = await caseListProps(context(cookies, query)).finally(() => {
    events = null;
  });
  const sql = recording.stop();
  const props = 'props' in result ? await result.props : null;
  const listed = props && !props.notFound ? props.rows.map((r) => r.trackingNo) : [];
  return { result, props, listed, sql, events: log, rowReads: sql.filter(isRows).length };
}

describe('the register’s rows read beside the session check', () => {
  it('on a repeat view reads the rows once, sent before the account’s answer, and lists what a fresh read lists', async () => {
    const clerk = await createActor('clerk', orgs.dept, '回访');
    const cookies = await cookiesFor(clerk);
    for (const query of [OVERDUE, DUE_SOON, {}, { sort: 'created' }]) {
      const first = await view(cookies, query);
      // First view of the process for this user: no guess, the rows after the account.
      const second = await view(cookies, query);
      // The guess taken: no read beyond the guessed one(s) (the unfiltered register reads a second part, the
      // cases without a receipt date, when the first leaves the page short).
      expect(second.rowReads, JSON.stringify(query)).toBe(first.rowReads);
      expect(second.rowReads).toBeGreaterThan(0);
      // Beside the session check: the rows' statement goes out before the account's answer has come back.
      const rowsSent = second.events.findIndex((e) => e.kind === 'send' && isRows(e.text));
      const accountAnswered = second.events.findIndex((e) => e.kind === 'answer' && isAccount(e.text));
      expect(rowsSent, JSON.stringify(second.events)).toBeGreaterThanOrEqual(0);
      expect(rowsSent, JSON.stringify(second.events)).toBeLessThan(accountAnswered);
      expect(second.listed).toEqual(first.listed);
      const filters: ListCasesFilters = 'overdue' in query ? { overdue: true } : 'due' in query ? { dueWithinWorkingDays: 5 } : {};
      const fresh = await listCases(clerk, filters, { sort: (query.sort as 'due' | 'created' | undefined) ?? 'received', limit: 50 });
      expect(second.listed).toEqual(fresh.items.map((i) => i.trackingNo));
      expect(second.listed.length).toBeGreaterThan(0);
      for (const no of [...tracking.sibling, ...tracking.outside]) expect(second.listed).not.toContain(no);
    }
    expect((await view(cookies, OVERDUE)).listed).toEqual(expect.arrayContaining(tracking.dept.slice(0, 1)));
  });

  it('drops the guess for a user whose organisation or role changed: the fresh scope’s rows only', async () => {
    const clerk = await createActor('clerk', orgs.dept, '调岗');
    const cookies = await cookiesFor(clerk);
    await view(cookies);
    expect((await view(cookies)).listed).toContain(tracking.dept[0]);
    await db.user.update({ where: { id: clerk.id }, data: { orgId: orgs.sibling.id } });
    const moved = await view(cookies);
    expect(moved.rowReads).toBe(2); // the guess (old scope) was read and thrown away
    expect(moved.listed.sort()).toEqual([...tracking.sibling].sort());
    // Same organisation, another role (reviewer): another actor, so the guess is not taken either.
    await db.user.update({ where: { id: clerk.id }, data: { role: 'reviewer' } });
    const promoted = await view(cookies);
    expect(promoted.rowReads).toBe(2);
    expect(promoted.listed.sort()).toEqual([...tracking.sibling].sort());
    // No longer staff: the 404 page, nothing of the register.
    await db.user.update({ where: { id: clerk.id }, data: { role: 'applicant', orgId: null } });
    const demoted = await view(cookies);
    expect(demoted.props).toMatchObject({ notFound: true });
    expect(Object.keys(demoted.props ?? {}).sort()).toEqual(['locale', 'messages', 'notFound', 'title']);
    expect(JSON.stringify(demoted.props)).not.toContain(tracking.sibling[0]);
  });

  it('gives nothing to a user deactivated or signed out everywhere since the guess', async () => {
    const deactivated = await createActor('clerk', orgs.dept, '停用猜测');
    const signedOut = await createActor('reviewer', orgs.dept, '登出猜测');
    const jars = [await cookiesFor(deactivated), await cookiesFor(signedOut)];
    for (const c of jars) {
      await view(c);
      expect((await view(c)).listed).toContain(tracking.dept[0]);
    }
    await db.user.update({ where: { id: deactivated.id }, data: { isActive: false } });
    await endAllSessions(signedOut.id);
    for (const c of jars) {
      const after = await view(c);
      expect(after.result).toEqual({ redirect: { destination: '/signin?callbackUrl=%2Fstaff%2Fcases', permanent: false } }); // … and not shown
    }
  });

  it('reads afresh when the scope’s organisations changed (an organisation moved into the subtree)', async () => {
    const clerk = await createActor('clerk', orgs.dept, '扩编');
    const cookies = await cookiesFor(clerk);
    await view(cookies);
    const before = await view(cookies);
    expect(before.rowReads).toBe(1);
    for (const no of tracking.outside) expect(before.listed).not.toContain(no);
    const admin = await createActor('admin', null, '调整管理员');
    const { changed } = await moveOrganisation(admin, { id: outside.id, expectedPath: outside.path, parentCode: (await db.organisation.findUniqueOrThrow({ where: { id: orgs.dept.id } })).code, reason: '机构调整' });
    expect(changed).toBe(true);
    const after = await view(cookies);
    expect(after.rowReads).toBe(2);
    for (const no of tracking.outside) expect(after.listed).toContain(no);
    // The next view guesses the new ids: one read again.
    const again = await view(cookies);
    expect(again.rowReads).toBe(1);
    expect(again.listed).toEqual(after.listed);
  });

  it('takes a guess only for the request’s own filters, cursor, sort and instant; a failed guess fails nothing', async () => {
    const clerk = await createActor('clerk', orgs.dept, '参数');
    const now = new Date();
    const page = { sort: 'due' as const, limit: 1 };
    const fresh = await listCases(clerk, { overdue: true }, page, now);
    // The ids the scope had at that read (remembered per organisation path by the snapshot's read).
    const ids = guessScopeIds(clerk)!;
    expect(ids).toContain(orgs.dept.id);
    expect(ids).not.toContain(orgs.sibling.id);
    expect(fresh.nextCursor).not.toBeNull();
    const count = async (work: () => Promise<unknown>) => {
      const rec = recordStatements();
      const out = await work();
      return { out, reads: rec.stop().filter(isRows).length };
    };
    // The request's own: taken (the guess's statement only).
    const same = guessListPage(clerk, ids, { overdue: true }, page, now)!;
    await same.result;
    expect(await count(() => listCases(clerk, { overdue: true }, page, now, same))).toEqual({ out: fresh, reads: 0 });
    // Other filters, another cursor, another sort, another instant (tomorrow: another "today" and window),
    // other scope ids, another actor: each read afresh, each answer the fresh one.
    const tomorrow = new Date(now.getTime() + 86_400_000);
    const variants = [
      { guess: guessListPage(clerk, ids, { dueWithinWorkingDays: 5 }, page, now)!, filters: { overdue: true }, page, now },
      { guess: guessListPage(clerk, ids, { overdue: true }, page, now)!, filters: { overdue: true }, page: { ...page, cursor: fresh.nextCursor }, now },
      { guess: guessListPage(clerk, ids, {}, { sort: 'received', limit: 1 }, now)!, filters: {}, page: { sort: 'created' as const, limit: 1 }, now },
      { guess: guessListPage(clerk, ids, { overdue: true }, page, tomorrow)!, filters: { overdue: true }, page, now },
      { guess: guessListPage(clerk, [orgs.dept.id, orgs.sibling.id], { overdue: true }, page, now)!, filters: { overdue: true }, page, now },
      { guess: guessListPage({ ...clerk, role: 'reviewer' }, ids, { overdue: true }, page, now)!, filters: { overdue: true }, page, now },
    ];
    for (const [i, v] of variants.entries()) {
      expect(v.guess, String(i)).not.toBeNull();
      await v.guess.result;
      const { out, reads } = await count(() => listCases(clerk, v.filters, v.page, v.now, v.guess));
      expect(reads, String(i)).toBe(1);
      expect(out, String(i)).toEqual(await listCases(clerk, v.filters, v.page, v.now));
    }
    // Shapes that need more than the one-statement reads are not guessed at all.
    expect(guessListPage(clerk, ids, { q: '猜测' }, page, now)).toBeNull();
    expect(guessListPage(clerk, ids, { overdue: true, status: ['in_progress'] }, page, now)).toBeNull();
    // A guess that fails (an edited cursor) resolves to null; the request's own read reports the error.
    const broken = guessListPage(clerk, ids, { overdue: true }, { ...page, cursor: 'not-a-cursor' }, now)!;
    expect(await broken.result).toBeNull();
    await expect(listCases(clerk, { overdue: true }, { ...page, cursor: 'not-a-cursor' }, now, broken)).rejects.toMatchObject({ code: 'VALIDATION' });
    // And on the page: an edited cursor on a repeat view shows the first page with the message.
    const cookies = await cookiesFor(clerk);
    await view(cookies);
    const edited = await view(cookies, { ...OVERDUE, cursor: 'x'.repeat(40) });
    expect(edited.props).toMatchObject({ cursorInvalid: true, cursor: null });
    await new Promise((r) => setTimeout(r, 20));
    expect(unhandled).toEqual([]);
  });
});
