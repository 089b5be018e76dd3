/**
 * The likely next step on a case (issue 10 item 2: the case page makes it the prominent action). Pure: it
 * reads the options the workflow offers (transitionOptions in workflow.ts, guards included) and what the
 * answer draft still lacks; it never decides whether a step is allowed — a suggestion is always one of the
 * options that can be taken now, or the answer draft form, or nothing.
 */
import type { CaseStatus, TransitionName, TransitionOption } from '@/lib/cases/workflow';
import type { AnswerElementCode } from '@/lib/law/outcomes';

export type NextStep = TransitionName | 'answer_draft';

/**
 * Per status, the steps in the order an office normally takes them. `answer_draft` is the draft form
 * (saving a draft is not a transition), suggested while the draft lacks anything but the reviewer's sign-off;
 * `record_confidentiality_review` only when that sign-off (Art. 17) is all the draft lacks.
 */
const PREFERENCE = {
  pending_confirmation: ['confirm_receipt'],
  in_progress: ['approve_extension', 'record_confidentiality_review', 'submit_answer', 'answer_draft'],
  awaiting_correction: ['receive_correction', 'lapse_correction'],
  consulting: ['approve_extension', 'end_consultation', 'record_consultation_reply'],
  awaiting_fee: ['record_fee_paid', 'lapse_fee'],
  pending_approval: ['approve_extension', 'record_confidentiality_review', 'approve_answer'],
  answered: ['record_delivery'],
  delivered: ['archive'],
  closed: ['archive'],
  archived: [],
} as const satisfies Record<CaseStatus, readonly NextStep[]>;

export function suggestNextStep(params: {
  status: CaseStatus;
  options: readonly TransitionOption[];
  /** The actor may edit the answer draft now (clerk or reviewer, draft not locked). */
  canDraft: boolean;
  /** Elements the stored draft lacks; null when there is no draft yet. */
  draftMissing: readonly AnswerElementCode[] | null;
}): NextStep | null {
  const open = new Set(params.options.filter((o) => o.blockedBy === null).map((o) => o.name));
  const missing = params.draftMissing;
  for (const step of PREFERENCE[params.status] as readonly NextStep[]) {
    if (step === 'answer_draft') {
      if (params.canDraft && (missing === null || missing.some((m) => m !== 'confidentiality_review'))) return step;
      continue;
    }
    // The sign-off is for the final text: only when the review is all the draft still lacks.
    if (step === 'record_confidentiality_review' && !(missing?.length === 1 && missing[0] === 'confidentiality_review')) continue;
    if (open.has(step)) return step;
  }
  return null;
}
