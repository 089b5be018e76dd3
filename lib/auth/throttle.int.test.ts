/**
 * Throttles and sessions against the real PostgreSQL (issue 8 items 2 and 6): counters taken before the
 * secret is verified, keyed so a stranger cannot lock the owner out, parallel guesses, the purge, and
 * the session epoch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { userIdentifierData } from '@/lib/privacy/personal-data';
import { hashAccessCode } from '@/lib/cases/access-code';
import { createFixtureTree, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { trackLookup } from '@/lib/portal/track-lookup';
import { changeStaffUser, setStaffUserActive, signOutEverywhere } from '@/lib/admin/users';
import type { Actor } from '@/lib/cases/actor';
import { LIMITS, SOFT_AFTER, purgeExpiredCounters } from '@/lib/rate-limit';
import { hashPassword } from './password';
import { signInWithPassword } from './sign-in';
import { SESSION_ABSOLUTE_SECONDS, endAllSessions, isSessionCurrent } from './session-epoch';

const PREFIX = `TH${Date.now().toString(36)}`.toUpperCase();
const PASSWORD = 'Owner@2026!';
let tree: FixtureTree;
let admin: Actor;
let seq = 0;

async function newUser(role: 'applicant' | 'clerk' = 'applicant') {
  seq++;
  const email = `${PREFIX.toLowerCase()}.${seq}@test.gongkai.cn`;
  const user = await db.user.create({
    data: { role, name: `U${seq}`, ...userIdentifierData(email), passwordHash: await hashPassword(PASSWORD), orgId: role === 'clerk' ? tree.mid.id : null },
    select: { id: true, sessionEpoch: true },
  });
  return { ...user, email };
}

let net = 0;
/** A fresh /24 per test so per-address counters of one test do not touch another. */
function network() {
  net++;
  return (host: number) => `198.${18 + Math.floor(net / 250)}.${net % 250}.${host}`;
}

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  const a = await db.user.create({ data: { role: 'admin', name: 'Admin', ...userIdentifierData(`${PREFIX.toLowerCase()}.admin@test.gongkai.cn`), passwordHash: 'x', orgId: tree.root.id } });
  admin = { id: a.id, role: 'admin', orgId: tree.root.id, orgPath: tree.root.path };
});

describe('sign-in throttle', () => {
  it('a stranger’s wrong passwords lock only his own address; the owner still signs in from another', async () => {
    const owner = await newUser();
    const ip = network();
    const results = [];
    for (let i = 0; i < LIMITS.signInPerAccountAndIp.points + 3; i++) {
      results.push((await signInWithPassword({ identifier: owner.email, password: `wrong${i}`, address: ip(66) })).status);
    }
    expect(results.slice(0, LIMITS.signInPerAccountAndIp.points)).toEqual(Array(LIMITS.signInPerAccountAndIp.points).fill('failed'));
    expect(results.slice(LIMITS.signInPerAccountAndIp.points)).toEqual(['throttled', 'throttled', 'throttled']);
    // Even the right password from the stranger's address is not verified now.
    expect((await signInWithPassword({ identifier: owner.email, password: PASSWORD, address: ip(66) })).status).toBe('throttled');
    // The owner, elsewhere, is not affected.
    const ok = await signInWithPassword({ identifier: owner.email, password: PASSWORD, address: ip(7) });
    expect(ok.status).toBe('ok');
    const audit = await db.auditEvent.findMany({ where: { type: { startsWith: 'auth.sign_in' }, data: { path: ['address'], string_starts_with: ip(0).replace(/0$/, '') } }, select: { type: true } });
    const count = (t: string) => audit.filter((a) => a.type === t).length;
    expect(count('auth.sign_in_failed')).toBe(LIMITS.signInPerAccountAndIp.points);
    expect(count('auth.sign_in_throttled')).toBe(4);
    expect(count('auth.sign_in')).toBe(1);
  });

  it('successful sign-ins are not counted against the address', async () => {
    const owner = await newUser();
    const ip = network();
    for (let i = 0; i < LIMITS.signInPerIp.points + 5; i++) {
      expect((await signInWithPassword({ identifier: owner.email, password: PASSWORD, address: ip(1) })).status).toBe('ok');
    }
  });

  it('60 parallel wrong guesses from one address: at most the limit are verified, the rest refused unverified', async () => {
    const owner = await newUser();
    const ip = network();
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signInWithPassword({ identifier: owner.email, password: i === 40 ? PASSWORD : `guess${i}`, address: ip(9) })),
    );
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 'failed').length + statuses.filter((s) => s === 'ok').length).toBeLessThanOrEqual(LIMITS.signInPerAccountAndIp.points);
    expect(statuses.filter((s) => s === 'throttled').length).toBeGreaterThanOrEqual(60 - LIMITS.signInPerAccountAndIp.points);
  });

  it('beyond the per-account soft ceiling each address waits, but an address new to the account (the owner’s) does not', async () => {
    const owner = await newUser();
    const ip = network();
    // SOFT_AFTER + 2 failures spread over many addresses (a distributed attack), 1 each.
    for (let i = 0; i < SOFT_AFTER + 2; i++) {
      expect((await signInWithPassword({ identifier: owner.email, password: 'nope', address: ip(100 + i) })).status).toBe('failed');
    }
    // The next try from an attacking address is verified once, then that address must wait.
    expect((await signInWithPassword({ identifier: owner.email, password: 'nope', address: ip(100) })).status).toBe('failed');
    const delayed = await signInWithPassword({ identifier: owner.email, password: 'nope', address: ip(100) });
    expect(delayed).toMatchObject({ status: 'throttled' });
    expect((delayed as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // The owner's first attempt from their own address goes through.
    expect((await signInWithPassword({ identifier: owner.email, password: PASSWORD, address: ip(2) })).status).toBe('ok');
  });

  it('refuses deactivated accounts like wrong passwords', async () => {
    const clerk = await newUser('clerk');
    await setStaffUserActive(admin, clerk.id, false);
    expect((await signInWithPassword({ identifier: clerk.email, password: PASSWORD, address: network()(1) })).status).toBe('failed');
  });
});

describe('tracking look-up throttle', () => {
  const CODE = 'ABCDEFGH23456789';
  async function newCase() {
    seq++;
    const trackingNo = `GK2026-T${PREFIX.slice(-3)}${String(seq).padStart(4, '0')}`.slice(0, 15);
    const c = await db.case.create({
      data: {
        trackingNo,
        accessCodeHash: await hashAccessCode(CODE),
        orgId: tree.mid.id,
        applicantType: 'natural_person',
        applicantName: '张三',
        description: 'x',
        channel: 'online',
        status: 'in_progress',
      },
      select: { id: true },
    });
    return { id: c.id, trackingNo };
  }

  it('60 parallel wrong codes: at most the limit verified; the right code inside the burst fails too', async () => {
    const { trackingNo } = await newCase();
    const ip = network();
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => trackLookup(trackingNo, i === 39 ? CODE : `WRONG${String(i).padStart(11, '0')}`, ip(5))));
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 'wrong').length).toBeLessThanOrEqual(LIMITS.trackPerTrackingNoAndIp.points);
    expect(statuses[39]).toBe('throttled');
    expect(statuses.filter((s) => s === 'ok')).toEqual([]);
  });

  it('a stranger’s wrong codes do not lock the owner out of the tracking number', async () => {
    const { id, trackingNo } = await newCase();
    const ip = network();
    for (let i = 0; i < 10; i++) await trackLookup(trackingNo, `WRONG${String(i).padStart(11, '0')}`, ip(66));
    expect((await trackLookup(trackingNo, CODE, ip(66))).status).toBe('throttled');
    expect(await trackLookup(trackingNo, CODE, ip(7))).toEqual({ status: 'ok', value: id });
  });
});

describe('counter purge', () => {
  it('deletes expired counters and keeps live ones', async () => {
    await db.$executeRaw`INSERT INTO rate_limits (key, points, expire) VALUES ('test:expired', 3, ${Date.now() - 1000}), ('test:live', 1, ${Date.now() + 60_000})`;
    expect(await purgeExpiredCounters()).toBeGreaterThanOrEqual(1);
    const keys = (await db.rateLimit.findMany({ where: { key: { startsWith: 'test:' } }, select: { key: true } })).map((r) => r.key);
    expect(keys).toEqual(['test:live']);
  });
});

describe('session epoch', () => {
  const token = (u: { id: string }, epoch: number, authTime = Math.floor(Date.now() / 1000)) => ({ uid: u.id, epoch, authTime });

  it('ends every session of a user on "sign out everywhere" (audited), role change and deactivation', async () => {
    const clerk = await newUser('clerk');
    expect(await isSessionCurrent(token(clerk, 0))).toBe(true);
    await signOutEverywhere(admin, clerk.id);
    expect(await isSessionCurrent(token(clerk, 0))).toBe(false);
    expect(await isSessionCurrent(token(clerk, 1))).toBe(true);
    expect(await db.auditEvent.count({ where: { type: 'user.sessions_ended', data: { path: ['userId'], equals: clerk.id } } })).toBe(1);

    await changeStaffUser(admin, { userId: clerk.id, role: 'reviewer', orgId: tree.mid.id });
    expect(await isSessionCurrent(token(clerk, 1))).toBe(false);
    expect(await isSessionCurrent(token(clerk, 2))).toBe(true);
    // Saving the same role and organisation again ends nothing.
    await changeStaffUser(admin, { userId: clerk.id, role: 'reviewer', orgId: tree.mid.id });
    expect(await isSessionCurrent(token(clerk, 2))).toBe(true);

    await setStaffUserActive(admin, clerk.id, false);
    expect(await isSessionCurrent(token(clerk, 3))).toBe(false);
  });

  it('ends a session after the absolute lifetime and refuses tokens without an epoch', async () => {
    const user = await newUser();
    await endAllSessions(user.id);
    const now = Date.now();
    expect(await isSessionCurrent(token(user, 1, Math.floor(now / 1000) - SESSION_ABSOLUTE_SECONDS + 60), now)).toBe(true);
    expect(await isSessionCurrent(token(user, 1, Math.floor(now / 1000) - SESSION_ABSOLUTE_SECONDS - 1), now)).toBe(false);
    expect(await isSessionCurrent({ uid: user.id }, now)).toBe(false);
  });
});
