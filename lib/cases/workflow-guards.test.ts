import { describe, expect, it } from 'vitest';
import {
  FLAGS,
  GUARDS,
  GUARD_NAMES,
  MAX_CORRECTION_PERIOD_WORKING_DAYS,
  MAX_DELAYED_ANSWER_CALENDAR_DAYS,
  MAX_FEE_YUAN,
  guardMessageKey,
  type GuardName,
  type TransitionInput,
} from '@/lib/cases/workflow-guards';
import { addCalendarDays } from '@/lib/calendar/iso-date';
import { BASE_FACTS, TODAY } from '@/lib/cases/workflow.fixtures';
import type { CaseFacts } from '@/lib/cases/workflow-guards';

const passes = (guard: GuardName, facts: Partial<CaseFacts> = {}, input: TransitionInput = {}, today = TODAY): boolean =>
  GUARDS[guard].check({ today, facts: { ...BASE_FACTS, ...facts }, input }) === null;

describe('period guards count whole days: the last day of a period still belongs to it', () => {
  it.each([
    ['2026-03-09', true],
    [TODAY, false],
    ['2026-03-11', false],
  ] as const)('correction period ending %s has ended: %s', (endsOn, ended) => {
    expect(passes('correction_period_ended', { openCorrectionPeriodEndsOn: endsOn })).toBe(ended);
  });

  it.each([
    ['2026-03-09', true],
    [TODAY, false],
  ] as const)('fee payment due %s has lapsed: %s', (dueOn, lapsed) => {
    expect(passes('fee_period_ended', { openFeePaymentDueOn: dueOn })).toBe(lapsed);
  });

  it('no open period, nothing to lapse', () => {
    expect(passes('correction_period_ended', { openCorrectionPeriodEndsOn: null })).toBe(false);
    expect(passes('fee_period_ended', { openFeePaymentDueOn: null })).toBe(false);
  });
});

describe('Art. 33 para 2: an extension only within the ordinary answer period', () => {
  it('may be requested up to and including the last day of the period', () => {
    expect(passes('within_answer_period', { ordinaryAnswerDueOn: TODAY })).toBe(true);
    expect(passes('within_answer_period', { ordinaryAnswerDueOn: '2026-03-09' })).toBe(false);
    expect(passes('within_answer_period', { ordinaryAnswerDueOn: null })).toBe(false);
  });

  it('is approved on or after the request and not after the period, even when back-dated', () => {
    const facts = { extensionRequestedOn: '2026-03-05', ordinaryAnswerDueOn: '2026-03-09' };
    // Recorded on 03-10 (after the period) but approved on 03-09: allowed.
    expect(passes('extension_approval_date_valid', facts, { stepOn: '2026-03-09' })).toBe(true);
    expect(passes('extension_approval_date_valid', facts, { stepOn: '2026-03-05' })).toBe(true);
    expect(passes('extension_approval_date_valid', facts, { stepOn: '2026-03-04' })).toBe(false);
    // Default date = today, after the period.
    expect(passes('extension_approval_date_valid', facts, {})).toBe(false);
    expect(passes('extension_approval_date_valid', { ...facts, ordinaryAnswerDueOn: TODAY }, {})).toBe(true);
  });
});

describe('input guards', () => {
  it('Art. 31: a signed-for or confirmation date is not before the arrival date', () => {
    expect(passes('receipt_date_valid', { arrivedOn: '2026-03-09' }, { receivedOn: '2026-03-09' })).toBe(true);
    expect(passes('receipt_date_valid', { arrivedOn: '2026-03-09' }, { receivedOn: '2026-03-08' })).toBe(false);
    expect(passes('receipt_date_valid', { arrivedOn: null }, { receivedOn: '2026-03-08' })).toBe(true);
  });

  it('a receipt or delivery date may be today but not tomorrow', () => {
    expect(passes('receipt_date_valid', {}, { receivedOn: TODAY })).toBe(true);
    expect(passes('receipt_date_valid', {}, { receivedOn: '2026-03-11' })).toBe(false);
    expect(passes('delivery_date_valid', {}, { deliveredOn: TODAY })).toBe(true);
    expect(passes('delivery_date_valid', {}, { deliveredOn: '10/03/2026' })).toBe(false);
  });

  it('a delayed answer date lies after today (Art. 35)', () => {
    expect(passes('delayed_answer_date_valid', {}, { delayedAnswerBy: '2026-03-11' })).toBe(true);
    expect(passes('delayed_answer_date_valid', {}, { delayedAnswerBy: TODAY })).toBe(false);
  });

  it('only third-party and agency consultations stop the clock', () => {
    expect(passes('consultation_kind_given', {}, { consultationKind: 'agency' })).toBe(true);
    const internal = { consultationKind: 'internal' } as unknown as TransitionInput;
    expect(passes('consultation_kind_given', {}, internal)).toBe(false);
  });

  it('a transfer needs another organisation', () => {
    expect(passes('transfer_target_valid', {}, { targetOrgId: 8 })).toBe(true);
    expect(passes('transfer_target_valid', {}, { targetOrgId: BASE_FACTS.orgId })).toBe(false);
    expect(passes('transfer_target_valid', {}, { targetOrgId: 0 })).toBe(false);
    expect(passes('transfer_target_valid', {}, {})).toBe(false);
  });

  it('fees are positive finite amounts', () => {
    expect(passes('fee_amount_positive', {}, { feeAmountYuan: 0.5 })).toBe(true);
    expect(passes('fee_amount_positive', {}, { feeAmountYuan: Number.NaN })).toBe(false);
    expect(passes('fee_amount_positive', {}, { feeAmountYuan: -100 })).toBe(false);
  });

  it('bounds (docs/decisions.md, Input): fee ≤ 1,000,000 yuan in fen, 补正 period 1–60 working days, delayed answer ≤ 365 days', () => {
    expect(passes('fee_amount_positive', {}, { feeAmountYuan: MAX_FEE_YUAN })).toBe(true);
    expect(GUARDS.fee_amount_positive.check({ today: TODAY, facts: BASE_FACTS, input: { feeAmountYuan: 1e11 } })).toEqual({ params: { max: MAX_FEE_YUAN } });
    expect(passes('fee_amount_positive', {}, { feeAmountYuan: 10.005 })).toBe(false);
    expect(passes('correction_period_set', {}, { correctionPeriodDays: 15 })).toBe(true);
    expect(passes('correction_period_set', {}, { correctionPeriodDays: MAX_CORRECTION_PERIOD_WORKING_DAYS })).toBe(true);
    expect(GUARDS.correction_period_set.check({ today: TODAY, facts: BASE_FACTS, input: { correctionPeriodDays: 100_000 } })).toEqual({
      params: { max: MAX_CORRECTION_PERIOD_WORKING_DAYS },
    });
    expect(passes('delayed_answer_date_valid', {}, { delayedAnswerBy: addCalendarDays(TODAY, MAX_DELAYED_ANSWER_CALENDAR_DAYS) })).toBe(true);
    expect(passes('delayed_answer_date_valid', {}, { delayedAnswerBy: addCalendarDays(TODAY, MAX_DELAYED_ANSWER_CALENDAR_DAYS + 1) })).toBe(false);
    expect(passes('delayed_answer_date_valid', {}, { delayedAnswerBy: '2410-03-26' })).toBe(false);
  });

  it('appeal kinds are those of the register', () => {
    expect(passes('appeal_kind_given', {}, { appealKind: 'litigation_after_review' })).toBe(true);
    expect(passes('appeal_kind_given', {}, { appealKind: 'complaint' as unknown as 'litigation_direct' })).toBe(false);
  });

  it('answer_complete returns the missing elements', () => {
    expect(GUARDS.answer_complete.check({ today: TODAY, facts: BASE_FACTS, input: {} })).toEqual({ params: { missing: ['outcome'] } });
  });
});

describe('state guards', () => {
  it('extension states', () => {
    expect(passes('no_extension_yet', { extension: 'none' })).toBe(true);
    expect(passes('no_extension_yet', { extension: 'requested' })).toBe(false);
    expect(passes('extension_request_pending', { extension: 'requested' })).toBe(true);
    expect(passes('extension_request_pending', { extension: 'approved' })).toBe(false);
  });

  it('one fee notice and one delayed answer per application', () => {
    expect(passes('no_fee_notice_yet', { hasFeeNotice: true })).toBe(false);
    expect(passes('no_delayed_answer_yet', { delayedAnswerBy: '2026-05-01' })).toBe(false);
  });
});

describe('flags', () => {
  it('correction_notice_late only after the due day, and never before a receipt date exists', () => {
    const late = (due: string | null) => FLAGS.correction_notice_late({ today: TODAY, facts: { ...BASE_FACTS, correctionNoticeDueOn: due } });
    expect(late('2026-03-09')).toBe(true);
    expect(late(TODAY)).toBe(false);
    expect(late(null)).toBe(false);
  });

  it('correction_notice_late looks at the date the notice was sent, not the day it was recorded', () => {
    const facts = { ...BASE_FACTS, correctionNoticeDueOn: '2026-03-09' };
    expect(FLAGS.correction_notice_late({ today: TODAY, facts, input: { stepOn: '2026-03-09' } })).toBe(false);
    expect(FLAGS.correction_notice_late({ today: TODAY, facts, input: { stepOn: '2026-03-10' } })).toBe(true);
  });
});

describe('step dates', () => {
  const check = (stepOn: string | undefined, facts = BASE_FACTS) => GUARDS.step_date_valid.check({ today: TODAY, facts, input: { stepOn } });
  it('accepts today (absent), the receipt day and days in between; refuses the future, before receipt, invalid', () => {
    expect(check(undefined)).toBeNull();
    expect(check(TODAY)).toBeNull();
    expect(check(BASE_FACTS.receivedOn as string)).toBeNull();
    expect(check('2026-03-11')).toEqual({ params: { receivedOn: '2026-03-02', today: TODAY } });
    expect(check('2026-03-01')).not.toBeNull();
    expect(check('2026-02-30')).not.toBeNull();
  });
  it('answer_date_after_steps: the answer is dated on or after the latest step', () => {
    const check2 = (stepOn: string | undefined, latestStepOn: string | null) =>
      GUARDS.answer_date_after_steps.check({ today: TODAY, facts: { ...BASE_FACTS, latestStepOn }, input: { stepOn } });
    expect(check2('2026-03-06', '2026-03-06')).toBeNull();
    expect(check2(undefined, '2026-03-09')).toBeNull();
    expect(check2(undefined, null)).toBeNull();
    expect(check2('2026-03-05', '2026-03-06')).toEqual({ params: { latestStepOn: '2026-03-06' } });
  });
});

it('every guard has a kind and a message key', () => {
  for (const name of GUARD_NAMES) {
    expect(['state', 'input']).toContain(GUARDS[name].kind);
    expect(guardMessageKey(name)).toBe(`workflow.guard.${name}`);
  }
});
