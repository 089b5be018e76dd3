/**
 * Issue 9 on a real PostgreSQL: the dates the 条例 fixes, driven through the workflow's own functions.
 * Calendar: the 2026 State Council notice (Qingming 04-04–04-06 off). Received Mon 2026-03-02: 20 working days
 * (Art. 33 para 2) = 03-03…06 (4), 09–13 (9), 16–20 (14), 23–27 (19), 03-30 (20).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { getCaseDeadlines } from '@/lib/cases/deadline-for-case';
import { listQualityCases, loadDataQuality } from '@/lib/admin/data-quality';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let admin: Actor;
let rootCode: string;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  reviewer = await createActor('reviewer', orgs.dept, '审核人');
  admin = await createActor('admin', null, '管理员');
  rootCode = (await db.organisation.findUniqueOrThrow({ where: { id: orgs.root.id }, select: { code: true } })).code;
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** An in-person application handed in on `day`, and a stepper that tracks its version. */
async function counterCase(day: string) {
  const reg = await registerCaseByStaff({ actor: clerk, now: at(day), form: { ...LETTER, channel: 'in_person', arrivedOn: day } });
  let version = 0;
  const step = async (p: Omit<TransitionCaseParams, 'caseId' | 'expectedVersion'>) => {
    const r = await transitionCase({ ...p, caseId: reg.caseId, expectedVersion: version } as TransitionCaseParams);
    version = r.version;
    return r;
  };
  return { caseId: reg.caseId, step };
}

describe('Art. 33 para 2: an extension only within the answer period', () => {
  it('refuses a request once the period has ended (received 03-02, due 03-30, asked on 04-08)', async () => {
    const { caseId, step } = await counterCase('2026-03-02');
    const e = await refusal(step({ name: 'request_extension', input: { days: 10, reason: '需调取档案' }, actor: clerk, now: at('2026-04-08') }));
    expect(e.code).toBe('INVALID_TRANSITION');
    expect(e.messageKey).toBe('workflow.guard.within_answer_period');
    expect(e.params).toMatchObject({ due: '2026-03-30' });
    expect((await getCaseDeadlines(caseId, '2026-04-08')).overdue).toBe(true);
    expect(await db.extension.count({ where: { caseId } })).toBe(0);
  });

  it('dates the approval on or after the request and within the period, even when recorded later', async () => {
    const { caseId, step } = await counterCase('2026-03-02');
    await step({ name: 'request_extension', input: { days: 10, reason: '需调取档案' }, actor: clerk, now: at('2026-03-20') });
    const before = await refusal(
      step({ name: 'approve_extension', input: { hasApplicantNotice: true, approvedOn: '2026-03-19' }, actor: reviewer, now: at('2026-04-02') }),
    );
    expect(before.messageKey).toBe('workflow.guard.extension_approval_date_valid');
    const after = await refusal(
      step({ name: 'approve_extension', input: { hasApplicantNotice: true, approvedOn: '2026-03-31' }, actor: reviewer, now: at('2026-04-02') }),
    );
    expect(after.messageKey).toBe('workflow.guard.extension_approval_date_valid');
    expect(after.params).toMatchObject({ requestedOn: '2026-03-20', due: '2026-03-30' });
    // Approved on Fri 03-27 (recorded 04-02): +10 after 03-30 → 31, 04-01, 02, 03, [04–06 off], 07, 08, 09, 10, 13, 04-14.
    const ok = await step({ name: 'approve_extension', input: { hasApplicantNotice: true, approvedOn: '2026-03-27' }, actor: reviewer, now: at('2026-04-02') });
    expect(ok.answerDueOn).toBe('2026-04-14');
    expect((await getCaseDeadlines(caseId, '2026-04-02')).overdue).toBe(false);
  });

  it('the data-quality self-check lists an extension recorded after the period before the fix; the case stays overdue', async () => {
    const { caseId } = await counterCase('2026-03-02');
    // An earlier record (made before the workflow refused it): requested and approved on 04-08.
    await db.extension.create({
      data: { caseId, days: 20, reason: '旧记录', requestedById: clerk.id, requestedAt: at('2026-04-08'), approvedById: reviewer.id, approvedOn: new Date('2026-04-08T00:00:00Z') },
    });
    const ledger = await getCaseDeadlines(caseId, '2026-04-09');
    expect(ledger.answerDue).toBe('2026-03-30');
    expect(ledger.overdue).toBe(true);
    expect(ledger.errors.map((i) => i.code)).toContain('extension.approved_after_due');

    const { caseId: inTime, step } = await counterCase('2026-03-02');
    await step({ name: 'request_extension', input: { days: 5, reason: '需调取档案' }, actor: clerk, now: at('2026-03-27') });
    await step({ name: 'approve_extension', input: { hasApplicantNotice: true }, actor: reviewer, now: at('2026-03-27') });

    const report = await loadDataQuality(admin, { orgCode: rootCode, subtree: true, year: 2026, today: '2026-04-09' });
    expect(report.counts.extension_after_period).toBe(1);
    expect(report.samples.extension_after_period.map((c) => c.id)).toEqual([caseId]);
    expect(report.samples.extension_after_period[0].keyDate).toBe('2026-04-08');
    const list = await listQualityCases(admin, { orgCode: rootCode, subtree: true, check: 'extension_after_period', today: '2026-04-09' });
    expect(list.items.map((c) => c.id)).not.toContain(inTime);
    expect(list.total).toBe(1);
  });
});

describe('Art. 31: a signed-for or confirmation date is never before the arrival date', () => {
  it('refuses a signed-for date before arrival at registration', async () => {
    const e = await refusal(
      registerCaseByStaff({ actor: clerk, now: at('2026-03-05'), form: { ...LETTER, channel: 'post_signed', arrivedOn: '2026-03-03', signedForOn: '2026-03-02' } }),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.params).toMatchObject({ fieldErrors: { signedForOn: ['validation.date.invalid'] } });
  });

  it('refuses a confirmation before arrival at registration and in confirm_receipt', async () => {
    const e = await refusal(
      registerCaseByStaff({ actor: clerk, now: at('2026-03-05'), form: { ...LETTER, channel: 'email', arrivedOn: '2026-03-03', confirmedOn: '2026-03-02' } }),
    );
    expect(e.params).toMatchObject({ fieldErrors: { confirmedOn: ['validation.date.invalid'] } });

    const reg = await registerCaseByStaff({ actor: clerk, now: at('2026-03-05'), form: { ...LETTER, channel: 'email', arrivedOn: '2026-03-03' } });
    const early = await refusal(
      transitionCase({ caseId: reg.caseId, expectedVersion: 0, name: 'confirm_receipt', input: { receivedOn: '2026-03-02' }, actor: clerk, now: at('2026-03-05') }),
    );
    expect(early.code).toBe('VALIDATION');
    expect(early.messageKey).toBe('workflow.guard.receipt_date_valid');
    const ok = await transitionCase({ caseId: reg.caseId, expectedVersion: 0, name: 'confirm_receipt', input: { receivedOn: '2026-03-03' }, actor: clerk, now: at('2026-03-05') });
    expect(ok.status).toBe('in_progress');
  });
});
