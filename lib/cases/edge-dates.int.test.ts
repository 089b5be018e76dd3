/**
 * Issue 9, edge cases of the dates the 条例 fixes, driven through the workflow on a real PostgreSQL and
 * compared with an INDEPENDENT working-day counter written here from the 2026 State Council notice as
 * regulations.md §14 transcribes it (not from lib/calendar): receipts on make-up workdays (调休上班) and on
 * holidays, an extension requested and approved on the last day of the period, the 补正 notice on its 7th
 * and 8th working day, a correction received on a make-up Saturday restarting the 20 days, and a correction
 * period delivered across the Spring Festival.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { getCaseDeadlines } from '@/lib/cases/deadline-for-case';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';

// ── The independent counter: regulations.md §14, 2026 row (ranges inclusive) ───────────────────────────
const OFF_2026: Array<[string, string]> = [
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
];
const MAKE_UP_2026 = new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);

function next(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function works(day: string): boolean {
  if (!day.startsWith('2026-')) throw new Error(`the independent counter knows 2026 only: ${day}`);
  if (MAKE_UP_2026.has(day)) return true;
  if (OFF_2026.some(([a, b]) => a <= day && day <= b)) return false;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The n-th working day after `from` (the start day never counts: 民法典 Art. 201). */
function plus(from: string, n: number): string {
  let day = from;
  for (let left = n; left > 0; ) {
    day = next(day);
    if (works(day)) left--;
  }
  return day;
}

// ── Fixtures ────────────────────────────────────────────────────────────────────────────────────────
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

/** An application handed in at the counter on `day` (that day is the legal receipt date, Art. 31). */
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

async function stored(caseId: string): Promise<string | null> {
  const row = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { answerDueOn: true } });
  return row.answerDueOn ? row.answerDueOn.toISOString().slice(0, 10) : null;
}

describe('the independent counter agrees with the hand counts it is checked against', () => {
  it('received 2026-02-12 → due 03-18, 补正 notice by 02-28 (issue 9 preamble)', () => {
    expect(plus('2026-02-12', 20)).toBe('2026-03-18');
    expect(plus('2026-02-12', 7)).toBe('2026-02-28');
  });
});

describe('receipt dates on make-up workdays and holidays (Art. 31; regulations.md §14)', () => {
  for (const [day, what] of [
    ['2026-01-04', 'a make-up Sunday (调休上班)'],
    ['2026-02-14', 'a make-up Saturday before the Spring Festival'],
    ['2026-02-16', 'a Spring Festival holiday (Monday)'],
    ['2026-02-28', 'a make-up Saturday after the Spring Festival'],
    ['2026-10-03', 'a National Day holiday that is a Saturday'],
    ['2026-12-31', 'the last working day of the year'],
  ] as const) {
    it(`received on ${day}, ${what}: the day itself never counts`, async () => {
      const { caseId } = await counterCase(day);
      const ledger = await getCaseDeadlines(caseId, day);
      if (day === '2026-12-31') {
        // Runs into 2027 (no notice): 2027-01-01 is off provisionally; 01-04 … 01-29 is 20 working days.
        expect(ledger.answerDue).toBe('2027-01-29');
        expect(ledger.answerDueCalendarProvisional).toBe(true);
        return;
      }
      expect(ledger.answerDue).toBe(plus(day, 20));
      expect(ledger.correctionNoticeDue).toBe(plus(day, 7));
      expect(await stored(caseId)).toBe(plus(day, 20));
      expect(ledger.answerDueCalendarProvisional).toBe(false);
    });
  }

  it('hand counts: 01-04 → 01-30; 02-16 → 03-20 (02-24 is day 1, Saturday 02-28 day 5)', () => {
    expect(plus('2026-01-04', 20)).toBe('2026-01-30');
    expect(plus('2026-02-16', 20)).toBe('2026-03-20');
  });
});

describe('Art. 33 para 2: an extension on the last day of the period', () => {
  it('requested and approved on the due day itself is within the period; the day after is not', async () => {
    const due = plus('2026-09-14', 20); // across 中秋 09-25–27 (Sunday 09-20 works) and 国庆 10-01–07 (Saturday 10-10 works)
    expect(due).toBe('2026-10-16'); // 15–18 (4), Sun 20 (5), 21–24 (9), 28–30 (12), 10-08, 09, Sat 10 (15), 12–16 (20)
    const last = await counterCase('2026-09-14');
    expect(await stored(last.caseId)).toBe(due);
    await last.step({ name: 'request_extension', input: { days: 20, reason: '需协调多个部门' }, actor: clerk, now: at(due) });
    const approved = await last.step({ name: 'approve_extension', input: { hasApplicantNotice: true, approvedOn: due }, actor: reviewer, now: at(due) });
    expect(approved.answerDueOn).toBe(plus(due, 20));
    expect(await stored(last.caseId)).toBe('2026-11-13');

    const late = await counterCase('2026-09-14');
    const e = await refusal(late.step({ name: 'request_extension', input: { days: 5, reason: '需协调' }, actor: clerk, now: at(next(due)) }));
    expect(e.messageKey).toBe('workflow.guard.within_answer_period');
  });

  it('an approval recorded after the period but dated on its last day counts; dated the day after is refused', async () => {
    const { caseId, step } = await counterCase('2026-04-01');
    const due = plus('2026-04-01', 20);
    expect(due).toBe('2026-04-30');
    await step({ name: 'request_extension', input: { days: 10, reason: '需调取档案' }, actor: clerk, now: at('2026-04-29') });
    const after = await refusal(step({ name: 'approve_extension', input: { hasApplicantNotice: true, approvedOn: '2026-05-06' }, actor: reviewer, now: at('2026-05-07') }));
    expect(after.messageKey).toBe('workflow.guard.extension_approval_date_valid');
    const ok = await step({ name: 'approve_extension', input: { hasApplicantNotice: true, approvedOn: due }, actor: reviewer, now: at('2026-05-07') });
    // +10 after 04-30: [05-01–05 off], 06, 07, 08, Saturday 09 (make-up), 11 … 15, 18 → 10.
    expect(ok.answerDueOn).toBe(plus(due, 10));
    expect(ok.answerDueOn).toBe('2026-05-18');
    expect(await stored(caseId)).toBe('2026-05-18');
  });
});

describe('Art. 30: the 补正 notice within 7 working days, and a correction restarting the 20 days', () => {
  it('a notice on the 7th working day is on time, on the 8th late (flagged); the corrected application restarts the period', async () => {
    const day7 = plus('2026-02-10', 7); // across the Spring Festival: 02-11, 12, 13, Saturday 14, 24, 25, 26
    expect(day7).toBe('2026-02-26');
    const onTime = await counterCase('2026-02-10');
    await onTime.step({ name: 'request_correction', input: { items: '请明确文件名称', periodDays: 10, requestedOn: day7 }, actor: clerk, now: at(day7) });
    expect((await getCaseDeadlines(onTime.caseId, day7)).correctionNoticeLate).toBe(false);

    const late = await counterCase('2026-02-10');
    const day8 = plus('2026-02-10', 8);
    await late.step({ name: 'request_correction', input: { items: '请明确文件名称', periodDays: 10, requestedOn: day8 }, actor: clerk, now: at(day8) });
    expect((await getCaseDeadlines(late.caseId, day8)).correctionNoticeLate).toBe(true);

    // The corrected application arrives on make-up Saturday 02-28: the 20 days run again from it (Art. 30).
    const corrected = await onTime.step({ name: 'receive_correction', input: { receivedOn: '2026-02-28' }, actor: clerk, now: at('2026-03-02') });
    expect(corrected.answerDueOn).toBe(plus('2026-02-28', 20));
    expect(corrected.answerDueOn).toBe('2026-03-27');
  });

  it('a correction period delivered before the Spring Festival ends after it, counted from delivery', async () => {
    const { caseId, step } = await counterCase('2026-02-09');
    await step({ name: 'request_correction', input: { items: '请提供身份证明', periodDays: 5, requestedOn: '2026-02-10' }, actor: clerk, now: at('2026-02-10') });
    const notice = await db.document.findFirstOrThrow({ where: { caseId, type: 'correction_notice' }, select: { id: true } });
    await step({ name: 'record_notice_delivery', input: { documentId: notice.id, method: 'in_person', deliveredOn: '2026-02-12' }, actor: clerk, now: at('2026-02-12') });
    // 02-13 (1), Saturday 02-14 (2), [02-15–23 off], 24 (3), 25 (4), 26 (5).
    expect(plus('2026-02-12', 5)).toBe('2026-02-26');
    const ledger = await getCaseDeadlines(caseId, '2026-02-26');
    expect(ledger.correctionPeriodEnds).toBe('2026-02-26');
    expect(ledger.status).toBe('awaiting_correction');
    const early = await refusal(step({ name: 'lapse_correction', input: {}, actor: reviewer, now: at('2026-02-26') }));
    expect(early.messageKey).toBe('workflow.guard.correction_period_ended');
    expect((await step({ name: 'lapse_correction', input: {}, actor: reviewer, now: at('2026-02-27') })).status).toBe('closed');
  });
});
