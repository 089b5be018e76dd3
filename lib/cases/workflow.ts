/**
 * The case workflow as data (STYLE §2): statuses, roles, named transitions with their guards, and the pure
 * checks assertTransition() / availableTransitions(). Imports no Prisma and reads no clock; the caller
 * (transition-case.ts) loads the case, passes the facts in, and applies the result with compare-and-set and
 * one CaseEvent row (STYLE §3). Same diagram: lib/cases/WORKFLOW.md (a test keeps the two identical).
 *
 * Status is where the case is; outcome (lib/law/outcomes.ts) is how it ended. Overdue is derived from the
 * deadlines, never stored.
 *
 * ```mermaid
 * stateDiagram-v2
 *     [*] --> pending_confirmation : registered (online, email, fax, post_unsigned, other)
 *     [*] --> in_progress : registered (in_person, post_signed, oral_recorded)
 *     pending_confirmation --> in_progress : confirm_receipt
 *     in_progress --> awaiting_correction : request_correction
 *     awaiting_correction --> in_progress : receive_correction
 *     awaiting_correction --> closed : lapse_correction
 *     in_progress --> consulting : start_consultation
 *     consulting --> consulting : start_consultation
 *     consulting --> in_progress : end_consultation
 *     in_progress --> awaiting_fee : issue_fee_notice
 *     awaiting_fee --> in_progress : record_fee_paid
 *     awaiting_fee --> closed : lapse_fee
 *     in_progress --> pending_approval : submit_answer
 *     pending_approval --> in_progress : return_answer
 *     pending_approval --> answered : approve_answer
 *     answered --> delivered : record_delivery
 *     pending_confirmation --> closed : withdraw
 *     in_progress --> closed : withdraw
 *     awaiting_correction --> closed : withdraw
 *     consulting --> closed : withdraw
 *     awaiting_fee --> closed : withdraw
 *     pending_approval --> closed : withdraw
 *     pending_confirmation --> closed : close_other
 *     in_progress --> closed : close_other
 *     awaiting_correction --> closed : close_other
 *     consulting --> closed : close_other
 *     awaiting_fee --> closed : close_other
 *     pending_approval --> closed : close_other
 *     delivered --> archived : archive
 *     closed --> archived : archive
 *     archived --> [*]
 *     note right of in_progress
 *         Same status, no arrow:
 *         assign, claim (all but archived);
 *         transfer (open statuses);
 *         request_extension, approve_extension,
 *         reject_extension, set_delayed_answer;
 *         record_notice_delivery (all but archived);
 *         issue_notice_correction (open statuses);
 *         return_notice (in_progress);
 *         record_consultation_reply (several letters open);
 *         internal_consultation (clock keeps running);
 *         record_confidentiality_review;
 *         record_appeal (concluded statuses)
 *     end note
 * ```
 *
 * Clock (Art. 33): runs in in_progress and pending_approval only. pending_confirmation has no receipt date yet
 * (Art. 31); awaiting_correction restarts it from the corrected application (Art. 30); consulting is excluded
 * (Art. 33 para 3); awaiting_fee is paused by default (UNVERIFIED in the national text, configurable —
 * regulations.md §11).
 */
import { DomainError } from '@/lib/errors';
import type { Channel, Outcome } from '@/lib/law/ids';
import type { LegalReference } from '@/lib/law/outcomes';
import {
  FLAGS,
  GUARDS,
  guardMessageKey,
  type FlagName,
  type GuardDef,
  type GuardName,
  type SignOffNoticeType,
  type TransitionContext,
} from '@/lib/cases/workflow-guards';

export const STATUSES = [
  'pending_confirmation', // arrived online / e-mail / fax / plain letter; awaiting the confirmation that fixes the receipt date (Art. 31); no clock
  'in_progress',
  'awaiting_correction', // 补正 notice sent (Art. 30)
  'consulting', // third-party (Art. 32) or agency (Art. 34) consultation; clock excluded (Art. 33 para 3)
  'awaiting_fee', // 收费通知 sent (国办函〔2020〕109号)
  'pending_approval', // answer drafted, awaiting the reviewer's sign-off
  'answered', // answer issued: concluded, outcome set
  'delivered', // 送达 recorded
  'closed', // concluded without an answer letter (withdrawn, correction lapsed, fee lapsed, other closure); outcome set
  'archived', // 归档 (Art. 45)
] as const;
export type CaseStatus = (typeof STATUSES)[number];

export const ROLES = [
  'applicant',
  'clerk', // 经办人
  'reviewer', // 审核人 / 负责人: everything a clerk does, plus approvals
  'admin', // system administration; on cases only routing (assign, transfer)
] as const;
export type Role = (typeof ROLES)[number];

export const OPEN_STATUSES = [
  'pending_confirmation',
  'in_progress',
  'awaiting_correction',
  'consulting',
  'awaiting_fee',
  'pending_approval',
] as const satisfies readonly CaseStatus[];

/** Outcome set, concludedOn fixed. `archived` stays concluded: appeals can still be registered. */
export const CONCLUDED_STATUSES = ['answered', 'delivered', 'closed', 'archived'] as const satisfies readonly CaseStatus[];

/** Statuses in which the Art. 33 answer clock counts working days (default settings). */
export const CLOCK_RUNNING_STATUSES = ['in_progress', 'pending_approval'] as const satisfies readonly CaseStatus[];

/** Everything but archived: a concluded case may still need someone to deliver or archive it. */
const WORKABLE_STATUSES = [...OPEN_STATUSES, 'answered', 'delivered', 'closed'] as const satisfies readonly CaseStatus[];

/**
 * Whose cases a role may act on. Staff: cases of their organisation's subtree (`isInCaseScope`); applicants:
 * their own applications (`isOwnApplicant`). Every transition requires it; adding a role will not compile
 * until its scope is decided here.
 */
export type ActorScope = 'org_subtree' | 'own_application';
export const ROLE_SCOPE = {
  applicant: 'own_application',
  clerk: 'org_subtree',
  reviewer: 'org_subtree',
  admin: 'org_subtree',
} as const satisfies Record<Role, ActorScope>;

/** Side effects beyond the status change that the caller must apply in the same database transaction. */
export type TransitionEffect =
  | 'sets_received_on' // Case.receivedOn = input.receivedOn (Art. 31)
  | 'restarts_answer_clock' // the 20 working days count again from the corrected application (Art. 30)
  | 'sets_assignee'
  | 'clears_assignee'
  | 'changes_organisation'
  | 'locks_answer_draft'
  | 'unlocks_answer_draft'
  | 'assigns_document_number' // 文号 from DocumentSequence, never reused
  | 'submits_notice' // sign-off wanted: the notice is stored for the reviewer, nothing else happens (issue 11 item 3)
  | 'issues_submitted_notice'; // the reviewer's step signs off the submitted notice and issues it

export interface TransitionDef {
  readonly from: readonly CaseStatus[];
  readonly to: CaseStatus | 'same';
  readonly roles: readonly Role[];
  readonly guards: readonly GuardName[];
  /** Conditions recorded on the event but never blocking. */
  readonly flags?: readonly FlagName[];
  /** CaseEvent.type written by this transition. */
  readonly event: string;
  /** Shown on the applicant's timeline (CaseEvent.isPublic). */
  readonly isPublic: boolean;
  readonly concludes: boolean;
  /** The outcome written when concluding: fixed, taken from the approved answer draft, or none. */
  readonly setsOutcome: Outcome | 'from_answer' | null;
  readonly effects?: readonly TransitionEffect[];
  /** Articles the step rests on; empty for internal organisation of work. */
  readonly basis: readonly LegalReference[];
  /**
   * The outgoing notice the step issues, which goes through the reviewer where the organisation wants it
   * (CaseFacts.noticeSignOff; issue 11 item 3): a clerk's step then only submits the notice (same status,
   * event `notice_submitted`, no 文号), and a reviewer taking the step signs it off — the notice is numbered,
   * dated and sent and the step's effects apply then. A reviewer may also take the step directly.
   */
  readonly signOff?: SignOffNoticeType;
}

/** Every transition, in the order the UI lists actions. CaseEvent types derive from the table below. */
export const TRANSITION_NAMES = [
  'confirm_receipt',
  'assign',
  'claim',
  'request_correction',
  'receive_correction',
  'lapse_correction',
  'start_consultation',
  'end_consultation',
  'record_consultation_reply',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'set_delayed_answer',
  'issue_fee_notice',
  'record_fee_paid',
  'lapse_fee',
  'internal_consultation',
  'record_confidentiality_review',
  'submit_answer',
  'approve_answer',
  'return_answer',
  'record_delivery',
  'record_notice_delivery',
  'issue_notice_correction',
  'return_notice',
  'transfer',
  'withdraw',
  'close_other',
  'archive',
  'record_appeal',
] as const;
export type TransitionName = (typeof TRANSITION_NAMES)[number];

const STAFF = ['clerk', 'reviewer'] as const;
const REVIEWER = ['reviewer'] as const;

export const TRANSITIONS = {
  confirm_receipt: {
    from: ['pending_confirmation'],
    to: 'in_progress',
    roles: STAFF,
    guards: ['receipt_date_valid'],
    event: 'receipt_confirmed',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    effects: ['sets_received_on'],
    basis: ['条例第三十一条'],
  },
  assign: {
    from: WORKABLE_STATUSES,
    to: 'same',
    roles: ['reviewer', 'admin'],
    guards: ['assignee_given'],
    event: 'assigned',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    effects: ['sets_assignee'],
    basis: [],
  },
  claim: {
    from: WORKABLE_STATUSES,
    to: 'same',
    roles: STAFF,
    guards: ['case_unassigned'],
    event: 'claimed',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    effects: ['sets_assignee'],
    basis: [],
  },
  request_correction: {
    from: ['in_progress'],
    to: 'awaiting_correction',
    roles: STAFF,
    guards: ['no_open_correction_round', 'correction_items_given', 'correction_period_set', 'step_date_valid'],
    flags: ['correction_notice_late'],
    event: 'correction_requested',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十条'],
    signOff: 'correction_notice',
  },
  receive_correction: {
    from: ['awaiting_correction'],
    to: 'in_progress',
    roles: STAFF,
    guards: ['receipt_date_valid'], // receipt date of the corrected application, by the rules of Art. 31
    event: 'correction_received',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    effects: ['restarts_answer_clock'],
    basis: ['条例第三十条', '条例第三十一条'],
  },
  lapse_correction: {
    from: ['awaiting_correction'],
    to: 'closed',
    roles: REVIEWER, // "无正当理由" is a judgement, and it ends the application: a reviewer decides
    guards: ['correction_notice_delivered', 'correction_period_ended'],
    event: 'correction_lapsed',
    isPublic: true,
    concludes: true,
    setsOutcome: 'other_no_correction',
    basis: ['条例第三十条'],
  },
  start_consultation: {
    // Several letters may be open together (Arts. 32, 34: several third parties, or a third party and a
    // co-producing agency), one per party; a letter sent while consulting keeps the status.
    from: ['in_progress', 'consulting'],
    to: 'consulting',
    roles: STAFF,
    guards: ['consultation_kind_given', 'consultation_party_not_open', 'step_date_valid'],
    event: 'consultation_started',
    isPublic: true, // the applicant sees why the deadline moves
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十二条', '条例第三十四条', '条例第三十三条第三款'],
    signOff: 'consultation_letter',
  },
  end_consultation: {
    from: ['consulting'],
    to: 'in_progress',
    roles: STAFF,
    guards: ['last_open_consultation'], // the reply to the last open letter
    event: 'consultation_ended',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十三条第三款'],
  },
  record_consultation_reply: {
    from: ['consulting'],
    to: 'same', // other letters are still open: the excluded time runs on (their union)
    roles: STAFF,
    guards: ['several_open_consultations'],
    event: 'consultation_reply_recorded',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十三条第三款'],
  },
  request_extension: {
    from: ['in_progress', 'consulting'],
    to: 'same',
    roles: STAFF,
    guards: ['no_extension_yet', 'within_answer_period', 'extension_days_within_limit', 'reason_given'],
    event: 'extension_requested',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十三条第二款'],
  },
  approve_extension: {
    from: ['in_progress', 'consulting', 'pending_approval'],
    to: 'same',
    roles: REVIEWER, // the head's consent (Art. 33 para 2)
    guards: ['extension_request_pending', 'applicant_notice_prepared', 'step_date_valid', 'extension_approval_date_valid'],
    event: 'extension_approved',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十三条第二款'],
  },
  reject_extension: {
    from: ['in_progress', 'consulting', 'pending_approval'],
    to: 'same',
    roles: REVIEWER,
    guards: ['extension_request_pending', 'reason_given'],
    event: 'extension_rejected',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十三条第二款'],
  },
  set_delayed_answer: {
    from: ['in_progress', 'consulting'],
    to: 'same',
    roles: REVIEWER,
    guards: ['no_delayed_answer_yet', 'delayed_answer_date_valid', 'reason_given', 'applicant_notice_prepared', 'step_date_valid'],
    event: 'delayed_answer_set',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十五条'],
  },
  issue_fee_notice: {
    from: ['in_progress'],
    to: 'awaiting_fee',
    roles: STAFF,
    guards: ['no_fee_notice_yet', 'fee_units_given', 'fee_threshold_exceeded', 'fee_amount_positive', 'step_date_valid'],
    event: 'fee_notice_issued',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第四十二条', '国办函〔2020〕109号'],
    signOff: 'fee_notice',
  },
  record_fee_paid: {
    from: ['awaiting_fee'],
    to: 'in_progress',
    roles: STAFF,
    guards: [],
    event: 'fee_paid',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['国办函〔2020〕109号'],
  },
  lapse_fee: {
    from: ['awaiting_fee'],
    to: 'closed',
    roles: REVIEWER,
    guards: ['fee_notice_delivered', 'fee_period_ended'],
    event: 'fee_lapsed',
    isPublic: true,
    concludes: true,
    setsOutcome: 'other_fee_unpaid',
    basis: ['国办函〔2020〕109号'],
  },
  internal_consultation: {
    from: ['in_progress', 'consulting', 'pending_approval'],
    to: 'same', // 疑难件会商 is internal work: the clock keeps running
    roles: STAFF,
    guards: ['step_date_valid'],
    event: 'internal_consultation_recorded',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    basis: [],
  },
  record_confidentiality_review: {
    from: ['in_progress', 'pending_approval'],
    to: 'same',
    roles: REVIEWER, // a sign-off (glossary: 保密审查), so by a reviewer
    guards: [],
    event: 'confidentiality_review_recorded',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第十七条'],
  },
  submit_answer: {
    from: ['in_progress'],
    to: 'pending_approval',
    roles: STAFF,
    guards: ['answer_complete', 'outcome_fits_history'],
    event: 'answer_submitted',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    effects: ['locks_answer_draft'],
    basis: ['条例第四十五条'],
  },
  approve_answer: {
    from: ['pending_approval'],
    to: 'answered',
    roles: REVIEWER,
    guards: ['answer_complete', 'outcome_fits_history', 'step_date_valid', 'answer_date_after_steps'], // checked again: the facts may have changed since submission
    event: 'answer_approved',
    isPublic: true,
    concludes: true,
    setsOutcome: 'from_answer',
    effects: ['assigns_document_number'],
    basis: ['条例第三十六条', '条例第四十五条'],
  },
  return_answer: {
    from: ['pending_approval'],
    to: 'in_progress',
    roles: REVIEWER,
    guards: ['reason_given'],
    event: 'answer_returned',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    effects: ['unlocks_answer_draft'],
    basis: ['条例第四十五条'],
  },
  record_delivery: {
    from: ['answered'],
    to: 'delivered',
    roles: STAFF,
    guards: ['delivery_date_valid'],
    event: 'delivery_recorded',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第四十条'],
  },
  /**
   * 送达 of a notice other than the answer (补正告知书, 收费通知, 延期/延迟答复告知书): date and manner. The
   * correction period and the fee payment period run from it (Art. 30; 办法, regulations.md §11, §15). The
   * applicant's reading of a notice in the portal records it too (online delivery, lib/cases/notice-delivery.ts).
   */
  record_notice_delivery: {
    from: WORKABLE_STATUSES,
    to: 'same',
    roles: STAFF,
    guards: ['delivery_date_valid'],
    event: 'notice_delivered',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十条', '国办函〔2020〕109号'],
  },
  /**
   * 更正告知书 (docs/decisions.md "a date in a letter"): a later fact moved the answer date a letter stated; the
   * law's date binds and the applicant is told it in writing.
   */
  issue_notice_correction: {
    from: OPEN_STATUSES,
    to: 'same',
    roles: STAFF,
    guards: ['letter_date_moved', 'step_date_valid'],
    event: 'notice_correction_issued',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第三十三条'],
  },  /** Sign-off wanted (`signOff`): the reviewer returns a submitted notice; it is void and takes no 文号. */
  return_notice: {
    from: ['in_progress'],
    to: 'same',
    roles: REVIEWER,
    guards: ['notice_pending', 'reason_given'],
    event: 'notice_returned',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    basis: [],
  },

  transfer: {
    from: OPEN_STATUSES,
    to: 'same',
    roles: ['reviewer', 'admin'], // routing out of the organisation is a supervisor's call
    guards: ['transfer_target_valid', 'reason_given'],
    event: 'transferred',
    isPublic: true,
    concludes: false,
    setsOutcome: null,
    effects: ['changes_organisation', 'clears_assignee'],
    basis: [], // internal routing: the 条例 has no formal transfer (regulations.md §12)
  },
  withdraw: {
    from: OPEN_STATUSES,
    to: 'closed',
    roles: ['applicant', 'clerk', 'reviewer'], // staff record a withdrawal the applicant made in writing or at the counter
    // `withdrawnOn`: the day the withdrawal reached the agency (default today); it is the concluded date, so it
    // decides the report year (CONCLUSION_DATE_RULES other_misc) — not the day it was typed in.
    guards: ['step_date_valid'],
    event: 'withdrawn',
    isPublic: true,
    concludes: true,
    setsOutcome: 'other_misc',
    basis: [],
  },
  /**
   * A reasoned closure for other causes than withdrawal (（六）3 其他: e.g. the applicant died or the
   * organisation was dissolved, a duplicate registration of the same letter, an application addressed to no
   * agency that cannot be reached). A reviewer's decision like the lapses (the answer path needs one too),
   * with the reason the applicant sees and the closing date (`closedOn`, default today; not before a step
   * already taken), which is the concluded date (CONCLUSION_DATE_RULES other_misc).
   */
  close_other: {
    from: OPEN_STATUSES,
    to: 'closed',
    roles: REVIEWER,
    guards: ['reason_given', 'step_date_valid', 'closure_date_after_steps'],
    event: 'closed_other',
    isPublic: true,
    concludes: true,
    setsOutcome: 'other_misc',
    basis: [],
  },
  archive: {
    from: ['delivered', 'closed'],
    to: 'archived',
    roles: STAFF,
    guards: ['retention_note_given'],
    event: 'archived',
    isPublic: false,
    concludes: false, // already concluded
    setsOutcome: null,
    basis: ['条例第四十五条'],
  },
  record_appeal: {
    from: CONCLUDED_STATUSES,
    to: 'same',
    roles: STAFF,
    guards: ['appeal_kind_given'],
    event: 'appeal_recorded',
    isPublic: false,
    concludes: false,
    setsOutcome: null,
    basis: ['条例第五十一条'],
  },
} as const satisfies Record<TransitionName, TransitionDef>;

export type TransitionEventType = (typeof TRANSITIONS)[TransitionName]['event'];
/**
 * Every CaseEvent.type: the transitions' events, the three that create a case (portal `submitted`, staff
 * `registered`, `imported`) and the non-status actions of lib/cases/answer-draft.ts, lib/cases/appeal-result.ts, lib/cases/correct-case.ts
 * and lib/attachments.
 */
export type CaseEventType =
  | 'submitted'
  | 'registered'
  | 'imported'
  | 'answer_draft_saved'
  | 'attachment_uploaded'
  | 'appeal_result_recorded'
  | 'case_corrected'
  | 'notice_submitted'
  | TransitionEventType;
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'submitted',
  'registered',
  'imported',
  'answer_draft_saved',
  'attachment_uploaded',
  'appeal_result_recorded',
  'case_corrected',
  'notice_submitted',
  ...TRANSITION_NAMES.map((name) => TRANSITIONS[name].event),
];

/**
 * First status of a registered case (Art. 31). Counter, signed post and oral applications have their receipt
 * date at registration; internet channels, fax and plain letters wait for the confirmation. `other` waits
 * too: with an unknown channel the receipt date must be fixed explicitly.
 */
export const INITIAL_STATUS_BY_CHANNEL = {
  online: 'pending_confirmation',
  email: 'pending_confirmation',
  fax: 'pending_confirmation',
  post_unsigned: 'pending_confirmation',
  other: 'pending_confirmation',
  post_signed: 'in_progress',
  in_person: 'in_progress',
  oral_recorded: 'in_progress',
} as const satisfies Record<Channel, 'pending_confirmation' | 'in_progress'>;

export function isTransitionName(value: string): value is TransitionName {
  return Object.hasOwn(TRANSITIONS, value);
}

export function isOpenStatus(status: CaseStatus): boolean {
  return (OPEN_STATUSES as readonly CaseStatus[]).includes(status);
}

export function isConcludedStatus(status: CaseStatus): boolean {
  return (CONCLUDED_STATUSES as readonly CaseStatus[]).includes(status);
}

/** `feePausesClock` is the admin setting of regulations.md §11 (default true, UNVERIFIED in the national text). */
export function isClockRunning(status: CaseStatus, options: { feePausesClock: boolean } = { feePausesClock: true }): boolean {
  if (status === 'awaiting_fee') return !options.feePausesClock;
  return (CLOCK_RUNNING_STATUSES as readonly CaseStatus[]).includes(status);
}

export interface Actor {
  role: Role;
  /** Staff: the case's organisation is in the actor's organisation subtree. */
  isInCaseScope: boolean;
  /** Applicant: the case is the actor's own application. */
  isOwnApplicant: boolean;
}

export interface TransitionRequest {
  status: CaseStatus;
  actor: Actor;
  context: TransitionContext;
}

export interface TransitionResult {
  name: TransitionName;
  event: TransitionEventType | 'notice_submitted';
  from: CaseStatus;
  to: CaseStatus;
  isPublic: boolean;
  concludes: boolean;
  /** Set when the transition concludes the case. */
  outcome: Outcome | null;
  effects: readonly TransitionEffect[];
  flags: readonly FlagName[];
}

export type TransitionCheck = { ok: true; result: TransitionResult } | { ok: false; error: DomainError };

function isActorInScope(actor: Actor): boolean {
  return ROLE_SCOPE[actor.role] === 'org_subtree' ? actor.isInCaseScope : actor.isOwnApplicant;
}

/**
 * Role, scope and status checks, in that order, so an actor who may never take an action learns nothing about
 * the case's state (FORBIDDEN before INVALID_TRANSITION). Callers that load a case the actor cannot see return
 * NOT_FOUND before getting here (STYLE §5).
 */
function checkAccess(name: TransitionName, { status, actor }: Pick<TransitionRequest, 'status' | 'actor'>): DomainError | null {
  const def: TransitionDef = TRANSITIONS[name];
  if (!def.roles.includes(actor.role)) {
    return new DomainError('FORBIDDEN', 'workflow.error.role_not_allowed', { transition: name, role: actor.role });
  }
  if (!isActorInScope(actor)) {
    return new DomainError('FORBIDDEN', 'workflow.error.out_of_scope', { transition: name });
  }
  if (!def.from.includes(status)) {
    return new DomainError('INVALID_TRANSITION', 'workflow.error.status_not_allowed', { transition: name, status });
  }
  return null;
}

/** checkAccess(…) === null, without building the refusal (the page's lists test every step on every view). */
function mayAccess(name: TransitionName, { status, actor }: Pick<TransitionRequest, 'status' | 'actor'>): boolean {
  const def: TransitionDef = TRANSITIONS[name];
  return def.roles.includes(actor.role) && isActorInScope(actor) && def.from.includes(status);
}

/** failingGuard(…, ['state']) === null, without building the refusal. */
function passesStateGuards(def: TransitionDef, context: TransitionContext): boolean {
  return def.guards.every((guard) => {
    const { kind, check }: GuardDef = GUARDS[guard];
    return kind !== 'state' || !check(context);
  });
}

/**
 * How a step with `signOff` is taken (issue 11 item 3): `submit` (a clerk where the organisation wants sign-off:
 * the notice waits for the reviewer), `approve` (a reviewer taking the step of the submitted notice), or
 * `direct`. Refused: any such step while another notice awaits sign-off, and a non-reviewer's step on a
 * submitted notice (submitted once; only a reviewer signs it off).
 */
export function signOffMode(name: TransitionName, actor: Actor, context: TransitionContext): 'direct' | 'submit' | 'approve' | DomainError {
  const mode = signOffModeOf(name, actor, context);
  if (mode === 'other_notice_pending') {
    return new DomainError('INVALID_TRANSITION', 'workflow.guard.other_notice_pending', { transition: name, pending: context.facts.pendingNotice });
  }
  if (mode === 'notice_awaiting_sign_off') return new DomainError('INVALID_TRANSITION', 'workflow.guard.notice_awaiting_sign_off', { transition: name });
  return mode;
}

/** signOffMode with its refusals named, not built as errors (the page's lists test every step on every view). */
function signOffModeOf(name: TransitionName, actor: Actor, context: TransitionContext): 'direct' | 'submit' | 'approve' | 'other_notice_pending' | 'notice_awaiting_sign_off' {
  const def: TransitionDef = TRANSITIONS[name];
  if (!def.signOff) return 'direct';
  const pending = context.facts.pendingNotice;
  if (pending !== null && pending !== def.signOff) return 'other_notice_pending';
  if (pending === def.signOff) return actor.role === 'reviewer' ? 'approve' : 'notice_awaiting_sign_off';
  return context.facts.noticeSignOff && actor.role !== 'reviewer' ? 'submit' : 'direct';
}

/** Whether signOffMode refuses the step. */
function isSignOffRefused(name: TransitionName, actor: Actor, context: TransitionContext): boolean {
  const mode = signOffModeOf(name, actor, context);
  return mode === 'other_notice_pending' || mode === 'notice_awaiting_sign_off';
}

function failingGuard(def: TransitionDef, context: TransitionContext, kinds: readonly ('state' | 'input')[]): DomainError | null {
  for (const guard of def.guards) {
    const { kind, check }: GuardDef = GUARDS[guard];
    if (!kinds.includes(kind)) continue;
    const failure = check(context);
    if (failure) {
      return new DomainError(kind === 'state' ? 'INVALID_TRANSITION' : 'VALIDATION', guardMessageKey(guard), {
        guard,
        ...failure.params,
      });
    }
  }
  return null;
}

function resolveOutcome(def: TransitionDef, context: TransitionContext): Outcome | null {
  if (def.setsOutcome === 'from_answer') return context.input?.answerDraft?.outcome ?? null;
  return def.setsOutcome;
}

/** Non-throwing form of assertTransition. */
export function checkTransition(name: TransitionName, request: TransitionRequest): TransitionCheck {
  if (!isTransitionName(name)) {
    return { ok: false, error: new DomainError('VALIDATION', 'workflow.error.unknown_transition', { transition: name }) };
  }
  const def: TransitionDef = TRANSITIONS[name];
  const refused = checkAccess(name, request) ?? failingGuard(def, request.context, ['state', 'input']);
  if (refused) return { ok: false, error: refused };
  const mode = signOffMode(name, request.actor, request.context);
  if (mode instanceof DomainError) return { ok: false, error: mode };
  if (mode === 'submit') {
    // The notice is stored for the reviewer: no status change, no outcome, no flags (the step is not taken yet).
    return {
      ok: true,
      result: { name, event: 'notice_submitted', from: request.status, to: request.status, isPublic: false, concludes: false, outcome: null, effects: ['submits_notice'], flags: [] },
    };
  }
  return {
    ok: true,
    result: {
      name,
      event: TRANSITIONS[name].event,
      from: request.status,
      to: def.to === 'same' ? request.status : def.to,
      isPublic: def.isPublic,
      concludes: def.concludes,
      outcome: resolveOutcome(def, request.context),
      effects: mode === 'approve' ? [...(def.effects ?? []), 'issues_submitted_notice'] : (def.effects ?? []),
      flags: (def.flags ?? []).filter((flag) => FLAGS[flag](request.context)),
    },
  };
}

/**
 * Throws DomainError: FORBIDDEN (role or scope), INVALID_TRANSITION (status or a state guard), VALIDATION
 * (unknown name or an input guard). Message keys: `workflow.error.*`, `workflow.guard.<guard>`.
 */
export function assertTransition(name: TransitionName, request: TransitionRequest): TransitionResult {
  const checked = checkTransition(name, request);
  if (!checked.ok) throw checked.error;
  return checked.result;
}

/**
 * The actions this actor may take on the case now, in table order: role, scope, status and state guards pass.
 * Input guards (reasons, dates, a complete draft) are left to the form, which shows why a submit fails.
 */
export function availableTransitions(status: CaseStatus, actor: Actor, context: TransitionContext): TransitionName[] {
  return TRANSITION_NAMES.filter(
    (name) => mayAccess(name, { status, actor }) && passesStateGuards(TRANSITIONS[name], context) && !isSignOffRefused(name, actor, context),
  );
}

/** A step the case page lists: possible now, or held back with the guard that says why (and when). */
export interface TransitionOption {
  name: TransitionName;
  /** null = can be taken now (input guards aside: reasons and dates the form asks for). */
  blockedBy: { guard: GuardName; messageKey: `workflow.guard.${GuardName}`; params: Record<string, unknown> } | null;
}

/**
 * The steps to show on the case page, in table order: those availableTransitions() returns, plus those held
 * back only by a guard marked `whenUnmet: 'explain'` (lib/cases/workflow-guards.ts), such as submit_answer
 * before the draft is complete or lapse_correction before the period has run out — shown disabled with the
 * reason instead of being offered to fail. `context.input` carries only what the system supplies from stored
 * records (the answer draft), exactly as transition-case.ts passes it for submit_answer / approve_answer.
 */
export function transitionOptions(status: CaseStatus, actor: Actor, context: TransitionContext): TransitionOption[] {
  const options: TransitionOption[] = [];
  for (const name of TRANSITION_NAMES) {
    if (!mayAccess(name, { status, actor })) continue;
    if (isSignOffRefused(name, actor, context)) continue;
    let blockedBy: TransitionOption['blockedBy'] = null;
    let hidden = false;
    for (const guard of TRANSITIONS[name].guards as readonly GuardName[]) {
      const def: GuardDef = GUARDS[guard];
      const explains = def.whenUnmet === 'explain';
      if (def.kind === 'input' && !explains) continue; // typed by the actor: the form checks it
      const failure = def.check(context);
      if (!failure) continue;
      if (!explains) {
        hidden = true;
        break;
      }
      blockedBy ??= { guard, messageKey: guardMessageKey(guard), params: { ...failure.params } };
    }
    if (!hidden) options.push({ name, blockedBy });
  }
  return options;
}
