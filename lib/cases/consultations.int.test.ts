/**
 * Several consultations at once (issue 9 item 3; Arts. 32, 34, 33 para 3) on a real PostgreSQL: letters to a
 * third party and a co-producing agency open together, one 征求意见函 per party; each reply is recorded on its
 * letter; the last reply ends the consultation; the excluded time is the union of the letters' windows; a
 * double-clicked or stale reply changes nothing.
 */
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { getCaseForStaff } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';

let orgs: OrgTree;
let clerk: Actor;
let outsider: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  outsider = await createActor('clerk', orgs.sibling, '外机关经办人');
});

const COMPANY = '示范建设工程有限公司';
const AGENCY = '示范市住房和城乡建设局';

async function snapshot(caseId: string) {
  const kase = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, status: true, answerDueOn: true } });
  const letters = await db.consultation.findMany({ where: { caseId }, orderBy: { sentOn: 'asc' }, select: { id: true, party: true, repliedOn: true } });
  const events = await db.caseEvent.count({ where: { caseId } });
  return { ...kase, letters, events };
}

describe('several consultations at once', () => {
  it('opens letters to a third party and an agency together, records each reply, and excludes the union', async () => {
    const reg = await registerCaseByStaff({
      actor: clerk,
      now: at('2026-03-02'),
      form: { ...LETTER, applicantName: `冯${randomInt(1e6)}`, channel: 'in_person', arrivedOn: '2026-03-02' },
    });
    const id = reg.caseId;
    // Art. 32: the third party, sent 03-10.
    let v = (await transitionCase({ caseId: id, expectedVersion: 0, name: 'start_consultation', input: { kind: 'third_party', party: COMPANY }, actor: clerk, now: at('2026-03-10') })).version;
    // Art. 34: the co-producing agency, sent 03-16 while the first letter is open: the case stays consulting.
    const second = await transitionCase({ caseId: id, expectedVersion: v, name: 'start_consultation', input: { kind: 'agency', party: AGENCY }, actor: clerk, now: at('2026-03-16') });
    expect(second.status).toBe('consulting');
    v = second.version;

    // One letter per party: a second open letter to the company is refused; nothing changes.
    const before = await snapshot(id);
    await expect(
      transitionCase({ caseId: id, expectedVersion: v, name: 'start_consultation', input: { kind: 'third_party', party: COMPANY }, actor: clerk, now: at('2026-03-17') }),
    ).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'workflow.guard.consultation_party_not_open', params: { party: COMPANY } });
    expect(await snapshot(id)).toEqual(before);

    // One 征求意见函 per party, each citing its own article.
    const letters = await db.document.findMany({ where: { caseId: id, type: 'consultation_letter' }, orderBy: { createdAt: 'asc' } });
    expect(letters).toHaveLength(2);
    expect(letters[0]?.body).toContain(`${COMPANY}：`);
    expect(letters[0]?.body).toContain('第三十二条');
    expect(letters[1]?.body).toContain(`${AGENCY}：`);
    expect(letters[1]?.body).toContain('第三十四条');

    // The staff page lists each letter with its own reply date; the last-reply step is held back.
    const dto = await getCaseForStaff(clerk, id, at('2026-03-17'));
    expect(dto.consultations.map((c) => [c.party, c.sentOn, c.replyDue])).toEqual([
      [COMPANY, '2026-03-10', '2026-03-31'],
      [AGENCY, '2026-03-16', '2026-04-07'],
    ]);
    expect(dto.availableTransitions).toContain('record_consultation_reply');
    expect(dto.availableTransitions).not.toContain('end_consultation');
    await expect(
      transitionCase({ caseId: id, expectedVersion: v, name: 'end_consultation', input: { repliedOn: '2026-03-17' }, actor: clerk, now: at('2026-03-17') }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION', messageKey: 'workflow.guard.last_open_consultation' });
    // With several open, the letter must be named; a letter of another case or an unknown id is refused.
    await expect(
      transitionCase({ caseId: id, expectedVersion: v, name: 'record_consultation_reply', input: { repliedOn: '2026-03-17' }, actor: clerk, now: at('2026-03-17') }),
    ).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'case.consultation.choose_letter', params: { count: 2 } });
    await expect(
      transitionCase({ caseId: id, expectedVersion: v, name: 'record_consultation_reply', input: { consultationId: 'not-a-letter\u0000' }, actor: clerk, now: at('2026-03-17') }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    // Another organisation's clerk does not see the case.
    const [company, agency] = before.letters;
    await expect(
      transitionCase({ caseId: id, expectedVersion: v, name: 'record_consultation_reply', input: { consultationId: company!.id }, actor: outsider, now: at('2026-03-17') }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(id)).toEqual(before);

    // The company replies on 03-20; the reply is double-submitted: recorded once, the other is a conflict.
    const reply = () =>
      transitionCase({
        caseId: id,
        expectedVersion: v,
        name: 'record_consultation_reply',
        input: { consultationId: company!.id, repliedOn: '2026-03-20', opinion: '涉及本公司报价的部分不同意公开。' },
        actor: clerk,
        now: at('2026-03-20'),
      });
    const results = await Promise.allSettled([reply(), reply()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    expect(await db.caseEvent.count({ where: { caseId: id, type: 'consultation_reply_recorded' } })).toBe(1);
    const afterReply = await snapshot(id);
    expect(afterReply.status).toBe('consulting');
    expect(afterReply.letters.map((l) => [l.party, l.repliedOn?.toISOString().slice(0, 10) ?? null])).toEqual([
      [COMPANY, '2026-03-20'],
      [AGENCY, null],
    ]);

    // A reply posted on the version seen before (stale) changes nothing.
    await expect(
      transitionCase({ caseId: id, expectedVersion: v, name: 'end_consultation', input: { consultationId: agency!.id, repliedOn: '2026-03-25' }, actor: clerk, now: at('2026-03-25') }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await snapshot(id)).toEqual(afterReply);

    // The agency replies on 03-25: the last letter, the consultation ends. Excluded: (03-10, 03-20] ∪ (03-16,
    // 03-25] = (03-10, 03-25] = 11 working days, not 8 + 7; due 2026-04-15 (lib/deadlines test "overlapping").
    const ended = await transitionCase({
      caseId: id,
      expectedVersion: afterReply.version,
      name: 'end_consultation',
      input: { consultationId: agency!.id, repliedOn: '2026-03-25' },
      actor: clerk,
      now: at('2026-03-25'),
    });
    expect(ended.status).toBe('in_progress');
    expect(ended.answerDueOn).toBe('2026-04-15');
    const ledger = (await getCaseForStaff(clerk, id, at('2026-03-25'))).deadlines;
    expect(ledger.excludedWorkingDays).toBe(11);
    expect(ledger.answerDue).toBe('2026-04-15');
  });

  it('a single letter still ends with end_consultation without naming it', async () => {
    const reg = await registerCaseByStaff({
      actor: clerk,
      now: at('2026-03-02'),
      form: { ...LETTER, applicantName: `陈${randomInt(1e6)}`, channel: 'in_person', arrivedOn: '2026-03-02' },
    });
    const v = (await transitionCase({ caseId: reg.caseId, expectedVersion: 0, name: 'start_consultation', input: { kind: 'third_party', party: COMPANY }, actor: clerk, now: at('2026-03-04') })).version;
    await expect(
      transitionCase({ caseId: reg.caseId, expectedVersion: v, name: 'record_consultation_reply', input: { repliedOn: '2026-03-06' }, actor: clerk, now: at('2026-03-06') }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION', messageKey: 'workflow.guard.several_open_consultations' });
    const ended = await transitionCase({ caseId: reg.caseId, expectedVersion: v, name: 'end_consultation', input: { repliedOn: '2026-03-06' }, actor: clerk, now: at('2026-03-06') });
    expect(ended.status).toBe('in_progress');
  });
});
