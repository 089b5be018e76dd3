/**
 * Counting conventions the national formats leave open (annual-report-formats.md §5 items 1–7), as named
 * constants so that the SQL loader, the workflow and the reference counter (count-cases.ts) agree.
 * The reasoning for each is in CONVENTIONS.md (same folder); change both together.
 */
import type { Outcome } from '@/lib/law/ids';

/** §5.1 — the date that makes a case "new" in year Y: the 条例 Art. 31 legal receipt date (`receivedOn`). */
export const NEW_CASE_DATE_FIELD = 'receivedOn' as const;

/**
 * §5.1 — a submission whose receipt is not yet confirmed (plain letter, online form not yet confirmed by
 * both sides; Art. 31) has no legal receipt date and is counted nowhere until it is confirmed.
 */
export const IS_UNCONFIRMED_SUBMISSION_COUNTED = false;

/**
 * §5.2 — a case in 补正 (correction requested, Art. 30) on 31 December is open: it is carried forward.
 * Its `receivedOn` stays the original legal receipt date; the correction restarts the answer deadline,
 * not the statistics.
 */
export const CASE_IN_CORRECTION_AT_YEAR_END = 'carried_forward' as const;

/** §5.3 — which date makes a case "concluded" (its `concludedOn`), by outcome. */
export type ConclusionDateRule =
  /** the date on the answer letter (答复日期), not the delivery date */
  | 'answer_issued_on'
  /** （六）1: the day after the last day of the correction period */
  | 'day_after_correction_deadline'
  /** （六）2: the day after the last day of the payment period (20 working days, 国办函〔2020〕109号) */
  | 'day_after_payment_deadline'
  /** （六）3: the day a withdrawal reached the agency (`withdrawnOn`), or the closing date of close_other (`closedOn`) */
  | 'closed_on'
  /** imported historical cases: the date as imported */
  | 'as_imported';

export const CONCLUSION_DATE_RULES = {
  granted: 'answer_issued_on',
  partially_granted: 'answer_issued_on',
  denied_state_secret: 'answer_issued_on',
  denied_prohibited_by_law: 'answer_issued_on',
  denied_three_securities_one_stability: 'answer_issued_on',
  denied_third_party_rights: 'answer_issued_on',
  denied_internal_affairs: 'answer_issued_on',
  denied_process_information: 'answer_issued_on',
  denied_law_enforcement_file: 'answer_issued_on',
  denied_administrative_inquiry: 'answer_issued_on',
  unavailable_not_held: 'answer_issued_on',
  unavailable_requires_creation: 'answer_issued_on',
  unavailable_unclear_after_correction: 'answer_issued_on',
  not_processed_petition_complaint: 'answer_issued_on',
  not_processed_repeat: 'answer_issued_on',
  not_processed_publication: 'answer_issued_on',
  not_processed_excessive: 'answer_issued_on',
  not_processed_confirm_or_reissue: 'answer_issued_on',
  other_no_correction: 'day_after_correction_deadline',
  other_fee_unpaid: 'day_after_payment_deadline',
  other_misc: 'closed_on',
  other_processing: 'as_imported',
} as const satisfies Record<Outcome, ConclusionDateRule>;

/** §5.4 — counting unit: one application (one case) = one 件, whatever the number of items requested. */
export const COUNTING_UNIT = 'application' as const;

/**
 * §5.5 — applicant column: the type of the applicant named on the application, as stored on the case
 * (a law firm → legal_service_org; a lawyer applying in his own name → natural_person).
 */
export const APPLICANT_TYPE_SOURCE = 'named_applicant_as_stored' as const;

/**
 * §5.6 — a withdrawn application is closed with this outcome: （六）3.其他 in the 2021 layout; it collapses
 * into （六）其他处理 in the 2019 layout (layouts.ts rowForOutcome).
 */
export const WITHDRAWN_OUTCOME = 'other_misc' as const satisfies Outcome;

/**
 * §5.7 — section 四: a 复议/诉讼 case counts in the year it was filed (受理/立案); its result is its state on
 * 31 December of that year, so an undecided case is 尚未审结 and the table never changes afterwards.
 */
export const SECTION4_YEAR_ATTRIBUTION = 'filed_on' as const;
export const SECTION4_PENDING_MEANS = 'undecided_on_31_december' as const;
