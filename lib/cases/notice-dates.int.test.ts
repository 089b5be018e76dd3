/**
 * Issue 9 items 4 and 2 on a real PostgreSQL: periods that run from the applicant's receipt of a notice
 * (Art. 30; regulations.md §11, §15), and letters whose stated date a later fact moves (docs/decisions.md
 * "a date in a letter"). Calendar: 2026 (Qingming 04-04–04-06, Labour Day 05-01–05-05, Sat 05-09 a workday).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { getCaseDeadlines } from '@/lib/cases/deadline-for-case';
import { recordPortalReading } from '@/lib/cases/notice-delivery';
import { getCaseForStaff } from '@/lib/cases/queries';

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

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function counterCase(day: string, deliveryMethod: 'post' | 'online_download' = 'post') {
  const reg = await registerCaseByStaff({ actor: clerk, now: at(day), form: { ...LETTER, deliveryMethod, channel: 'in_person', arrivedOn: day } });
  let version = 0;
  const step = async (p: Omit<TransitionCaseParams, 'caseId' | 'expectedVersion'>) => {
    const r = await transitionCase({ ...p, caseId: reg.caseId, expectedVersion: version } as TransitionCaseParams);
    version = r.version;
    return r;
  };
  const syncVersion = async () => {
    version = (await db.case.findUniqueOrThrow({ where: { id: reg.caseId }, select: { version: true } })).version;
  };
  return { caseId: reg.caseId, step, syncVersion };
}

async function documentOf(caseId: string, type: 'correction_notice' | 'fee_notice' | 'extension_notice' | 'notice_correction') {
  return db.document.findFirstOrThrow({ where: { caseId, type }, orderBy: { createdAt: 'desc' } });
}

describe('Art. 30: the correction period runs from delivery of the notice', () => {
  it('states no date counted from sending, refuses a lapse until delivery is recorded and the period has run', async () => {
    const { caseId, step } = await counterCase('2026-03-02');
    await step({ name: 'request_correction', input: { items: '请明确文件名称', periodDays: 10, requestedOn: '2026-03-04' }, actor: clerk, now: at('2026-03-04') });
    const notice = await documentOf(caseId, 'correction_notice');
    // The letter's own words: from receipt, 10 working days — no last day counted from sending.
    expect(notice.body).toContain('请您自收到本告知书之日起10个工作日内向本机关提交补正后的申请。');
    expect(notice.body).not.toMatch(/2026年3月18日/);
    let ledger = await getCaseDeadlines(caseId, '2026-04-20');
    expect(ledger.correctionPeriodProvisional).toBe(true);
    expect(ledger.status).toBe('awaiting_correction');

    const early = await refusal(step({ name: 'lapse_correction', input: {}, actor: reviewer, now: at('2026-04-20') }));
    expect(early.messageKey).toBe('workflow.guard.correction_notice_delivered');

    const badDate = await refusal(
      step({ name: 'record_notice_delivery', input: { documentId: notice.id, method: 'in_person', deliveredOn: '2026-03-03' }, actor: clerk, now: at('2026-03-09') }),
    );
    expect(badDate.messageKey).toBe('case.notice.delivered_before_issue');
    // Delivered Fri 03-06: 10 working days 03-09…13 (5), 16…20 (10) → 03-20.
    const delivered = await step({
      name: 'record_notice_delivery',
      input: { documentId: notice.id, method: 'post', deliveredOn: '2026-03-06', postalTrackingNo: 'EMS123' },
      actor: clerk,
      now: at('2026-03-09'),
    });
    expect(delivered.event).toBe('notice_delivered');
    const round = await db.correctionRequest.findFirstOrThrow({ where: { caseId } });
    expect(round.noticeDeliveredOn?.toISOString().slice(0, 10)).toBe('2026-03-06');
    expect(round.periodEndsOn.toISOString().slice(0, 10)).toBe('2026-03-20');
    ledger = await getCaseDeadlines(caseId, '2026-03-20');
    expect(ledger.correctionPeriodEnds).toBe('2026-03-20');
    expect(ledger.correctionPeriodProvisional).toBe(false);

    const twice = await refusal(
      step({ name: 'record_notice_delivery', input: { documentId: notice.id, method: 'in_person', deliveredOn: '2026-03-06' }, actor: clerk, now: at('2026-03-09') }),
    );
    expect(twice.messageKey).toBe('case.notice.already_delivered');
    const lastDay = await refusal(step({ name: 'lapse_correction', input: {}, actor: reviewer, now: at('2026-03-20') }));
    expect(lastDay.messageKey).toBe('workflow.guard.correction_period_ended');
    const closed = await step({ name: 'lapse_correction', input: {}, actor: reviewer, now: at('2026-03-23') });
    expect(closed.status).toBe('closed');
  });
});

describe('办法 (regulations.md §11): 20 working days to pay, from the day after the applicant received the notice', () => {
  it('the notice is consistent with its own words, reading it in the portal is online delivery, no lapse before the period ends', async () => {
    const { caseId, step, syncVersion } = await counterCase('2026-03-02', 'online_download');
    await step({
      name: 'issue_fee_notice',
      input: { method: 'per_page', pages: 40, issuedOn: '2026-03-09' },
      actor: clerk,
      now: at('2026-03-09'),
    });
    const notice = await documentOf(caseId, 'fee_notice');
    expect(notice.body).toContain('请您自收到本通知之次日起20个工作日内缴纳上述费用。');
    expect(notice.body).not.toMatch(/前）缴纳|2026年4月/);
    const outbox = await db.outboxMessage.findFirstOrThrow({ where: { caseId, template: 'fee_notice_issued' } });
    expect(outbox.body).toContain('请自收到收费通知之次日起20个工作日内缴纳');

    // Not read yet: provisional, no lapse.
    expect((await getCaseDeadlines(caseId, '2026-05-20')).feeLapsed).toBe(false);
    // Read in the portal on Wed 03-11: 20 working days 03-12…04-09 (Qingming 04-04–06 off).
    expect(await recordPortalReading({ caseId, documentId: notice.id, now: at('2026-03-11') })).toBe(true);
    expect(await recordPortalReading({ caseId, documentId: notice.id, now: at('2026-03-12') })).toBe(false);
    const fee = await db.feeNotice.findFirstOrThrow({ where: { caseId } });
    expect(fee.receivedOn?.toISOString().slice(0, 10)).toBe('2026-03-11');
    expect(fee.paymentDueOn.toISOString().slice(0, 10)).toBe('2026-04-09');
    const delivery = await db.delivery.findFirstOrThrow({ where: { documentId: notice.id } });
    expect(delivery.method).toBe('online_download');
    expect(delivery.recordedById).toBeNull();
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'notice_delivered' } });
    expect(event.isPublic).toBe(true);

    await syncVersion();
    const early = await refusal(step({ name: 'lapse_fee', input: {}, actor: reviewer, now: at('2026-04-09') }));
    expect(early.messageKey).toBe('workflow.guard.fee_period_ended');
    const closed = await step({ name: 'lapse_fee', input: {}, actor: reviewer, now: at('2026-04-10') });
    expect(closed.status).toBe('closed');
  });

  it('a notice handed over at issue states its last day, and portal reading does not count for postal delivery', async () => {
    const { caseId, step } = await counterCase('2026-03-02', 'post');
    await step({
      name: 'issue_fee_notice',
      input: { method: 'per_page', pages: 40, issuedOn: '2026-03-11', receivedOn: '2026-03-11' },
      actor: clerk,
      now: at('2026-03-11'),
    });
    const notice = await documentOf(caseId, 'fee_notice');
    expect(notice.body).toContain('请您自收到本通知之次日起20个工作日内缴纳上述费用（本通知已于2026年3月11日送达，缴费期限至2026年4月9日止）。');
    const delivered = await db.delivery.count({ where: { documentId: notice.id } });
    expect(await recordPortalReading({ caseId, documentId: notice.id, now: at('2026-03-12') })).toBe(false);
    expect(await db.delivery.count({ where: { documentId: notice.id } })).toBe(delivered);
  });
});

describe('a date in a letter stays true (docs/decisions.md)', () => {
  it('an extension notice issued during a consultation states the latest date and what it depends on; when the consultation ends early the case page flags it and a 更正告知书 corrects it', async () => {
    const { caseId, step } = await counterCase('2026-03-02');
    await step({ name: 'start_consultation', input: { kind: 'third_party', party: '某公司', sentOn: '2026-03-10', receivedByPartyOn: '2026-03-10' }, actor: clerk, now: at('2026-03-10') });
    await step({ name: 'request_extension', input: { days: 10, reason: '需要征求第三方意见' }, actor: clerk, now: at('2026-03-20') });
    const approved = await step({ name: 'approve_extension', input: { hasApplicantNotice: true }, actor: reviewer, now: at('2026-03-20') });
    const promised = approved.answerDueOn as string;
    const letter = await documentOf(caseId, 'extension_notice');
    expect(letter.body).toContain('所需时间不计算在答复期限内（《条例》第三十三条第三款）');
    expect(letter.body).toContain('另行告知');
    expect(letter.statedDates).toEqual({ answerDueOn: promised, answerDueIsLatest: true });

    // The consultation ends on 03-20, eleven days early: the law's date moves earlier.
    const ended = await step({ name: 'end_consultation', input: { repliedOn: '2026-03-20' }, actor: clerk, now: at('2026-03-23') });
    const current = ended.answerDueOn as string;
    expect(current < promised).toBe(true);
    const ledger = await getCaseDeadlines(caseId, '2026-03-23');
    expect(ledger.answerDue).toBe(current);
    expect(ledger.letterConflicts).toEqual([{ documentId: letter.id, docNumber: letter.docNumber, stated: promised, current, nowFixed: true }]);
    expect(ledger.steps.map((s) => s.key)).toContain('deadline.letter_date_moved');
    const page = await getCaseForStaff(clerk, caseId, at('2026-03-23'));
    expect(page.availableTransitions).toContain('issue_notice_correction');

    const corrected = await step({ name: 'issue_notice_correction', input: {}, actor: clerk, now: at('2026-03-23') });
    const correction = await documentOf(caseId, 'notice_correction');
    expect(corrected.document?.docNumber).toBe(correction.docNumber);
    expect(correction.correctsDocumentId).toBe(letter.id);
    const d = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
    expect(correction.body).toContain(`本机关最迟于${d(promised)}前作出答复`);
    expect(correction.body).toContain(`答复期限于${d(current)}届满`);
    expect(correction.body).toContain('征求意见已于2026年3月20日结束');
    const after = await getCaseDeadlines(caseId, '2026-03-23');
    expect(after.letterConflicts).toEqual([]);
    expect(after.steps).toContainEqual({ key: 'deadline.letter_corrected', params: { docNumber: letter.docNumber, correctionDocNumber: correction.docNumber, date: current } });
    const again = await refusal(step({ name: 'issue_notice_correction', input: {}, actor: clerk, now: at('2026-03-23') }));
    expect(again.messageKey).toBe('workflow.guard.letter_date_moved');
  });
});
