/**
 * getActor reads the session cookie itself (lib/auth/session.ts: next-auth's decoder, remembered per token
 * value for a minute) instead of running next-auth's session route on every page. What must still hold, with
 * real tokens from next-auth's own encoder against the real database: the user, role and organisation come
 * from the database; ending the user's sessions (epoch), deactivation and the absolute lifetime end the
 * session at once, remembered decoding or not; a forged, foreign or expired token is no session; the cookie
 * name follows next-auth (`__Secure-` over https) and chunked cookies are joined.
 * Stand-in: Next's request scope (next/headers: this test's cookie jar).
 */
import { randomBytes } from 'node:crypto';
import { encode, type JWT } from 'next-auth/jwt';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  }),
  headers: async () => new Headers(),
}));

import { db } from '@/lib/db';
import { createActor, createOrgTree, type OrgTree } from '@/lib/cases/int-fixtures';
import type { Actor } from '@/lib/cases/actor';
import { getActor, sessionCookieValue } from './session';
import { SESSION_ABSOLUTE_SECONDS, endAllSessions } from './session-epoch';

let orgs: OrgTree;
let clerk: Actor;
const nextAuthUrl = process.env.NEXTAUTH_URL;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '会话经办人');
});

afterEach(() => {
  jar.clear();
  process.env.NEXTAUTH_URL = nextAuthUrl;
  if (nextAuthUrl === undefined) delete process.env.NEXTAUTH_URL;
});

async function epochOf(id: string): Promise<number> {
  return (await db.user.findUniqueOrThrow({ where: { id }, select: { sessionEpoch: true } })).sessionEpoch;
}

/** A session token as next-auth issues it at sign-in (lib/auth/options.ts jwt callback). */
async function tokenFor(actor: Actor, over: Partial<JWT> = {}, opts: { secret?: string; maxAge?: number } = {}): Promise<string> {
  return encode({
    token: { uid: actor.id, role: actor.role, orgId: actor.orgId, orgPath: actor.orgPath, epoch: await epochOf(actor.id), authTime: Math.floor(Date.now() / 1000), ...over },
    secret: opts.secret ?? process.env.NEXTAUTH_SECRET!,
    ...(opts.maxAge !== undefined ? { maxAge: opts.maxAge } : {}),
  });
}

describe('getActor from the session cookie', () => {
  it('is the user as the database has them, and ends with the user’s sessions even when the token was decoded before', async () => {
    const user = await createActor('clerk', orgs.dept, '会话');
    jar.set('next-auth.session-token', await tokenFor(user));
    const actor = await getActor();
    expect(actor).toMatchObject({ id: user.id, role: 'clerk', orgId: orgs.dept.id, orgPath: orgs.dept.path });
    expect(actor?.orgName).toBeTruthy();
    // The same cookie again (its decoding remembered): still checked against the database.
    await endAllSessions(user.id);
    expect(await getActor()).toBeNull();
    // A token under the new epoch is a session again; a role change in the database shows at once.
    jar.set('next-auth.session-token', await tokenFor(user));
    expect((await getActor())?.id).toBe(user.id);
    await db.user.update({ where: { id: user.id }, data: { role: 'reviewer' } });
    expect((await getActor())?.role).toBe('reviewer');
    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await getActor()).toBeNull();
  });

  it('refuses tokens past the absolute lifetime, expired, forged, under another secret, or without a user id', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string][] = [
      ['past the absolute lifetime', await tokenFor(clerk, { authTime: now - SESSION_ABSOLUTE_SECONDS - 1 })],
      ['expired', await tokenFor(clerk, {}, { maxAge: -60 })],
      ['another secret', await tokenFor(clerk, {}, { secret: randomBytes(32).toString('base64') })],
      ['forged', 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC'],
      ['garbage with a NUL', `x\u0000${'y'.repeat(5000)}`],
      ['not a uuid', await tokenFor(clerk, { uid: "' OR 1=1 --" })],
      ['no epoch', await tokenFor(clerk, { epoch: undefined })],
      ['old epoch', await tokenFor(clerk, { epoch: -1 })],
    ];
    for (const [label, token] of cases) {
      jar.set('next-auth.session-token', token);
      expect(await getActor(), label).toBeNull();
    }
    jar.clear();
    expect(await getActor()).toBeNull();
    // Still refused the second time (a refusal remembered is still a refusal).
    jar.set('next-auth.session-token', cases[0]![1]);
    expect(await getActor()).toBeNull();
    jar.set('next-auth.session-token', await tokenFor(clerk));
    expect((await getActor())?.id).toBe(clerk.id);
  });

  it('reads the cookie next-auth writes: `__Secure-` over https, chunks joined in order', async () => {
    const token = await tokenFor(clerk);
    process.env.NEXTAUTH_URL = 'https://gk.example.gov.cn';
    jar.set('next-auth.session-token', token);
    expect(await getActor()).toBeNull(); // the plain name is not the session cookie of an https site
    jar.set('__Secure-next-auth.session-token', token);
    expect((await getActor())?.id).toBe(clerk.id);
    jar.clear();
    delete process.env.NEXTAUTH_URL;
    jar.set('next-auth.session-token.1', token.slice(40));
    jar.set('next-auth.session-token.0', token.slice(0, 40));
    expect((await getActor())?.id).toBe(clerk.id);
    expect(sessionCookieValue({ getAll: () => [{ name: 'next-auth.session-token.x', value: 'a' }] })).toBeNull();
    expect(sessionCookieValue({ getAll: () => [{ name: 'next-auth.session-token.10', value: 'c' }, { name: 'next-auth.session-token.2', value: 'b' }, { name: 'next-auth.session-token.1', value: 'a' }] })).toBe('abc');
  });
});
