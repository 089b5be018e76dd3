/**
 * The full staff journey through the library on a real PostgreSQL, with the due date checked at every step
 * against dates counted by hand on the 2026 State Council calendar (Spring Festival 02-15–02-23 off,
 * make-up workdays Sat 02-14 and Sat 02-28; Qingming 04-04–04-06 off; Labour Day from 05-01).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { getCaseForApplicant, getCaseForStaff } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { uploadAttachment } from '@/lib/attachments/upload-attachment';
import { decrypt } from '@/lib/crypto';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  reviewer = await createActor('reviewer', orgs.dept, '审核人');
});

async function stored(caseId: string) {
  const c = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, status: true, answerDueOn: true } });
  return { version: c.version, status: c.status, answerDueOn: c.answerDueOn?.toISOString().slice(0, 10) ?? null };
}

async function expectDomainError(promise: Promise<unknown>, code: DomainError['code'], messageKey?: string): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const de = error as DomainError;
  expect(de.code).toBe(code);
  if (messageKey) expect(de.messageKey).toBe(messageKey);
  return de;
}

describe('staff journey: signed-for letter → 补正 → consultation → extension → partial answer → delivery → archive', () => {
  it('keeps the answer due date right at every step and records every change', async () => {
    // 1. Registered letter signed for on Tue 2026-02-10 (Art. 31): received that day, 20 working days
    //    (Art. 33): 02-11,12,13,14(Sat, make-up) = 4; 02-15–23 off; 24,25,26,27,28(Sat, make-up) = 9;
    //    03-02…06 = 14; 03-09…13 = 19; 03-16 = 20.
    const reg = await registerCaseByStaff({
      actor: clerk,
      now: at('2026-02-10'),
      form: { ...LETTER, channel: 'post_signed', arrivedOn: '2026-02-10', signedForOn: '2026-02-10' },
    });
    expect(reg.trackingNo).toMatch(/^GK2026-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(reg.accessCode).toMatch(/^[0-9A-Z]{16}$/);
    const caseId = reg.caseId;
    expect(await stored(caseId)).toEqual({ version: 0, status: 'in_progress', answerDueOn: '2026-03-16' });
    const row = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.receivedOn?.toISOString().slice(0, 10)).toBe('2026-02-10');
    expect(row.idNumberMasked).toBe('110105********002X');
    expect(row.idNumberEnc).not.toContain('11010519491231002X');
    expect(decrypt(row.idNumberEnc as string)).toBe('11010519491231002X');

    let version = 0;
    const step = async (p: Omit<TransitionCaseParams, 'caseId' | 'expectedVersion'>) => {
      const result = await transitionCase({ ...p, caseId, expectedVersion: version } as TransitionCaseParams);
      version = result.version;
      return result;
    };

    await step({ name: 'claim', input: {}, actor: clerk, now: at('2026-02-11') });

    // 2. 补正 on Thu 02-12 (within 7 working days of receipt: due 02-26), period 10 working days:
    //    02-13,14,24,25,26,27,28, 03-02,03,04 → ends 2026-03-04. No answer period runs meanwhile.
    const correction = await step({
      name: 'request_correction',
      input: { items: '请明确所需文件的名称或文号\n请提供联系电话', periodDays: 10 },
      actor: clerk,
      now: at('2026-02-12'),
    });
    expect(correction.flags).toEqual([]);
    expect(correction.document?.docNumber).toBe(`${orgs.dept.docPrefix}补〔2026〕1号`);
    expect(await stored(caseId)).toMatchObject({ status: 'awaiting_correction', answerDueOn: null });
    const notice = await db.document.findUniqueOrThrow({ where: { id: correction.document!.id } });
    expect(notice.body).toContain('1. 请明确所需文件的名称或文号');
    expect(notice.body).toContain('2026年3月4日');
    expect(notice.body).toContain('第三十条');

    // 3. Corrected application received Thu 02-26: the 20 days count again in full (Art. 30):
    //    02-27, 02-28(Sat) = 2; 03-02…06 = 7; 09…13 = 12; 16…20 = 17; 23, 24, 25 = 20 → 2026-03-25.
    await step({ name: 'receive_correction', input: { receivedOn: '2026-02-26' }, actor: clerk, now: at('2026-02-26') });
    expect(await stored(caseId)).toMatchObject({ status: 'in_progress', answerDueOn: '2026-03-25' });

    // 4. Third-party consultation (Art. 32) sent Mon 03-02, received by the party 03-03: reply due 15
    //    working days later = 03-24. Excluded (03-02, 03-24] = 16 working days while open (Art. 33 para 3):
    //    counted 02-27, 02-28, 03-02 = 3; 03-25,26,27,30,31, 04-01,02,03 = 11; 04-04–06 off; 04-07…10 = 15;
    //    04-13…17 = 20 → provisional 2026-04-17.
    const consult = await step({
      name: 'start_consultation',
      input: { kind: 'third_party', party: '示范公交集团有限公司', receivedByPartyOn: '2026-03-03' },
      actor: clerk,
      now: at('2026-03-02'),
    });
    expect(consult.document?.docNumber).toBe(`${orgs.dept.docPrefix}征〔2026〕1号`);
    expect(await stored(caseId)).toMatchObject({ status: 'consulting', answerDueOn: '2026-04-17' });

    // 5. Reply on Mon 03-09: excluded (03-02, 03-09] = 03-03…06, 03-09 = 5 working days → 03-25 + 5 = 04-01.
    await step({ name: 'end_consultation', input: { repliedOn: '2026-03-09', opinion: '不同意公开其中的合同单价' }, actor: clerk, now: at('2026-03-09') });
    expect(await stored(caseId)).toMatchObject({ status: 'in_progress', answerDueOn: '2026-04-01' });

    // 6. Extension (Art. 33 para 2) requested 03-10, approved by the head 03-11: 20 more working days after
    //    04-01: 04-02, 03 = 2; 04-04–06 off; 04-07…10 = 6; 13…17 = 11; 20…24 = 16; 27…30 = 20 → 2026-04-30.
    await step({ name: 'request_extension', input: { days: 20, reason: '需要调取档案并征求第三方意见' }, actor: clerk, now: at('2026-03-10') });
    expect(await stored(caseId)).toMatchObject({ answerDueOn: '2026-04-01' });
    const ext = await step({ name: 'approve_extension', input: { hasApplicantNotice: true }, actor: reviewer, now: at('2026-03-11') });
    expect(ext.answerDueOn).toBe('2026-04-30');
    expect(ext.document?.docNumber).toBe(`${orgs.dept.docPrefix}延〔2026〕1号`);
    expect(await stored(caseId)).toMatchObject({ answerDueOn: '2026-04-30' });
    const extNotice = await db.document.findUniqueOrThrow({ where: { id: ext.document!.id } });
    expect(extNotice.body).toContain('延长20个工作日');
    expect(extNotice.body).toContain('2026年4月30日');

    // 7. Answer: partially granted (Art. 37) with reason; basis and remedy notice prefilled.
    const draft = await saveAnswerDraft({
      caseId,
      expectedVersion: version,
      actor: clerk,
      now: at('2026-03-16'),
      draft: { outcome: 'partially_granted', reason: '合同单价属于第三方商业秘密，第三方不同意公开，根据《条例》第十五条不予公开。' },
    });
    version = draft.version;
    expect(draft.missing).toEqual(['confidentiality_review']);
    const draftDoc = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(draftDoc.legalBasis).toBe('《条例》第三十七条');
    expect(draftDoc.remedyNotice).toContain('60日内');
    expect(draftDoc.remedyNotice).toContain('6个月内');
    expect(draftDoc.isSeparated).toBe(true);
    expect(draftDoc.body).toContain('作区分处理');
    expect(draftDoc.body).toContain('张三：');

    const upload = await uploadAttachment({
      caseId,
      expectedVersion: version,
      actor: clerk,
      now: at('2026-03-16', '11:00'),
      purpose: 'disclosed_file',
      file: { filename: '../../公交线路调整批复（删除单价）.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 test') },
    });
    version = upload.version;
    const attachment = await db.attachment.findUniqueOrThrow({ where: { id: upload.attachmentId } });
    expect(attachment).toMatchObject({ filename: '公交线路调整批复（删除单价）.pdf', isPublic: false, documentId: draft.documentId });

    // Sending is refused while a required element is missing (no confidentiality review yet).
    const refused = await expectDomainError(
      transitionCase({ caseId, expectedVersion: version, name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-16', '12:00') }),
      'VALIDATION',
      'workflow.guard.answer_complete',
    );
    expect(refused.params).toMatchObject({ missing: ['confidentiality_review'] });

    await step({ name: 'record_confidentiality_review', input: { note: '已删除合同单价' }, actor: reviewer, now: at('2026-03-17') });
    await step({ name: 'submit_answer', input: {}, actor: clerk, now: at('2026-03-17', '15:00') });
    expect(await stored(caseId)).toMatchObject({ status: 'pending_approval' });

    // The draft is locked while the reviewer looks at it.
    await expectDomainError(
      saveAnswerDraft({ caseId, expectedVersion: version, actor: clerk, now: at('2026-03-17', '16:00'), draft: { outcome: 'granted' } }),
      'LOCKED',
    );

    const approved = await step({ name: 'approve_answer', input: {}, actor: reviewer, now: at('2026-03-18') });
    expect(approved.document?.docNumber).toBe(`${orgs.dept.docPrefix}答〔2026〕1号`);
    const answered = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(answered).toMatchObject({ status: 'answered', outcome: 'partially_granted' });
    expect(answered.concludedOn?.toISOString().slice(0, 10)).toBe('2026-03-18');
    const issued = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(issued.status).toBe('issued');
    expect(issued.body).not.toContain('{{');
    expect(await db.attachment.findUniqueOrThrow({ where: { id: upload.attachmentId } })).toMatchObject({ isPublic: true });

    // 8. Delivery by post needs the tracking number.
    await expectDomainError(
      transitionCase({ caseId, expectedVersion: version, name: 'record_delivery', input: { method: 'post', deliveredOn: '2026-03-20' }, actor: clerk, now: at('2026-03-20') }),
      'VALIDATION',
      'case.delivery.postal_tracking_no_required',
    );
    await step({ name: 'record_delivery', input: { method: 'post', deliveredOn: '2026-03-20', postalTrackingNo: 'EMS1234567890' }, actor: clerk, now: at('2026-03-20') });

    // 9. Archive (Art. 45).
    await step({ name: 'archive', input: { retentionNote: '永久保存，档号2026-XX-001' }, actor: clerk, now: at('2026-03-25') });
    expect(await stored(caseId)).toMatchObject({ status: 'archived', version });

    // Every change left exactly one event, in order.
    const events = await db.caseEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' }, select: { type: true, isPublic: true, actorId: true } });
    expect(events.map((e) => e.type)).toEqual([
      'registered',
      'claimed',
      'correction_requested',
      'correction_received',
      'consultation_started',
      'consultation_ended',
      'extension_requested',
      'extension_approved',
      'answer_draft_saved',
      'attachment_uploaded',
      'confidentiality_review_recorded',
      'answer_submitted',
      'answer_approved',
      'delivery_recorded',
      'archived',
    ]);
    expect(events.length).toBe(version + 1); // registration + one per version bump
    expect(events.every((e) => e.actorId !== null)).toBe(true);

    // Outbox: correction notice, extension, answer (e-mail + SMS each) and the receipt confirmation.
    const outbox = await db.outboxMessage.findMany({ where: { caseId }, select: { template: true, channel: true } });
    expect(new Set(outbox.map((o) => o.template))).toEqual(new Set(['receipt_confirmed', 'correction_requested', 'extension_approved', 'answer_issued']));
    expect(outbox.filter((o) => o.channel === 'sms')).toHaveLength(4);

    // Staff view: timeline, documents, deadline explanation.
    const staffView = await getCaseForStaff(reviewer, caseId, at('2026-03-25'));
    expect(staffView.timeline).toHaveLength(events.length);
    expect(staffView.documents.map((d) => d.docNumber)).toEqual(
      expect.arrayContaining([`${orgs.dept.docPrefix}答〔2026〕1号`, `${orgs.dept.docPrefix}补〔2026〕1号`]),
    );
    expect(staffView.deadlines.answerDue).toBe('2026-04-30');
    expect(staffView.deadlines.overdue).toBe(false);
    expect(staffView.availableTransitions).toEqual(['record_appeal']);

    // Applicant view (tracking number + access code): public events only, issued documents to the applicant.
    const publicView = await getCaseForApplicant({ trackingNo: reg.trackingNo, accessCode: reg.accessCode! });
    expect(publicView.timeline.map((e) => e.type)).toEqual([
      'registered',
      'correction_requested',
      'correction_received',
      'consultation_started',
      'consultation_ended',
      'extension_approved',
      'answer_approved',
      'delivery_recorded',
    ]);
    expect(publicView.documents.map((d) => d.type).sort()).toEqual(['answer', 'correction_notice', 'extension_notice']);
    expect(publicView.attachments.map((a) => a.filename)).toEqual(['公交线路调整批复（删除单价）.pdf']);
    expect(JSON.stringify(publicView)).not.toContain('不同意公开其中的合同单价'); // internal consultation opinion
  });
});
