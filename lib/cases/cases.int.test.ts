/**
 * Concurrency, idempotency, scope and access codes of the case library on a real PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { hash as argon2Hash } from '@node-rs/argon2';
import { normalizeAccessCode, verifyAccessCode } from '@/lib/cases/access-code';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import {
  at,
  createActor,
  createOrgTree,
  ensureCalendar,
  ensureTestEncryptionKey,
  LETTER,
  PORTAL_FORM,
  submissionKey,
  type OrgTree,
} from '@/lib/cases/int-fixtures';
import { dashboardCounts, getCaseForApplicant, getCaseForStaff, listCases } from '@/lib/cases/queries';
import { registerCaseByStaff, submitApplication } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let reviewer2: Actor;
let outsider: Actor;
let rootReviewer: Actor;
let admin: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept);
  reviewer = await createActor('reviewer', orgs.dept);
  reviewer2 = await createActor('reviewer', orgs.dept);
  outsider = await createActor('clerk', orgs.sibling);
  rootReviewer = await createActor('reviewer', orgs.root);
  admin = await createActor('admin', null);
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const e = await promise.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** A counter case with an answer draft submitted for approval ("not held": no confidentiality review needed). */
async function caseAwaitingApproval(date = '2026-03-02'): Promise<{ caseId: string; version: number }> {
  const { caseId } = await registerCaseByStaff({ actor: clerk, now: at(date), form: { ...LETTER, channel: 'in_person' } });
  const draft = await saveAnswerDraft({
    caseId,
    expectedVersion: 0,
    actor: clerk,
    now: at(date, '11:00'),
    draft: { outcome: 'unavailable_not_held', reason: '经检索，本机关未制作、获取该信息。' },
  });
  expect(draft.missing).toEqual([]);
  const submitted = await transitionCase({ caseId, expectedVersion: draft.version, name: 'submit_answer', input: {}, actor: clerk, now: at(date, '12:00') });
  return { caseId, version: submitted.version };
}

describe('compare-and-set', () => {
  it('lets exactly one of two reviewers approving the same answer at once succeed; the other gets CONFLICT', async () => {
    const { caseId, version } = await caseAwaitingApproval();
    const results = await Promise.allSettled([
      transitionCase({ caseId, expectedVersion: version, name: 'approve_answer', input: {}, actor: reviewer, now: at('2026-03-03') }),
      transitionCase({ caseId, expectedVersion: version, name: 'approve_answer', input: {}, actor: reviewer2, now: at('2026-03-03') }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(DomainError);
    expect((failed[0].reason as DomainError).code).toBe('CONFLICT');
    expect((failed[0].reason as DomainError).messageKey).toBe('case.conflict');
    // One event, one number.
    expect(await db.caseEvent.count({ where: { caseId, type: 'answer_approved' } })).toBe(1);
    const docs = await db.document.findMany({ where: { caseId, type: 'answer' }, select: { docNumber: true, status: true } });
    expect(docs).toEqual([{ docNumber: expect.stringMatching(/答〔2026〕\d+号$/), status: 'issued' }]);
  });

  it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
    const { caseId } = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person' } });
    await transitionCase({ caseId, expectedVersion: 0, name: 'claim', input: {}, actor: clerk, now: at('2026-03-02') });
    const e = await rejection(transitionCase({ caseId, expectedVersion: 0, name: 'assign', input: { assigneeId: reviewer.id }, actor: reviewer, now: at('2026-03-02') }));
    expect(e.code).toBe('CONFLICT');
    const c = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, assignedClerkId: true } });
    expect(c).toEqual({ version: 1, assignedClerkId: clerk.id });
  });
});

describe('document numbers', () => {
  it('are sequential and unique per organisation, type and year under concurrent approvals', async () => {
    const cases = [];
    for (let i = 0; i < 6; i++) cases.push(await caseAwaitingApproval('2026-03-04'));
    const before = await db.documentSequence.findUnique({ where: { orgId_type_year: { orgId: orgs.dept.id, type: 'answer', year: 2026 } } });
    const start = before?.lastSeq ?? 0;
    const results = await Promise.all(
      cases.map((c, i) =>
        transitionCase({ caseId: c.caseId, expectedVersion: c.version, name: 'approve_answer', input: {}, actor: i % 2 ? reviewer : reviewer2, now: at('2026-03-05') }),
      ),
    );
    const numbers = results.map((r) => r.document?.docNumber);
    expect(new Set(numbers).size).toBe(6);
    const seqs = numbers.map((n) => Number(/〔2026〕(\d+)号$/.exec(n ?? '')?.[1])).sort((a, b) => a - b);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6].map((k) => start + k));
    expect(numbers.every((n) => n?.startsWith(`${orgs.dept.docPrefix}答〔2026〕`))).toBe(true);
  });
});

describe('idempotent portal submission', () => {
  it('returns the same case and the same access code for the same key', async () => {
    const key = submissionKey();
    const form = { ...PORTAL_FORM, orgId: orgs.dept.id };
    const first = await submitApplication({ form, submissionKey: key, applicant: null, now: at('2026-03-02') });
    const again = await submitApplication({ form, submissionKey: key, applicant: null, now: at('2026-03-02', '10:01') });
    expect(again).toEqual({ ...first, isReplay: true });
    expect(first.isReplay).toBe(false);
    expect(await db.case.count({ where: { submissionKey: key } })).toBe(1);
    expect(await db.caseEvent.count({ where: { caseId: first.caseId } })).toBe(1);
    const c = await db.case.findUniqueOrThrow({ where: { id: first.caseId }, select: { status: true, receivedOn: true, answerDueOn: true, channel: true } });
    // Online: no receipt date until both sides confirm (Art. 31), so no clock.
    expect(c).toEqual({ status: 'pending_confirmation', receivedOn: null, answerDueOn: null, channel: 'online' });
  });

  it('creates one case when the same key is submitted concurrently', async () => {
    const key = submissionKey();
    const form = { ...PORTAL_FORM, orgId: orgs.dept.id };
    const results = await Promise.all([0, 1, 2, 3].map(() => submitApplication({ form, submissionKey: key, applicant: null, now: at('2026-03-02') })));
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(new Set(results.map((r) => r.accessCode)).size).toBe(1);
    expect(results.filter((r) => !r.isReplay)).toHaveLength(1);
    expect(await db.case.count({ where: { submissionKey: key } })).toBe(1);
    expect(await verifyAccessCode(results[0].trackingNo, results[3].accessCode!)).toBe(results[0].caseId);
  });

  it('does not reveal a case to someone else using its key', async () => {
    const key = submissionKey();
    const applicant = await createActor('applicant', null);
    await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: key, applicant, now: at('2026-03-02') });
    const e = await rejection(submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: key, applicant: null, now: at('2026-03-02') }));
    expect(e.code).toBe('CONFLICT');
  });

  it('validates the form again', async () => {
    const e = await rejection(
      submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id, idNumber: '110105194912310021' }, submissionKey: submissionKey(), applicant: null, now: at('2026-03-02') }),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.params).toMatchObject({ fieldErrors: { idNumber: ['validation.resident_id.check_character'] } });
  });
});

describe('access codes', () => {
  it('verifies the right code (case-insensitive, dashes ignored) and refuses wrong codes and unknown tracking numbers', async () => {
    const { caseId, trackingNo, accessCode } = await submitApplication({
      form: { ...PORTAL_FORM, orgId: orgs.dept.id },
      submissionKey: submissionKey(),
      applicant: null,
      now: at('2026-03-02'),
    });
    const code = accessCode!;
    expect(code).toHaveLength(16);
    expect(await verifyAccessCode(trackingNo, code)).toBe(caseId);
    expect(await verifyAccessCode(trackingNo.toLowerCase(), `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`)).toBe(caseId);
    const wrong = `${code.slice(0, 15)}${code[15] === 'A' ? 'B' : 'A'}`;
    expect(await verifyAccessCode(trackingNo, wrong)).toBeNull();
    expect(await verifyAccessCode('GK2026-ZZZZZZZZ', code)).toBeNull();
    const stored = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { accessCodeHash: true } });
    // A keyed hash (HMAC-SHA256 under the server key), not Argon2 and not the code itself.
    expect(stored.accessCodeHash).toMatch(/^hmac1\$[A-Za-z0-9_-]{43}$/);
    expect(stored.accessCodeHash).not.toContain(code);
    const view = await getCaseForApplicant({ trackingNo, accessCode: code });
    expect(view.trackingNo).toBe(trackingNo);
    expect((await rejection(getCaseForApplicant({ trackingNo, accessCode: wrong }))).code).toBe('NOT_FOUND');
  });

  it('still verifies a code stored as argon2id by an earlier version, then re-stores it as a keyed hash', async () => {
    const { caseId, trackingNo, accessCode } = await submitApplication({
      form: { ...PORTAL_FORM, orgId: orgs.dept.id },
      submissionKey: submissionKey(),
      applicant: null,
      now: at('2026-03-02'),
    });
    const code = accessCode!;
    const legacy = await argon2Hash(normalizeAccessCode(code));
    await db.case.update({ where: { id: caseId }, data: { accessCodeHash: legacy } });
    const wrong = `${code.slice(0, 15)}${code[15] === 'A' ? 'B' : 'A'}`;
    expect(await verifyAccessCode(trackingNo, wrong)).toBeNull();
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { accessCodeHash: true } })).accessCodeHash).toBe(legacy);
    expect(await verifyAccessCode(trackingNo, code.toLowerCase())).toBe(caseId);
    const upgraded = (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { accessCodeHash: true } })).accessCodeHash;
    expect(upgraded).toMatch(/^hmac1\$/);
    expect(await verifyAccessCode(trackingNo, code)).toBe(caseId);
    expect(await verifyAccessCode(trackingNo, wrong)).toBeNull();
  });

  it('refuses a stored hash of an unknown format and a code hashed under another key', async () => {
    const { caseId, trackingNo, accessCode } = await submitApplication({
      form: { ...PORTAL_FORM, orgId: orgs.dept.id },
      submissionKey: submissionKey(),
      applicant: null,
      now: at('2026-03-02'),
    });
    await db.case.update({ where: { id: caseId }, data: { accessCodeHash: accessCode! } });
    expect(await verifyAccessCode(trackingNo, accessCode!)).toBeNull();
    await db.case.update({ where: { id: caseId }, data: { accessCodeHash: `hmac1$${Buffer.alloc(32, 7).toString('base64url')}` } });
    expect(await verifyAccessCode(trackingNo, accessCode!)).toBeNull();
  });
});

describe('scope', () => {
  it('answers NOT_FOUND to a clerk of another organisation, and lets the parent organisation see the case', async () => {
    const { caseId } = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person' } });
    const e1 = await rejection(transitionCase({ caseId, expectedVersion: 0, name: 'claim', input: {}, actor: outsider, now: at('2026-03-02') }));
    expect(e1.code).toBe('NOT_FOUND');
    expect((await rejection(getCaseForStaff(outsider, caseId))).code).toBe('NOT_FOUND');
    expect((await listCases(outsider, { q: LETTER.applicantName }, { limit: 100 })).items.map((i) => i.id)).not.toContain(caseId);
    expect((await getCaseForStaff(rootReviewer, caseId)).id).toBe(caseId);
    expect((await getCaseForStaff(admin, caseId)).id).toBe(caseId);
    // An applicant who is not the case's applicant, and a malformed id.
    const stranger = await createActor('applicant', null);
    expect((await rejection(getCaseForApplicant({ actor: stranger }, caseId))).code).toBe('NOT_FOUND');
    expect((await rejection(getCaseForStaff(clerk, 'not-a-uuid'))).code).toBe('NOT_FOUND');
    // Registering for an organisation outside one's subtree.
    const e2 = await rejection(registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person', orgId: orgs.sibling.id } }));
    expect(e2.code).toBe('NOT_FOUND');
  });

  it('gives applicants their own cases only, and the public timeline only', async () => {
    const applicant = await createActor('applicant', null);
    const { caseId } = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: submissionKey(), applicant, now: at('2026-03-02') });
    await transitionCase({ caseId, expectedVersion: 0, name: 'claim', input: {}, actor: clerk, now: at('2026-03-02') });
    await transitionCase({ caseId, expectedVersion: 1, name: 'confirm_receipt', input: { receivedOn: '2026-03-03' }, actor: clerk, now: at('2026-03-03') });
    const view = await getCaseForApplicant({ actor: applicant }, caseId);
    expect(view.timeline.map((e) => e.type)).toEqual(['submitted', 'receipt_confirmed']);
    expect(view.timeline[1].params).toEqual({ receivedOn: '2026-03-03', answerDueOn: '2026-03-31' });
    expect(view.answerDueOn).toBe('2026-03-31');
    const list = await listCases(applicant);
    expect(list.items.map((i) => i.id)).toEqual([caseId]);
    // The applicant withdraws: outcome other_misc (practice, regulations.md §8).
    await transitionCase({ caseId, expectedVersion: 2, name: 'withdraw', input: {}, actor: applicant, now: at('2026-03-04') });
    expect(await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true, outcome: true } })).toEqual({ status: 'closed', outcome: 'other_misc' });
  });
});

describe('lists and dashboard', () => {
  it('pages with a keyset cursor without repeats or gaps, and counts due-soon and overdue cases', async () => {
    const orgsB = await createOrgTree();
    const clerkB = await createActor('clerk', orgsB.dept);
    const ids: string[] = [];
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']) {
      ids.push((await registerCaseByStaff({ actor: clerkB, now: at(day), form: { ...LETTER, channel: 'in_person', applicantName: `王五${day}` } })).caseId);
    }
    // Answer due: 20 working days from each receipt day — 03-30, 03-31, 04-01, 04-02, 04-03.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listCases>> = await listCases(clerkB, {}, { sort: 'due', limit: 2, cursor }, at('2026-03-06'));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const byReceived = await listCases(clerkB, {}, { sort: 'received', limit: 10 }, at('2026-03-06'));
    expect(byReceived.items.map((i) => i.id)).toEqual([...ids].reverse());
    expect(byReceived.items[0].answerDueOn).toBe('2026-04-03');

    // On 2026-03-27 (Fri): 5 working days → 04-03, so all five are due soon; on 04-01 two are overdue.
    expect(await dashboardCounts(clerkB, at('2026-03-27'))).toMatchObject({ dueSoon: 5, overdue: 0 });
    expect(await dashboardCounts(clerkB, at('2026-04-01'))).toMatchObject({ dueSoon: 3, overdue: 2 });
    const overdue = await listCases(clerkB, { overdue: true }, {}, at('2026-04-01'));
    expect(overdue.items.map((i) => i.id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(overdue.items.every((i) => i.isOverdue)).toBe(true);
    const search = await listCases(clerkB, { q: '王五2026-03-04' });
    expect(search.items.map((i) => i.id)).toEqual([ids[2]]);
    const tracking = (await db.case.findUniqueOrThrow({ where: { id: ids[1] }, select: { trackingNo: true } })).trackingNo;
    expect((await listCases(clerkB, { q: tracking.toLowerCase() })).items.map((i) => i.id)).toEqual([ids[1]]);
  });
});

describe('period lock', () => {
  it('refuses a conclusion in a locked year', async () => {
    const orgsL = await createOrgTree();
    const clerkL = await createActor('clerk', orgsL.dept);
    const { caseId } = await registerCaseByStaff({ actor: clerkL, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person' } });
    await db.periodLock.create({ data: { orgId: orgsL.root.id, year: 2026, isLocked: true } });
    const e = await rejection(transitionCase({ caseId, expectedVersion: 0, name: 'withdraw', input: {}, actor: clerkL, now: at('2026-03-03') }));
    expect(e.code).toBe('LOCKED');
    expect(await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true, version: true } })).toEqual({ status: 'in_progress', version: 0 });
  });
});
