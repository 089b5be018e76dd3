/**
 * Issue 9 item 8 on a real PostgreSQL: a withdrawal is dated the day it arrived (the concluded date, so the
 * report year), and a reviewer can close a case for another cause (（六）3 其他) with a reason — both counted in
 * the annual table's （六）3 row of the year of that date.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { anonymousApplicantFor, type Actor } from '@/lib/cases/actor';
import { at, createCaseCast, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { getCaseForApplicant } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { lockPeriod } from '@/lib/reports/period-lock';
import { buildAnnualTable, loadAnnualCounts } from '@/lib/statistics/load-annual-counts';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let outsider: Actor;
let admin: Actor;

beforeAll(async () => {
  ({ orgs, clerk, reviewer, outsider, admin } = await createCaseCast());
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const e = await promise.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** A counter application received on `date` (in_progress, receipt that day). */
async function counterCase(date: string) {
  return registerCaseByStaff({ actor: clerk, now: at(date), form: { ...LETTER, channel: 'in_person', arrivedOn: date } });
}

async function row(caseId: string) {
  const c = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true, outcome: true, concludedOn: true, version: true } });
  return { status: c.status, outcome: c.outcome, concludedOn: c.concludedOn?.toISOString().slice(0, 10) ?? null, version: c.version };
}

/** （六）3 其他 of the department's own table for `year` (natural persons, as LETTER is one). */
async function otherMisc(year: number): Promise<number> {
  const counts = await loadAnnualCounts({ orgId: orgs.dept.id, subtree: false, year });
  return counts.concluded.filter((c) => c.outcome === 'other_misc').reduce((sum, c) => sum + Number(c.n), 0);
}

describe('withdrawal dated when it arrived (Art. 31 step date; CONCLUSION_DATE_RULES other_misc)', () => {
  it('a withdrawal received 2026-12-30 and entered 2027-01-04 counts in 2026', async () => {
    const before2026 = await otherMisc(2026);
    const before2027 = await otherMisc(2027);
    const { caseId } = await counterCase('2026-12-01');
    const result = await transitionCase({
      caseId,
      expectedVersion: 0,
      name: 'withdraw',
      input: { withdrawnOn: '2026-12-30', reason: '申请人书面撤回（信件12月30日到达）' },
      actor: clerk,
      now: at('2027-01-04', '09:30'),
    });
    expect(await row(caseId)).toEqual({ status: 'closed', outcome: 'other_misc', concludedOn: '2026-12-30', version: result.version });
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'withdrawn' } });
    expect(event.occurredAt.toISOString()).toBe(at('2027-01-04', '09:30').toISOString());
    expect(event.data).toMatchObject({ withdrawnOn: '2026-12-30' });
    expect(await otherMisc(2026)).toBe(before2026 + 1);
    expect(await otherMisc(2027)).toBe(before2027);
    // The published table: （六）3 其他 of 2026.
    const org = await db.organisation.findUniqueOrThrow({ where: { id: orgs.dept.id }, select: { code: true } });
    const table = await buildAnnualTable({ year: 2026, orgCode: org.code, subtree: false });
    expect(table.section3.other_misc?.total).toBe(before2026 + 1);
  });

  it('refuses a withdrawal date in the future, before receipt, or set by the applicant, and changes nothing', async () => {
    const reg = await counterCase('2026-03-02');
    const { caseId } = reg;
    const future = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'withdraw', input: { withdrawnOn: '2026-03-11' }, actor: clerk, now: at('2026-03-10') }),
    );
    expect(future).toMatchObject({ code: 'VALIDATION', messageKey: 'workflow.guard.step_date_valid' });
    const early = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'withdraw', input: { withdrawnOn: '2026-02-27' }, actor: clerk, now: at('2026-03-10') }),
    );
    expect(early).toMatchObject({ code: 'VALIDATION', messageKey: 'workflow.guard.step_date_valid' });
    const garbage = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'withdraw', input: { withdrawnOn: '2026-02-30' }, actor: clerk, now: at('2026-03-10') }),
    );
    expect(garbage).toMatchObject({ code: 'VALIDATION' });
    // The applicant's own withdrawal arrives when it is made: no back-dating from the portal.
    const applicant = anonymousApplicantFor(caseId);
    const backdated = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'withdraw', input: { withdrawnOn: '2026-03-05' }, actor: applicant, now: at('2026-03-10') }),
    );
    expect(backdated).toMatchObject({ code: 'VALIDATION', messageKey: 'case.withdraw.date_staff_only' });
    expect(await row(caseId)).toEqual({ status: 'in_progress', outcome: null, concludedOn: null, version: 0 });
    // Without a date it is today, for the applicant as for staff.
    await transitionCase({ caseId, expectedVersion: 0, name: 'withdraw', input: {}, actor: applicant, now: at('2026-03-10') });
    expect(await row(caseId)).toMatchObject({ status: 'closed', outcome: 'other_misc', concludedOn: '2026-03-10' });
  });

  it('a withdrawal dated in a locked report year is refused', async () => {
    const { caseId } = await counterCase('2025-12-01');
    await lockPeriod(admin, orgs.dept.id, 2025);
    const locked = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'withdraw', input: { withdrawnOn: '2025-12-30' }, actor: clerk, now: at('2026-01-05') }),
    );
    expect(locked.code).toBe('LOCKED');
    expect(await row(caseId)).toMatchObject({ status: 'in_progress', concludedOn: null });
  });
});

describe('close_other: a reasoned closure for another cause (（六）3 其他)', () => {
  it('is a reviewer’s decision with a reason, in scope only', async () => {
    const { caseId } = await counterCase('2026-03-02');
    const byClerk = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'close_other', input: { reason: '申请人已死亡' }, actor: clerk, now: at('2026-03-10') }),
    );
    expect(byClerk.code).toBe('FORBIDDEN');
    const outOfScope = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'close_other', input: { reason: '申请人已死亡' }, actor: outsider, now: at('2026-03-10') }),
    );
    expect(outOfScope.code).toBe('NOT_FOUND');
    const applicant = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'close_other', input: { reason: 'x' }, actor: anonymousApplicantFor(caseId), now: at('2026-03-10') }),
    );
    expect(applicant.code).toBe('FORBIDDEN');
    const noReason = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'close_other', input: { reason: '   ' }, actor: reviewer, now: at('2026-03-10') }),
    );
    expect(noReason).toMatchObject({ code: 'VALIDATION', messageKey: 'workflow.guard.reason_given' });
    const nul = await rejection(
      transitionCase({ caseId, expectedVersion: 0, name: 'close_other', input: { reason: '死亡\u0000' }, actor: reviewer, now: at('2026-03-10') }),
    );
    expect(nul.code).toBe('VALIDATION');
    expect(await row(caseId)).toEqual({ status: 'in_progress', outcome: null, concludedOn: null, version: 0 });
  });

  it('closes with outcome other_misc on the closing date, tells the applicant why, and counts in （六）3', async () => {
    const before = await otherMisc(2026);
    const reg = await counterCase('2026-03-02');
    const { caseId } = reg;
    // A step on 03-04: the closure cannot be dated before it.
    const consult = await transitionCase({
      caseId,
      expectedVersion: 0,
      name: 'internal_consultation',
      input: { topic: 'legal_affairs', party: '法制科', sentOn: '2026-03-04' },
      actor: clerk,
      now: at('2026-03-04'),
    });
    const early = await rejection(
      transitionCase({ caseId, expectedVersion: consult.version, name: 'close_other', input: { reason: '申请人已死亡且无承继人', closedOn: '2026-03-03' }, actor: reviewer, now: at('2026-03-10') }),
    );
    expect(early).toMatchObject({ code: 'VALIDATION', messageKey: 'workflow.guard.closure_date_after_steps' });

    const closed = await transitionCase({
      caseId,
      expectedVersion: consult.version,
      name: 'close_other',
      input: { reason: '申请人已死亡且无承继人，本机关终止办理。', closedOn: '2026-03-06' },
      actor: reviewer,
      now: at('2026-03-10'),
    });
    expect(closed.status).toBe('closed');
    expect(await row(caseId)).toEqual({ status: 'closed', outcome: 'other_misc', concludedOn: '2026-03-06', version: consult.version + 1 });
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'closed_other' } });
    expect(event).toMatchObject({ isPublic: true, fromStatus: 'in_progress', toStatus: 'closed' });
    expect(event.data).toMatchObject({ closedOn: '2026-03-06', reason: '申请人已死亡且无承继人，本机关终止办理。' });
    // The applicant sees the closure and its reason, and is notified.
    const view = await getCaseForApplicant({ trackingNo: reg.trackingNo, accessCode: reg.accessCode! }, caseId);
    expect(view.timeline.find((e) => e.type === 'closed_other')?.params).toEqual({ closedOn: '2026-03-06', reason: '申请人已死亡且无承继人，本机关终止办理。' });
    const outbox = await db.outboxMessage.findMany({ where: { caseId, template: 'closed_other' } });
    expect(outbox.length).toBeGreaterThan(0);
    expect(await otherMisc(2026)).toBe(before + 1);
    // Concluded: no second closure, and it can be archived.
    const again = await rejection(transitionCase({ caseId, expectedVersion: closed.version, name: 'close_other', input: { reason: 'x' }, actor: reviewer, now: at('2026-03-11') }));
    expect(again.code).toBe('INVALID_TRANSITION');
  });
});
