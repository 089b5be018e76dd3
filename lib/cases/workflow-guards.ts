/**
 * Named guards and flags of the case workflow (lib/cases/workflow.ts). Pure functions of the transition
 * context: no database, no clock (`today` is passed in, a Chinese calendar day), no display text.
 *
 * Two kinds of guard:
 * - `state`: a fact about the case (a correction round is open, an extension was already requested…).
 *   availableTransitions() evaluates these, so the UI only offers what can be done now. Failure →
 *   INVALID_TRANSITION.
 * - `input`: something the actor must supply with the action (a reason, a date, a complete answer draft).
 *   Checked by assertTransition() only. Failure → VALIDATION.
 * A failing guard's message key is `workflow.guard.<name>`.
 *
 * Flags never block: they mark a step taken late (e.g. a 补正 notice after the 7 working days of Art. 30)
 * so the event records it and the supervisor sees it.
 */
import { addCalendarDays, isIsoDate, type IsoDate } from '@/lib/calendar/iso-date';
import { missingAnswerElements, type AnswerDraft } from '@/lib/law/outcomes';
import { exceedsFreeRange, FEE_METHOD_ARTICLE, freeUnitsOf, MAX_FEE_UNITS, type FeeComputation, type FeeMethod } from '@/lib/law/fees';

/** Consultations that stop the answer clock (Art. 33 para 3). Internal 会商 is a separate transition. */
export const CLOCK_EXCLUDED_CONSULTATION_KINDS = [
  'third_party', // Art. 32: written consultation of the third party, 15 working days to reply
  'agency', // Art. 34: co-maker agency, 15 working days, silence = consent
] as const;
export type ClockExcludedConsultationKind = (typeof CLOCK_EXCLUDED_CONSULTATION_KINDS)[number];

/** Register entries of section 四 (prisma enum AppealKind). */
export const APPEAL_KINDS = ['administrative_review', 'litigation_direct', 'litigation_after_review'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** Result of a review or suit, as section 四 of the annual table counts it (prisma enum AppealResult). */
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];

/** Art. 33 para 2: an extension adds at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;

/**
 * Art. 30 asks for a "reasonable" 补正 period and sets no number. Gongkai's ceiling (docs/decisions.md,
 * "Input"): 60 working days, three times the whole Art. 33 answer period; practice is 10–15.
 */
export const MAX_CORRECTION_PERIOD_WORKING_DAYS = 60;

/**
 * 信息处理费 (Art. 42, 办法 Arts. 4–5): the progressive rates make a single application's fee grow with its
 * pages or the month's count, with no cap in the text. Gongkai's ceiling for one notice (docs/decisions.md,
 * "Input"): 1,000,000 yuan (25,000 pages at the top rate of 40 yuan); amounts in whole fen.
 */
export const MAX_FEE_YUAN = 1_000_000;

/** 一事一申请: at most this many units one application may be split into for the per-application count. */
export const MAX_FEE_ITEMS = 1000;

/**
 * Art. 35: the agency fixes a "reasonable" later date for a large or repeated request. Gongkai's ceiling
 * (docs/decisions.md, "Input"): at most 365 calendar days after the decision.
 */
export const MAX_DELAYED_ANSWER_CALENDAR_DAYS = 365;

/** The case as it is now, loaded by the caller. Every field is required so no guard can pass on a missing fact. */
export interface CaseFacts {
  orgId: number;
  /** The clerk currently handling the case (经办人). */
  assigneeId: string | null;
  /** 补正 rounds so far, open or not. */
  correctionRoundCount: number;
  /** End of the open round's correction period; null when no round is open. */
  openCorrectionPeriodEndsOn: IsoDate | null;
  /** Last day for the 补正 notice (receipt + 7 working days, Art. 30); null before the receipt date is fixed. */
  correctionNoticeDueOn: IsoDate | null;
  /** Art. 33 para 2: at most one extension. A rejected request counts as `none`. */
  extension: 'none' | 'requested' | 'approved';
  /** Art. 35 delayed answer date, once fixed. */
  delayedAnswerBy: IsoDate | null;
  /** A fee notice was ever issued for this application (one fee method per application, 办法 Art. 3). */
  hasFeeNotice: boolean;
  /** Payment due date of the unpaid fee notice; null when none is awaiting payment. */
  openFeePaymentDueOn: IsoDate | null;
  /**
   * The open round's period / the open fee's payment period counts from sending because delivery of the notice
   * is not recorded (regulations.md §15): provisional, so the case cannot lapse yet.
   */
  openCorrectionPeriodProvisional: boolean;
  openFeePaymentDueProvisional: boolean;
  /** Legal receipt date (收到申请之日, Art. 31); null while confirmation is pending. No step can be dated before it. */
  receivedOn: IsoDate | null;
  /** Day (China) the application physically or technically arrived; a receipt or confirmation date cannot precede it (Art. 31). */
  arrivedOn: IsoDate | null;
  /** The latest legal date of a step already recorded (补正, consultation, extension, fee, Art. 35 decision…); null if none. */
  latestStepOn: IsoDate | null;
  /**
   * Last day of the ordinary answer period (20 working days plus excluded time, before any extension; Art. 33
   * para 2); null while no answer period runs. An extension may be requested and approved only up to this day.
   */
  ordinaryAnswerDueOn: IsoDate | null;
  /** Day (China) the pending extension was requested; null when none is pending. Its approval cannot precede it. */
  extensionRequestedOn: IsoDate | null;
  /** Issued letters whose stated answer date a later fact moved (ledger letterConflicts): a 更正告知书 is due. */
  lettersWithMovedDate: number;
  /** The organisation wants a reviewer's sign-off on outgoing notices (Organisation.noticeSignOff, issue 11 item 3). */
  noticeSignOff: boolean;
  /** A notice a clerk submitted for sign-off that is neither signed off nor returned yet: its type. */
  pendingNotice: SignOffNoticeType | null;
  /**
   * Parties of the clock-excluded consultations (Arts. 32, 34) whose reply is not recorded yet, one letter
   * each: several may be open together (issue 9 item 3); the excluded time is their union.
   */
  openConsultationParties: readonly string[];
}

/** Outgoing notices that go through the reviewer where the organisation wants it (workflow.ts `signOff`). */
export const SIGN_OFF_NOTICE_TYPES = ['correction_notice', 'consultation_letter', 'fee_notice'] as const;
export type SignOffNoticeType = (typeof SIGN_OFF_NOTICE_TYPES)[number];

/** What the actor supplies with one action; each transition reads only its own fields. */
export interface TransitionInput {
  receivedOn?: IsoDate;
  assigneeId?: string;
  correctionItems?: string;
  correctionPeriodDays?: number;
  consultationKind?: ClockExcludedConsultationKind;
  /** The party a new 征求意见函 goes to. */
  consultationParty?: string;
  extensionDays?: number;
  /** The notice to the applicant (extension, Art. 33 para 2; delayed answer, Art. 35) is drafted and goes out with this step. */
  hasApplicantNotice?: boolean;
  delayedAnswerBy?: IsoDate;
  /** The fee method chosen (办法 Art. 3: one per application) and the units staff counted for it. */
  feeMethod?: FeeMethod;
  feePages?: number;
  feeItemCount?: number;
  /**
   * The fee computed on the server from the facts (lib/cases/fee-computation.ts, lib/law/fees.ts); absent
   * when the units are not valid. Never typed by the actor.
   */
  feeComputation?: FeeComputation;
  feeAmountYuan?: number;
  answerDraft?: AnswerDraft;
  reason?: string;
  targetOrgId?: number;
  retentionNote?: string;
  appealKind?: AppealKind;
  deliveredOn?: IsoDate;
  /**
   * The legal date of the step when it happened before it is recorded (a letter sent yesterday, an approval
   * given on Friday): requestedOn, sentOn, approvedOn, issuedOn, decidedOn of the transition inputs.
   * Undefined = today. The event's occurredAt stays the real time.
   */
  stepOn?: IsoDate;
}

export interface TransitionContext {
  /** Today as a Chinese calendar day ('YYYY-MM-DD', Asia/Shanghai). */
  today: IsoDate;
  facts: CaseFacts;
  input?: TransitionInput;
}

export interface GuardFailure {
  params?: Record<string, unknown>;
}

export interface GuardDef {
  readonly kind: 'state' | 'input';
  /** null = passes. */
  readonly check: (ctx: TransitionContext) => GuardFailure | null;
  /**
   * What the case page does with a step this guard holds back (transitionOptions in workflow.ts):
   * `hide` (the default) when the step has no point now (nothing to approve, already done); `explain` when
   * the step becomes possible once something happens (a period runs out, the draft is completed): it is
   * shown disabled with the guard's message, never offered to fail. An input guard marked `explain` reads
   * only what the system supplies from stored records (the answer draft), never what the actor types.
   */
  readonly whenUnmet?: 'hide' | 'explain';
}

const FAIL: GuardFailure = {};
const pass = (ok: boolean): GuardFailure | null => (ok ? null : FAIL);
const hasText = (value: string | undefined): boolean => typeof value === 'string' && value.trim() !== '';
const isPositiveInt = (value: number | undefined): value is number => Number.isInteger(value) && (value ?? 0) >= 1;
const isDayAfter = (later: IsoDate | null | undefined, earlier: IsoDate): boolean =>
  typeof later === 'string' && isIsoDate(later) && later > earlier; // ISO dates compare as strings

const input = (ctx: TransitionContext): TransitionInput => ctx.input ?? {};

export const GUARDS = {
  // ── state ─────────────────────────────────────────────────────────────────────────────────────────────
  case_unassigned: { kind: 'state', check: (ctx) => pass(ctx.facts.assigneeId === null) },
  /** Art. 30 "一次性告知": each notice lists everything; rounds never overlap. */
  no_open_correction_round: { kind: 'state', check: (ctx) => pass(ctx.facts.openCorrectionPeriodEndsOn === null) },
  /**
   * Art. 30 / 办法 (regulations.md §11, §15): the applicant's period runs from delivery of the notice, so a case
   * lapses only once that delivery is recorded — from the sending date the end is only provisional.
   */
  correction_notice_delivered: { kind: 'state', whenUnmet: 'explain', check: (ctx) => pass(!ctx.facts.openCorrectionPeriodProvisional) },
  fee_notice_delivered: { kind: 'state', whenUnmet: 'explain', check: (ctx) => pass(!ctx.facts.openFeePaymentDueProvisional) },
  /** Art. 30: only after the period has run out (the day after its last day) may the case lapse. */
  correction_period_ended: {
    kind: 'state',
    whenUnmet: 'explain',
    check: (ctx) => {
      const endsOn = ctx.facts.openCorrectionPeriodEndsOn;
      return endsOn !== null && ctx.today > endsOn ? null : { params: { endsOn } };
    },
  },
  no_extension_yet: { kind: 'state', check: (ctx) => pass(ctx.facts.extension === 'none') },
  /**
   * Art. 33 para 2: "需要延长答复期限的…" — an extension is decided while the 20 working days still run. Once the
   * ordinary period (with its excluded time) has ended the agency is late, and an extension cannot cure it.
   */
  within_answer_period: {
    kind: 'state',
    whenUnmet: 'explain',
    check: (ctx) => {
      const due = ctx.facts.ordinaryAnswerDueOn;
      return due !== null && ctx.today <= due ? null : { params: { due } };
    },
  },
  extension_request_pending: { kind: 'state', check: (ctx) => pass(ctx.facts.extension === 'requested') },
  no_delayed_answer_yet: { kind: 'state', check: (ctx) => pass(ctx.facts.delayedAnswerBy === null) },
  /** docs/decisions.md "a date in a letter": a 更正告知书 only for a letter whose stated date no longer holds. */
  letter_date_moved: { kind: 'state', check: (ctx) => pass(ctx.facts.lettersWithMovedDate > 0) },
  /** A submitted notice awaits sign-off (return_notice). */
  notice_pending: { kind: 'state', check: (ctx) => pass(ctx.facts.pendingNotice !== null) },
  no_fee_notice_yet: { kind: 'state', check: (ctx) => pass(!ctx.facts.hasFeeNotice) },
  /**
   * Replies to consultation letters (Arts. 32, 34): the reply to the last open letter ends the consultation
   * (end_consultation, back to in_progress); while several are open, a reply is recorded per letter and the
   * case stays consulting (record_consultation_reply).
   */
  last_open_consultation: { kind: 'state', check: (ctx) => pass(ctx.facts.openConsultationParties.length <= 1) },
  several_open_consultations: { kind: 'state', check: (ctx) => pass(ctx.facts.openConsultationParties.length > 1) },
  /** Payment period over (20 working days from the day after receipt of the notice, regulations.md §11). */
  fee_period_ended: {
    kind: 'state',
    whenUnmet: 'explain',
    check: (ctx) => {
      const dueOn = ctx.facts.openFeePaymentDueOn;
      return dueOn !== null && ctx.today > dueOn ? null : { params: { dueOn } };
    },
  },

  // ── input ─────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Art. 31: the legal receipt date (signed for, confirmed) is a real day, not in the future, and not before the
   * application arrived — nobody signs for or confirms a letter that has not come yet.
   */
  receipt_date_valid: {
    kind: 'input',
    check: (ctx) => {
      const { receivedOn } = input(ctx);
      const arrivedOn = ctx.facts.arrivedOn;
      const ok =
        typeof receivedOn === 'string' && isIsoDate(receivedOn) && receivedOn <= ctx.today && (arrivedOn === null || receivedOn >= arrivedOn);
      return ok ? null : { params: { arrivedOn: arrivedOn ?? '' } };
    },
  },
  assignee_given: { kind: 'input', check: (ctx) => pass(hasText(input(ctx).assigneeId)) },
  /** Art. 30: the notice lists every item to correct. */
  correction_items_given: { kind: 'input', check: (ctx) => pass(hasText(input(ctx).correctionItems)) },
  /** Art. 30: a "reasonable" period; its length is the agency's choice within 1–MAX_CORRECTION_PERIOD_WORKING_DAYS. */
  correction_period_set: {
    kind: 'input',
    check: (ctx) => {
      const days = input(ctx).correctionPeriodDays;
      return isPositiveInt(days) && days <= MAX_CORRECTION_PERIOD_WORKING_DAYS ? null : { params: { max: MAX_CORRECTION_PERIOD_WORKING_DAYS } };
    },
  },
  /** One 征求意见函 per party: a second letter to a party whose letter is still open is refused. */
  consultation_party_not_open: {
    kind: 'input',
    check: (ctx) => {
      const party = input(ctx).consultationParty?.trim() ?? '';
      return ctx.facts.openConsultationParties.includes(party) ? { params: { party } } : null;
    },
  },
  consultation_kind_given: {
    kind: 'input',
    check: (ctx) => {
      const kind: string | undefined = input(ctx).consultationKind;
      return pass((CLOCK_EXCLUDED_CONSULTATION_KINDS as readonly (string | undefined)[]).includes(kind));
    },
  },
  /** Art. 33 para 2: at most 20 further working days. */
  extension_days_within_limit: {
    kind: 'input',
    check: (ctx) => {
      const days = input(ctx).extensionDays;
      return isPositiveInt(days) && days <= MAX_EXTENSION_WORKING_DAYS
        ? null
        : { params: { max: MAX_EXTENSION_WORKING_DAYS } };
    },
  },
  /** Art. 33 para 2 (extension) and Art. 35 (delayed answer): the applicant is told. */
  applicant_notice_prepared: { kind: 'input', check: (ctx) => pass(input(ctx).hasApplicantNotice === true) },
  /** Art. 35: a "reasonable" later date, so strictly after today. */
  delayed_answer_date_valid: {
    kind: 'input',
    check: (ctx) => {
      const by = input(ctx).delayedAnswerBy;
      const latest = addCalendarDays(ctx.today, MAX_DELAYED_ANSWER_CALENDAR_DAYS);
      return isDayAfter(by, ctx.today) && (by as IsoDate) <= latest ? null : { params: { latest } };
    },
  },
  /**
   * 办法 Arts. 4–5: the units the method counts — pages (per_page, required) or how many applications this
   * one counts as when split (per_application, 一事一申请, optional, default 1).
   */
  fee_units_given: {
    kind: 'input',
    check: (ctx) => {
      const i = input(ctx);
      const inRange = (n: unknown, max: number): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= max;
      if (i.feeMethod === 'per_page') return inRange(i.feePages, MAX_FEE_UNITS) ? null : { params: { max: MAX_FEE_UNITS } };
      if (i.feeMethod === 'per_application') return i.feeItemCount === undefined || inRange(i.feeItemCount, MAX_FEE_ITEMS) ? null : { params: { max: MAX_FEE_ITEMS } };
      return { params: { max: MAX_FEE_UNITS } };
    },
  },
  /**
   * 办法 Arts. 2, 4, 5: a fee only where the count goes beyond the free range (the 10th application of the month,
   * the 30th page). The message cites the article of the method and what was counted.
   */
  fee_threshold_exceeded: {
    kind: 'input',
    check: (ctx) => {
      const c = input(ctx).feeComputation;
      if (c && exceedsFreeRange(c)) return null;
      const method = c?.method ?? input(ctx).feeMethod ?? 'per_page';
      return { params: { article: FEE_METHOD_ARTICLE[method], free: freeUnitsOf(method), counted: c?.lastUnit ?? 0, method } };
    },
  },
  /** A positive amount in whole fen, at most MAX_FEE_YUAN. */
  fee_amount_positive: {
    kind: 'input',
    check: (ctx) => {
      const amount = input(ctx).feeAmountYuan;
      const ok =
        typeof amount === 'number' && Number.isFinite(amount) && amount > 0 && amount <= MAX_FEE_YUAN && Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6;
      return ok ? null : { params: { max: MAX_FEE_YUAN } };
    },
  },
  /** lib/law/outcomes.ts missingAnswerElements must be empty; the codes go back as params for the form. */
  answer_complete: {
    kind: 'input',
    whenUnmet: 'explain', // the stored draft (transition-case.ts workflowInput), not typed input
    check: (ctx) => {
      const draft = input(ctx).answerDraft;
      const missing = draft ? missingAnswerElements(draft) : ['outcome'];
      return missing.length === 0 ? null : { params: { missing } };
    },
  },
  /** 补正后申请内容仍不明确 presupposes a 补正 round (Art. 30). */
  outcome_fits_history: {
    kind: 'input',
    whenUnmet: 'explain', // the stored draft's outcome
    check: (ctx) =>
      pass(input(ctx).answerDraft?.outcome !== 'unavailable_unclear_after_correction' || ctx.facts.correctionRoundCount > 0),
  },
  reason_given: { kind: 'input', check: (ctx) => pass(hasText(input(ctx).reason)) },
  transfer_target_valid: {
    kind: 'input',
    check: (ctx) => {
      const target = input(ctx).targetOrgId;
      return pass(isPositiveInt(target) && target !== ctx.facts.orgId);
    },
  },
  retention_note_given: { kind: 'input', check: (ctx) => pass(hasText(input(ctx).retentionNote)) },
  appeal_kind_given: {
    kind: 'input',
    check: (ctx) => pass((APPEAL_KINDS as readonly (string | undefined)[]).includes(input(ctx).appealKind)),
  },
  /**
   * A step dated in the past: a real day, not in the future, and not before the legal receipt date (Art. 31),
   * since every period of Arts. 30–35 counts from it. Absent = today (always valid).
   */
  step_date_valid: {
    kind: 'input',
    check: (ctx) => {
      const { stepOn } = input(ctx);
      if (stepOn === undefined) return null;
      const receivedOn = ctx.facts.receivedOn;
      const ok = isIsoDate(stepOn) && stepOn <= ctx.today && (receivedOn === null || stepOn >= receivedOn);
      return ok ? null : { params: { receivedOn, today: ctx.today } };
    },
  },
  /**
   * The answer is issued (and the case concluded, Art. 33) on or after every step already taken: a letter
   * cannot be dated before the consultation or extension it rests on.
   */
  answer_date_after_steps: {
    kind: 'input',
    check: (ctx) => {
      const issuedOn = input(ctx).stepOn ?? ctx.today;
      const latest = ctx.facts.latestStepOn;
      return latest === null || issuedOn >= latest ? null : { params: { latestStepOn: latest } };
    },
  },
  /**
   * close_other (（六）3 其他): the case is closed on or after every step already taken (the closure is a
   * decision on the file as it stands, unlike a withdrawal, which is dated when it arrived).
   */
  closure_date_after_steps: {
    kind: 'input',
    check: (ctx) => {
      const closedOn = input(ctx).stepOn ?? ctx.today;
      const latest = ctx.facts.latestStepOn;
      return latest === null || closedOn >= latest ? null : { params: { latestStepOn: latest } };
    },
  },
  /**
   * Art. 33 para 2: the head's consent is dated on or after the request and within the ordinary answer period
   * (a back-dated approval after the period has ended is refused as well).
   */
  extension_approval_date_valid: {
    kind: 'input',
    check: (ctx) => {
      const approvedOn = input(ctx).stepOn ?? ctx.today;
      const { extensionRequestedOn: requestedOn, ordinaryAnswerDueOn: due } = ctx.facts;
      const ok = isIsoDate(approvedOn) && (requestedOn === null || approvedOn >= requestedOn) && due !== null && approvedOn <= due;
      return ok ? null : { params: { requestedOn, due } };
    },
  },
  delivery_date_valid: {
    kind: 'input',
    check: (ctx) => {
      const { deliveredOn } = input(ctx);
      return pass(typeof deliveredOn === 'string' && isIsoDate(deliveredOn) && deliveredOn <= ctx.today);
    },
  },
} as const satisfies Record<string, GuardDef>;

export type GuardName = keyof typeof GUARDS;
export const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];

export const FLAGS = {
  /** Art. 30: the 补正 notice is due within 7 working days of receipt; later is allowed but recorded. */
  correction_notice_late: (ctx: TransitionContext): boolean =>
    ctx.facts.correctionNoticeDueOn !== null && (input(ctx).stepOn ?? ctx.today) > ctx.facts.correctionNoticeDueOn,
} as const satisfies Record<string, (ctx: TransitionContext) => boolean>;

export type FlagName = keyof typeof FLAGS;

export function guardMessageKey(name: GuardName): `workflow.guard.${GuardName}` {
  return `workflow.guard.${name}`;
}
