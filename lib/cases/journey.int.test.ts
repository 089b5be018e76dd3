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
    // The period runs from the applicant's receipt (Art. 30; regulations.md §15): the notice words it so and
    // prints no last day counted from sending (03-04) while the delivery is unknown.
    expect(notice.body).toContain('自收到本告知书之日起10个工作日内');
    expect(notice.body).not.toContain('2026年3月4日');
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
      draft: {
        outcome: 'partially_granted',
        reason: '合同单价属于第三方商业秘密，第三方不同意公开，根据《条例》第十五条不予公开。',
        details: { withheldPart: '合同单价', withheldGround: 'denied_third_party_rights' },
      },
    });
    version = draft.version;
    // Art. 37 / 36(3): the disclosable part is neither attached yet nor offered for inspection.
    expect(draft.missing).toEqual(['confidentiality_review', 'access_or_attachment']);
    const draftDoc = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(draftDoc.legalBasis).toBe('《条例》第三十六条第（三）项、《条例》第三十七条、《条例》第十五条');
    expect(draftDoc.body).toContain('其中，合同单价，该部分涉及商业秘密');
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

describe('fixed-date journey: steps recorded after the day they happened (legal step dates)', () => {
  it('counts every period from the entered legal dates, not from the day of entry', async () => {
    // Received at the counter Thu 2026-02-12 (Art. 31). 20 working days (Art. 33 para 2):
    //   02-13 = 1, 02-14 (Sat, make-up) = 2; 02-15–23 off; 02-24…27 = 6, 02-28 (Sat, make-up) = 7;
    //   03-02…06 = 12; 03-09…13 = 17; 03-16, 17, 18 = 20 → 2026-03-18.
    // 补正 notice due within 7 working days (Art. 30): 02-13, 14, 24, 25, 26, 27, 28 → 2026-02-28 (make-up Sat).
    const reg = await registerCaseByStaff({
      actor: clerk,
      now: at('2026-02-12'),
      form: { ...LETTER, channel: 'in_person', arrivedOn: '2026-02-12' },
    });
    const caseId = reg.caseId;
    expect(await stored(caseId)).toMatchObject({ status: 'in_progress', answerDueOn: '2026-03-18' });
    const ledgerAt = async (today: string) => (await getCaseForStaff(reviewer, caseId, at(today))).deadlines;
    expect((await ledgerAt('2026-02-12')).correctionNoticeDue).toBe('2026-02-28');

    let version = 0;
    const step = async (p: Omit<TransitionCaseParams, 'caseId' | 'expectedVersion'>) => {
      const result = await transitionCase({ ...p, caseId, expectedVersion: version } as TransitionCaseParams);
      version = result.version;
      return result;
    };
    const attempt = (p: Omit<TransitionCaseParams, 'caseId' | 'expectedVersion'>) =>
      transitionCase({ ...p, caseId, expectedVersion: version } as TransitionCaseParams);

    // 1. 补正 notice sent Wed 02-25, recorded Thu 02-26; step dates in the future or before receipt are refused.
    const correctionInput = { items: '请明确所需文件的名称或文号', periodDays: 10 };
    await expectDomainError(
      attempt({ name: 'request_correction', input: { ...correctionInput, requestedOn: '2026-02-27' }, actor: clerk, now: at('2026-02-26') }),
      'VALIDATION',
      'workflow.guard.step_date_valid',
    );
    await expectDomainError(
      attempt({ name: 'request_correction', input: { ...correctionInput, requestedOn: '2026-02-11' }, actor: clerk, now: at('2026-02-26') }),
      'VALIDATION',
      'workflow.guard.step_date_valid',
    );
    //    Period of 10 working days from the notice: 02-26, 27, 28 (Sat, make-up) = 3; 03-02…06 = 8; 03-09, 10 = 10
    //    → 2026-03-10. Sent 02-25 ≤ 02-28: not late, although recorded the day before the limit too.
    const correction = await step({
      name: 'request_correction',
      input: { ...correctionInput, requestedOn: '2026-02-25' },
      actor: clerk,
      now: at('2026-02-26'),
    });
    expect(correction.flags).toEqual([]);
    expect(await stored(caseId)).toMatchObject({ status: 'awaiting_correction', answerDueOn: null });
    const round = await db.correctionRequest.findFirstOrThrow({ where: { caseId } });
    expect(round.requestedOn.toISOString().slice(0, 10)).toBe('2026-02-25');
    expect(round.periodEndsOn.toISOString().slice(0, 10)).toBe('2026-03-10');
    const notice = await db.document.findUniqueOrThrow({ where: { id: correction.document!.id } });
    expect(notice.issuedOn?.toISOString().slice(0, 10)).toBe('2026-02-25');
    expect(notice.body).toContain(`自收到本告知书之日起${correctionInput.periodDays}个工作日内`);
    expect(notice.body).not.toContain('2026年3月10日'); // no last day counted from sending
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'correction_requested' } });
    expect(event.occurredAt.toISOString()).toBe(at('2026-02-26').toISOString()); // the real time of entry

    // 2. Corrected application received Wed 03-04: 20 working days again in full (Art. 30):
    //    03-05, 06 = 2; 03-09…13 = 7; 03-16…20 = 12; 03-23…27 = 17; 03-30, 31, 04-01 = 20 → 2026-04-01.
    await step({ name: 'receive_correction', input: { receivedOn: '2026-03-04' }, actor: clerk, now: at('2026-03-05') });
    expect(await stored(caseId)).toMatchObject({ status: 'in_progress', answerDueOn: '2026-04-01' });

    // 3. Third-party consultation (Art. 32) sent Mon 03-09, received by the party Tue 03-10, recorded Wed 03-11.
    //    The party's receipt cannot precede the letter.
    const consultInput = { kind: 'third_party' as const, party: '示范公交集团有限公司', sentOn: '2026-03-09' };
    await expectDomainError(
      attempt({ name: 'start_consultation', input: { ...consultInput, receivedByPartyOn: '2026-03-06' }, actor: clerk, now: at('2026-03-11') }),
      'VALIDATION',
      'case.consultation.received_before_sent',
    );
    //    Reply due 15 working days after receipt: 03-11…13 = 3; 03-16…20 = 8; 03-23…27 = 13; 03-30, 31 = 15 → 03-31.
    //    While open, (03-09, 03-31] is excluded (16 working days): counted 03-05, 06, 09 = 3; 04-01, 02, 03 = 6;
    //    04-04–06 off; 04-07…10 = 10; 04-13…17 = 15; 04-20…24 = 20 → provisional 2026-04-24.
    const consult = await step({ name: 'start_consultation', input: { ...consultInput, receivedByPartyOn: '2026-03-10' }, actor: clerk, now: at('2026-03-11') });
    expect(await stored(caseId)).toMatchObject({ status: 'consulting', answerDueOn: '2026-04-24' });
    const letter = await db.document.findUniqueOrThrow({ where: { id: consult.document!.id } });
    expect(letter.issuedOn?.toISOString().slice(0, 10)).toBe('2026-03-09');
    expect((await ledgerAt('2026-03-11')).consultationReplyDue).toEqual(['2026-03-31']);

    // 4. Reply received Fri 03-20 (recorded Mon 03-23): excluded (03-09, 03-20] = 03-10…13, 03-16…20 = 9 working
    //    days. Counted 03-05, 06, 09 = 3; 03-23…27 = 8; 03-30, 31, 04-01, 02, 03 = 13; 04-04–06 off;
    //    04-07…10 = 17; 04-13, 14, 15 = 20 → 2026-04-15.
    await step({ name: 'end_consultation', input: { repliedOn: '2026-03-20', opinion: '同意公开' }, actor: clerk, now: at('2026-03-23') });
    expect(await stored(caseId)).toMatchObject({ status: 'in_progress', answerDueOn: '2026-04-15' });

    // 5. Extension of 15 working days (Art. 33 para 2) requested 04-08, approved by the head Fri 04-10, recorded
    //    Mon 04-13: after 04-15: 04-16, 17 = 2; 04-20…24 = 7; 04-27…30 = 11; 05-01–05 off; 05-06, 07, 08 = 14;
    //    05-09 (Sat, make-up workday) = 15 → 2026-05-09.
    await step({ name: 'request_extension', input: { days: 15, reason: '需要调取档案' }, actor: clerk, now: at('2026-04-08') });
    const ext = await step({ name: 'approve_extension', input: { hasApplicantNotice: true, approvedOn: '2026-04-10' }, actor: reviewer, now: at('2026-04-13') });
    expect(ext.answerDueOn).toBe('2026-05-09');
    const extRow = await db.extension.findFirstOrThrow({ where: { caseId } });
    expect(extRow.approvedOn?.toISOString().slice(0, 10)).toBe('2026-04-10');
    const extNotice = await db.document.findUniqueOrThrow({ where: { id: ext.document!.id } });
    expect(extNotice.issuedOn?.toISOString().slice(0, 10)).toBe('2026-04-10');
    expect(extNotice.body).toContain('2026年5月9日');

    // 6. Answer (Art. 36(4): not held) signed off and issued Mon 04-20, recorded Tue 04-21. It cannot be dated
    //    before the extension approval it follows.
    const draft = await saveAnswerDraft({
      caseId,
      expectedVersion: version,
      actor: clerk,
      now: at('2026-04-14'),
      draft: { outcome: 'unavailable_not_held', reason: '经检索，本机关未制作或获取该信息。' },
    });
    version = draft.version;
    expect(draft.missing).toEqual([]);
    await step({ name: 'submit_answer', input: {}, actor: clerk, now: at('2026-04-14', '15:00') });
    await expectDomainError(
      attempt({ name: 'approve_answer', input: { issuedOn: '2026-04-09' }, actor: reviewer, now: at('2026-04-21') }),
      'VALIDATION',
      'workflow.guard.answer_date_after_steps',
    );
    const approved = await step({ name: 'approve_answer', input: { issuedOn: '2026-04-20' }, actor: reviewer, now: at('2026-04-21') });
    expect(approved.document?.docNumber).toMatch(/〔2026〕\d+号$/);
    const answered = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(answered.concludedOn?.toISOString().slice(0, 10)).toBe('2026-04-20');
    const answer = await db.document.findUniqueOrThrow({ where: { id: draft.documentId } });
    expect(answer.issuedOn?.toISOString().slice(0, 10)).toBe('2026-04-20');

    const final = await ledgerAt('2026-04-21');
    expect(final).toMatchObject({ answerDue: '2026-05-09', answerDueBasis: 'extended', overdue: false, status: 'answered' });
    expect(final.errors).toEqual([]);
    expect(final.warnings).toEqual([]);
  });
});
