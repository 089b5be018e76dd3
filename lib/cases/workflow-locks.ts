/**
 * Which case fields may be edited directly (an "edit" form, not a transition) in which status (STYLE §2:
 * "fields that lock after a step also go in a table"). Fields with no editable status change only through
 * the transition that owns them, so their history is always a CaseEvent: the receipt date through
 * confirm_receipt / receive_correction (Art. 31, Art. 30), the organisation through transfer, the outcome
 * through approve_answer, a lapse or withdraw.
 */
import { DomainError } from '@/lib/errors';
import { OPEN_STATUSES, type CaseStatus } from '@/lib/cases/workflow';

const BEFORE_DECISION = ['pending_confirmation', 'in_progress', 'awaiting_correction'] as const satisfies readonly CaseStatus[];

export const EDITABLE_IN = {
  /** applicantType, applicantName, idDocType, id number, legalRepresentative: the answer is addressed on them. */
  applicant_identity: BEFORE_DECISION,
  /** description, documentRef, requestedForm, deliveryMethod (Art. 29 para 2): what the answer answers. */
  request: BEFORE_DECISION,
  /** contactPerson, mobile, email, postalAddress, postalCode: needed until the answer is delivered. */
  contact: [...OPEN_STATUSES, 'answered'],
  /** The answer draft: frozen while the reviewer looks at it (return_answer unlocks it) and once issued. */
  answer_draft: ['in_progress', 'consulting'],
  received_on: [], // confirm_receipt, receive_correction
  organisation: [], // transfer
  assignee: [], // assign, claim, transfer
  outcome: [], // approve_answer, lapse_correction, lapse_fee, withdraw
  retention_note: [], // archive
} as const satisfies Record<string, readonly CaseStatus[]>;

export type CaseField = keyof typeof EDITABLE_IN;
export const CASE_FIELDS = Object.keys(EDITABLE_IN) as CaseField[];

export function isFieldEditable(field: CaseField, status: CaseStatus): boolean {
  return (EDITABLE_IN[field] as readonly CaseStatus[]).includes(status);
}

/** Throws DomainError('LOCKED', 'workflow.error.field_locked'). */
export function assertFieldEditable(field: CaseField, status: CaseStatus): void {
  if (!isFieldEditable(field, status)) {
    throw new DomainError('LOCKED', 'workflow.error.field_locked', { field, status });
  }
}

export function lockedFields(status: CaseStatus): CaseField[] {
  return CASE_FIELDS.filter((field) => !isFieldEditable(field, status));
}
