/**
 * The fields each workflow step's form asks for (lib/cases/transition-inputs.ts), shared by the form
 * (case-actions.tsx, in the browser) and the page (page.tsx, on the server), which translates each offered
 * step's title, help and field labels and hands the form those strings instead of the whole catalogue.
 */
import type { TransitionName } from '@/lib/cases/workflow';
import { messageText, type Translate } from '../../_lib/message-values';

export type FieldType = 'text' | 'date' | 'number' | 'textarea' | 'select' | 'checkbox';
export type OptionSource = 'assignees' | 'orgs' | 'notices' | 'consultations' | 'consultationKinds' | 'feeMethods' | 'deliveryMethods' | 'internalTopics' | 'appealKinds' | 'appealResults';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  /** 'today', or a literal default. */
  default?: string;
  options?: OptionSource;
  min?: number;
  max?: number | 'today';
  step?: string;
  /** Label key under staff.field (defaults to the field name); lets one name read differently per step. */
  label?: string;
  hint?: boolean;
}

/**
 * The fields each workflow step asks for (lib/cases/transition-inputs.ts). A field is only shown when the
 * library's input schema knows it (`supported`), so the form never collects a value that would be dropped.
 */
export const FIELDS: Record<TransitionName, FieldSpec[]> = {
  confirm_receipt: [
    { name: 'receivedOn', type: 'date', required: true, default: 'today', max: 'today', label: 'confirmedOn', hint: true },
    { name: 'confirmationNote', type: 'text', hint: true },
  ],
  assign: [{ name: 'assigneeId', type: 'select', required: true, options: 'assignees' }],
  claim: [],
  request_correction: [
    { name: 'requestedOn', type: 'date', default: 'today', max: 'today', label: 'noticeOn' },
    { name: 'items', type: 'textarea', required: true, hint: true },
    { name: 'periodDays', type: 'number', required: true, default: '15', min: 1, max: 60, hint: true },
  ],
  receive_correction: [
    { name: 'receivedOn', type: 'date', required: true, default: 'today', max: 'today', label: 'correctedOn', hint: true },
    { name: 'responseText', type: 'textarea' },
  ],
  lapse_correction: [],
  start_consultation: [
    { name: 'kind', type: 'select', required: true, options: 'consultationKinds' },
    { name: 'party', type: 'text', required: true },
    { name: 'sentOn', type: 'date', default: 'today', max: 'today', label: 'letterSentOn' },
    { name: 'receivedByPartyOn', type: 'date', hint: true },
    { name: 'letterNote', type: 'textarea' },
  ],
  end_consultation: [
    { name: 'receivedByPartyOn', type: 'date', max: 'today', hint: true },
    { name: 'repliedOn', type: 'date', required: true, default: 'today', max: 'today' },
    { name: 'opinion', type: 'textarea' },
  ],
  // Several letters open (Arts. 32, 34): the reply is recorded on the letter chosen; the others stay open.
  record_consultation_reply: [
    { name: 'consultationId', type: 'select', required: true, options: 'consultations', label: 'consultationLetter' },
    { name: 'receivedByPartyOn', type: 'date', max: 'today', hint: true },
    { name: 'repliedOn', type: 'date', required: true, default: 'today', max: 'today' },
    { name: 'opinion', type: 'textarea' },
  ],
  request_extension: [
    { name: 'days', type: 'number', required: true, default: '20', min: 1, max: 20, hint: true },
    { name: 'reason', type: 'textarea', required: true },
  ],
  approve_extension: [
    { name: 'approvedOn', type: 'date', default: 'today', max: 'today' },
    { name: 'hasApplicantNotice', type: 'checkbox', required: true, label: 'extensionNotice' },
  ],
  reject_extension: [{ name: 'reason', type: 'textarea', required: true }],
  set_delayed_answer: [
    { name: 'decidedOn', type: 'date', default: 'today', max: 'today', label: 'delayDecidedOn' },
    { name: 'delayedAnswerBy', type: 'date', required: true, hint: true },
    { name: 'reason', type: 'textarea', required: true },
    { name: 'hasApplicantNotice', type: 'checkbox', required: true, label: 'delayedAnswerNotice' },
  ],
  issue_fee_notice: [
    { name: 'issuedOn', type: 'date', default: 'today', max: 'today', label: 'feeIssuedOn' },
    { name: 'method', type: 'select', required: true, options: 'feeMethods', label: 'feeMethod' },
    { name: 'pages', type: 'number', min: 1, label: 'feePages', hint: true },
    { name: 'itemCount', type: 'number', min: 1, max: 1000, label: 'feeItemCount', hint: true },
    { name: 'basis', type: 'textarea', label: 'feeBasis', hint: true },
    { name: 'paymentInstructions', type: 'textarea' },
    { name: 'receivedOn', type: 'date', max: 'today', label: 'feeReceivedOn', hint: true },
  ],
  record_fee_paid: [{ name: 'paidOn', type: 'date', required: true, default: 'today', max: 'today' }],
  lapse_fee: [],
  internal_consultation: [
    { name: 'topic', type: 'select', required: true, options: 'internalTopics' },
    { name: 'party', type: 'text', required: true, label: 'internalParty' },
    { name: 'sentOn', type: 'date', default: 'today', max: 'today', label: 'internalSentOn' },
    { name: 'repliedOn', type: 'date', max: 'today', label: 'internalRepliedOn' },
    { name: 'opinion', type: 'textarea', label: 'internalOpinion' },
  ],
  record_confidentiality_review: [{ name: 'note', type: 'textarea', label: 'reviewNote' }],
  submit_answer: [],
  approve_answer: [{ name: 'issuedOn', type: 'date', default: 'today', max: 'today', label: 'answerIssuedOn' }],
  return_answer: [{ name: 'reason', type: 'textarea', required: true, label: 'returnReason' }],
  return_notice: [{ name: 'reason', type: 'textarea', required: true, label: 'returnReason' }],
  record_delivery: [
    { name: 'method', type: 'select', required: true, options: 'deliveryMethods', label: 'deliveryMethod' },
    { name: 'deliveredOn', type: 'date', required: true, default: 'today', max: 'today' },
    { name: 'postalTrackingNo', type: 'text', hint: true },
    { name: 'receiptNote', type: 'textarea', hint: true },
  ],
  record_notice_delivery: [
    { name: 'documentId', type: 'select', required: true, options: 'notices', label: 'noticeDocumentId' },
    { name: 'method', type: 'select', required: true, options: 'deliveryMethods', label: 'deliveryMethod' },
    { name: 'deliveredOn', type: 'date', required: true, default: 'today', max: 'today' },
    { name: 'postalTrackingNo', type: 'text', hint: true },
    { name: 'receiptNote', type: 'textarea', hint: true },
  ],
  issue_notice_correction: [{ name: 'issuedOn', type: 'date', default: 'today', max: 'today', label: 'noticeCorrectionIssuedOn' }],
  transfer: [
    { name: 'targetOrgId', type: 'select', required: true, options: 'orgs' },
    { name: 'reason', type: 'textarea', required: true, label: 'transferReason' },
  ],
  withdraw: [
    { name: 'withdrawnOn', type: 'date', default: 'today', max: 'today', hint: true },
    { name: 'reason', type: 'textarea', label: 'withdrawReason', hint: true },
  ],
  close_other: [
    { name: 'reason', type: 'textarea', required: true, label: 'closeReason', hint: true },
    { name: 'closedOn', type: 'date', default: 'today', max: 'today', hint: true },
  ],
  archive: [{ name: 'retentionNote', type: 'textarea', required: true, hint: true }],
  record_appeal: [
    { name: 'kind', type: 'select', required: true, options: 'appealKinds', label: 'appealKind' },
    { name: 'filedOn', type: 'date', required: true, max: 'today' },
    { name: 'body', type: 'text', required: true, label: 'appealBody', hint: true },
    { name: 'result', type: 'select', options: 'appealResults', label: 'appealResult', default: 'pending' },
    { name: 'decidedOn', type: 'date', max: 'today' },
    { name: 'note', type: 'textarea', label: 'appealNote' },
  ],
};

/** What the form shows of one step, translated on the server (page.tsx stepTexts). */
export interface StepTexts {
  /** workflow.transition.<step> */
  title: string;
  /** staff.action.help.<step>, where there is one. */
  help?: string;
  /** Per field name: staff.field.<label> and, where the spec asks for it, staff.field.hint.<label>. */
  fields: Record<string, { label: string; hint?: string }>;
  /**
   * A step held back by a guard (workflow.ts transitionOptions): why (staff.blocked.<guard>, else the guard's
   * own message, with its params) and, for an incomplete draft, what it lacks (answer.missing.<code>).
   */
  blocked?: { reason: string; missing: { code: string; label: string }[] };
}

/** A step as the case page lists it (workflow.ts TransitionOption). */
interface ListedStep {
  name: TransitionName;
  blockedBy: { guard: string; messageKey: string; params: Record<string, unknown> } | null;
}

/**
 * The texts of the steps the case page lists (offered or held back), in the user's language; `accepted`:
 * the field names each step's input schema knows (page.tsx supportedFields). Worded here, on the server,
 * the forms need neither these messages nor their ICU parsing in the browser or in server rendering.
 */
export function stepTexts(t: Translate, steps: readonly ListedStep[], accepted: Partial<Record<TransitionName, string[]>>): Partial<Record<TransitionName, StepTexts>> {
  const out: Partial<Record<TransitionName, StepTexts>> = {};
  for (const { name, blockedBy } of steps) {
    const known = new Set(accepted[name] ?? []);
    const fields: StepTexts['fields'] = {};
    for (const f of FIELDS[name]) {
      if (!known.has(f.name)) continue;
      const key = f.label ?? f.name;
      fields[f.name] = { label: t(`staff.field.${key}`), ...(f.hint ? { hint: t(`staff.field.hint.${key}`) } : {}) };
    }
    const help = `staff.action.help.${name}`;
    out[name] = { title: t(`workflow.transition.${name}`), ...(t.has(help) ? { help: t(help) } : {}), fields, ...(blockedBy ? { blocked: blockedText(t, blockedBy) } : {}) };
  }
  return out;
}

function blockedText(t: Translate, blocked: NonNullable<ListedStep['blockedBy']>): NonNullable<StepTexts['blocked']> {
  const missing = Array.isArray(blocked.params.missing) ? blocked.params.missing.map(String) : [];
  const key = t.has(`staff.blocked.${blocked.guard}`) ? `staff.blocked.${blocked.guard}` : blocked.messageKey;
  return {
    reason: messageText(t, key, { ...blocked.params, missing: undefined }),
    missing: missing.map((code) => ({ code, label: t.has(`answer.missing.${code}`) ? t(`answer.missing.${code}`) : code })),
  };
}
