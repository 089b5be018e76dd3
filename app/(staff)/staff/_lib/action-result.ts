import 'server-only';
import { invalidTextState, runAction, type ActionState } from '@/lib/actions/run-action';

/**
 * The form field each input guard of the workflow speaks about (lib/cases/workflow-guards.ts), so a refusal
 * such as `workflow.guard.reason_given` is shown under the reason field, not only above the form.
 */
const GUARD_FIELDS: Record<string, string> = {
  receipt_date_valid: 'receivedOn',
  assignee_given: 'assigneeId',
  correction_items_given: 'items',
  correction_period_set: 'periodDays',
  consultation_kind_given: 'kind',
  extension_days_within_limit: 'days',
  applicant_notice_prepared: 'hasApplicantNotice',
  delayed_answer_date_valid: 'delayedAnswerBy',
  fee_amount_positive: 'method',
  fee_units_given: 'pages',
  fee_threshold_exceeded: 'method',
  reason_given: 'reason',
  transfer_target_valid: 'targetOrgId',
  retention_note_given: 'retentionNote',
  appeal_kind_given: 'kind',
  delivery_date_valid: 'deliveredOn',
  closure_date_after_steps: 'closedOn',
};

/** Library errors that name one field. */
const KEY_FIELDS: Record<string, string> = {
  'case.delivery.postal_tracking_no_required': 'postalTrackingNo',
  'case.delivery.before_issue': 'deliveredOn',
  'case.correction.received_before_request': 'receivedOn',
  'case.consultation.reply_date_invalid': 'repliedOn',
  'case.consultation.received_date_invalid': 'receivedByPartyOn',
  'case.consultation.received_before_sent': 'receivedByPartyOn',
  'case.fee.paid_date_invalid': 'paidOn',
  'case.fee.received_date_invalid': 'receivedOn',
  'case.appeal.filed_date_invalid': 'filedOn',
  'case.assign.assignee_invalid': 'assigneeId',
  'case.transfer.target_not_found': 'targetOrgId',
  'case.withdraw.date_staff_only': 'withdrawnOn',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * runAction (lib/actions/run-action.ts) plus: the field errors a DomainError carries in its params
 * (`fieldErrors`, or zod `issues`, or the guard's field) become the form's field errors, and the submitted
 * values go back so the form keeps what was typed.
 */
export async function runFormAction<T>(values: Record<string, string>, body: () => Promise<T | ActionState<T>>): Promise<ActionState<T>> {
  // The text rule (lib/validation/text.ts): a NUL byte or a lone surrogate in any field refuses the form.
  const refused = invalidTextState(values);
  if (refused) return { ...refused, values };
  const state = await runAction(body);
  if (!state || state.ok) return state;
  const params = (state.params ?? {}) as Record<string, unknown>;
  const fieldErrors: Record<string, string[]> = { ...(state.fieldErrors ?? {}) };
  if (isRecord(params.fieldErrors)) {
    for (const [field, messages] of Object.entries(params.fieldErrors)) {
      if (Array.isArray(messages)) fieldErrors[field] = messages.map(String);
    }
  }
  if (Array.isArray(params.issues)) {
    for (const issue of params.issues) {
      if (isRecord(issue) && typeof issue.path === 'string' && typeof issue.message === 'string') {
        (fieldErrors[issue.path || '_form'] ??= []).push(issue.message);
      }
    }
  }
  const guard = state.messageKey.startsWith('workflow.guard.') ? state.messageKey.slice('workflow.guard.'.length) : null;
  const field = (guard && GUARD_FIELDS[guard]) ?? KEY_FIELDS[state.messageKey];
  if (field) (fieldErrors[field] ??= []).push(state.messageKey);
  // Only primitive params reach the translator; lists (e.g. the answer's missing elements) are kept apart.
  const primitive: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') primitive[k] = v;
  const missing = Array.isArray(params.missing) ? params.missing.map(String) : undefined;
  return {
    ok: false,
    messageKey: state.messageKey,
    params: { ...primitive, ...(missing ? { missing: missing.join(',') } : {}) },
    fieldErrors: Object.keys(fieldErrors).length ? fieldErrors : undefined,
    values,
  };
}
