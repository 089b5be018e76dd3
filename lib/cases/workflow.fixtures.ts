/**
 * Test fixtures for the workflow: for every transition, a context in which all its guards pass. Shared by
 * workflow.test.ts and workflow-guards.test.ts; not imported by application code.
 */
import type { AnswerDraft } from '@/lib/law/outcomes';
import { perPageFee } from '@/lib/law/fees';
import type { CaseFacts, TransitionContext, TransitionInput } from '@/lib/cases/workflow-guards';
import type { TransitionName } from '@/lib/cases/workflow';

export const TODAY = '2026-03-10';

export const BASE_FACTS: CaseFacts = {
  orgId: 7,
  assigneeId: 'clerk-1',
  correctionRoundCount: 0,
  openCorrectionPeriodEndsOn: null,
  correctionNoticeDueOn: '2026-03-12',
  extension: 'none',
  delayedAnswerBy: null,
  hasFeeNotice: false,
  openFeePaymentDueOn: null,
  openCorrectionPeriodProvisional: false,
  openFeePaymentDueProvisional: false,
  receivedOn: '2026-03-02',
  arrivedOn: '2026-03-02',
  latestStepOn: '2026-03-02',
  ordinaryAnswerDueOn: '2026-03-30',
  extensionRequestedOn: null,
  lettersWithMovedDate: 0,
  noticeSignOff: false,
  pendingNotice: null,
  openConsultationParties: [],
};

export const COMPLETE_DRAFT: AnswerDraft = {
  outcome: 'granted',
  legalBasis: '条例第三十六条第（二）项',
  remedyNotice: 'answer.remedy_notice',
  confidentialityReviewed: true,
  attachmentsCount: 1,
};

const REASON = 'reason';

/** Per transition: the facts and input that make every guard pass. */
export const PASSING: Record<TransitionName, { facts?: Partial<CaseFacts>; input?: TransitionInput }> = {
  confirm_receipt: { input: { receivedOn: '2026-03-09' } },
  assign: { input: { assigneeId: 'clerk-2' } },
  claim: { facts: { assigneeId: null } },
  request_correction: { input: { correctionItems: 'identity document missing', correctionPeriodDays: 10 } },
  receive_correction: {
    facts: { correctionRoundCount: 1, openCorrectionPeriodEndsOn: '2026-03-20' },
    input: { receivedOn: TODAY },
  },
  lapse_correction: { facts: { correctionRoundCount: 1, openCorrectionPeriodEndsOn: '2026-03-09' } },
  start_consultation: { input: { consultationKind: 'third_party' } },
  end_consultation: { facts: { openConsultationParties: ['示范建设工程有限公司'] } },
  record_consultation_reply: { facts: { openConsultationParties: ['示范建设工程有限公司', '示范市住房和城乡建设局'] } },
  request_extension: { input: { extensionDays: 20, reason: REASON } },
  approve_extension: { facts: { extension: 'requested' }, input: { hasApplicantNotice: true } },
  reject_extension: { facts: { extension: 'requested' }, input: { reason: REASON } },
  set_delayed_answer: { input: { delayedAnswerBy: '2026-04-30', reason: REASON, hasApplicantNotice: true } },
  issue_fee_notice: { input: { feeMethod: 'per_page', feePages: 50, feeComputation: perPageFee(50), feeAmountYuan: 200 } },
  record_fee_paid: { facts: { hasFeeNotice: true, openFeePaymentDueOn: '2026-04-08' } },
  lapse_fee: { facts: { hasFeeNotice: true, openFeePaymentDueOn: '2026-03-09' } },
  internal_consultation: {},
  record_confidentiality_review: {},
  submit_answer: { input: { answerDraft: COMPLETE_DRAFT } },
  approve_answer: { input: { answerDraft: COMPLETE_DRAFT } },
  return_answer: { input: { reason: REASON } },
  record_delivery: { input: { deliveredOn: TODAY } },
  record_notice_delivery: { input: { deliveredOn: TODAY } },
  issue_notice_correction: { facts: { lettersWithMovedDate: 1 } },
  return_notice: { facts: { pendingNotice: 'correction_notice' }, input: { reason: REASON } },
  transfer: { input: { targetOrgId: 9, reason: REASON } },
  withdraw: {},
  close_other: { input: { reason: 'the applicant died without a successor' } },
  archive: { input: { retentionNote: 'keep 10 years' } },
  record_appeal: { input: { appealKind: 'administrative_review' } },
};

/** The passing context of `name`, with optional overrides of facts and input. */
export function contextFor(
  name: TransitionName,
  override: { facts?: Partial<CaseFacts>; input?: TransitionInput; today?: string } = {},
): TransitionContext {
  const passing = PASSING[name];
  return {
    today: override.today ?? TODAY,
    facts: { ...BASE_FACTS, ...passing.facts, ...override.facts },
    input: { ...passing.input, ...override.input },
  };
}
