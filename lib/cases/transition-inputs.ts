/**
 * What the actor supplies with each transition (STYLE §9: schema + z.infer type). These schemas check shape
 * and format only (dates are YYYY-MM-DD, numbers are numbers); whether a value is acceptable for the law —
 * a reason given, ≤ 20 extension days, a date not in the future — is decided by the workflow's input guards
 * (lib/cases/workflow-guards.ts), so the form gets one message key per rule: `workflow.guard.<guard>`.
 * Server actions may parse FormData with these too (numbers and booleans are coerced).
 */
import { z } from 'zod';
import { INT4_MAX, zInt, zIsoDate } from '@/lib/validation/bounds';
import { zLine, zText } from '@/lib/validation/text';
import type { TransitionName } from '@/lib/cases/workflow';
import { APPEAL_KINDS, APPEAL_RESULTS, CLOCK_EXCLUDED_CONSULTATION_KINDS } from '@/lib/cases/workflow-guards';
import { FEE_METHODS } from '@/lib/law/fees';

/**
 * Technical envelopes (lib/validation/bounds.ts, text.ts): a real date between 1990 and 2099, integers that
 * fit the database, text under the one text rule. The legal bounds (补正 period, fee, extension days) are the
 * workflow's input guards, which give the legal message.
 */
const isoDate = zIsoDate();
const optionalText = zText().max(10_000, 'validation.too_long').optional();
const line = (max: number) => zLine().min(1, 'validation.required').max(max, 'validation.too_long');
const int = zInt({ min: -INT4_MAX, max: INT4_MAX });
const bool = z.union([z.boolean(), z.enum(['true', 'false', 'on']).transform((v) => v !== 'false')]);

export const INTERNAL_CONSULTATION_TOPICS = ['legal_affairs', 'secrecy', 'petitions', 'court_liaison'] as const;
export const DELIVERY_METHODS = ['post', 'email', 'in_person', 'online_download'] as const;

const empty = z.object({}).strip();

const consultationReply = z.object({
  consultationId: z.string().trim().max(100, 'validation.too_long').optional(),
  repliedOn: isoDate.optional(),
  receivedByPartyOn: isoDate.optional(),
  opinion: optionalText,
});

export const TRANSITION_INPUT_SCHEMAS = {
  /** Art. 31: the date both sides confirmed (internet, fax) or the plain letter was confirmed. */
  confirm_receipt: z.object({ receivedOn: isoDate.optional(), confirmationNote: optionalText }),
  assign: z.object({ assigneeId: zLine().max(100, 'validation.too_long').optional() }),
  claim: empty,
  /** Art. 30: every item in one notice, and a reasonable period in working days. */
  request_correction: z.object({
    items: optionalText,
    periodDays: int.optional(),
    /** Date the 补正告知书 was sent (default today): the 7 working days and the period count from it. */
    requestedOn: isoDate.optional(),
  }),
  /** Receipt date of the corrected application (Art. 30 with Art. 31). */
  receive_correction: z.object({ receivedOn: isoDate.optional(), responseText: optionalText }),
  lapse_correction: empty,
  start_consultation: z.object({
    kind: z.enum(CLOCK_EXCLUDED_CONSULTATION_KINDS).optional(),
    party: line(200),
    /** Date the 征求意见函 was sent (default today): the excluded time starts the day after (Art. 33 para 3). */
    sentOn: isoDate.optional(),
    receivedByPartyOn: isoDate.optional(),
    letterNote: optionalText,
  }),
  /**
   * The reply to one 征求意见函 (Arts. 32, 34): `consultationId` picks the letter — required while several are
   * open (record_consultation_reply), optional for the last one (end_consultation).
   */
  end_consultation: consultationReply,
  record_consultation_reply: consultationReply,
  request_extension: z.object({ days: int.optional(), reason: optionalText }),
  /** approvedOn: the day the head of the 工作机构 consented (Art. 33 para 2), default today. */
  approve_extension: z.object({ hasApplicantNotice: bool.optional(), approvedOn: isoDate.optional() }),
  reject_extension: z.object({ reason: optionalText }),
  /** decidedOn: the day the agency fixed the later date (Art. 35), default today. */
  set_delayed_answer: z.object({
    delayedAnswerBy: isoDate.optional(),
    reason: optionalText,
    hasApplicantNotice: bool.optional(),
    decidedOn: isoDate.optional(),
  }),
  /**
   * 办法 Arts. 4–5: the amount is computed on the server (lib/cases/fee-computation.ts), never typed: staff choose
   * the method and give what it counts — the pages (per_page) or, for per_application, how many applications
   * this one counts as when split (一事一申请, default 1); the month's earlier applications are counted from
   * the register. The legal bounds are the guards fee_units_given and fee_threshold_exceeded.
   */
  issue_fee_notice: z.object({
    method: z.enum(FEE_METHODS),
    pages: int.optional(),
    itemCount: int.optional(),
    /** Further grounds in staff's words (optional): the computation is the basis the notice states. */
    basis: zText().max(2000, 'validation.too_long').optional(),
    paymentInstructions: optionalText,
    /** Date the 收费通知 was issued (default today): the answer clock pauses from it (regulations.md §11). */
    issuedOn: isoDate.optional(),
    /** Date the applicant received the notice, if known (else the issue date is used). */
    receivedOn: isoDate.optional(),
  }),
  record_fee_paid: z.object({ paidOn: isoDate }),
  lapse_fee: empty,
  internal_consultation: z.object({
    topic: z.enum(INTERNAL_CONSULTATION_TOPICS),
    party: line(200),
    opinion: optionalText,
    /** Date the 会商 was asked for (default today). */
    sentOn: isoDate.optional(),
    repliedOn: isoDate.optional(),
  }),
  record_confidentiality_review: z.object({ note: optionalText }),
  submit_answer: empty,
  /** issuedOn: the date on the answer letter = the case's concluded date (Art. 33), default today. */
  approve_answer: z.object({ issuedOn: isoDate.optional() }),
  return_answer: z.object({ reason: optionalText }),
  /** Sign-off of notices (issue 11 item 3): the reviewer's reason for returning the submitted notice. */
  return_notice: z.object({ reason: optionalText }),
  record_delivery: z.object({
    method: z.enum(DELIVERY_METHODS),
    deliveredOn: isoDate.optional(),
    postalTrackingNo: zLine().max(100, 'validation.too_long').optional(),
    receiptNote: optionalText,
  }),
  /** 送达 of a notice (Art. 30; regulations.md §15): which notice, how and when the applicant received it. */
  record_notice_delivery: z.object({
    documentId: z.string().trim().min(1, 'validation.required').max(100),
    method: z.enum(DELIVERY_METHODS),
    deliveredOn: isoDate.optional(),
    postalTrackingNo: zLine().max(100, 'validation.too_long').optional(),
    receiptNote: optionalText,
  }),
  /** 更正告知书 for the letter `documentId` (default: the first letter whose date moved); issuedOn default today. */
  issue_notice_correction: z.object({ documentId: z.string().trim().max(100).optional(), issuedOn: isoDate.optional() }),
  transfer: z.object({ targetOrgId: zInt({ min: 1, max: INT4_MAX }).optional(), reason: optionalText }),
  /** withdrawnOn: the day the withdrawal reached the agency (staff only; default today) — the concluded date. */
  withdraw: z.object({ reason: optionalText, withdrawnOn: isoDate.optional() }),
  /** （六）3 其他: the reason (required, guard reason_given) and the closing date, default today. */
  close_other: z.object({ reason: optionalText, closedOn: isoDate.optional() }),
  archive: z.object({ retentionNote: optionalText }),
  record_appeal: z.object({
    kind: z.enum(APPEAL_KINDS).optional(),
    filedOn: isoDate,
    body: line(200),
    note: optionalText,
    result: z.enum(APPEAL_RESULTS).default('pending'),
    decidedOn: isoDate.optional(),
  }),
} as const satisfies Record<TransitionName, z.ZodType>;

export type TransitionInputs = { [N in TransitionName]: z.input<(typeof TRANSITION_INPUT_SCHEMAS)[N]> };
export type ParsedTransitionInputs = { [N in TransitionName]: z.output<(typeof TRANSITION_INPUT_SCHEMAS)[N]> };

/**
 * The legal date a transition's input carries for the step itself (the step happened on that day; the event
 * records when it was entered). Absent from the input = today. Checked by the guard step_date_valid.
 */
export const STEP_DATE_FIELD = {
  request_correction: 'requestedOn',
  start_consultation: 'sentOn',
  internal_consultation: 'sentOn',
  approve_extension: 'approvedOn',
  issue_fee_notice: 'issuedOn',
  set_delayed_answer: 'decidedOn',
  approve_answer: 'issuedOn',
  issue_notice_correction: 'issuedOn',
  withdraw: 'withdrawnOn',
  close_other: 'closedOn',
} as const satisfies Partial<{ [N in TransitionName]: keyof z.output<(typeof TRANSITION_INPUT_SCHEMAS)[N]> }>;
