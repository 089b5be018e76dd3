/**
 * Actions that guide (issue 10 item 2) on a real PostgreSQL: the case page's options come from the workflow
 * guards (a step that cannot succeed yet is listed as blocked with its reason), the likely next step follows
 * the case, and the answer draft keeps its outcome from one save to the next (the form is seeded from the
 * stored draft, and a second save with an edit keeps the outcome and the edit).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { getCaseForStaff } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';

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

const DAY = '2026-03-02';

/** The values the answer draft form is seeded with after a save (the page's mapping of the stored draft). */
async function formSeed(actor: Actor, caseId: string) {
  const kase = await getCaseForStaff(actor, caseId, at(DAY, '15:00'));
  const doc = kase.documents.find((d) => d.id === kase.answerDraft?.documentId);
  return { kase, seed: doc ? { outcome: doc.outcome, reason: doc.reason, isSeparated: doc.isSeparated } : null };
}

describe('actions that guide', () => {
  it('the answer draft keeps its outcome across saves; submit is blocked until the 保密审查, then suggested', async () => {
    const reg = await registerCaseByStaff({ actor: clerk, now: at(DAY), form: { ...LETTER, channel: 'in_person', arrivedOn: DAY } });
    const caseId = reg.caseId;

    // No draft yet: the next step is the draft; 提交审核 is listed, blocked, naming the missing outcome.
    let { kase } = await formSeed(clerk, caseId);
    expect(kase.nextStep).toBe('answer_draft');
    expect(kase.transitionOptions.find((o) => o.name === 'submit_answer')?.blockedBy).toMatchObject({ guard: 'answer_complete', params: { missing: ['outcome'] } });

    // First save: the stored draft (and so the reloaded form) carries the outcome.
    const first = await saveAnswerDraft({ caseId, expectedVersion: kase.version, actor: clerk, now: at(DAY, '11:00'), draft: { outcome: 'granted' } });
    let seed;
    ({ kase, seed } = await formSeed(clerk, caseId));
    expect(seed).toMatchObject({ outcome: 'granted', reason: null });
    expect(kase.version).toBe(first.version);

    // Second save from the same form: the outcome sent again, an edit to the reason. Both are kept.
    await saveAnswerDraft({ caseId, expectedVersion: kase.version, actor: clerk, now: at(DAY, '11:05'), draft: { outcome: seed?.outcome ?? '', reason: '依申请公开。', details: { accessArrangement: '工作日到本机关政务公开查阅点查阅、复制' } } as never });
    ({ kase, seed } = await formSeed(clerk, caseId));
    expect(seed).toMatchObject({ outcome: 'granted', reason: '依申请公开。' });

    // Only the 保密审查 is missing: the clerk's 提交审核 is blocked with that reason and nothing is suggested to
    // the clerk; the reviewer is pointed at the review.
    expect(kase.answerDraft?.missing).toEqual(['confidentiality_review']);
    expect(kase.transitionOptions.find((o) => o.name === 'submit_answer')?.blockedBy?.params).toEqual({ missing: ['confidentiality_review'] });
    expect(kase.nextStep).toBeNull();
    const forReviewer = await getCaseForStaff(reviewer, caseId, at(DAY, '15:00'));
    expect(forReviewer.nextStep).toBe('record_confidentiality_review');

    const reviewed = await transitionCase({ caseId, expectedVersion: kase.version, name: 'record_confidentiality_review', input: {}, actor: reviewer, now: at(DAY, '12:00') });
    ({ kase } = await formSeed(clerk, caseId));
    expect(kase.transitionOptions.find((o) => o.name === 'submit_answer')?.blockedBy).toBeNull();
    expect(kase.nextStep).toBe('submit_answer');

    await transitionCase({ caseId, expectedVersion: reviewed.version, name: 'submit_answer', input: {}, actor: clerk, now: at(DAY, '13:00') });
    expect((await getCaseForStaff(reviewer, caseId, at(DAY, '15:00'))).nextStep).toBe('approve_answer');
    // A clerk cannot approve: the step is not even listed, blocked or not.
    expect((await getCaseForStaff(clerk, caseId, at(DAY, '15:00'))).transitionOptions.map((o) => o.name)).not.toContain('approve_answer');
  });

  it('a lapse before the correction period ends is listed for the reviewer as blocked, with the period end', async () => {
    const reg = await registerCaseByStaff({ actor: clerk, now: at(DAY), form: { ...LETTER, channel: 'in_person', arrivedOn: DAY } });
    const version = (await getCaseForStaff(clerk, reg.caseId, at(DAY))).version;
    const requested = await transitionCase({ caseId: reg.caseId, expectedVersion: version, name: 'request_correction', input: { items: '请说明所需信息的名称', periodDays: 10 }, actor: clerk, now: at(DAY) });
    // Issue 9 (regulations.md §15): while the notice's delivery is unknown the period is provisional — that blocks first.
    const undelivered = await getCaseForStaff(reviewer, reg.caseId, at(DAY, '15:00'));
    expect(undelivered.transitionOptions.find((o) => o.name === 'lapse_correction')?.blockedBy?.guard).toBe('correction_notice_delivered');
    const notice = undelivered.documents.find((d) => d.type === 'correction_notice');
    await transitionCase({
      caseId: reg.caseId,
      expectedVersion: requested.version,
      name: 'record_notice_delivery',
      input: { documentId: notice?.id ?? '', method: 'in_person', deliveredOn: DAY },
      actor: clerk,
      now: at(DAY),
    });
    const kase = await getCaseForStaff(reviewer, reg.caseId, at(DAY, '15:00'));
    const lapse = kase.transitionOptions.find((o) => o.name === 'lapse_correction');
    expect(lapse?.blockedBy?.guard).toBe('correction_period_ended');
    expect(lapse?.blockedBy?.params.endsOn).toBe(kase.corrections[0]?.periodEndsOn);
    expect(kase.nextStep).toBe('receive_correction');
  });
});
