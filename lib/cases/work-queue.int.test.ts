/**
 * 待办 (issue 10 item 1) on a real PostgreSQL: each person's queue follows the cases through the workflow —
 * an entry appears when there is something for that person to do and leaves when the step is taken; an
 * applicant's online act (补正 answer, fee acknowledgement, withdrawal) reaches the clerk's queue and, with
 * e-mail configured, one digest e-mail in the outbox. Scope: a clerk of another organisation sees nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { openRecipient, openUserIdentifiers } from '@/lib/privacy/personal-data';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { acknowledgeFeeNotice, submitCorrection } from '@/lib/cases/applicant-actions';
import { at, createActor, createCaseCast, LETTER, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff, submitApplication } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { loadWorkQueue, type QueueSection, type WorkQueue } from '@/lib/cases/work-queue';
import { withdrawByAccessCode } from '@/lib/cases/withdraw-by-access-code';
import { queueStaffDigests } from '@/lib/notifications/staff-digest';

let orgs: OrgTree;
let clerkA: Actor;
let clerkB: Actor;
let reviewer: Actor;
let outsider: Actor;
let admin: Actor;

beforeAll(async () => {
  ({ orgs, clerk: clerkA, reviewer, outsider, admin } = await createCaseCast({
    outsiderRole: 'clerk',
    names: { clerk: '经办人甲', reviewer: '审核人', outsider: '外机关经办人', admin: '管理员' },
  }));
  clerkB = await createActor('clerk', orgs.dept, '经办人乙');
});

const NOW = at('2026-03-03', '16:00');

async function queue(actor: Actor, now = NOW): Promise<WorkQueue> {
  return loadWorkQueue(actor, { now, limit: 50 });
}

function ids(q: WorkQueue, section: QueueSection): string[] {
  return q.sections.find((s) => s.section === section)?.entries.map((e) => e.caseId) ?? [];
}

async function version(caseId: string): Promise<number> {
  return (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
}

async function step(caseId: string, name: TransitionCaseParams['name'], actor: Actor, input: Record<string, unknown> = {}, now = at('2026-03-02', '11:00')) {
  return transitionCase({ caseId, expectedVersion: await version(caseId), name, input, actor, now } as TransitionCaseParams);
}

describe('the work queue', () => {
  it('follows a case from arrival to sign-off, per person, and notifies the clerk of the applicant’s acts', async () => {
    // The digest starts from here (a first run only sets the watermark; a later one reads what came since).
    await queueStaffDigests({ now: at('2026-03-02', '08:00'), emailConfigured: true, intervalMinutes: 0 });

    // An online application: receipts to confirm, for every clerk of the organisation while unassigned.
    const online = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: submissionKey(), applicant: null, now: at('2026-03-02', '09:00') });
    expect(ids(await queue(clerkA), 'confirm_receipt')).toContain(online.caseId);
    expect(ids(await queue(clerkB), 'confirm_receipt')).toContain(online.caseId);
    // Out of scope: nothing at all; admins have no queue; a reviewer's clerk side lists only own cases.
    expect((await queue(outsider)).total).toBe(0);
    expect(await queue(admin)).toMatchObject({ sections: [], total: 0 });
    expect(ids(await queue(reviewer), 'confirm_receipt')).not.toContain(online.caseId);

    // Clerk A claims it: it is A's now, and gone from B's queue.
    await step(online.caseId, 'claim', clerkA);
    expect(ids(await queue(clerkB), 'confirm_receipt')).not.toContain(online.caseId);
    await step(online.caseId, 'confirm_receipt', clerkA, { receivedOn: '2026-03-02' });
    expect(ids(await queue(clerkA), 'confirm_receipt')).not.toContain(online.caseId);

    // 补正: the applicant answers online → the clerk's queue says so until the correction is received.
    await step(online.caseId, 'request_correction', clerkA, { items: '请说明所需信息的文号', periodDays: 10 });
    expect(ids(await queue(clerkA), 'correction_submitted')).not.toContain(online.caseId);
    await submitCorrection({
      access: { trackingNo: online.trackingNo, accessCode: online.accessCode as string },
      caseId: online.caseId,
      expectedVersion: await version(online.caseId),
      text: '文号为示范交〔2025〕8号。',
      now: at('2026-03-02', '14:00'),
    });
    const withCorrection = await queue(clerkA);
    expect(ids(withCorrection, 'correction_submitted')).toContain(online.caseId);
    const entry = withCorrection.sections.find((s) => s.section === 'correction_submitted')?.entries.find((e) => e.caseId === online.caseId);
    expect(entry).toMatchObject({ step: 'receive_correction', trackingNo: online.trackingNo });
    expect(entry?.since?.toISOString()).toBe(at('2026-03-02', '14:00').toISOString());
    expect(ids(await queue(clerkB), 'correction_submitted')).not.toContain(online.caseId); // assigned to A

    // The e-mail digest: one message to clerk A naming the case; nothing to B.
    const digest = await queueStaffDigests({ now: at('2026-03-02', '15:00'), emailConfigured: true, intervalMinutes: 0 });
    expect(digest.ran).toBe(true);
    // Recipients are stored encrypted (lib/privacy/personal-data.ts): compare the decrypted addresses.
    const digestsTo = async (userId: string) => {
      const { email } = openUserIdentifiers(await db.user.findUniqueOrThrow({ where: { id: userId } }));
      return (await db.outboxMessage.findMany({ where: { template: 'staff_digest' } })).filter((m) => openRecipient(m) === email);
    };
    const mailA = await digestsTo(clerkA.id);
    expect(mailA).toHaveLength(1);
    expect(mailA[0]?.body).toContain(online.trackingNo);
    expect(mailA[0]?.body).toContain('补正');
    expect(await digestsTo(clerkB.id)).toHaveLength(0);
    // The same acts are never mailed twice.
    await queueStaffDigests({ now: at('2026-03-02', '16:00'), emailConfigured: true, intervalMinutes: 0 });
    expect(await digestsTo(clerkA.id)).toHaveLength(1);

    await step(online.caseId, 'receive_correction', clerkA, { receivedOn: '2026-03-02' }, at('2026-03-02', '17:00'));
    expect(ids(await queue(clerkA), 'correction_submitted')).not.toContain(online.caseId);

    // The reviewer's side: an extension request, a draft that needs the 保密审查, an answer to sign off.
    await step(online.caseId, 'request_extension', clerkA, { days: 10, reason: '需要调取档案' }, at('2026-03-03'));
    expect(ids(await queue(reviewer), 'extension_decision')).toContain(online.caseId);
    await step(online.caseId, 'reject_extension', reviewer, { reason: '期限内可以办结' }, at('2026-03-03'));
    expect(ids(await queue(reviewer), 'extension_decision')).not.toContain(online.caseId);

    await saveAnswerDraft({ caseId: online.caseId, expectedVersion: await version(online.caseId), actor: clerkA, now: at('2026-03-03'), draft: { outcome: 'granted', details: { accessArrangement: '工作日到本机关查阅点查阅' } } });
    expect(ids(await queue(reviewer), 'confidentiality_review')).toContain(online.caseId);
    await step(online.caseId, 'record_confidentiality_review', reviewer, {}, at('2026-03-03'));
    expect(ids(await queue(reviewer), 'confidentiality_review')).not.toContain(online.caseId);

    await step(online.caseId, 'submit_answer', clerkA, {}, at('2026-03-03'));
    expect(ids(await queue(reviewer), 'answer_sign_off')).toContain(online.caseId);
    await step(online.caseId, 'return_answer', reviewer, { reason: '请补充信息获取方式' }, at('2026-03-03'));
    expect(ids(await queue(reviewer), 'answer_sign_off')).not.toContain(online.caseId);
    const returned = await queue(clerkA);
    expect(ids(returned, 'answer_returned')).toContain(online.caseId);
    expect(returned.sections.find((s) => s.section === 'answer_returned')?.entries[0]?.step).toBe('answer_draft');
    await step(online.caseId, 'submit_answer', clerkA, {}, at('2026-03-03'));
    expect(ids(await queue(clerkA), 'answer_returned')).not.toContain(online.caseId);
  });

  it('lists lapses for the reviewer only once the period has run out, and fee acknowledgements and withdrawals for the clerk', async () => {
    const reg = await registerCaseByStaff({ actor: clerkA, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2026-03-02' } });
    await step(reg.caseId, 'claim', clerkA);
    await step(reg.caseId, 'request_correction', clerkA, { items: '请提供身份证明', periodDays: 5 });
    const round = await db.correctionRequest.findFirstOrThrow({ where: { caseId: reg.caseId }, select: { periodEndsOn: true } });
    const endsOn = round.periodEndsOn.toISOString().slice(0, 10);
    expect(ids(await queue(reviewer, at(endsOn, '16:00')), 'lapse_correction')).not.toContain(reg.caseId);
    const dayAfter = new Date(at(endsOn, '16:00').getTime() + 24 * 3600_000);
    expect(ids(await queue(reviewer, dayAfter), 'lapse_correction')).toContain(reg.caseId);
    expect(ids(await queue(clerkA, dayAfter), 'lapse_correction')).toEqual([]); // a reviewer's decision

    // Fee notice acknowledged online → the clerk checks the payment.
    const fee = await registerCaseByStaff({ actor: clerkA, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2026-03-02' } });
    await step(fee.caseId, 'claim', clerkA);
    await step(fee.caseId, 'issue_fee_notice', clerkA, { method: 'per_page', pages: 40, basis: '超出合理数量' });
    const notice = await db.feeNotice.findFirstOrThrow({ where: { caseId: fee.caseId }, select: { id: true } });
    expect(ids(await queue(clerkA), 'fee_acknowledged')).not.toContain(fee.caseId);
    await acknowledgeFeeNotice({ access: { trackingNo: fee.trackingNo, accessCode: fee.accessCode as string }, caseId: fee.caseId, feeNoticeId: notice.id, now: at('2026-03-03') });
    expect(ids(await queue(clerkA), 'fee_acknowledged')).toContain(fee.caseId);

    // Withdrawn by the applicant → archive; withdrawn by staff (recorded at the counter) is no news.
    const w = await registerCaseByStaff({ actor: clerkA, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2026-03-02' } });
    await step(w.caseId, 'claim', clerkA);
    await withdrawByAccessCode({ trackingNo: w.trackingNo, accessCode: w.accessCode as string, expectedVersion: await version(w.caseId), now: at('2026-03-03') });
    const byStaff = await registerCaseByStaff({ actor: clerkA, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2026-03-02' } });
    await step(byStaff.caseId, 'claim', clerkA);
    await step(byStaff.caseId, 'withdraw', clerkA, { reason: '申请人当面撤回' }, at('2026-03-03'));
    const q = await queue(clerkA);
    expect(ids(q, 'withdrawn_by_applicant')).toContain(w.caseId);
    expect(ids(q, 'withdrawn_by_applicant')).not.toContain(byStaff.caseId);
    expect(q.sections.find((s) => s.section === 'withdrawn_by_applicant')?.entries.find((e) => e.caseId === w.caseId)?.step).toBe('archive');
    expect(q.total).toBe(q.sections.reduce((n, s) => n + s.count, 0));
  });
});
