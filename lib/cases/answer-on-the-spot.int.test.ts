/**
 * On-the-spot answers (当场答复, Art. 33 para 1; issue 10 item 6) on a real PostgreSQL: one call registers a
 * counter application and runs the workflow chain (claim, draft, 保密审查, submit, approve, in-person delivery)
 * in one transaction with one event per step; a clerk's answer stops at sign-off; incomplete answers, wrong
 * channels and dates, foreign organisations and other roles store nothing; a replayed or double-clicked form
 * gives one case; a failing later step leaves no case behind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { answerOnTheSpot, ON_THE_SPOT_NOTE } from '@/lib/cases/answer-on-the-spot';
import { saveAnswerDraftInTx } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaffThen } from '@/lib/cases/register-case';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import { DomainError } from '@/lib/errors';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let admin: Actor;

const DAY = '2026-03-04';
const NOW = at(DAY);
const GIVEN = { accessArrangement: '当场提供纸质文件' };
const COUNTER = { ...LETTER, channel: 'in_person' as const, description: '示范市2025年公交票价调整听证会公告' };

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '窗口经办人');
  reviewer = await createActor('reviewer', orgs.dept, '窗口审核人');
  admin = await createActor('admin', null, '管理员');
});

async function casesWithKey(key: string) {
  return db.case.count({ where: { submissionKey: key } });
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('answer on the spot', () => {
  it('a reviewer registers, answers, issues and delivers in one transaction, one event per step', async () => {
    const key = submissionKey();
    const result = await answerOnTheSpot({
      actor: reviewer,
      registration: { ...COUNTER, orgId: orgs.dept.id },
      answer: { outcome: 'granted', details: { accessArrangement: '当场提供纸质文件' } },
      confidentialityReviewed: true,
      now: NOW,
      submissionKey: key,
    });
    expect(result.isReplay).toBe(false);
    expect(result.accessCode).toMatch(/\S{8,}/);
    expect(result.status).toBe('delivered');
    expect(result.answer?.docNumber).toContain(orgs.dept.docPrefix);

    const kase = await db.case.findUniqueOrThrow({
      where: { id: result.caseId },
      include: { events: { orderBy: { id: 'asc' } }, deliveries: true, documents: true },
    });
    expect(kase.status).toBe('delivered');
    expect(kase.outcome).toBe('granted');
    expect(kase.channel).toBe('in_person');
    expect(kase.deliveryMethod).toBe('in_person');
    expect(dbDateToIso(kase.receivedOn as Date)).toBe(DAY);
    expect(dbDateToIso(kase.concludedOn as Date)).toBe(DAY);
    expect(kase.assignedClerkId).toBe(reviewer.id);
    expect(kase.events.map((e) => e.type)).toEqual([
      'registered',
      'claimed',
      'answer_draft_saved',
      'confidentiality_review_recorded',
      'answer_submitted',
      'answer_approved',
      'delivery_recorded',
    ]);
    expect(kase.events.every((e) => e.actorId === reviewer.id)).toBe(true);
    // One version per step: registration (0) + six steps.
    expect(kase.version).toBe(kase.events.length - 1);
    expect(kase.deliveries).toHaveLength(1);
    expect(kase.deliveries[0]).toMatchObject({ method: 'in_person', receiptNote: ON_THE_SPOT_NOTE, documentId: result.answer?.documentId });
    const answer = kase.documents.find((d) => d.id === result.answer?.documentId);
    expect(answer).toMatchObject({ type: 'answer', status: 'issued', approvedById: reviewer.id, confidentialityReviewById: reviewer.id });
    expect(dbDateToIso(answer?.issuedOn as Date)).toBe(DAY);
  });

  it('a replayed form and a double click give one case', async () => {
    const key = submissionKey();
    const params = {
      actor: reviewer,
      registration: { ...COUNTER, applicantName: '钱七' },
      answer: { outcome: 'unavailable_not_held' as const, reason: '经检索，本机关未制作该信息。' },
      confidentialityReviewed: false,
      now: NOW,
      submissionKey: key,
    };
    const [a, b] = await Promise.all([answerOnTheSpot(params), answerOnTheSpot(params)]);
    expect(a.caseId).toBe(b.caseId);
    expect([a.isReplay, b.isReplay].sort()).toEqual([false, true]);
    const again = await answerOnTheSpot(params);
    expect(again).toMatchObject({ caseId: a.caseId, isReplay: true, accessCode: null, status: 'delivered' });
    expect(again.answer?.docNumber).toBe(a.answer?.docNumber);
    expect(await casesWithKey(key)).toBe(1);
    expect(await db.caseEvent.count({ where: { caseId: a.caseId, type: 'answer_approved' } })).toBe(1);
  });

  it('a clerk’s counter answer waits for the reviewer’s sign-off (and 保密审查 when it discloses)', async () => {
    const refused = await answerOnTheSpot({
      actor: clerk,
      registration: { ...COUNTER, applicantName: '孙八' },
      answer: { outcome: 'unavailable_not_held', reason: '经检索，本机关未制作该信息。' },
      confidentialityReviewed: true, // a clerk cannot sign the review: ignored
      now: NOW,
      submissionKey: submissionKey(),
    });
    expect(refused.status).toBe('pending_approval');
    expect(refused.answer).toBeNull();

    const granted = await answerOnTheSpot({
      actor: clerk,
      registration: { ...COUNTER, applicantName: '周九' },
      answer: { outcome: 'granted', details: { accessArrangement: '当场提供纸质文件' } },
      confidentialityReviewed: true,
      now: NOW,
      submissionKey: submissionKey(),
    });
    expect(granted.status).toBe('in_progress');
    const draft = await db.document.findFirstOrThrow({ where: { caseId: granted.caseId, type: 'answer' } });
    expect(draft).toMatchObject({ status: 'draft', outcome: 'granted', confidentialityReviewAt: null });
    expect(await db.caseEvent.count({ where: { caseId: granted.caseId, type: 'confidentiality_review_recorded' } })).toBe(0);
  });

  it('refuses incomplete answers, other channels, other days, foreign organisations and other roles, storing nothing', async () => {
    const attempts: { actor: Actor; registration: Record<string, unknown>; answer: Record<string, unknown>; reviewed?: boolean; code: string; key: string; field?: string }[] = [
      // Art. 36: a refusal needs its reason.
      { actor: reviewer, registration: COUNTER, answer: { outcome: 'denied_state_secret' }, code: 'VALIDATION', key: 'case.on_the_spot.incomplete', field: 'reason' },
      // Art. 17: disclosing without the explicit review.
      { actor: reviewer, registration: COUNTER, answer: { outcome: 'granted', details: GIVEN }, reviewed: false, code: 'VALIDATION', key: 'case.on_the_spot.incomplete', field: 'confidentialityReviewed' },
      // Art. 36(2): how the applicant obtains the information (nothing attached at the counter).
      { actor: reviewer, registration: COUNTER, answer: { outcome: 'granted' }, reviewed: true, code: 'VALIDATION', key: 'case.on_the_spot.incomplete', field: 'accessArrangement' },
      // Art. 37: separated information must be partially granted.
      { actor: reviewer, registration: COUNTER, answer: { outcome: 'granted', isSeparated: true, details: GIVEN }, reviewed: true, code: 'VALIDATION', key: 'case.on_the_spot.incomplete', field: 'isSeparated' },
      { actor: reviewer, registration: COUNTER, answer: { outcome: 'granted', remedyNotice: '  ', details: GIVEN }, reviewed: true, code: 'VALIDATION', key: 'case.on_the_spot.incomplete', field: 'remedyNotice' },
      { actor: reviewer, registration: { ...COUNTER, channel: 'post_signed' }, answer: { outcome: 'granted' }, reviewed: true, code: 'VALIDATION', key: 'case.input_invalid', field: 'channel' },
      { actor: reviewer, registration: { ...COUNTER, arrivedOn: '2026-03-03' }, answer: { outcome: 'granted' }, reviewed: true, code: 'VALIDATION', key: 'case.input_invalid', field: 'arrivedOn' },
      { actor: reviewer, registration: { ...COUNTER, applicantName: '李\u0000四' }, answer: { outcome: 'granted', details: GIVEN }, reviewed: true, code: 'VALIDATION', key: 'case.input_invalid' },
      { actor: reviewer, registration: COUNTER, answer: { outcome: 'other_misc' }, code: 'VALIDATION', key: 'answer.missing.outcome_not_selectable' },
      { actor: reviewer, registration: COUNTER, answer: { outcome: 'no_such_outcome' }, code: 'VALIDATION', key: 'case.input_invalid' },
      { actor: reviewer, registration: { ...COUNTER, orgId: orgs.sibling.id }, answer: { outcome: 'granted', details: GIVEN }, reviewed: true, code: 'NOT_FOUND', key: 'case.org_not_found' },
      { actor: admin, registration: COUNTER, answer: { outcome: 'granted' }, reviewed: true, code: 'FORBIDDEN', key: 'workflow.error.role_not_allowed' },
    ];
    for (const attempt of attempts) {
      const key = submissionKey();
      const e = await refusal(
        answerOnTheSpot({
          actor: attempt.actor,
          registration: attempt.registration as never,
          answer: attempt.answer as never,
          confidentialityReviewed: attempt.reviewed ?? false,
          now: NOW,
          submissionKey: key,
        }),
      );
      expect({ code: e.code, key: e.messageKey }).toEqual({ code: attempt.code, key: attempt.key });
      if (attempt.field) expect(Object.keys((e.params?.fieldErrors ?? {}) as object)).toContain(attempt.field);
      expect(await casesWithKey(key)).toBe(0);
    }
  });

  it('a step that fails after registration leaves no case, no draft and no event', async () => {
    const key = submissionKey();
    await expect(
      registerCaseByStaffThen({ actor: reviewer, form: { ...COUNTER, applicantName: '吴十' }, now: NOW, submissionKey: key }, async (tx, created) => {
        const { version } = await tx.case.findUniqueOrThrow({ where: { id: created.caseId }, select: { version: true } });
        await saveAnswerDraftInTx(tx, { caseId: created.caseId, expectedVersion: version, actor: reviewer, now: NOW, draft: { outcome: 'granted' } });
        throw new DomainError('CONFLICT', 'case.conflict');
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await casesWithKey(key)).toBe(0);
    expect(await db.case.count({ where: { applicantName: '吴十' } })).toBe(0);
    expect(await db.caseEvent.count({ where: { type: 'answer_draft_saved', occurredAt: NOW, actorId: reviewer.id, case: { applicantName: '吴十' } } })).toBe(0);
  });

  it('keeps the files handed over as the answer’s disclosed files, in the same transaction; bad files store nothing', async () => {
    const pdf = { filename: '听证会公告.pdf', data: new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n') };
    const key = submissionKey();
    const result = await answerOnTheSpot({
      actor: reviewer,
      registration: { ...COUNTER, orgId: orgs.dept.id, applicantName: '郑十一' },
      answer: { outcome: 'granted', details: { accessArrangement: '当场提供电子文件' } },
      confidentialityReviewed: true,
      now: NOW,
      submissionKey: key,
      files: [pdf],
    });
    expect(result.status).toBe('delivered');
    const files = await db.attachment.findMany({ where: { caseId: result.caseId }, select: { purpose: true, filename: true, contentType: true, documentId: true } });
    expect(files).toEqual([{ purpose: 'disclosed_file', filename: '听证会公告.pdf', contentType: 'application/pdf', documentId: result.answer?.documentId }]);
    const events = (await db.caseEvent.findMany({ where: { caseId: result.caseId }, orderBy: { id: 'asc' }, select: { type: true } })).map((e) => e.type);
    // The file is on the draft before the 保密审查, which therefore covers it.
    expect(events.indexOf('attachment_uploaded')).toBeGreaterThan(events.indexOf('answer_draft_saved'));
    expect(events.indexOf('attachment_uploaded')).toBeLessThan(events.indexOf('confidentiality_review_recorded'));

    // A file whose content is not an allowed kind, an empty file, too many files, or files with an outcome that
    // discloses nothing: refused with the field named, nothing stored.
    const refused = async (files: { filename: string; data: Uint8Array }[], outcome: 'granted' | 'denied_state_secret' = 'granted') => {
      const k = submissionKey();
      const e = await refusal(
        answerOnTheSpot({
          actor: reviewer,
          registration: { ...COUNTER, orgId: orgs.dept.id, applicantName: '王十二' },
          answer: outcome === 'granted' ? { outcome, details: { accessArrangement: '当场提供' } } : { outcome, reason: '属于国家秘密' },
          confidentialityReviewed: true,
          now: NOW,
          submissionKey: k,
          files,
        }),
      );
      expect(await casesWithKey(k)).toBe(0);
      return e;
    };
    const exe = { filename: 'a.pdf', data: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]) };
    expect((await refused([exe])).params?.fieldErrors).toMatchObject({ files: ['attachment.content_type_not_allowed'] });
    expect((await refused([{ filename: 'empty.pdf', data: new Uint8Array() }])).params?.fieldErrors).toMatchObject({ files: ['attachment.empty'] });
    expect((await refused(Array.from({ length: 6 }, () => pdf))).params?.fieldErrors).toMatchObject({ files: ['case.on_the_spot.too_many_files'] });
    expect((await refused([pdf], 'denied_state_secret')).params?.missing).toContain('attachments_not_allowed');
    expect(await db.case.count({ where: { applicantName: '王十二' } })).toBe(0);
  });
});
