/**
 * The staff pages of the Pages Router read the actor's scope snapshot beside the session check, guessing the
 * actor from the same user's previous page (lib/staff-pages/server.ts, lib/cases/count-cache.ts
 * prefetchScopeSnapshot; issue 13, one round trip less). Bug guarded against: the guess is used for an actor
 * who is no longer that actor — moved to another organisation, deactivated, demoted — so a page shows the
 * old scope's counts or shows anything at all; or the guess is not taken when it is right (no gain).
 */
import { randomBytes } from 'node:crypto';
import type { GetServerSidePropsContext } from 'next';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { dashboardCounts } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { workQueueCount } from '@/lib/cases/work-queue';
import { getServerSideProps as dashboardProps } from '@/pages/staff/index';
import { recordStatements } from '@/test/sql-statements';
import { provideStaffPages } from './server';

let orgs: OrgTree;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
  ensureTestEncryptionKey();
  await ensureCalendar();
  provideStaffPages();
  orgs = await createOrgTree();
  const registrar = await createActor('clerk', orgs.dept, '登记人');
  const other = await createActor('clerk', orgs.sibling, '邻局登记人');
  await registerCaseByStaff({ actor: registrar, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2026-03-02', applicantName: '本局申请人' } });
  for (const day of ['2026-03-02', '2026-03-03']) {
    await registerCaseByStaff({ actor: other, now: at(day), form: { ...LETTER, channel: 'in_person', arrivedOn: day, applicantName: `邻局${day}` } });
  }
});

async function cookiesFor(actor: Actor): Promise<Record<string, string>> {
  const { sessionEpoch } = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionEpoch: true } });
  const token = await encode({ token: { uid: actor.id, role: actor.role, epoch: sessionEpoch, authTime: Math.floor(Date.now() / 1000) }, secret: process.env.NEXTAUTH_SECRET! });
  return { 'next-auth.session-token': token };
}

function context(cookies: Record<string, string>) {
  const res = { statusCode: 200, setHeader: () => res };
  return { req: { cookies, headers: { 'accept-language': 'zh-CN' } }, res, query: {}, resolvedUrl: '/staff', params: {} } as unknown as GetServerSidePropsContext;
}

/** The dashboard's answer and the SQL it sent, in order. */
async function view(cookies: Record<string, string>) {
  const recording = recordStatements();
  const result = await dashboardProps(context(cookies));
  const sql = recording.stop();
  return { result, props: 'props' in result ? await result.props : null, sql };
}

const isSnapshot = (sql: string) => sql.includes('FROM case_generations');
const isAccount = (sql: string) => sql.includes('FROM users u LEFT JOIN organisations o');

describe('the scope snapshot read beside the session check', () => {
  it('is read after the account on a first view, and beside it (sent first, once) on the next', async () => {
    const clerk = await createActor('clerk', orgs.dept, '首访');
    const cookies = await cookiesFor(clerk);
    const first = await view(cookies);
    expect(first.sql.findIndex(isAccount)).toBeGreaterThanOrEqual(0);
    expect(first.sql.findIndex(isSnapshot)).toBeGreaterThan(first.sql.findIndex(isAccount));
    const second = await view(cookies);
    expect(second.sql.filter(isSnapshot)).toHaveLength(1);
    expect(second.sql.findIndex(isSnapshot)).toBeLessThan(second.sql.findIndex(isAccount));
    if (!second.props || second.props.notFound) throw new Error('expected the dashboard');
    expect(second.props.counts).toEqual(await dashboardCounts({ ...clerk }, new Date()));
  });

  it('drops the guess for a user moved to another organisation: the new scope at once', async () => {
    const clerk = await createActor('clerk', orgs.dept, '调动');
    const cookies = await cookiesFor(clerk);
    const before = await view(cookies);
    if (!before.props || before.props.notFound) throw new Error('expected the dashboard');
    await db.user.update({ where: { id: clerk.id }, data: { orgId: orgs.sibling.id } });
    const moved: Actor = { ...clerk, orgId: orgs.sibling.id, orgPath: orgs.sibling.path };
    const after = await view(cookies);
    if (!after.props || after.props.notFound) throw new Error('expected the dashboard');
    // The guessed (old) snapshot was read and thrown away; the page's comes from the fresh actor.
    expect(after.sql.filter(isSnapshot)).toHaveLength(2);
    expect(after.props.counts).toEqual(await dashboardCounts(moved, new Date()));
    expect(after.props.counts).not.toEqual(before.props.counts); // the two scopes differ (fixtures above)
    expect(after.props.orgName).toBe(orgs.sibling.name);
    expect(after.props.nav[0]?.count).toBe(await workQueueCount(moved));
  });

  it('gives nothing to a user deactivated or no longer staff since the guess', async () => {
    const deactivated = await createActor('clerk', orgs.dept, '停用');
    const demoted = await createActor('reviewer', orgs.dept, '降级');
    const cookies = [await cookiesFor(deactivated), await cookiesFor(demoted)];
    for (const c of cookies) expect((await view(c)).props).toMatchObject({ orgName: orgs.dept.name });
    await db.user.update({ where: { id: deactivated.id }, data: { isActive: false } });
    await db.user.update({ where: { id: demoted.id }, data: { role: 'applicant', orgId: null } });
    const gone = await view(cookies[0]!);
    expect(gone.result).toEqual({ redirect: { destination: '/signin?callbackUrl=%2Fstaff', permanent: false } });
    const notStaff = await view(cookies[1]!);
    expect(notStaff.props).toMatchObject({ notFound: true });
    expect(Object.keys(notStaff.props ?? {}).sort()).toEqual(['locale', 'messages', 'notFound', 'title']);
  });
});
