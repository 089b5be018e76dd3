import { randomBytes, randomInt } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, LETTER, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff, submitApplication } from '@/lib/cases/register-case';
import { verifyAccessCode } from '@/lib/cases/access-code';
import { getCaseForStaff, listCases, revealPersonalData } from '@/lib/cases/queries';
import { completeRegistration, registerApplicantSchema, startRegistration } from '@/lib/accounts/register-applicant';
import { decrypt, keyedDigest, keyring, keyringFromEnv } from '@/lib/crypto';
import { convertLegacyPersonalData, countRemaining } from '@/lib/privacy/convert';
import { rotateKey } from '@/lib/privacy/rotate-key';
import { openCaseContact, openRecipient, userByIdentifierWhere } from '@/lib/privacy/personal-data';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let outsider: Actor;
let admin: Actor;
let client: pg.Client;

/** A mobile number, e-mail address and resident-ID-like number no other test uses. */
function uniqueContact() {
  const mobile = `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  const tag = randomBytes(4).toString('hex');
  return { mobile, email: `applicant.${tag}@example.cn`, idNumber: `E${String(randomInt(1e7, 1e8))}`, postalAddress: `示范市幸福路${tag}号` };
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

beforeAll(async () => {
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept);
  reviewer = await createActor('reviewer', orgs.dept);
  outsider = await createActor('clerk', orgs.sibling);
  admin = await createActor('admin', orgs.root);
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

async function registerLetter(contact = uniqueContact()) {
  const { caseId } = await registerCaseByStaff({
    actor: clerk,
    now: at('2026-03-02'),
    form: { ...LETTER, ...contact, idDocType: 'passport', channel: 'in_person', arrivedOn: '2026-03-02', orgId: orgs.dept.id },
  });
  return { caseId, contact };
}

/** The newest registration message to an address (recipients are encrypted: opened, not compared in SQL). */
async function registrationMessage(address: string) {
  const rows = await db.outboxMessage.findMany({
    where: { caseId: null, template: { in: ['signup_code', 'signup_existing'] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 500,
  });
  const row = rows.find((r) => openRecipient(r) === address);
  if (!row) throw new Error(`no registration message to ${address}`);
  return row;
}

describe('storage', () => {
  it('keeps no plain mobile number, e-mail or postal address in cases, users or outbox_messages', async () => {
    const { caseId, contact } = await registerLetter();
    const portal = uniqueContact();
    const submitted = await submitApplication({ applicant: null, submissionKey: submissionKey(), now: at('2026-03-03'), form: { ...PORTAL_FORM, ...portal, idDocType: 'passport', orgId: orgs.dept.id } });
    const account = uniqueContact();
    const started = await startRegistration(registerApplicantSchema.parse({ name: '王五', identifier: account.email.toUpperCase(), password: 'Welcome@2026' }));
    const codeMessage = await registrationMessage(account.email);
    expect(codeMessage.template).toBe('signup_code');
    const done = await completeRegistration({ challengeId: (started as { challengeId: string }).challengeId, code: /(\d{6})/.exec(codeMessage.body)?.[1] ?? '' });
    expect(done.status).toBe('registered');
    const user = { id: (done as { userId: string }).userId };

    const rows = await client.query<{ t: string }>(
      `SELECT row_to_json(c)::text AS t FROM cases c WHERE id = ANY($1::uuid[])
       UNION ALL SELECT row_to_json(u)::text FROM users u WHERE id = $2::uuid
       UNION ALL SELECT row_to_json(o)::text FROM outbox_messages o WHERE case_id = ANY($1::uuid[]) OR id = $3::uuid`,
      [[caseId, submitted.caseId], user.id, codeMessage.id],
    );
    expect(rows.rows.length).toBeGreaterThanOrEqual(6); // 2 cases, 1 user, an SMS and an e-mail notice at least, the code
    const everything = rows.rows.map((r) => r.t).join('\n');
    for (const c of [contact, portal]) {
      for (const value of [c.mobile, c.email, c.postalAddress, c.idNumber]) expect(everything).not.toContain(value);
    }
    expect(everything).not.toContain(portal.mobile.slice(3));
    expect(everything.toLowerCase()).not.toContain(account.email);

    // …and the app reads them back.
    const stored = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(openCaseContact(stored)).toEqual({ mobile: contact.mobile, email: contact.email, postalAddress: contact.postalAddress });
    expect(stored.legacyMobile).toBeNull();
    const outbox = await db.outboxMessage.findMany({ where: { caseId: submitted.caseId }, orderBy: { channel: 'asc' } });
    expect(outbox.map((m) => [m.channel, openRecipient(m)])).toEqual([
      ['email', portal.email],
      ['sms', portal.mobile],
    ]);
    // Sign-in finds the account by its e-mail in any case, and registering it again only tells the owner.
    expect(await db.user.findFirst({ where: userByIdentifierWhere(` ${account.email} `), select: { id: true } })).toEqual({ id: user.id });
    expect((await startRegistration(registerApplicantSchema.parse({ name: '王五', identifier: account.email, password: 'Welcome@2026' }))).status).toBe('sent');
    expect((await registrationMessage(account.email)).template).toBe('signup_existing');
  });
});

describe('staff search by a full identifier', () => {
  it('finds the case by mobile, e-mail or identity number in any typed form, within the scope only', async () => {
    const { caseId, contact } = await registerLetter();
    await registerLetter(); // another applicant in the same organisation: never matched
    const ids = async (actor: Actor, q: string) => (await listCases(actor, { q })).items.map((i) => i.id);

    for (const q of [contact.mobile, `+86 ${contact.mobile.slice(0, 3)} ${contact.mobile.slice(3, 7)} ${contact.mobile.slice(7)}`, contact.email.toUpperCase(), ` ${contact.idNumber.toLowerCase()} `]) {
      expect(await ids(clerk, q)).toEqual([caseId]);
      expect(await ids(admin, q)).toEqual([caseId]);
      expect(await ids(outsider, q)).toEqual([]);
    }
    // A part of a number is not a search by identifier (and the plain text is not stored to match it).
    expect(await ids(clerk, contact.mobile.slice(0, 7))).toEqual([]);
    // Combined with the other filters.
    expect((await listCases(clerk, { q: contact.mobile, status: ['closed'] })).items).toEqual([]);
  });
});

describe('masked view and audited reveal', () => {
  it('shows contact details masked; a full value is returned only with an audit event, and only in scope', async () => {
    const { caseId, contact } = await registerLetter();
    const view = await getCaseForStaff(clerk, caseId);
    expect(view.applicant.mobile).toBe(`${contact.mobile.slice(0, 3)}****${contact.mobile.slice(7)}`);
    expect(view.applicant.email).toBe('a***@example.cn');
    expect(view.applicant.postalAddress).toMatch(/…$/);
    expect(JSON.stringify(view)).not.toContain(contact.mobile);
    expect(JSON.stringify(view)).not.toContain(contact.postalAddress);

    const audits = (type: string) => db.auditEvent.findMany({ where: { type, data: { path: ['caseId'], equals: caseId } }, select: { actorId: true, data: true } });
    expect((await rejection(revealPersonalData(outsider, caseId, 'mobile'))).code).toBe('NOT_FOUND');
    expect((await rejection(revealPersonalData(clerk, caseId, 'idNumber'))).code).toBe('FORBIDDEN');
    expect((await rejection(revealPersonalData(clerk, caseId, 'passwordHash' as never))).code).toBe('NOT_FOUND');
    expect(await audits('case.mobile_revealed')).toEqual([]);
    expect(await audits('case.id_number_revealed')).toEqual([]);

    expect(await revealPersonalData(clerk, caseId, 'mobile')).toBe(contact.mobile);
    expect(await revealPersonalData(clerk, caseId, 'email')).toBe(contact.email);
    expect(await revealPersonalData(clerk, caseId, 'postalAddress')).toBe(contact.postalAddress);
    expect(await revealPersonalData(reviewer, caseId, 'idNumber')).toBe(contact.idNumber);
    expect(await audits('case.mobile_revealed')).toEqual([{ actorId: clerk.id, data: { caseId, field: 'mobile' } }]);
    expect(await audits('case.email_revealed')).toHaveLength(1);
    expect(await audits('case.postal_address_revealed')).toHaveLength(1);
    expect(await audits('case.id_number_revealed')).toEqual([{ actorId: reviewer.id, data: { caseId, field: 'idNumber' } }]);
  });
});

describe('conversion of plain values stored before encryption', () => {
  it('encrypts them at start, indexes them, clears the plain columns, and does nothing the second time', async () => {
    const { caseId, contact } = await registerLetter();
    const user = await createActor('applicant', null);
    const legacyMobile = uniqueContact().mobile;
    // The state the migration leaves: plain values in *_plain, nothing encrypted, no identity-number index.
    await client.query(
      `UPDATE cases SET mobile_plain = $2, email_plain = $3, postal_address_plain = $4, mobile_enc = NULL, mobile_bidx = NULL,
              email_enc = NULL, email_bidx = NULL, postal_address_enc = NULL, id_number_bidx = NULL WHERE id = $1::uuid`,
      [caseId, contact.mobile, contact.email, contact.postalAddress],
    );
    await client.query(`UPDATE users SET mobile_plain = $2, email_enc = NULL, email_bidx = NULL WHERE id = $1::uuid`, [user.id, legacyMobile]);
    await client.query(`UPDATE outbox_messages SET recipient_plain = $2, recipient_enc = NULL WHERE case_id = $1::uuid AND channel = 'sms'`, [caseId, contact.mobile]);
    expect(await listCases(clerk, { q: contact.mobile })).toMatchObject({ items: [] });

    const lines: string[] = [];
    const first = await convertLegacyPersonalData(client, () => keyring(), (l) => lines.push(l), 2);
    expect(first.rows).toBeGreaterThanOrEqual(3);
    expect(lines.join('\n')).not.toContain(contact.mobile);

    const stored = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect([stored.legacyMobile, stored.legacyEmail, stored.legacyPostalAddress]).toEqual([null, null, null]);
    expect(openCaseContact(stored)).toEqual({ mobile: contact.mobile, email: contact.email, postalAddress: contact.postalAddress });
    expect((await listCases(clerk, { q: contact.idNumber })).items.map((i) => i.id)).toEqual([caseId]);
    expect((await listCases(clerk, { q: contact.mobile })).items.map((i) => i.id)).toEqual([caseId]);
    expect(await db.user.findFirst({ where: userByIdentifierWhere(legacyMobile), select: { id: true } })).toEqual({ id: user.id });
    const sms = await db.outboxMessage.findFirstOrThrow({ where: { caseId, channel: 'sms' } });
    expect([sms.legacyRecipient, openRecipient(sms)]).toEqual([null, contact.mobile]);

    expect((await convertLegacyPersonalData(client, () => keyring(), () => {})).rows).toBe(0);
  });
});

describe('rotate-key', () => {
  it('re-encrypts everything under the new key in batches, resumes after an interruption, and is audited', async () => {
    const { caseId, contact } = await registerLetter();
    const portalKey = submissionKey();
    const portalForm = { ...PORTAL_FORM, ...uniqueContact(), idDocType: 'passport' as const, orgId: orgs.dept.id };
    const portal = await submitApplication({ applicant: null, submissionKey: portalKey, now: at('2026-03-03'), form: portalForm });
    const originalKey = process.env.GONGKAI_ENCRYPTION_KEY as string;
    const newKey = randomBytes(32).toString('base64');
    const rotating = { GONGKAI_ENCRYPTION_KEY: newKey, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: originalKey };
    const ring = keyringFromEnv(rotating);
    const before = await countRemaining(client, 'rotate', ring);
    expect(before).toBeGreaterThan(2);

    // Interrupted after two batches of one row.
    const first = await rotateKey(client, { ring, batchSize: 1, maxBatches: 2 });
    expect(first).toMatchObject({ done: false, resumed: false, rows: 2 });
    expect(first.remaining).toBe(before - 2);
    const progress = await db.keyRotation.findUniqueOrThrow({ where: { id: first.rotationId } });
    expect(progress).toMatchObject({ status: 'running', targetKeyId: ring.current.id, rowsDone: 2 });

    // Meanwhile (app servers restarted with the new key and the old one as previous) both are found.
    Object.assign(process.env, rotating);
    expect((await listCases(clerk, { q: contact.mobile })).items.map((i) => i.id)).toEqual([caseId]);
    // A retried submission from before the new key still shows the code that was stored.
    const replay = await submitApplication({ applicant: null, submissionKey: portalKey, now: at('2026-03-03'), form: portalForm });
    expect(replay).toMatchObject({ isReplay: true, caseId: portal.caseId, accessCode: portal.accessCode });
    // The access code stored under the old key still opens the case, and is re-stored under the new one.
    expect(await verifyAccessCode(portal.trackingNo, portal.accessCode as string)).toBe(portal.caseId);

    const second = await rotateKey(client, { ring, batchSize: 7 });
    expect(second).toMatchObject({ done: true, resumed: true, rotationId: first.rotationId, remaining: 0, totalRows: before });
    expect(second.rows).toBe(before - 2);
    expect(await db.keyRotation.findUniqueOrThrow({ where: { id: first.rotationId } })).toMatchObject({ status: 'done' });

    // Nothing left under the old key: every stored value opens with the new key alone.
    const newOnly = keyringFromEnv({ GONGKAI_ENCRYPTION_KEY: newKey });
    process.env.GONGKAI_PREVIOUS_ENCRYPTION_KEYS = '';
    const { rows: values } = await client.query<{ v: string }>(
      `SELECT v FROM (SELECT unnest(ARRAY[mobile_enc, email_enc, postal_address_enc, id_number_enc]) AS v FROM cases
                      UNION ALL SELECT unnest(ARRAY[mobile_enc, email_enc]) FROM users
                      UNION ALL SELECT recipient_enc FROM outbox_messages) x WHERE v IS NOT NULL`,
    );
    expect(values.length).toBeGreaterThan(0);
    for (const { v } of values) {
      expect(v.startsWith(`v2.${newOnly.current.id}.`)).toBe(true);
      expect(() => decrypt(v, newOnly)).not.toThrow();
    }
    expect(await countRemaining(client, 'rotate', newOnly)).toBe(0);
    expect((await listCases(clerk, { q: contact.email })).items.map((i) => i.id)).toEqual([caseId]);
    expect(await verifyAccessCode(portal.trackingNo, portal.accessCode as string)).toBe(portal.caseId);
    expect(await revealPersonalData(clerk, caseId, 'mobile')).toBe(contact.mobile);

    const audited = await db.auditEvent.findMany({ where: { type: { startsWith: 'key.rotation_' }, data: { path: ['rotationId'], equals: first.rotationId } }, orderBy: { id: 'asc' } });
    expect(audited.map((a) => a.type)).toEqual(['key.rotation_started', 'key.rotation_resumed', 'key.rotation_completed']);
    expect(JSON.stringify(audited.map((a) => a.data))).not.toContain(newKey);

    // Back to the run's key, so the other test files read what they stored (a second rotation, in one go).
    const back = { GONGKAI_ENCRYPTION_KEY: originalKey, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: newKey };
    const restored = await rotateKey(client, { ring: keyringFromEnv(back) });
    expect(restored).toMatchObject({ done: true, resumed: false, remaining: 0 });
    Object.assign(process.env, { GONGKAI_ENCRYPTION_KEY: originalKey, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: '' });
    expect(await revealPersonalData(clerk, caseId, 'email')).toBe(contact.email);
  });
  it('leaves every access code working that was never used during it, and a sign-up code sent just before', async () => {
    const letter = await registerLetter();
    const letterCase = await db.case.findUniqueOrThrow({ where: { id: letter.caseId }, select: { trackingNo: true } });
    // The counter receipt's code (random) is not returned by registerCaseByStaff: set a known one the way it stores it.
    const { hashAccessCode } = await import('@/lib/cases/access-code');
    const letterCode = 'ABCDEFGHJKMNPQRS';
    await db.case.update({ where: { id: letter.caseId }, data: { accessCodeHash: await hashAccessCode(letterCode) } });
    const portalKey = submissionKey();
    const portalForm = { ...PORTAL_FORM, ...uniqueContact(), idDocType: 'passport' as const, orgId: orgs.dept.id };
    const portal = await submitApplication({ applicant: null, submissionKey: portalKey, now: at('2026-03-03'), form: portalForm });
    // A hash made by an earlier version under the data key's own subkey, never used either.
    const legacy = await registerLetter();
    const legacyCase = await db.case.findUniqueOrThrow({ where: { id: legacy.caseId }, select: { trackingNo: true } });
    const legacyCode = 'ZYXWVTSRQPNMKJHG';
    const legacyHash = `hmac1$${keyedDigest('access-code-hash', legacyCode).toString('base64url')}`;
    await db.case.update({ where: { id: legacy.caseId }, data: { accessCodeHash: legacyHash } });
    const signup = uniqueContact().email;
    const started = await startRegistration(registerApplicantSchema.parse({ name: '王五', identifier: signup, password: 'Secret@2026' }));
    const code = /(\d{6})/.exec((await registrationMessage(signup)).body)?.[1] as string;

    const originalKey = process.env.GONGKAI_ENCRYPTION_KEY as string;
    const newKey = randomBytes(32).toString('base64');
    const ring = keyringFromEnv({ GONGKAI_ENCRYPTION_KEY: newKey, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: originalKey });
    expect(await rotateKey(client, { ring })).toMatchObject({ done: true });
    // The old key is gone (the operator removed GONGKAI_PREVIOUS_ENCRYPTION_KEYS, as the command tells).
    Object.assign(process.env, { GONGKAI_ENCRYPTION_KEY: newKey, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: '' });
    try {
      const wrapped = await client.query<{ key_enc: string }>('SELECT key_enc FROM wrapped_keys');
      expect(wrapped.rows.length).toBe(2);
      for (const row of wrapped.rows) expect(row.key_enc.startsWith(`v2.${ring.current.id}.`)).toBe(true);
      const challenge = await client.query<{ email_enc: string }>('SELECT email_enc FROM signup_challenges WHERE id = $1::uuid', [(started as { challengeId: string }).challengeId]);
      expect(challenge.rows[0].email_enc.startsWith(`v2.${ring.current.id}.`)).toBe(true);

      expect(await verifyAccessCode(letterCase.trackingNo, letterCode)).toBe(letter.caseId);
      expect(await verifyAccessCode(portal.trackingNo, portal.accessCode as string)).toBe(portal.caseId);
      const replay = await submitApplication({ applicant: null, submissionKey: portalKey, now: at('2026-03-03'), form: portalForm });
      expect(replay).toMatchObject({ isReplay: true, caseId: portal.caseId, accessCode: portal.accessCode });
      expect(await verifyAccessCode(legacyCase.trackingNo, legacyCode)).toBe(legacy.caseId);
      expect(await verifyAccessCode(letterCase.trackingNo, 'ABCDEFGHJKMNPQRT')).toBeNull();
      expect(await completeRegistration({ challengeId: (started as { challengeId: string }).challengeId, code })).toMatchObject({ status: 'registered' });
      expect(await db.user.count({ where: userByIdentifierWhere(signup) })).toBe(1);
    } finally {
      const back = { GONGKAI_ENCRYPTION_KEY: originalKey, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: newKey };
      Object.assign(process.env, back);
      expect(await rotateKey(client, { ring: keyringFromEnv(back) })).toMatchObject({ done: true });
      Object.assign(process.env, { GONGKAI_ENCRYPTION_KEY: originalKey, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: '' });
    }
    expect(await verifyAccessCode(letterCase.trackingNo, letterCode)).toBe(letter.caseId);
  });
});
