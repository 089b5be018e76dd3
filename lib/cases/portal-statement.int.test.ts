/**
 * Issue 13 item 3: a portal submission without files is written by one statement (lib/cases/register-case.ts
 * createPortalCase) after one read, instead of a nine-statement transaction. Here on a real PostgreSQL:
 * - the rows are those the transaction path writes (case, public `submitted` event, outbox messages),
 *   column by column, for an anonymous applicant and for a signed-in one with an English locale;
 * - a new submission sends 2 statements, a replay 1; the write generations move as with the transaction;
 * - an unknown or retired organisation is refused and nothing is written;
 * - parallel submissions with one key create one case (also in lib/cases/cases.int.test.ts), and its
 *   event and messages once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { verifyAccessCode } from '@/lib/cases/access-code';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { submitApplication } from '@/lib/cases/register-case';
import { openCaseContact, openRecipient } from '@/lib/privacy/personal-data';
import { recordStatements } from '@/test/sql-statements';

let orgs: OrgTree;
let applicant: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  applicant = await createActor('applicant', null, '申请人');
  await db.user.update({ where: { id: applicant.id }, data: { locale: 'en' } });
});

/** Everything a submission wrote, with per-case values (ids, numbers, ciphertexts under random IVs) normalised. */
async function written(caseId: string) {
  const c = await db.case.findUniqueOrThrow({ where: { id: caseId } });
  const events = await db.caseEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
  const outbox = await db.outboxMessage.findMany({ where: { caseId }, orderBy: { channel: 'asc' } });
  const swap = (s: string) => s.replaceAll(c.trackingNo, '<tracking>');
  const { id, trackingNo, accessCodeHash, submissionKey: key, createdAt, updatedAt, arrivedAt, mobileEnc, emailEnc, postalAddressEnc, idNumberEnc, ...rest } = c;
  expect([id, trackingNo, accessCodeHash, key, createdAt, updatedAt, arrivedAt].every((v) => v !== null)).toBe(true);
  expect(updatedAt.getTime()).toBe(createdAt.getTime());
  return {
    case: { ...rest, contact: openCaseContact({ mobileEnc, emailEnc, postalAddressEnc }), hasIdNumber: idNumberEnc !== null },
    events: events.map(({ id: _id, caseId: _c, occurredAt, ...e }) => ({ ...e, occurredAtIsArrival: occurredAt.getTime() === arrivedAt!.getTime() })),
    outbox: outbox.map(({ id: _id, caseId: _c, recipientEnc, createdAt: _ca, nextAttemptAt: _n, subject, body, ...m }) => ({
      ...m,
      subject: swap(subject),
      body: swap(body),
      recipient: openRecipient({ recipientEnc }),
    })),
  };
}

const rootGeneration = async () =>
  (await db.$queryRaw<{ g: string }[]>`SELECT coalesce(sum(generation), 0)::text AS g FROM case_generations WHERE org_id = ${orgs.dept.id}`)[0]!.g;

describe('portal submission in one statement', () => {
  it.each([
    ['anonymous', () => null],
    ['signed-in applicant (English locale)', () => applicant],
  ])('writes the same rows as the transaction path: %s', async (_name, who) => {
    const form = { ...PORTAL_FORM, orgId: orgs.dept.id, postalAddress: '示范市人民路1号', postalCode: '100000', documentRef: '示政办〔2025〕1号' };
    const viaStatement = await submitApplication({ form, submissionKey: submissionKey(), applicant: who(), now: at('2026-03-02') });
    const viaTransaction = await submitApplication({ form, submissionKey: submissionKey(), applicant: who(), now: at('2026-03-02'), via: 'transaction' });
    const a = await written(viaStatement.caseId);
    const b = await written(viaTransaction.caseId);
    expect(a).toEqual(b);
    expect(a.events).toHaveLength(1);
    expect(a.outbox.map((m) => m.channel)).toEqual(['email', 'sms']);
    expect(a.case.status).toBe('pending_confirmation');
    // The access code works for both.
    for (const r of [viaStatement, viaTransaction]) expect(await verifyAccessCode(r.trackingNo, r.accessCode!)).toBe(r.caseId);
  });

  it('sends two statements for a new submission and one for a replay, and moves the write generation', async () => {
    const key = submissionKey();
    const form = { ...PORTAL_FORM, orgId: orgs.dept.id };
    const before = await rootGeneration();
    const rec = recordStatements();
    const first = await submitApplication({ form, submissionKey: key, applicant: null, now: at('2026-03-02') });
    const newSql = rec.stop();
    expect(newSql).toHaveLength(2);
    expect(await rootGeneration()).not.toBe(before);
    const rec2 = recordStatements();
    const again = await submitApplication({ form, submissionKey: key, applicant: null, now: at('2026-03-02', '10:05') });
    expect(rec2.stop()).toHaveLength(1);
    expect(again).toEqual({ ...first, isReplay: true });
  });

  it('refuses an unknown or a retired organisation and writes nothing', async () => {
    const retired = (await createOrgTree()).sibling;
    await db.organisation.update({ where: { id: retired.id }, data: { retiredAt: new Date() } });
    for (const [orgId, messageKey] of [
      [retired.id, 'case.org_retired'],
      [2_000_000_000, 'case.org_not_found'],
    ] as const) {
      const key = submissionKey();
      const e = await submitApplication({ form: { ...PORTAL_FORM, orgId }, submissionKey: key, applicant: null, now: at('2026-03-02') }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).messageKey).toBe(messageKey);
      expect(await db.case.count({ where: { submissionKey: key } })).toBe(0);
    }
  });

  it('creates one case, one event and one set of messages for parallel submissions with one key', async () => {
    const key = submissionKey();
    const form = { ...PORTAL_FORM, orgId: orgs.dept.id };
    const results = await Promise.all(Array.from({ length: 8 }, () => submitApplication({ form, submissionKey: key, applicant: null, now: at('2026-03-02') })));
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(new Set(results.map((r) => r.accessCode)).size).toBe(1);
    expect(results.filter((r) => !r.isReplay).length).toBe(1);
    const caseId = results[0]!.caseId;
    expect(await db.caseEvent.count({ where: { caseId } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { caseId } })).toBe(2);
  });
});
