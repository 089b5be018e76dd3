/**
 * Reviewer sign-off of outgoing notices (issue 11 item 3): with the organisation's setting off a clerk's
 * 补正告知书 / 征求意见函 / 收费通知书 is issued at once (numbered); with it on, the clerk's step only submits
 * the notice (no number, status unchanged, a row in the reviewer's queue), the reviewer signs it off by taking
 * the step (the notice is numbered then, the status changes) or returns it (void, no number). Statutory dates
 * still run from the notice's date of issue and its delivery; numbers have no gaps.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { loadWorkQueue } from '@/lib/cases/work-queue';
import { getCaseForStaff } from '@/lib/cases/queries';
import { loadCalendar, isoToDbDate } from '@/lib/calendar/load-calendar';
import { addWorkingDays } from '@/lib/calendar/working-days';
import { setNoticeSignOff } from '@/lib/documents/org-documents';

vi.setConfig({ testTimeout: 120_000 });

let orgs: OrgTree;
let admin: Actor;
let clerk: Actor;
let reviewer: Actor;

async function newCase(day = '2026-03-02') {
  const reg = await registerCaseByStaff({ actor: clerk, now: at(day), form: { ...LETTER, channel: 'in_person' } });
  return { id: reg.caseId, version: 0 };
}

const CORRECTION = { items: '请提供身份证明', periodDays: 10 };
const queueCount = async (actor: Actor, day: string) =>
  (await loadWorkQueue(actor, { now: at(day) })).sections.find((s) => s.section === 'notice_sign_off')?.count ?? 0;
const seq = (docNumber: string | null | undefined) => Number(/〔2026〕(\d+)号$/.exec(docNumber ?? '')?.[1]);

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  admin = await createActor('admin', null);
  clerk = await createActor('clerk', orgs.dept);
  reviewer = await createActor('reviewer', orgs.dept);
});

describe('notice sign-off setting', () => {
  it('is changed by admins only, audited; off by default', async () => {
    expect((await db.organisation.findUniqueOrThrow({ where: { id: orgs.dept.id } })).noticeSignOff).toBe(false);
    await expect(setNoticeSignOff(clerk, orgs.dept.id, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setNoticeSignOff(reviewer, orgs.dept.id, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setNoticeSignOff(admin, 999_999, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: orgs.dept.id } })).noticeSignOff).toBe(false);
  });
});

describe('with sign-off off', () => {
  it('a clerk issues the correction notice at once, numbered, and the case waits for the correction', async () => {
    const c = await newCase();
    const t = await transitionCase({ caseId: c.id, expectedVersion: 0, name: 'request_correction', input: CORRECTION, actor: clerk, now: at('2026-03-03') });
    expect(t).toMatchObject({ status: 'awaiting_correction', event: 'correction_requested' });
    expect(seq(t.document?.docNumber)).toBe(1);
    expect(await queueCount(reviewer, '2026-03-03')).toBe(0);
  });
});

describe('with sign-off on', () => {
  it('a clerk’s correction notice waits for the reviewer; a returned one takes no number; the signed-off one is numbered next and its period runs from delivery', async () => {
    await setNoticeSignOff(admin, orgs.dept.id, true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'organisation.notice_sign_off' }, orderBy: { id: 'desc' } });
    expect(audit.data).toMatchObject({ id: orgs.dept.id, before: false, after: true });

    const c = await newCase();
    const submitted = await transitionCase({ caseId: c.id, expectedVersion: 0, name: 'request_correction', input: CORRECTION, actor: clerk, now: at('2026-03-03') });
    expect(submitted).toMatchObject({ status: 'in_progress', event: 'notice_submitted', document: null });
    const draft = await db.document.findFirstOrThrow({ where: { caseId: c.id, type: 'correction_notice' } });
    expect(draft).toMatchObject({ status: 'pending_approval', docNumber: null, draftedById: clerk.id, approvedById: null });
    expect(draft.body).toContain('请提供身份证明');
    expect(await db.correctionRequest.count({ where: { caseId: c.id } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { caseId: c.id, template: 'correction_requested' } })).toBe(0);
    expect(await queueCount(reviewer, '2026-03-03')).toBe(1);
    expect(await queueCount(clerk, '2026-03-03')).toBe(0);

    // Submitted once: the clerk can neither submit it again nor issue it, nor send another kind of notice.
    await expect(transitionCase({ caseId: c.id, expectedVersion: submitted.version, name: 'request_correction', input: CORRECTION, actor: clerk, now: at('2026-03-03') })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      messageKey: 'workflow.guard.notice_awaiting_sign_off',
    });
    await expect(
      transitionCase({ caseId: c.id, expectedVersion: submitted.version, name: 'issue_fee_notice', input: { method: 'per_page', pages: 100, paymentInstructions: '银行转账' }, actor: reviewer, now: at('2026-03-03') }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION', messageKey: 'workflow.guard.other_notice_pending' });
    // Only a reviewer returns it, with a reason.
    await expect(transitionCase({ caseId: c.id, expectedVersion: submitted.version, name: 'return_notice', input: { reason: '补正事项不具体' }, actor: clerk, now: at('2026-03-03') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(transitionCase({ caseId: c.id, expectedVersion: submitted.version, name: 'return_notice', input: {}, actor: reviewer, now: at('2026-03-03') })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const returned = await transitionCase({ caseId: c.id, expectedVersion: submitted.version, name: 'return_notice', input: { reason: '补正事项不具体' }, actor: reviewer, now: at('2026-03-03', '15:00') });
    expect(returned).toMatchObject({ status: 'in_progress', event: 'notice_returned', document: null });
    expect(await db.document.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: 'withdrawn', docNumber: null });
    expect(await queueCount(reviewer, '2026-03-03')).toBe(0);
    await expect(transitionCase({ caseId: c.id, expectedVersion: returned.version, name: 'return_notice', input: { reason: 'x' }, actor: reviewer, now: at('2026-03-03') })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });

    // Submitted again, signed off the next day by the reviewer taking the step.
    const again = await transitionCase({
      caseId: c.id,
      expectedVersion: returned.version,
      name: 'request_correction',
      input: { items: '请提供身份证明\n请明确所需信息的文号', periodDays: 10 },
      actor: clerk,
      now: at('2026-03-03', '16:00'),
    });
    // The reviewer's form opens with what the clerk submitted (the notice date is the sign-off's).
    const seen = await getCaseForStaff(reviewer, c.id, at('2026-03-04'));
    expect(seen.submittedNotice).toEqual({ step: 'request_correction', values: { items: '请提供身份证明\n请明确所需信息的文号', periodDays: '10' } });
    const signed = await transitionCase({ caseId: c.id, expectedVersion: again.version, name: 'request_correction', input: {}, actor: reviewer, now: at('2026-03-04') });
    expect((await getCaseForStaff(reviewer, c.id, at('2026-03-04'))).submittedNotice).toBeNull();
    expect(signed).toMatchObject({ status: 'awaiting_correction', event: 'correction_requested' });
    // No gap: the returned draft took no number, the previous case's notice was 1.
    expect(seq(signed.document?.docNumber)).toBe(2);
    const issued = await db.document.findUniqueOrThrow({ where: { id: signed.document!.id } });
    expect(issued).toMatchObject({ status: 'issued', draftedById: clerk.id, approvedById: reviewer.id, issuedOn: isoToDbDate('2026-03-04') });
    expect(issued.body).toContain('请明确所需信息的文号');
    expect(await db.document.count({ where: { caseId: c.id, type: 'correction_notice', status: 'pending_approval' } })).toBe(0);
    const round = await db.correctionRequest.findFirstOrThrow({ where: { caseId: c.id } });
    expect(round).toMatchObject({ requestedOn: isoToDbDate('2026-03-04'), periodDays: 10, items: '请提供身份证明\n请明确所需信息的文号' });
    expect(await db.outboxMessage.count({ where: { caseId: c.id, template: 'correction_requested' } })).toBeGreaterThan(0);
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId: c.id, type: 'correction_requested' } });
    expect(event.data).toMatchObject({ documentId: issued.id, submittedBy: clerk.id });

    // Art. 30: the period runs from the notice's delivery.
    const delivered = await transitionCase({
      caseId: c.id,
      expectedVersion: signed.version,
      name: 'record_notice_delivery',
      input: { documentId: issued.id, method: 'post', deliveredOn: '2026-03-06', postalTrackingNo: 'EMS200' },
      actor: clerk,
      now: at('2026-03-09'),
    });
    expect(delivered.status).toBe('awaiting_correction');
    const calendar = await loadCalendar();
    expect((await db.correctionRequest.findFirstOrThrow({ where: { caseId: c.id } })).periodEndsOn).toEqual(isoToDbDate(addWorkingDays('2026-03-06', 10, calendar)));
  });

  it('fee notices and consultation letters: submitted by the clerk, signed off (with the reviewer’s amendment) by the reviewer', async () => {
    const c = await newCase();
    // 办法: pages 1–30 free, 31–100 at 10 yuan (lib/law/fees.ts).
    const fee = { method: 'per_page' as const, pages: 100, basis: '所需信息需逐页复制', paymentInstructions: '银行转账' };
    const s1 = await transitionCase({ caseId: c.id, expectedVersion: 0, name: 'issue_fee_notice', input: fee, actor: clerk, now: at('2026-03-03') });
    expect(s1).toMatchObject({ status: 'in_progress', event: 'notice_submitted' });
    expect(await db.feeNotice.count({ where: { caseId: c.id } })).toBe(0);
    const a1 = await transitionCase({ caseId: c.id, expectedVersion: s1.version, name: 'issue_fee_notice', input: { method: 'per_page', pages: 60 }, actor: reviewer, now: at('2026-03-04') });
    expect(a1.status).toBe('awaiting_fee');
    expect(seq(a1.document?.docNumber)).toBe(1);
    const feeRow = await db.feeNotice.findFirstOrThrow({ where: { caseId: c.id } });
    expect(feeRow.amountYuan.toFixed(2)).toBe('300.00');
    expect(feeRow.basis).toContain(fee.basis);
    expect((await db.document.findUniqueOrThrow({ where: { id: a1.document!.id } })).body).toContain('人民币300.00元');

    const d = await newCase();
    const s2 = await transitionCase({ caseId: d.id, expectedVersion: 0, name: 'start_consultation', input: { kind: 'third_party', party: '示范建设工程有限公司' }, actor: clerk, now: at('2026-03-03') });
    expect(s2).toMatchObject({ status: 'in_progress', event: 'notice_submitted' });
    expect(await db.consultation.count({ where: { caseId: d.id } })).toBe(0);
    const a2 = await transitionCase({ caseId: d.id, expectedVersion: s2.version, name: 'start_consultation', input: {} as { party: string }, actor: reviewer, now: at('2026-03-05') });
    expect(a2.status).toBe('consulting');
    expect(await db.consultation.findFirstOrThrow({ where: { caseId: d.id } })).toMatchObject({ party: '示范建设工程有限公司', sentOn: isoToDbDate('2026-03-05') });
    expect(seq(a2.document?.docNumber)).toBe(1);
  });

  it('a reviewer issues directly; a withdrawal voids a pending notice; with the setting off again a clerk issues directly', async () => {
    const c = await newCase();
    const direct = await transitionCase({ caseId: c.id, expectedVersion: 0, name: 'request_correction', input: CORRECTION, actor: reviewer, now: at('2026-03-03') });
    expect(direct).toMatchObject({ status: 'awaiting_correction', event: 'correction_requested' });

    const w = await newCase();
    const s = await transitionCase({ caseId: w.id, expectedVersion: 0, name: 'request_correction', input: CORRECTION, actor: clerk, now: at('2026-03-03') });
    await transitionCase({ caseId: w.id, expectedVersion: s.version, name: 'withdraw', input: { reason: '申请人书面撤回' }, actor: clerk, now: at('2026-03-04') });
    expect(await db.document.findFirstOrThrow({ where: { caseId: w.id, type: 'correction_notice' } })).toMatchObject({ status: 'withdrawn', docNumber: null });
    expect(await queueCount(reviewer, '2026-03-04')).toBe(0);

    await setNoticeSignOff(admin, orgs.dept.id, false);
    const e = await newCase();
    const t = await transitionCase({ caseId: e.id, expectedVersion: 0, name: 'request_correction', input: CORRECTION, actor: clerk, now: at('2026-03-03') });
    expect(t).toMatchObject({ status: 'awaiting_correction', event: 'correction_requested' });
    expect(t.document?.docNumber).toBeTruthy();
  });
});
