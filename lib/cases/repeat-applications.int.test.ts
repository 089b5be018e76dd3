/**
 * Repeat applications (Art. 36(6); issue 10 item 5) on a real PostgreSQL: the earlier applications of the same
 * applicant (account, name + mobile, name + masked identity number) asking for similar information (pg_trgm)
 * are found with their outcomes and answers; another applicant or another request is not; staff answer
 * "重复申请" citing the earlier answer in one step, which lands in the table's row 三(五)2 once approved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { answerAsRepeat, findEarlierApplications } from '@/lib/cases/repeat-applications';
import { transitionCase } from '@/lib/cases/transition-case';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let outsider: Actor;

const REQUEST = '请公开示范市2025年度城市道路维修养护工程的招标文件、中标通知书和资金支付明细';

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  reviewer = await createActor('reviewer', orgs.dept, '审核人');
  outsider = await createActor('clerk', orgs.sibling, '外机关经办人');
});

async function version(caseId: string) {
  return (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
}

async function register(form: { applicantName: string; mobile?: string; idNumber?: string; description: string }, day: string) {
  return registerCaseByStaff({ actor: clerk, now: at(day), form: { ...LETTER, ...form, channel: 'in_person', arrivedOn: day } });
}

/** Answered "not held" and approved: an issued answer with its 文号. */
async function answered(caseId: string, day: string) {
  await saveAnswerDraft({ caseId, expectedVersion: await version(caseId), actor: clerk, now: at(day), draft: { outcome: 'unavailable_not_held', reason: '经检索，本机关未制作该信息。' } });
  await transitionCase({ caseId, expectedVersion: await version(caseId), name: 'submit_answer', input: {}, actor: clerk, now: at(day) });
  return transitionCase({ caseId, expectedVersion: await version(caseId), name: 'approve_answer', input: {}, actor: reviewer, now: at(day) });
}

describe('repeat applications', () => {
  it('finds the same applicant’s similar earlier application and answers 重复申请 citing it in one step', async () => {
    const mobile = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const earlier = await register({ applicantName: '赵六', mobile, description: REQUEST }, '2026-02-02');
    const approved = await answered(earlier.caseId, '2026-02-10');
    // Same person, other request; other person (same name, other mobile and ID), same request.
    await register({ applicantName: '赵六', mobile, description: '请公开示范市教育局2024年度部门预算' }, '2026-02-03');
    const otherPerson = await register({ applicantName: '赵六', mobile: '13700000000', idNumber: '110105198001010016', description: REQUEST }, '2026-02-04');

    const again = await register({ applicantName: '赵六', mobile, description: `${REQUEST}。` }, '2026-03-02');
    const matches = await findEarlierApplications(clerk, again.caseId);
    expect(matches.map((m) => m.caseId)).toEqual([earlier.caseId]);
    const [m] = matches;
    expect(m.matchedOn).toContain('name_mobile');
    expect(m.similarityPercent).toBeGreaterThan(80);
    expect(m).toMatchObject({ status: 'answered', outcome: 'unavailable_not_held', trackingNo: earlier.trackingNo });
    expect(m.answer?.docNumber).toBe(approved.document?.docNumber);
    expect(matches.map((x) => x.caseId)).not.toContain(otherPerson.caseId);
    // Out of scope: the case itself is not found.
    await expect(findEarlierApplications(outsider, again.caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Citing a case that is not a match is refused and changes nothing.
    const v = await version(again.caseId);
    await expect(answerAsRepeat({ actor: clerk, caseId: again.caseId, expectedVersion: v, earlierCaseId: otherPerson.caseId, now: at('2026-03-03') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await version(again.caseId)).toBe(v);

    // One step: the draft cites the earlier answer and goes to the reviewer.
    const result = await answerAsRepeat({ actor: clerk, caseId: again.caseId, expectedVersion: v, earlierCaseId: earlier.caseId, now: at('2026-03-03') });
    expect(result.isSubmitted).toBe(true);
    const row = await db.case.findUniqueOrThrow({ where: { id: again.caseId }, select: { status: true } });
    expect(row.status).toBe('pending_approval');
    const draft = await db.document.findFirstOrThrow({ where: { caseId: again.caseId, type: 'answer' } });
    expect(draft.outcome).toBe('not_processed_repeat');
    expect(draft.reason).toContain(earlier.trackingNo);
    expect(draft.reason).toContain(approved.document?.docNumber ?? '—');
    expect(draft.legalBasis).toContain('第三十六条第（六）项');
    const done = await transitionCase({ caseId: again.caseId, expectedVersion: result.version, name: 'approve_answer', input: {}, actor: reviewer, now: at('2026-03-04') });
    expect(done.status).toBe('answered');
    expect((await db.case.findUniqueOrThrow({ where: { id: again.caseId }, select: { outcome: true } })).outcome).toBe('not_processed_repeat');
  });

  it('matches an applicant account, and refuses to cite an application that has no answer yet', async () => {
    const applicant = await createActor('applicant', null, '申请人');
    const first = await register({ applicantName: '钱七', mobile: undefined, description: REQUEST }, '2026-02-02');
    const second = await register({ applicantName: '钱七改名', mobile: undefined, description: REQUEST }, '2026-03-02');
    await db.case.updateMany({ where: { id: { in: [first.caseId, second.caseId] } }, data: { applicantUserId: applicant.id } });
    const matches = await findEarlierApplications(clerk, second.caseId);
    expect(matches.map((m) => m.caseId)).toEqual([first.caseId]);
    expect(matches[0].matchedOn).toEqual(['account']);
    expect(matches[0].answer).toBeNull();
    await expect(
      answerAsRepeat({ actor: clerk, caseId: second.caseId, expectedVersion: await version(second.caseId), earlierCaseId: first.caseId, now: at('2026-03-03') }),
    ).rejects.toMatchObject({ messageKey: 'case.repeat.no_earlier_answer' });
  });
});
