import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/errors';
import { CHANNELS, OUTCOMES, type Outcome } from '@/lib/law/ids';
import { OUTCOME_RULES } from '@/lib/law/outcomes';
import { perApplicationFee, perPageFee } from '@/lib/law/fees';
import {
  CASE_EVENT_TYPES,
  CLOCK_RUNNING_STATUSES,
  CONCLUDED_STATUSES,
  INITIAL_STATUS_BY_CHANNEL,
  OPEN_STATUSES,
  ROLES,
  ROLE_SCOPE,
  STATUSES,
  TRANSITIONS,
  TRANSITION_NAMES,
  assertTransition,
  availableTransitions,
  checkTransition,
  isClockRunning,
  type Actor,
  type CaseStatus,
  type Role,
  type TransitionDef,
  type TransitionName,
} from '@/lib/cases/workflow';
import { APPEAL_KINDS, CLOCK_EXCLUDED_CONSULTATION_KINDS, type CaseFacts } from '@/lib/cases/workflow-guards';
import { BASE_FACTS, COMPLETE_DRAFT, TODAY, contextFor } from '@/lib/cases/workflow.fixtures';

// ── The specification, restated independently of workflow.ts (from the brief and regulations.md) ──────────

const OPEN: readonly CaseStatus[] = [
  'pending_confirmation',
  'in_progress',
  'awaiting_correction',
  'consulting',
  'awaiting_fee',
  'pending_approval',
];
const CONCLUDED: readonly CaseStatus[] = ['answered', 'delivered', 'closed', 'archived'];
const ALL_BUT_ARCHIVED: readonly CaseStatus[] = [...OPEN, 'answered', 'delivered', 'closed'];
const CR: readonly Role[] = ['clerk', 'reviewer'];
const R: readonly Role[] = ['reviewer'];

interface Spec {
  from: readonly CaseStatus[];
  to: CaseStatus | 'same';
  roles: readonly Role[];
  outcome?: Outcome | 'from_answer';
}

const SPEC: Record<TransitionName, Spec> = {
  confirm_receipt: { from: ['pending_confirmation'], to: 'in_progress', roles: CR },
  assign: { from: ALL_BUT_ARCHIVED, to: 'same', roles: ['reviewer', 'admin'] },
  claim: { from: ALL_BUT_ARCHIVED, to: 'same', roles: CR },
  request_correction: { from: ['in_progress'], to: 'awaiting_correction', roles: CR },
  receive_correction: { from: ['awaiting_correction'], to: 'in_progress', roles: CR },
  lapse_correction: { from: ['awaiting_correction'], to: 'closed', roles: R, outcome: 'other_no_correction' },
  start_consultation: { from: ['in_progress', 'consulting'], to: 'consulting', roles: CR },
  end_consultation: { from: ['consulting'], to: 'in_progress', roles: CR },
  record_consultation_reply: { from: ['consulting'], to: 'same', roles: CR },
  request_extension: { from: ['in_progress', 'consulting'], to: 'same', roles: CR },
  approve_extension: { from: ['in_progress', 'consulting', 'pending_approval'], to: 'same', roles: R },
  reject_extension: { from: ['in_progress', 'consulting', 'pending_approval'], to: 'same', roles: R },
  set_delayed_answer: { from: ['in_progress', 'consulting'], to: 'same', roles: R },
  issue_fee_notice: { from: ['in_progress'], to: 'awaiting_fee', roles: CR },
  record_fee_paid: { from: ['awaiting_fee'], to: 'in_progress', roles: CR },
  lapse_fee: { from: ['awaiting_fee'], to: 'closed', roles: R, outcome: 'other_fee_unpaid' },
  internal_consultation: { from: ['in_progress', 'consulting', 'pending_approval'], to: 'same', roles: CR },
  record_confidentiality_review: { from: ['in_progress', 'pending_approval'], to: 'same', roles: R },
  submit_answer: { from: ['in_progress'], to: 'pending_approval', roles: CR },
  approve_answer: { from: ['pending_approval'], to: 'answered', roles: R, outcome: 'from_answer' },
  return_answer: { from: ['pending_approval'], to: 'in_progress', roles: R },
  record_delivery: { from: ['answered'], to: 'delivered', roles: CR },
  record_notice_delivery: { from: ALL_BUT_ARCHIVED, to: 'same', roles: CR },
  issue_notice_correction: { from: OPEN, to: 'same', roles: CR },
  return_notice: { from: ['in_progress'], to: 'same', roles: R },
  transfer: { from: OPEN, to: 'same', roles: ['reviewer', 'admin'] },
  withdraw: { from: OPEN, to: 'closed', roles: ['applicant', 'clerk', 'reviewer'], outcome: 'other_misc' },
  close_other: { from: OPEN, to: 'closed', roles: ['reviewer'], outcome: 'other_misc' },
  archive: { from: ['delivered', 'closed'], to: 'archived', roles: CR },
  record_appeal: { from: CONCLUDED, to: 'same', roles: CR },
};

const actor = (role: Role, inScope = true): Actor =>
  role === 'applicant'
    ? { role, isInCaseScope: false, isOwnApplicant: inScope }
    : { role, isInCaseScope: inScope, isOwnApplicant: false };

const expectDomainError = (fn: () => unknown, code: DomainError['code'], messageKey: string): DomainError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect({ code: domainError.code, messageKey: domainError.messageKey }).toEqual({ code, messageKey });
    return domainError;
  }
  throw new Error(`expected DomainError ${code} ${messageKey}`);
};

describe('the transition table matches the specification', () => {
  it('has exactly the specified transitions', () => {
    expect([...TRANSITION_NAMES].sort()).toEqual(Object.keys(SPEC).sort());
  });

  it.each(TRANSITION_NAMES)('%s: from, to, roles and outcome', (name) => {
    const def: TransitionDef = TRANSITIONS[name];
    const spec = SPEC[name];
    expect([...def.from].sort()).toEqual([...spec.from].sort());
    expect(def.to).toBe(spec.to);
    expect([...def.roles].sort()).toEqual([...spec.roles].sort());
    expect(def.setsOutcome).toBe(spec.outcome ?? null);
  });
});

// ── Every transition × every role × every status, with a context in which all guards pass ─────────────────

const matrix = TRANSITION_NAMES.flatMap((name) =>
  ROLES.flatMap((role) => STATUSES.map((status) => ({ name, role, status }))),
);

describe('every transition for every role in every status (in scope, guards passing)', () => {
  it.each(matrix)('$name by $role from $status', ({ name, role, status }) => {
    const spec = SPEC[name];
    const request = { status, actor: actor(role), context: contextFor(name) };
    if (!spec.roles.includes(role)) {
      expectDomainError(() => assertTransition(name, request), 'FORBIDDEN', 'workflow.error.role_not_allowed');
    } else if (!spec.from.includes(status)) {
      expectDomainError(() => assertTransition(name, request), 'INVALID_TRANSITION', 'workflow.error.status_not_allowed');
    } else {
      const result = assertTransition(name, request);
      expect(result.to).toBe(spec.to === 'same' ? status : spec.to);
      expect(result.from).toBe(status);
    }
  });
});

describe('scope', () => {
  const allowedPairs = TRANSITION_NAMES.flatMap((name) => SPEC[name].roles.map((role) => ({ name, role })));

  it.each(allowedPairs)('$name by $role out of scope is FORBIDDEN', ({ name, role }) => {
    const status = SPEC[name].from[0];
    expectDomainError(
      () => assertTransition(name, { status, actor: actor(role, false), context: contextFor(name) }),
      'FORBIDDEN',
      'workflow.error.out_of_scope',
    );
  });

  it('staff scope is the organisation subtree, not being the applicant', () => {
    const clerkWhoApplied: Actor = { role: 'clerk', isInCaseScope: false, isOwnApplicant: true };
    expect(checkTransition('withdraw', { status: 'in_progress', actor: clerkWhoApplied, context: contextFor('withdraw') }).ok).toBe(false);
  });

  it('an applicant may withdraw only their own application', () => {
    const ownApplicant: Actor = { role: 'applicant', isInCaseScope: false, isOwnApplicant: true };
    const otherApplicant: Actor = { role: 'applicant', isInCaseScope: true, isOwnApplicant: false };
    const context = contextFor('withdraw');
    expect(assertTransition('withdraw', { status: 'in_progress', actor: ownApplicant, context }).outcome).toBe('other_misc');
    expectDomainError(
      () => assertTransition('withdraw', { status: 'in_progress', actor: otherApplicant, context }),
      'FORBIDDEN',
      'workflow.error.out_of_scope',
    );
  });

  it('withdraw is the only transition open to applicants', () => {
    expect(TRANSITION_NAMES.filter((name) => (TRANSITIONS[name].roles as readonly Role[]).includes('applicant'))).toEqual(['withdraw']);
  });

  it('a role refusal comes before the status check (nothing leaks about the case)', () => {
    expectDomainError(
      () => assertTransition('approve_answer', { status: 'archived', actor: actor('applicant'), context: contextFor('approve_answer') }),
      'FORBIDDEN',
      'workflow.error.role_not_allowed',
    );
  });

  it('every role has a decided scope', () => {
    expect(ROLE_SCOPE).toEqual({ applicant: 'own_application', clerk: 'org_subtree', reviewer: 'org_subtree', admin: 'org_subtree' });
  });

  it('a reviewer may do everything a clerk may', () => {
    for (const name of TRANSITION_NAMES) {
      const roles: readonly Role[] = TRANSITIONS[name].roles;
      if (roles.includes('clerk')) expect(roles, name).toContain('reviewer');
    }
  });

  it('approvals and lapses are reviewer-only', () => {
    const reviewerOnly = TRANSITION_NAMES.filter((name) => {
      const roles: readonly Role[] = TRANSITIONS[name].roles;
      return roles.length === 1 && roles[0] === 'reviewer';
    });
    expect(reviewerOnly.sort()).toEqual(
      [
        'approve_answer',
        'approve_extension',
        'close_other',
        'lapse_correction',
        'lapse_fee',
        'record_confidentiality_review',
        'reject_extension',
        'return_answer',
        'return_notice',
        'set_delayed_answer',
      ].sort(),
    );
  });
});

// ── Guards, as seen through assertTransition ────────────────────────────────────────────────────────────

type GuardCase = {
  name: TransitionName;
  status: CaseStatus;
  override: Parameters<typeof contextFor>[1];
  code: DomainError['code'];
  guard: string;
};

const GUARD_REFUSALS: GuardCase[] = [
  { name: 'confirm_receipt', status: 'pending_confirmation', override: { input: { receivedOn: undefined } }, code: 'VALIDATION', guard: 'receipt_date_valid' },
  { name: 'confirm_receipt', status: 'pending_confirmation', override: { input: { receivedOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'receipt_date_valid' },
  { name: 'confirm_receipt', status: 'pending_confirmation', override: { input: { receivedOn: '2026-02-30' } }, code: 'VALIDATION', guard: 'receipt_date_valid' },
  // Art. 31: a confirmation dated before the application arrived.
  { name: 'confirm_receipt', status: 'pending_confirmation', override: { facts: { arrivedOn: '2026-03-09' }, input: { receivedOn: '2026-03-08' } }, code: 'VALIDATION', guard: 'receipt_date_valid' },
  { name: 'assign', status: 'in_progress', override: { input: { assigneeId: '  ' } }, code: 'VALIDATION', guard: 'assignee_given' },
  { name: 'claim', status: 'in_progress', override: { facts: { assigneeId: 'clerk-9' } }, code: 'INVALID_TRANSITION', guard: 'case_unassigned' },
  { name: 'request_correction', status: 'in_progress', override: { facts: { openCorrectionPeriodEndsOn: '2026-03-20' } }, code: 'INVALID_TRANSITION', guard: 'no_open_correction_round' },
  { name: 'request_correction', status: 'in_progress', override: { input: { correctionItems: '' } }, code: 'VALIDATION', guard: 'correction_items_given' },
  { name: 'request_correction', status: 'in_progress', override: { input: { correctionPeriodDays: 0 } }, code: 'VALIDATION', guard: 'correction_period_set' },
  { name: 'request_correction', status: 'in_progress', override: { input: { correctionPeriodDays: 2.5 } }, code: 'VALIDATION', guard: 'correction_period_set' },
  { name: 'receive_correction', status: 'awaiting_correction', override: { input: { receivedOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'receipt_date_valid' },
  { name: 'lapse_correction', status: 'awaiting_correction', override: { facts: { openCorrectionPeriodEndsOn: TODAY } }, code: 'INVALID_TRANSITION', guard: 'correction_period_ended' },
  { name: 'lapse_correction', status: 'awaiting_correction', override: { facts: { openCorrectionPeriodEndsOn: null } }, code: 'INVALID_TRANSITION', guard: 'correction_period_ended' },
  { name: 'start_consultation', status: 'in_progress', override: { input: { consultationKind: undefined } }, code: 'VALIDATION', guard: 'consultation_kind_given' },
  // Issue 9 item 3: several letters open together, one per party; the last reply ends the consultation.
  { name: 'start_consultation', status: 'consulting', override: { facts: { openConsultationParties: ['甲公司'] }, input: { consultationParty: '甲公司' } }, code: 'VALIDATION', guard: 'consultation_party_not_open' },
  { name: 'end_consultation', status: 'consulting', override: { facts: { openConsultationParties: ['甲公司', '乙局'] } }, code: 'INVALID_TRANSITION', guard: 'last_open_consultation' },
  { name: 'record_consultation_reply', status: 'consulting', override: { facts: { openConsultationParties: ['甲公司'] } }, code: 'INVALID_TRANSITION', guard: 'several_open_consultations' },
  { name: 'request_extension', status: 'in_progress', override: { facts: { extension: 'requested' } }, code: 'INVALID_TRANSITION', guard: 'no_extension_yet' },
  { name: 'request_extension', status: 'consulting', override: { facts: { extension: 'approved' } }, code: 'INVALID_TRANSITION', guard: 'no_extension_yet' },
  { name: 'request_extension', status: 'in_progress', override: { input: { extensionDays: 21 } }, code: 'VALIDATION', guard: 'extension_days_within_limit' },
  { name: 'request_extension', status: 'in_progress', override: { input: { extensionDays: 0 } }, code: 'VALIDATION', guard: 'extension_days_within_limit' },
  { name: 'request_extension', status: 'in_progress', override: { input: { reason: ' ' } }, code: 'VALIDATION', guard: 'reason_given' },
  { name: 'approve_extension', status: 'in_progress', override: { facts: { extension: 'none' } }, code: 'INVALID_TRANSITION', guard: 'extension_request_pending' },
  { name: 'approve_extension', status: 'in_progress', override: { facts: { extension: 'approved' } }, code: 'INVALID_TRANSITION', guard: 'extension_request_pending' },
  { name: 'approve_extension', status: 'consulting', override: { input: { hasApplicantNotice: false } }, code: 'VALIDATION', guard: 'applicant_notice_prepared' },
  // Art. 33 para 2: the extension is decided within the ordinary period (ordinary due 2026-03-30 in BASE_FACTS).
  { name: 'request_extension', status: 'in_progress', override: { facts: { ordinaryAnswerDueOn: '2026-03-09' } }, code: 'INVALID_TRANSITION', guard: 'within_answer_period' },
  { name: 'request_extension', status: 'in_progress', override: { facts: { ordinaryAnswerDueOn: null } }, code: 'INVALID_TRANSITION', guard: 'within_answer_period' },
  { name: 'approve_extension', status: 'in_progress', override: { facts: { ordinaryAnswerDueOn: '2026-03-09' } }, code: 'VALIDATION', guard: 'extension_approval_date_valid' },
  { name: 'approve_extension', status: 'in_progress', override: { facts: { extensionRequestedOn: '2026-03-06' }, input: { stepOn: '2026-03-05' } }, code: 'VALIDATION', guard: 'extension_approval_date_valid' },
  { name: 'reject_extension', status: 'in_progress', override: { facts: { extension: 'none' } }, code: 'INVALID_TRANSITION', guard: 'extension_request_pending' },
  { name: 'reject_extension', status: 'in_progress', override: { input: { reason: '' } }, code: 'VALIDATION', guard: 'reason_given' },
  { name: 'set_delayed_answer', status: 'in_progress', override: { facts: { delayedAnswerBy: '2026-04-01' } }, code: 'INVALID_TRANSITION', guard: 'no_delayed_answer_yet' },
  { name: 'set_delayed_answer', status: 'in_progress', override: { input: { delayedAnswerBy: TODAY } }, code: 'VALIDATION', guard: 'delayed_answer_date_valid' },
  { name: 'set_delayed_answer', status: 'in_progress', override: { input: { hasApplicantNotice: undefined } }, code: 'VALIDATION', guard: 'applicant_notice_prepared' },
  { name: 'issue_fee_notice', status: 'in_progress', override: { facts: { hasFeeNotice: true } }, code: 'INVALID_TRANSITION', guard: 'no_fee_notice_yet' },
  { name: 'issue_fee_notice', status: 'in_progress', override: { input: { feeAmountYuan: 0 } }, code: 'VALIDATION', guard: 'fee_amount_positive' },
  // 办法 Arts. 4–5: the units the method counts, and a fee only beyond the free range (30 pages; 10 applications a month).
  { name: 'issue_fee_notice', status: 'in_progress', override: { input: { feePages: 0 } }, code: 'VALIDATION', guard: 'fee_units_given' },
  { name: 'issue_fee_notice', status: 'in_progress', override: { input: { feePages: undefined } }, code: 'VALIDATION', guard: 'fee_units_given' },
  { name: 'issue_fee_notice', status: 'in_progress', override: { input: { feeMethod: 'per_application', feeItemCount: 1001 } }, code: 'VALIDATION', guard: 'fee_units_given' },
  { name: 'issue_fee_notice', status: 'in_progress', override: { input: { feePages: 30, feeComputation: perPageFee(30) } }, code: 'VALIDATION', guard: 'fee_threshold_exceeded' },
  { name: 'issue_fee_notice', status: 'in_progress', override: { input: { feeMethod: 'per_application', feeComputation: perApplicationFee({ month: '2026-03', earlierInMonth: 9 }) } }, code: 'VALIDATION', guard: 'fee_threshold_exceeded' },
  { name: 'issue_fee_notice', status: 'in_progress', override: { input: { feeComputation: undefined } }, code: 'VALIDATION', guard: 'fee_threshold_exceeded' },
  { name: 'lapse_fee', status: 'awaiting_fee', override: { facts: { openFeePaymentDueOn: TODAY } }, code: 'INVALID_TRANSITION', guard: 'fee_period_ended' },
  // regulations.md §11, §15: the periods run from delivery; without it recorded, no lapse.
  { name: 'lapse_correction', status: 'awaiting_correction', override: { facts: { openCorrectionPeriodProvisional: true } }, code: 'INVALID_TRANSITION', guard: 'correction_notice_delivered' },
  { name: 'lapse_fee', status: 'awaiting_fee', override: { facts: { openFeePaymentDueProvisional: true } }, code: 'INVALID_TRANSITION', guard: 'fee_notice_delivered' },
  { name: 'record_notice_delivery', status: 'in_progress', override: { input: { deliveredOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'delivery_date_valid' },
  { name: 'issue_notice_correction', status: 'in_progress', override: { facts: { lettersWithMovedDate: 0 } }, code: 'INVALID_TRANSITION', guard: 'letter_date_moved' },
  { name: 'return_notice', status: 'in_progress', override: { facts: { pendingNotice: null } }, code: 'INVALID_TRANSITION', guard: 'notice_pending' },
  { name: 'issue_notice_correction', status: 'in_progress', override: { input: { stepOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  { name: 'submit_answer', status: 'in_progress', override: { input: { answerDraft: undefined } }, code: 'VALIDATION', guard: 'answer_complete' },
  { name: 'submit_answer', status: 'in_progress', override: { input: { answerDraft: { ...COMPLETE_DRAFT, outcome: 'denied_state_secret', attachmentsCount: 0 } } }, code: 'VALIDATION', guard: 'answer_complete' },
  { name: 'submit_answer', status: 'in_progress', override: { input: { answerDraft: { ...COMPLETE_DRAFT, outcome: 'unavailable_unclear_after_correction', reason: 'still unclear', attachmentsCount: 0 } } }, code: 'VALIDATION', guard: 'outcome_fits_history' },
  { name: 'approve_answer', status: 'pending_approval', override: { input: { answerDraft: { ...COMPLETE_DRAFT, outcome: 'other_misc', attachmentsCount: 0 } } }, code: 'VALIDATION', guard: 'answer_complete' },
  { name: 'approve_answer', status: 'pending_approval', override: { input: { answerDraft: { ...COMPLETE_DRAFT, confidentialityReviewed: false } } }, code: 'VALIDATION', guard: 'answer_complete' },
  { name: 'return_answer', status: 'pending_approval', override: { input: { reason: undefined } }, code: 'VALIDATION', guard: 'reason_given' },
  { name: 'record_delivery', status: 'answered', override: { input: { deliveredOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'delivery_date_valid' },
  { name: 'transfer', status: 'in_progress', override: { input: { targetOrgId: BASE_FACTS.orgId } }, code: 'VALIDATION', guard: 'transfer_target_valid' },
  { name: 'transfer', status: 'awaiting_fee', override: { input: { reason: '' } }, code: 'VALIDATION', guard: 'reason_given' },
  { name: 'archive', status: 'closed', override: { input: { retentionNote: '' } }, code: 'VALIDATION', guard: 'retention_note_given' },
  { name: 'record_appeal', status: 'archived', override: { input: { appealKind: undefined } }, code: 'VALIDATION', guard: 'appeal_kind_given' },
  // Step dates (TODAY 2026-03-10, receipt 2026-03-02): not in the future, not before the receipt date (Art. 31).
  { name: 'request_correction', status: 'in_progress', override: { input: { correctionItems: 'x', correctionPeriodDays: 10, stepOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  { name: 'start_consultation', status: 'in_progress', override: { input: { consultationKind: 'third_party', stepOn: '2026-03-01' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  { name: 'internal_consultation', status: 'in_progress', override: { input: { stepOn: '2026-02-30' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  { name: 'approve_extension', status: 'in_progress', override: { input: { hasApplicantNotice: true, stepOn: '2026-03-01' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  { name: 'issue_fee_notice', status: 'in_progress', override: { input: { feeAmountYuan: 100, stepOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  { name: 'approve_answer', status: 'pending_approval', override: { input: { answerDraft: COMPLETE_DRAFT, stepOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  // The answer letter cannot be dated before a step already taken.
  { name: 'approve_answer', status: 'pending_approval', override: { facts: { latestStepOn: '2026-03-06' }, input: { answerDraft: COMPLETE_DRAFT, stepOn: '2026-03-05' } }, code: 'VALIDATION', guard: 'answer_date_after_steps' },
  // Issue 9 item 8: a withdrawal is dated when it arrived, not in the future nor before receipt; a reasoned
  // closure (（六）3 其他) needs its reason and is not dated before a step already taken.
  { name: 'withdraw', status: 'in_progress', override: { input: { stepOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  { name: 'withdraw', status: 'awaiting_fee', override: { input: { stepOn: '2026-03-01' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  { name: 'close_other', status: 'in_progress', override: { input: { reason: '  ' } }, code: 'VALIDATION', guard: 'reason_given' },
  { name: 'close_other', status: 'consulting', override: { input: { stepOn: '2026-03-11' } }, code: 'VALIDATION', guard: 'step_date_valid' },
  { name: 'close_other', status: 'in_progress', override: { facts: { latestStepOn: '2026-03-06' }, input: { stepOn: '2026-03-05' } }, code: 'VALIDATION', guard: 'closure_date_after_steps' },
];

describe('guards refuse through assertTransition', () => {
  it.each(GUARD_REFUSALS)('$name from $status: $guard ($code)', ({ name, status, override, code, guard }) => {
    // Every transition is open to reviewers, so the guard is the only thing that can refuse here.
    const error = expectDomainError(
      () => assertTransition(name, { status, actor: actor('reviewer'), context: contextFor(name, override) }),
      code,
      `workflow.guard.${guard}`,
    );
    expect(error.params).toMatchObject({ guard });
  });

  it('every guard used in the table is exercised above', () => {
    const used = new Set(TRANSITION_NAMES.flatMap((name): readonly string[] => TRANSITIONS[name].guards));
    expect(new Set(GUARD_REFUSALS.map((c) => c.guard))).toEqual(used);
  });

  it('reports which answer elements are missing', () => {
    const error = expectDomainError(
      () =>
        assertTransition('submit_answer', {
          status: 'in_progress',
          actor: actor('clerk'),
          context: contextFor('submit_answer', { input: { answerDraft: { outcome: 'denied_state_secret', attachmentsCount: 0 } } }),
        }),
      'VALIDATION',
      'workflow.guard.answer_complete',
    );
    expect(error.params?.missing).toEqual(['reason', 'legal_basis', 'remedy_notice']);
  });

  it('unclear after correction is accepted once a correction round took place', () => {
    const draft = { ...COMPLETE_DRAFT, outcome: 'unavailable_unclear_after_correction' as const, reason: 'still unclear', attachmentsCount: 0 };
    const result = assertTransition('approve_answer', {
      status: 'pending_approval',
      actor: actor('reviewer'),
      context: contextFor('approve_answer', { facts: { correctionRoundCount: 1 }, input: { answerDraft: draft } }),
    });
    expect(result.outcome).toBe('unavailable_unclear_after_correction');
  });

  it('the extension limit is inclusive (20 working days, Art. 33 para 2)', () => {
    const context = contextFor('request_extension', { input: { extensionDays: 20 } });
    expect(checkTransition('request_extension', { status: 'in_progress', actor: actor('clerk'), context }).ok).toBe(true);
    const failed = checkTransition('request_extension', {
      status: 'in_progress',
      actor: actor('clerk'),
      context: contextFor('request_extension', { input: { extensionDays: 21 } }),
    });
    expect(failed.ok ? null : failed.error.params).toEqual({ guard: 'extension_days_within_limit', max: 20 });
  });

  it('an unknown transition name is a VALIDATION error', () => {
    expectDomainError(
      () => assertTransition('delete_case' as TransitionName, { status: 'in_progress', actor: actor('admin'), context: contextFor('assign') }),
      'VALIDATION',
      'workflow.error.unknown_transition',
    );
  });
});

// ── Results: outcome, conclusion, flags, effects ─────────────────────────────────────────────────────────

describe('transition results', () => {
  it('approve_answer concludes with the draft outcome and assigns the document number', () => {
    const result = assertTransition('approve_answer', { status: 'pending_approval', actor: actor('reviewer'), context: contextFor('approve_answer') });
    expect(result).toMatchObject({
      to: 'answered',
      concludes: true,
      outcome: 'granted',
      event: 'answer_approved',
      isPublic: true,
      effects: ['assigns_document_number'],
    });
  });

  it.each([
    ['lapse_correction', 'awaiting_correction', 'other_no_correction'],
    ['lapse_fee', 'awaiting_fee', 'other_fee_unpaid'],
    ['withdraw', 'consulting', 'other_misc'],
  ] as const)('%s from %s closes the case with %s', (name, status, outcome) => {
    const result = assertTransition(name, { status, actor: actor('reviewer'), context: contextFor(name) });
    expect(result).toMatchObject({ to: 'closed', concludes: true, outcome });
  });

  it('confirm_receipt sets the legal receipt date', () => {
    const result = assertTransition('confirm_receipt', { status: 'pending_confirmation', actor: actor('clerk'), context: contextFor('confirm_receipt') });
    expect(result.effects).toEqual(['sets_received_on']);
    expect(result.outcome).toBeNull();
  });

  it('flags a 补正 notice sent after the 7 working days but allows it (Art. 30)', () => {
    const late = assertTransition('request_correction', {
      status: 'in_progress',
      actor: actor('clerk'),
      context: contextFor('request_correction', { facts: { correctionNoticeDueOn: '2026-03-09' } }),
    });
    expect(late.flags).toEqual(['correction_notice_late']);
    const onTime = assertTransition('request_correction', {
      status: 'in_progress',
      actor: actor('clerk'),
      context: contextFor('request_correction', { facts: { correctionNoticeDueOn: TODAY } }),
    });
    expect(onTime.flags).toEqual([]);
  });

  it('a transfer keeps the status, moves the organisation and clears the assignee', () => {
    const result = assertTransition('transfer', { status: 'awaiting_correction', actor: actor('admin'), context: contextFor('transfer') });
    expect(result).toMatchObject({ from: 'awaiting_correction', to: 'awaiting_correction', effects: ['changes_organisation', 'clears_assignee'] });
  });

  it('concluding transitions end in a concluded status and set an outcome; nothing else does', () => {
    for (const name of TRANSITION_NAMES) {
      const def: TransitionDef = TRANSITIONS[name];
      expect(def.concludes, name).toBe(def.setsOutcome !== null);
      if (def.concludes) {
        expect(def.to !== 'same' && (CONCLUDED_STATUSES as readonly string[]).includes(def.to), name).toBe(true);
        expect(def.from.every((status) => (OPEN_STATUSES as readonly string[]).includes(status)), name).toBe(true);
      }
    }
  });

  it('outcomes set by transitions agree with lib/law/outcomes.ts', () => {
    const bySource = { correction_lapse: ['lapse_correction'], fee_lapse: ['lapse_fee'], other_closure: ['withdraw', 'close_other'] } as const;
    for (const outcome of OUTCOMES) {
      const { source } = OUTCOME_RULES[outcome];
      if (source === 'answer' || source === 'import') continue;
      for (const name of bySource[source]) expect(TRANSITIONS[name].setsOutcome, name).toBe(outcome);
    }
    // And no other transition sets a fixed outcome (approve_answer takes the draft's).
    const setting = TRANSITION_NAMES.filter((n) => TRANSITIONS[n].setsOutcome !== null && TRANSITIONS[n].setsOutcome !== 'from_answer');
    expect(setting.sort()).toEqual(['close_other', 'lapse_correction', 'lapse_fee', 'withdraw']);
  });

  it('event types are unique', () => {
    expect(new Set(CASE_EVENT_TYPES).size).toBe(CASE_EVENT_TYPES.length);
    expect(CASE_EVENT_TYPES).toContain('registered');
  });
});

// ── availableTransitions ─────────────────────────────────────────────────────────────────────────────────

describe('availableTransitions', () => {
  const context = { today: TODAY, facts: BASE_FACTS };

  it('the applicant sees only withdraw on an open own application', () => {
    expect(availableTransitions('in_progress', actor('applicant'), context)).toEqual(['withdraw']);
    expect(availableTransitions('answered', actor('applicant'), context)).toEqual([]);
  });

  it('nothing for out-of-scope actors', () => {
    for (const role of ROLES) {
      for (const status of STATUSES) expect(availableTransitions(status, actor(role, false), context)).toEqual([]);
    }
  });

  it('a clerk on a case consulting two parties: another letter, or the reply to one of them; not the end', () => {
    const two = { ...context, facts: { ...context.facts, openConsultationParties: ['甲公司', '乙局'] } };
    const offered = availableTransitions('consulting', actor('clerk'), two);
    expect(offered).toContain('start_consultation');
    expect(offered).toContain('record_consultation_reply');
    expect(offered).not.toContain('end_consultation');
    const one = { ...context, facts: { ...context.facts, openConsultationParties: ['乙局'] } };
    expect(availableTransitions('consulting', actor('clerk'), one)).toContain('end_consultation');
    expect(availableTransitions('consulting', actor('clerk'), one)).not.toContain('record_consultation_reply');
  });

  it('a clerk on an assigned case in progress', () => {
    expect(availableTransitions('in_progress', actor('clerk'), context)).toEqual([
      'request_correction',
      'start_consultation',
      'request_extension',
      'issue_fee_notice',
      'internal_consultation',
      'submit_answer',
      'record_notice_delivery',
      'withdraw',
    ]);
  });

  it('a reviewer on a case pending approval with a pending extension request', () => {
    const facts = { ...BASE_FACTS, extension: 'requested' as const };
    expect(availableTransitions('pending_approval', actor('reviewer'), { today: TODAY, facts })).toEqual([
      'assign',
      'approve_extension',
      'reject_extension',
      'internal_consultation',
      'record_confidentiality_review',
      'approve_answer',
      'return_answer',
      'record_notice_delivery',
      'transfer',
      'withdraw',
      'close_other',
    ]);
  });

  it('admin only routes', () => {
    expect(availableTransitions('consulting', actor('admin'), context)).toEqual(['assign', 'transfer']);
    expect(availableTransitions('delivered', actor('admin'), context)).toEqual(['assign']);
  });

  it('state guards hide what cannot be done now; input guards do not', () => {
    const reviewer = actor('reviewer');
    expect(availableTransitions('in_progress', reviewer, { today: TODAY, facts: { ...BASE_FACTS, assigneeId: null } })).toContain('claim');
    expect(availableTransitions('in_progress', reviewer, context)).not.toContain('claim');
    expect(availableTransitions('in_progress', reviewer, { today: TODAY, facts: { ...BASE_FACTS, extension: 'approved' } })).not.toContain(
      'request_extension',
    );
    const openRound = { ...BASE_FACTS, openCorrectionPeriodEndsOn: TODAY };
    expect(availableTransitions('awaiting_correction', reviewer, { today: TODAY, facts: openRound })).not.toContain('lapse_correction');
    expect(availableTransitions('awaiting_correction', reviewer, { today: '2026-03-11', facts: openRound })).toContain('lapse_correction');
    // submit_answer is offered without a draft; the form reports the missing elements.
    expect(availableTransitions('in_progress', reviewer, context)).toContain('submit_answer');
  });

  it('offers exactly the specified transitions for every role and status once the state guards pass', () => {
    for (const role of ROLES) {
      for (const status of STATUSES) {
        const specified = TRANSITION_NAMES.filter((name) => SPEC[name].roles.includes(role) && SPEC[name].from.includes(status));
        const offered = TRANSITION_NAMES.filter((name) =>
          availableTransitions(status, actor(role), contextFor(name)).includes(name),
        );
        expect(offered, `${role} in ${status}`).toEqual(specified);
      }
    }
  });
});

// ── Status sets, clock, initial status ───────────────────────────────────────────────────────────────────

describe('status sets', () => {
  it('open and concluded partition the statuses', () => {
    expect([...OPEN_STATUSES, ...CONCLUDED_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect([...OPEN_STATUSES]).toEqual(OPEN);
    expect([...CONCLUDED_STATUSES]).toEqual(CONCLUDED);
  });

  it('the clock runs only while the agency is working on the answer (Arts. 30, 31, 33)', () => {
    expect([...CLOCK_RUNNING_STATUSES]).toEqual(['in_progress', 'pending_approval']);
    expect(STATUSES.filter((status) => isClockRunning(status))).toEqual(['in_progress', 'pending_approval']);
    expect(isClockRunning('awaiting_fee', { feePausesClock: false })).toBe(true);
    expect(isClockRunning('consulting', { feePausesClock: false })).toBe(false);
  });

  it('channels waiting for a confirmation start without a receipt date (Art. 31)', () => {
    expect(CHANNELS.filter((channel) => INITIAL_STATUS_BY_CHANNEL[channel] === 'pending_confirmation').sort()).toEqual(
      ['email', 'fax', 'online', 'other', 'post_unsigned'].sort(),
    );
  });
});

// ── Agreement with the Prisma schema and the documentation ──────────────────────────────────────────────

const root = path.resolve(__dirname, '../..');

function prismaEnum(name: string): string[] {
  const schema = readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1] ?? '';
  return body
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').trim())
    .filter(Boolean);
}

describe('prisma enums', () => {
  it('CaseStatus, Role and AppealKind are the workflow lists', () => {
    expect(prismaEnum('CaseStatus')).toEqual([...STATUSES]);
    expect(prismaEnum('Role')).toEqual([...ROLES]);
    expect(prismaEnum('AppealKind')).toEqual([...APPEAL_KINDS]);
  });

  it('ConsultationKind contains the clock-excluded kinds', () => {
    expect(prismaEnum('ConsultationKind')).toEqual(expect.arrayContaining([...CLOCK_EXCLUDED_CONSULTATION_KINDS]));
  });
});

function mermaidBlock(text: string, linePrefix: RegExp): string {
  const lines = text.split('\n').map((line) => line.replace(linePrefix, ''));
  const start = lines.indexOf('```mermaid');
  const end = lines.indexOf('```', start + 1);
  return lines.slice(start + 1, end).join('\n').trimEnd();
}

describe('diagram', () => {
  const source = readFileSync(path.join(__dirname, 'workflow.ts'), 'utf8');
  const doc = readFileSync(path.join(__dirname, 'WORKFLOW.md'), 'utf8');
  const diagram = mermaidBlock(source, /^ \* ?/);

  it('is the same in workflow.ts and WORKFLOW.md', () => {
    expect(diagram.startsWith('stateDiagram-v2')).toBe(true);
    expect(mermaidBlock(doc, /^/)).toBe(diagram);
  });

  it('draws exactly the status-changing transitions and the initial statuses', () => {
    const edges = new Set(
      [...diagram.matchAll(/^\s*(\S+) --> (\S+) : (\S+)/gm)].map(([, from, to, label]) => `${from} ${to} ${label}`),
    );
    const expected = new Set<string>();
    for (const name of TRANSITION_NAMES) {
      const def: TransitionDef = TRANSITIONS[name];
      if (def.to !== 'same') for (const from of def.from) expected.add(`${from} ${def.to} ${name}`);
    }
    for (const status of new Set(Object.values(INITIAL_STATUS_BY_CHANNEL))) expected.add(`[*] ${status} registered`);
    expect([...edges].sort()).toEqual([...expected].sort());
  });

  it('mentions every same-status transition in its note, and WORKFLOW.md documents every transition', () => {
    for (const name of TRANSITION_NAMES) {
      if (TRANSITIONS[name].to === 'same') expect(diagram, name).toContain(name);
      expect(doc, name).toContain(`\`${name}\``);
    }
  });
});

describe('sign-off of notices (issue 11 item 3)', () => {
  const clerk = actor('clerk');
  const reviewer = actor('reviewer');
  const on = (name: TransitionName, facts: Partial<CaseFacts> = {}) => contextFor(name, { facts: { noticeSignOff: true, ...facts } });

  it.each(['request_correction', 'start_consultation', 'issue_fee_notice'] as const)('%s by a clerk only submits the notice where sign-off is wanted', (name) => {
    const result = assertTransition(name, { status: 'in_progress', actor: clerk, context: on(name) });
    expect(result).toMatchObject({ event: 'notice_submitted', from: 'in_progress', to: 'in_progress', effects: ['submits_notice'], outcome: null, flags: [] });
    // A reviewer's own step issues it at once; without the setting a clerk's does too.
    expect(assertTransition(name, { status: 'in_progress', actor: reviewer, context: on(name) }).event).toBe(TRANSITIONS[name].event);
    expect(assertTransition(name, { status: 'in_progress', actor: clerk, context: contextFor(name) }).event).toBe(TRANSITIONS[name].event);
  });

  it('a submitted notice is signed off by a reviewer taking its step, never by a clerk; no other notice meanwhile', () => {
    const pending = on('request_correction', { pendingNotice: 'correction_notice' });
    const approved = assertTransition('request_correction', { status: 'in_progress', actor: reviewer, context: pending });
    expect(approved).toMatchObject({ to: 'awaiting_correction', event: 'correction_requested' });
    expect(approved.effects).toContain('issues_submitted_notice');
    expectDomainError(() => assertTransition('request_correction', { status: 'in_progress', actor: clerk, context: pending }), 'INVALID_TRANSITION', 'workflow.guard.notice_awaiting_sign_off');
    const other = on('issue_fee_notice', { pendingNotice: 'correction_notice' });
    expectDomainError(() => assertTransition('issue_fee_notice', { status: 'in_progress', actor: reviewer, context: other }), 'INVALID_TRANSITION', 'workflow.guard.other_notice_pending');
    // The case page does not offer what would be refused; the reviewer is offered the sign-off and the return.
    expect(availableTransitions('in_progress', clerk, pending)).not.toContain('request_correction');
    expect(availableTransitions('in_progress', reviewer, pending)).toEqual(expect.arrayContaining(['request_correction', 'return_notice']));
    expect(availableTransitions('in_progress', reviewer, pending)).not.toContain('issue_fee_notice');
  });
});
