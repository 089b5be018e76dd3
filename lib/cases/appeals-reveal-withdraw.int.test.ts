/**
 * Appeal results (section 四), revealing identity numbers (reviewers and admins only), and withdrawal by
 * tracking number + access code (no account), on a real PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { updateAppealResult } from '@/lib/cases/appeal-result';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { revealIdNumber } from '@/lib/cases/queries';
import { registerCaseByStaff, submitApplication } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { withdrawByAccessCode } from '@/lib/cases/withdraw-by-access-code';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let admin: Actor;
let outsider: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept);
  reviewer = await createActor('reviewer', orgs.dept);
  admin = await createActor('admin', null);
  outsider = await createActor('reviewer', orgs.sibling);
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const e = await promise.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** A counter case answered ("not held") on `date`. */
async function answeredCase(date: string): Promise<{ caseId: string; version: number }> {
  const { caseId } = await registerCaseByStaff({ actor: clerk, now: at(date), form: { ...LETTER, channel: 'in_person', arrivedOn: date } });
  const draft = await saveAnswerDraft({
    caseId,
    expectedVersion: 0,
    actor: clerk,
    now: at(date, '11:00'),
    draft: { outcome: 'unavailable_not_held', reason: '经检索，本机关未制作、获取该信息。' },
  });
  const submitted = await transitionCase({ caseId, expectedVersion: draft.version, name: 'submit_answer', input: {}, actor: clerk, now: at(date, '12:00') });
  const approved = await transitionCase({ caseId, expectedVersion: submitted.version, name: 'approve_answer', input: {}, actor: reviewer, now: at(date, '15:00') });
  return { caseId, version: approved.version };
}

describe('appeal results (section 四)', () => {
  it('records an appeal with or without a result, and updates the result with compare-and-set and an event', async () => {
    const { caseId, version: v0 } = await answeredCase('2026-03-02');
    const appealInput = { kind: 'administrative_review' as const, filedOn: '2026-03-20', body: '示范市人民政府' };

    // A decided result needs its date; a pending one has none.
    expect((await rejection(transitionCase({ caseId, expectedVersion: v0, name: 'record_appeal', input: { ...appealInput, result: 'upheld' }, actor: clerk, now: at('2026-04-01') }))).messageKey).toBe('case.appeal.decided_date_required');
    expect((await rejection(transitionCase({ caseId, expectedVersion: v0, name: 'record_appeal', input: { ...appealInput, result: 'upheld', decidedOn: '2026-03-19' }, actor: clerk, now: at('2026-04-01') }))).messageKey).toBe('case.appeal.decided_date_invalid');

    const recorded = await transitionCase({ caseId, expectedVersion: v0, name: 'record_appeal', input: appealInput, actor: clerk, now: at('2026-04-01') });
    const appeal = await db.appeal.findFirstOrThrow({ where: { caseId } });
    expect(appeal).toMatchObject({ result: 'pending', decidedOn: null });

    // Admins only route cases; they do not record appeals or their results.
    expect((await rejection(updateAppealResult({ actor: admin, caseId, expectedVersion: recorded.version, appealId: appeal.id, result: 'upheld', decidedOn: '2026-05-10', now: at('2026-05-11') }))).code).toBe('FORBIDDEN');
    // Out of scope → NOT_FOUND; another case's appeal id → NOT_FOUND.
    expect((await rejection(updateAppealResult({ actor: outsider, caseId, expectedVersion: recorded.version, appealId: appeal.id, result: 'upheld', decidedOn: '2026-05-10', now: at('2026-05-11') }))).code).toBe('NOT_FOUND');
    // Stale version → CONFLICT.
    expect((await rejection(updateAppealResult({ actor: clerk, caseId, expectedVersion: v0, appealId: appeal.id, result: 'upheld', decidedOn: '2026-05-10', now: at('2026-05-11') }))).code).toBe('CONFLICT');
    // Decision in the future → VALIDATION.
    expect((await rejection(updateAppealResult({ actor: clerk, caseId, expectedVersion: recorded.version, appealId: appeal.id, result: 'corrected', decidedOn: '2026-05-12', now: at('2026-05-11') }))).messageKey).toBe('case.appeal.decided_date_invalid');

    const updated = await updateAppealResult({ actor: clerk, caseId, expectedVersion: recorded.version, appealId: appeal.id, result: 'corrected', decidedOn: '2026-05-10', note: '复议机关责令重新答复', now: at('2026-05-11') });
    expect(updated.version).toBe(recorded.version + 1);
    const after = await db.appeal.findUniqueOrThrow({ where: { id: appeal.id } });
    expect(after.result).toBe('corrected');
    expect(after.decidedOn?.toISOString().slice(0, 10)).toBe('2026-05-10');
    expect(after.note).toBe('复议机关责令重新答复');
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'appeal_result_recorded' } });
    expect(event).toMatchObject({ actorId: clerk.id, isPublic: false });
    expect(event.data).toMatchObject({ appealId: appeal.id, before: { result: 'pending', decidedOn: null }, after: { result: 'corrected', decidedOn: '2026-05-10' } });
    const c = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
    expect(c.version).toBe(updated.version);

    // Also when the appeal is registered already decided.
    const direct = await transitionCase({
      caseId,
      expectedVersion: updated.version,
      name: 'record_appeal',
      input: { kind: 'litigation_direct', filedOn: '2026-03-25', body: '示范区人民法院', result: 'upheld', decidedOn: '2026-05-20' },
      actor: reviewer,
      now: at('2026-05-21'),
    });
    expect(direct.version).toBe(updated.version + 1);
    expect(await db.appeal.count({ where: { caseId, result: 'upheld' } })).toBe(1);
  });

  it('is refused when the report period of the filing year is locked', async () => {
    const lockedOrgs = await createOrgTree();
    const lockClerk = await createActor('clerk', lockedOrgs.dept);
    const lockReviewer = await createActor('reviewer', lockedOrgs.dept);
    const { caseId } = await registerCaseByStaff({ actor: lockClerk, now: at('2025-11-03'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2025-11-03' } });
    const draft = await saveAnswerDraft({ caseId, expectedVersion: 0, actor: lockClerk, now: at('2025-11-03', '11:00'), draft: { outcome: 'unavailable_not_held', reason: '未制作。' } });
    const s = await transitionCase({ caseId, expectedVersion: draft.version, name: 'submit_answer', input: {}, actor: lockClerk, now: at('2025-11-03', '12:00') });
    const a = await transitionCase({ caseId, expectedVersion: s.version, name: 'approve_answer', input: {}, actor: lockReviewer, now: at('2025-11-03', '15:00') });
    const r = await transitionCase({ caseId, expectedVersion: a.version, name: 'record_appeal', input: { kind: 'administrative_review', filedOn: '2025-12-01', body: '示范市人民政府' }, actor: lockClerk, now: at('2025-12-02') });
    const appeal = await db.appeal.findFirstOrThrow({ where: { caseId } });
    await db.periodLock.create({ data: { orgId: lockedOrgs.root.id, year: 2025, isLocked: true } });
    const e = await rejection(updateAppealResult({ actor: lockClerk, caseId, expectedVersion: r.version, appealId: appeal.id, result: 'upheld', decidedOn: '2026-02-02', now: at('2026-03-02') }));
    expect(e.code).toBe('LOCKED');
    expect(await db.appeal.findUniqueOrThrow({ where: { id: appeal.id } })).toMatchObject({ result: 'pending' });
    expect(await db.caseEvent.count({ where: { caseId, type: 'appeal_result_recorded' } })).toBe(0);
  });
});

describe('revealIdNumber', () => {
  it('shows the full number to reviewers and admins (audited), refuses clerks, hides the case from others', async () => {
    const { caseId } = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person' } });
    const audits = () => db.auditEvent.count({ where: { type: 'case.id_number_revealed', data: { path: ['caseId'], equals: caseId } } });

    const e = await rejection(revealIdNumber(clerk, caseId));
    expect(e).toMatchObject({ code: 'FORBIDDEN', messageKey: 'case.reveal_id_reviewers_only' });
    expect((await rejection(revealIdNumber(outsider, caseId))).code).toBe('NOT_FOUND');
    expect(await audits()).toBe(0);

    expect(await revealIdNumber(reviewer, caseId)).toBe(LETTER.idNumber);
    expect(await revealIdNumber(admin, caseId)).toBe(LETTER.idNumber);
    expect(await audits()).toBe(2);
    const rows = await db.auditEvent.findMany({ where: { type: 'case.id_number_revealed', data: { path: ['caseId'], equals: caseId } }, select: { actorId: true } });
    expect(rows.map((r) => r.actorId).sort()).toEqual([reviewer.id, admin.id].sort());
  });
});

describe('withdrawByAccessCode', () => {
  it('withdraws an anonymous application with the right code, as the applicant, and refuses everything else', async () => {
    const { caseId, trackingNo, accessCode } = await submitApplication({
      form: { ...PORTAL_FORM, orgId: orgs.dept.id },
      submissionKey: submissionKey(),
      applicant: null,
      now: at('2026-03-02'),
    });
    const code = accessCode!;

    // Wrong code, or another case's tracking number: NOT_FOUND, nothing changes.
    const other = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: submissionKey(), applicant: null, now: at('2026-03-02') });
    expect((await rejection(withdrawByAccessCode({ trackingNo, accessCode: other.accessCode!, reason: 'x', now: at('2026-03-03') }))).code).toBe('NOT_FOUND');
    expect((await rejection(withdrawByAccessCode({ trackingNo, accessCode: 'AAAAAAAAAAAAAAAA', now: at('2026-03-03') }))).code).toBe('NOT_FOUND');
    expect((await rejection(withdrawByAccessCode({ trackingNo: 'GK2026-ZZZZZZZZ', accessCode: code, now: at('2026-03-03') }))).code).toBe('NOT_FOUND');
    // Stale version → CONFLICT.
    expect((await rejection(withdrawByAccessCode({ trackingNo, accessCode: code, expectedVersion: 5, now: at('2026-03-03') }))).code).toBe('CONFLICT');

    const result = await withdrawByAccessCode({ trackingNo: trackingNo.toLowerCase(), accessCode: code.toLowerCase(), reason: '已通过其他途径获取', expectedVersion: 0, now: at('2026-03-03') });
    expect(result).toMatchObject({ status: 'closed', event: 'withdrawn', version: 1 });
    const row = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row).toMatchObject({ status: 'closed', outcome: 'other_misc' });
    expect(row.concludedOn?.toISOString().slice(0, 10)).toBe('2026-03-03');
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'withdrawn' } });
    expect(event).toMatchObject({ actorId: null, actorRole: 'applicant_anonymous', isPublic: true, fromStatus: 'pending_confirmation', toStatus: 'closed' });
    expect(event.data).toMatchObject({ input: { reason: '已通过其他途径获取' } });

    // Already concluded: the workflow refuses.
    expect((await rejection(withdrawByAccessCode({ trackingNo, accessCode: code, now: at('2026-03-04') }))).code).toBe('INVALID_TRANSITION');
    // The other case was not touched.
    expect(await db.case.findUniqueOrThrow({ where: { id: other.caseId }, select: { status: true } })).toEqual({ status: 'pending_confirmation' });
  });

  it('an anonymous applicant identity without a verified case sees nothing, and may do nothing but withdraw its own case', async () => {
    const { caseId, version } = await answeredCase('2026-03-02');
    const forged: Actor = { id: 'anonymous', role: 'applicant', orgId: null, orgPath: null };
    expect((await rejection(transitionCase({ caseId, expectedVersion: version, name: 'withdraw', input: {}, actor: forged, now: at('2026-03-03') }))).code).toBe('NOT_FOUND');
  });
});
