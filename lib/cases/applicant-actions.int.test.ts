/**
 * Applicant acts besides withdrawal, on a real PostgreSQL: supporting files with the application (also
 * anonymous), uploads and 补正 answers with the tracking number + access code, fee acknowledgement. Each
 * change is one compare-and-set plus one public event; refusals leave no trace.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { acknowledgeFeeNotice, submitCorrection, uploadApplicantFile } from '@/lib/cases/applicant-actions';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { getCaseForApplicant, getCaseForStaff } from '@/lib/cases/queries';
import { registerCaseByStaff, submitApplication } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { getAttachmentForDownload, uploadAttachment } from '@/lib/attachments/upload-attachment';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from '@/lib/attachments/upload-sniff';

let orgs: OrgTree;
let clerk: Actor;

const enc = (s: string) => new TextEncoder().encode(s);
const PDF = (body = 'x') => ({ filename: 'scan.jpg', contentType: 'image/jpeg', data: enc(`%PDF-1.7\n${body}\n%%EOF`) });
const TXT = (body: string) => ({ filename: '说明.txt', contentType: 'text/plain', data: enc(body) });
const EXE = { filename: 'virus.pdf', contentType: 'application/pdf', data: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]) };

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function counts(caseId: string) {
  const [events, attachments, c] = await Promise.all([
    db.caseEvent.count({ where: { caseId } }),
    db.attachment.count({ where: { caseId } }),
    db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } }),
  ]);
  return { events, attachments, version: c.version };
}

/** A counter application (in_progress from registration) with its access code. */
async function counterCase(day = '2026-03-02') {
  const reg = await registerCaseByStaff({ actor: clerk, now: at(day), form: { ...LETTER, channel: 'in_person', arrivedOn: day } });
  return { caseId: reg.caseId, access: { trackingNo: reg.trackingNo, accessCode: reg.accessCode as string } };
}

async function requestCorrection(caseId: string, version: number, day: string, options: { deliveredOn?: string } = {}) {
  let r = await transitionCase({ caseId, expectedVersion: version, name: 'request_correction', input: { items: '请提供文件名称', periodDays: 10 }, actor: clerk, now: at(day) });
  if (options.deliveredOn) {
    // Art. 30 / regulations.md §15: the period runs from delivery of the notice.
    const notice = await db.document.findFirstOrThrow({ where: { caseId, type: 'correction_notice' }, select: { id: true } });
    r = await transitionCase({
      caseId,
      expectedVersion: r.version,
      name: 'record_notice_delivery',
      input: { documentId: notice.id, method: 'in_person', deliveredOn: options.deliveredOn },
      actor: clerk,
      now: at(options.deliveredOn),
    });
  }
  const round = await db.correctionRequest.findFirstOrThrow({ where: { caseId }, select: { periodEndsOn: true } });
  return { version: r.version, periodEndsOn: round.periodEndsOn.toISOString().slice(0, 10) };
}

describe('submitApplication with files', () => {
  it('stores an anonymous application’s files in the registration transaction, as public application files with the sniffed type', async () => {
    const key = submissionKey();
    const r = await submitApplication({
      form: { ...PORTAL_FORM, orgId: orgs.dept.id },
      submissionKey: key,
      applicant: null,
      now: at('2026-03-02'),
      files: [PDF(), TXT('补充说明')],
    });
    const files = await db.attachment.findMany({ where: { caseId: r.caseId }, orderBy: { createdAt: 'asc' }, select: { purpose: true, filename: true, contentType: true, isPublic: true, uploadedById: true } });
    expect(files).toEqual([
      { purpose: 'application_file', filename: 'scan.pdf', contentType: 'application/pdf', isPublic: true, uploadedById: null },
      { purpose: 'application_file', filename: '说明.txt', contentType: 'text/plain', isPublic: true, uploadedById: null },
    ]);
    const events = await db.caseEvent.findMany({ where: { caseId: r.caseId }, orderBy: { id: 'asc' }, select: { type: true, isPublic: true, actorRole: true } });
    expect(events).toEqual([
      { type: 'submitted', isPublic: true, actorRole: 'applicant_anonymous' },
      { type: 'attachment_uploaded', isPublic: true, actorRole: 'applicant_anonymous' },
      { type: 'attachment_uploaded', isPublic: true, actorRole: 'applicant_anonymous' },
    ]);
    expect((await counts(r.caseId)).version).toBe(0);
    // A replay (double click) stores nothing twice.
    const again = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: key, applicant: null, now: at('2026-03-02'), files: [PDF()] });
    expect(again).toMatchObject({ caseId: r.caseId, isReplay: true });
    expect((await counts(r.caseId)).attachments).toBe(2);
    // The holder of the access code sees (and downloads) them.
    const view = await getCaseForApplicant({ trackingNo: r.trackingNo, accessCode: r.accessCode as string });
    expect(view.attachments.map((a) => a.filename)).toEqual(['scan.pdf', '说明.txt']);
    const dl = await getAttachmentForDownload({ trackingNo: r.trackingNo, accessCode: r.accessCode as string }, view.attachments[0].id);
    expect(dl.contentType).toBe('application/pdf');
  });

  it('refuses the whole application when a file breaks the caps: no case is created', async () => {
    const key = submissionKey();
    const before = await db.case.count();
    const tooMany = Array.from({ length: MAX_UPLOAD_FILES + 1 }, () => PDF());
    const e1 = await rejection(submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: key, applicant: null, now: at('2026-03-02'), files: tooMany }));
    expect([e1.code, e1.messageKey]).toEqual(['VALIDATION', 'portal.upload.too_many']);
    const e2 = await rejection(submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: key, applicant: null, now: at('2026-03-02'), files: [EXE] }));
    expect([e2.code, e2.messageKey]).toEqual(['VALIDATION', 'portal.upload.unsupported']);
    const big = { filename: 'big.txt', contentType: 'text/plain', data: new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x61) };
    const e3 = await rejection(submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: key, applicant: null, now: at('2026-03-02'), files: [big] }));
    expect([e3.code, e3.messageKey]).toEqual(['VALIDATION', 'portal.upload.too_large']);
    expect(await db.case.count()).toBe(before);
  });

  it('links a signed-in applicant’s files to the account', async () => {
    const applicant = await createActor('applicant', null);
    const r = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: submissionKey(), applicant, now: at('2026-03-02'), files: [PDF()] });
    const file = await db.attachment.findFirstOrThrow({ where: { caseId: r.caseId }, select: { uploadedById: true } });
    expect(file.uploadedById).toBe(applicant.id);
  });
});

describe('uploadApplicantFile', () => {
  it('lets the holder of the access code upload an application file; a wrong code or another case is NOT_FOUND', async () => {
    const { caseId, access } = await counterCase();
    const r = await uploadApplicantFile({ access, caseId, expectedVersion: 0, purpose: 'application_file', file: PDF(), now: at('2026-03-03') });
    expect(r.version).toBe(1);
    const ev = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'attachment_uploaded' }, select: { isPublic: true, actorId: true, actorRole: true } });
    expect(ev).toEqual({ isPublic: true, actorId: null, actorRole: 'applicant_anonymous' });

    const other = await counterCase();
    const before = await counts(caseId);
    const wrong = await rejection(uploadApplicantFile({ access: { ...access, accessCode: 'AAAAAAAAAAAAAAAA' }, caseId, expectedVersion: 1, purpose: 'application_file', file: PDF(), now: at('2026-03-03') }));
    expect(wrong.code).toBe('NOT_FOUND');
    const crossed = await rejection(uploadApplicantFile({ access: other.access, caseId, expectedVersion: 1, purpose: 'application_file', file: PDF(), now: at('2026-03-03') }));
    expect(crossed.code).toBe('NOT_FOUND');
    const stale = await rejection(uploadApplicantFile({ access, caseId, expectedVersion: 0, purpose: 'application_file', file: PDF(), now: at('2026-03-03') }));
    expect(stale.code).toBe('CONFLICT');
    // A correction file needs an open 补正.
    const closed = await rejection(uploadApplicantFile({ access, caseId, expectedVersion: 1, purpose: 'correction_file', file: PDF(), now: at('2026-03-03') }));
    expect([closed.code, closed.messageKey]).toEqual(['INVALID_TRANSITION', 'attachment.status_not_allowed']);
    expect(await counts(caseId)).toEqual(before);
  });

  it('applies the applicant caps to account uploads through uploadAttachment too', async () => {
    const applicant = await createActor('applicant', null);
    const r = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: submissionKey(), applicant, now: at('2026-03-02') });
    const e = await rejection(uploadAttachment({ caseId: r.caseId, expectedVersion: 0, actor: applicant, now: at('2026-03-02'), purpose: 'application_file', file: EXE }));
    expect([e.code, e.messageKey]).toEqual(['VALIDATION', 'portal.upload.unsupported']);
    const ok = await uploadAttachment({ caseId: r.caseId, expectedVersion: 0, actor: applicant, now: at('2026-03-02'), purpose: 'application_file', file: PDF() });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: ok.attachmentId }, select: { filename: true, contentType: true } });
    expect(row).toEqual({ filename: 'scan.pdf', contentType: 'application/pdf' });
  });
});

describe('submitCorrection', () => {
  it('records the answer with text and files in one public event, leaves the case awaiting_correction for staff to receive', async () => {
    const { caseId, access } = await counterCase('2026-03-02');
    const { version, periodEndsOn } = await requestCorrection(caseId, 0, '2026-03-03');
    const r = await submitCorrection({ access, caseId, expectedVersion: version, text: '  文件名称：示范市交通运输局关于公交线路调整的批复  ', files: [PDF('a'), TXT('联系电话 13800138000')], now: at(periodEndsOn, '23:00') });
    expect(r.version).toBe(version + 1);
    expect(r.files.map((f) => f.filename)).toEqual(['scan.pdf', '说明.txt']);
    const kase = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true, version: true } });
    expect(kase).toEqual({ status: 'awaiting_correction', version: version + 1 });
    const files = await db.attachment.findMany({ where: { caseId }, select: { purpose: true, isPublic: true } });
    expect(files).toEqual([
      { purpose: 'correction_file', isPublic: true },
      { purpose: 'correction_file', isPublic: true },
    ]);
    const ev = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'correction_submitted' }, select: { isPublic: true, data: true, fromStatus: true, toStatus: true } });
    expect(ev.isPublic).toBe(true);
    expect(ev).toMatchObject({ fromStatus: 'awaiting_correction', toStatus: 'awaiting_correction' });
    expect(ev.data).toMatchObject({ text: '文件名称：示范市交通运输局关于公交线路调整的批复', fileCount: 2, periodEndsOn });
    expect(await db.caseEvent.count({ where: { caseId, type: 'attachment_uploaded' } })).toBe(0);

    // The applicant sees it on the public timeline; staff see the event with the text and the files.
    const view = await getCaseForApplicant(access);
    const submitted = view.timeline.find((e) => e.type === 'correction_submitted');
    expect(submitted?.params).toEqual({ text: '文件名称：示范市交通运输局关于公交线路调整的批复', fileCount: 2, periodEndsOn });
    const staff = await getCaseForStaff(clerk, caseId);
    expect(staff.timeline.some((e) => e.type === 'correction_submitted')).toBe(true);
    expect(staff.attachments.filter((a) => a.purpose === 'correction_file')).toHaveLength(2);

    // Staff receive it (the legal date), after which no further answer is accepted.
    const received = await transitionCase({ caseId, expectedVersion: version + 1, name: 'receive_correction', input: { receivedOn: periodEndsOn }, actor: clerk, now: at(periodEndsOn, '23:30') });
    const late = await rejection(submitCorrection({ access, caseId, expectedVersion: received.version, text: '再补充', now: at(periodEndsOn, '23:40') }));
    expect([late.code, late.messageKey]).toEqual(['VALIDATION', 'case.correction.not_awaiting']);
  });

  it('works for the signed-in applicant (own case) and refuses a stranger', async () => {
    const applicant = await createActor('applicant', null);
    const sub = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: submissionKey(), applicant, now: at('2026-03-02') });
    await transitionCase({ caseId: sub.caseId, expectedVersion: 0, name: 'confirm_receipt', input: { receivedOn: '2026-03-02' }, actor: clerk, now: at('2026-03-02') });
    const { version } = await requestCorrection(sub.caseId, 1, '2026-03-03');
    const stranger = await createActor('applicant', null);
    expect((await rejection(submitCorrection({ access: { actor: stranger }, caseId: sub.caseId, expectedVersion: version, text: 'x', now: at('2026-03-04') }))).code).toBe('NOT_FOUND');
    expect((await rejection(submitCorrection({ access: { actor: clerk }, caseId: sub.caseId, expectedVersion: version, text: 'x', now: at('2026-03-04') }))).code).toBe('NOT_FOUND');
    await submitCorrection({ access: { actor: applicant }, caseId: sub.caseId, expectedVersion: version, text: '已补充', now: at('2026-03-04') });
    const ev = await db.caseEvent.findFirstOrThrow({ where: { caseId: sub.caseId, type: 'correction_submitted' }, select: { actorId: true, actorRole: true } });
    expect(ev).toEqual({ actorId: applicant.id, actorRole: 'applicant' });
  });

  it('refuses after the period, outside a 补正, when empty, and on a stale version — writing nothing', async () => {
    const { caseId, access } = await counterCase('2026-03-02');
    const notYet = await rejection(submitCorrection({ access, caseId, expectedVersion: 0, text: '补充', now: at('2026-03-02') }));
    expect([notYet.code, notYet.messageKey]).toEqual(['VALIDATION', 'case.correction.not_awaiting']);
    const { version, periodEndsOn } = await requestCorrection(caseId, 0, '2026-03-03', { deliveredOn: '2026-03-03' });
    const before = await counts(caseId);
    const dayAfter = new Date(at(periodEndsOn, '00:00').getTime() + 24 * 3600 * 1000);
    const over = await rejection(submitCorrection({ access, caseId, expectedVersion: version, text: '补充', now: dayAfter }));
    expect([over.code, over.messageKey, over.params]).toEqual(['VALIDATION', 'case.correction.period_ended', { periodEndsOn }]);
    const empty = await rejection(submitCorrection({ access, caseId, expectedVersion: version, text: '   ', files: [], now: at('2026-03-04') }));
    expect([empty.code, empty.messageKey]).toEqual(['VALIDATION', 'case.correction.empty']);
    const long = await rejection(submitCorrection({ access, caseId, expectedVersion: version, text: 'x'.repeat(10_001), now: at('2026-03-04') }));
    expect(long.messageKey).toBe('case.correction.text_too_long');
    const badFile = await rejection(submitCorrection({ access, caseId, expectedVersion: version, text: 'x', files: [EXE], now: at('2026-03-04') }));
    expect(badFile.messageKey).toBe('portal.upload.unsupported');
    const stale = await rejection(submitCorrection({ access, caseId, expectedVersion: version - 1, text: 'x', now: at('2026-03-04') }));
    expect(stale.code).toBe('CONFLICT');
    expect(await counts(caseId)).toEqual(before);
  });

  it('Art. 30, regulations.md §15: while the notice\'s delivery is unknown, a correction after the provisional end is accepted', async () => {
    const { caseId, access } = await counterCase('2026-03-02');
    const { version, periodEndsOn } = await requestCorrection(caseId, 0, '2026-03-03');
    const dayAfter = new Date(at(periodEndsOn, '00:00').getTime() + 24 * 3600 * 1000);
    const r = await submitCorrection({ access, caseId, expectedVersion: version, text: '补充', now: dayAfter });
    expect(r.version).toBe(version + 1);
  });

  it('lets exactly one of two concurrent answers with the same version through', async () => {
    const { caseId, access } = await counterCase('2026-03-02');
    const { version } = await requestCorrection(caseId, 0, '2026-03-03');
    const results = await Promise.allSettled([
      submitCorrection({ access, caseId, expectedVersion: version, text: 'A', now: at('2026-03-04') }),
      submitCorrection({ access, caseId, expectedVersion: version, text: 'B', now: at('2026-03-04') }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as DomainError).code).toBe('CONFLICT');
    expect(await db.caseEvent.count({ where: { caseId, type: 'correction_submitted' } })).toBe(1);
  });
});

describe('acknowledgeFeeNotice', () => {
  it('sets acknowledgedAt with one public event, once; refuses other cases’ notices and closed notices', async () => {
    const { caseId, access } = await counterCase('2026-03-02');
    const issued = await transitionCase({
      caseId,
      expectedVersion: 0,
      name: 'issue_fee_notice',
      input: { method: 'per_page', pages: 42, basis: '国办函〔2020〕109号' },
      actor: clerk,
      now: at('2026-03-03'),
    });
    const fee = await db.feeNotice.findFirstOrThrow({ where: { caseId }, select: { id: true } });
    const other = await counterCase('2026-03-02');
    expect((await rejection(acknowledgeFeeNotice({ access: other.access, caseId: other.caseId, feeNoticeId: fee.id, now: at('2026-03-04') }))).messageKey).toBe('case.fee.not_found');
    expect((await rejection(acknowledgeFeeNotice({ access: other.access, caseId, feeNoticeId: fee.id, now: at('2026-03-04') }))).code).toBe('NOT_FOUND');
    expect((await rejection(acknowledgeFeeNotice({ access, caseId, feeNoticeId: fee.id, expectedVersion: 0, now: at('2026-03-04') }))).code).toBe('CONFLICT');

    const r = await acknowledgeFeeNotice({ access, caseId, feeNoticeId: fee.id, expectedVersion: issued.version, now: at('2026-03-04') });
    expect(r).toEqual({ version: issued.version + 1, acknowledgedAt: at('2026-03-04'), isReplay: false });
    const row = await db.feeNotice.findUniqueOrThrow({ where: { id: fee.id }, select: { acknowledgedAt: true, paidOn: true } });
    expect(row).toEqual({ acknowledgedAt: at('2026-03-04'), paidOn: null });
    const view = await getCaseForApplicant(access);
    expect(view.timeline.find((e) => e.type === 'fee_acknowledged')?.params).toEqual({ acknowledgedAt: at('2026-03-04').toISOString() });

    const again = await acknowledgeFeeNotice({ access, caseId, feeNoticeId: fee.id, now: at('2026-03-05') });
    expect(again).toEqual({ version: issued.version + 1, acknowledgedAt: at('2026-03-04'), isReplay: true });
    expect(await db.caseEvent.count({ where: { caseId, type: 'fee_acknowledged' } })).toBe(1);

    // A paid notice of another case cannot be acknowledged any more.
    const paidCase = await counterCase('2026-03-02');
    const v = (await transitionCase({ caseId: paidCase.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages: 31, basis: '依据' }, actor: clerk, now: at('2026-03-03') })).version;
    await transitionCase({ caseId: paidCase.caseId, expectedVersion: v, name: 'record_fee_paid', input: { paidOn: '2026-03-04' }, actor: clerk, now: at('2026-03-04') });
    const paidFee = await db.feeNotice.findFirstOrThrow({ where: { caseId: paidCase.caseId }, select: { id: true } });
    const closed = await rejection(acknowledgeFeeNotice({ access: paidCase.access, caseId: paidCase.caseId, feeNoticeId: paidFee.id, now: at('2026-03-05') }));
    expect([closed.code, closed.messageKey]).toEqual(['INVALID_TRANSITION', 'case.fee.none_open']);
  });
});
