/**
 * Input and output of the deadline ledger (computeDeadlines). Dates are Chinese calendar days 'YYYY-MM-DD'.
 * Articles are those of the 2019 政府信息公开条例 unless stated; see shared/reference/regulations.md §4–§7, §11, §15.
 */
import type { IsoDate } from '@/lib/calendar/iso-date';
import type { Outcome } from '@/lib/law/ids';

/** One 补正 round (Art. 30). A second round after an inadequate correction is practice (regulations.md §5). */
export interface CorrectionRound {
  /** Date the 补正告知书 was sent: due within 7 working days of receipt (of the application or previous correction). */
  requestedOn: IsoDate;
  /** Date the applicant received the notice, if known; the correction period runs from it (regulations.md §15). */
  noticeDeliveredOn?: IsoDate | null;
  /** The "reasonable period" the agency granted, in working days after delivery (or sending) of the notice… */
  periodDays?: number | null;
  /** …or as a fixed last day. Takes precedence over periodDays when both are given. */
  periodEndsOn?: IsoDate | null;
  /** Legal receipt date of the corrected application (same Art. 31 rules as the application). */
  correctedOn?: IsoDate | null;
}

export type ConsultationKind = 'third_party' | 'agency';

/** Consultation of a third party (Art. 32) or of a co-producing agency (Art. 34). */
export interface Consultation {
  kind: ConsultationKind;
  /** Date the consultation letter (征求意见函) was sent. */
  sentOn: IsoDate;
  /** Date the consulted party received it: its 15 working days run from here. */
  receivedByPartyOn?: IsoDate | null;
  /** Date the reply reached the agency. */
  repliedOn?: IsoDate | null;
}

/** 延期答复 (Art. 33 para 2): approved by the head of the 工作机构 and notified to the applicant. */
export interface Extension {
  approvedOn: IsoDate;
  /** Further working days, 1..20. */
  days: number;
}

/** 收费通知 under 国办函〔2020〕109号 as restated (regulations.md §11). */
export interface FeeNotice {
  issuedOn: IsoDate;
  /** Date the applicant received the notice; payment is due 20 working days from the day after. */
  receivedOn?: IsoDate | null;
  paidOn?: IsoDate | null;
}

/** 延迟答复 (Art. 35): excessive requests with reasonable grounds, the agency fixes a later answer date. */
export interface DelayedAnswer {
  decidedOn: IsoDate;
  answerBy: IsoDate;
}

/** Dates a notice stated (Document.statedDates; lib/documents/notice-dates.ts). */
export interface StatedLetterDates {
  answerDueOn?: IsoDate;
  /** The letter gave answerDueOn as the latest date while something open could still move it. */
  answerDueIsLatest?: boolean;
  /** answerDueOn was counted through a year whose holiday notice was not out yet: the letter said 暂定. */
  answerDueCalendarProvisional?: boolean;
  correctionPeriodEndsOn?: IsoDate;
  paymentDueOn?: IsoDate;
}

/** An issued notice that stated an answer date, with the 更正告知书 that corrected it, if any. */
export interface LetterFact {
  documentId: string;
  docNumber: string | null;
  issuedOn: IsoDate;
  stated: StatedLetterDates;
  /** The latest 更正告知书 for this letter: its stated date replaces the letter's. */
  correctedBy?: { documentId: string; docNumber: string | null; issuedOn: IsoDate; stated: StatedLetterDates } | null;
}

/** A letter whose stated answer date is no longer the date of the law (docs/decisions.md "a date in a letter"). */
export interface LetterConflict {
  documentId: string;
  docNumber: string | null;
  stated: IsoDate;
  current: IsoDate;
  /** The letter gave its date as "at the latest, to be fixed later", and the date is now fixed. */
  nowFixed: boolean;
}

/** Everything the workflow knows about a case that moves a deadline. */
export interface DeadlineFacts {
  /** Legal receipt date (收到申请之日, Art. 31); null while confirmation is pending: no clock runs. */
  receivedOn: IsoDate | null;
  corrections?: readonly CorrectionRound[];
  consultations?: readonly Consultation[];
  /** At most one is lawful; a second one is reported as an error and ignored. */
  extensions?: readonly Extension[];
  fee?: FeeNotice | null;
  delayedAnswer?: DelayedAnswer | null;
  /** Notices that stated an answer date (extension, delayed answer, 更正告知书): checked against the law's date. */
  letters?: readonly LetterFact[];
  /** Date the answer was delivered, once the case is answered. */
  answeredOn?: IsoDate | null;
  /** "Today" in China, passed in: the ledger never reads the clock. */
  asOf: IsoDate;
}

export interface DeadlineSettings {
  /**
   * Exclude the time from the fee notice to payment (or to the payment due date) from the answer period.
   * UNVERIFIED in the national text of 国办函〔2020〕109号 (regulations.md §11); default on.
   */
  pauseAnswerClockWhileFeePending: boolean;
}

export type DeadlineStatus =
  | 'clock_not_started' // receipt not confirmed (Art. 31)
  | 'awaiting_correction' // 补正 requested, period running (Art. 30)
  | 'correction_lapsed' // period over without correction: deemed given up (Art. 30)
  | 'consulting' // a consultation is open (Arts. 32, 34): answerDue is provisional
  | 'awaiting_fee' // fee notice unpaid, payment period running
  | 'fee_lapsed' // fee not paid in time: deemed given up (办法, regulations.md §11)
  | 'running' // the answer period runs
  | 'answered';

/** How the effective answer due date was obtained. */
export type AnswerDueBasis = 'statutory' | 'extended' | 'delayed_answer';

export interface CorrectionRoundResult {
  noticeDue: IsoDate;
  noticeLate: boolean;
  periodEnds: IsoDate | null;
  /** The period is counted from the sending date because delivery is not recorded yet (regulations.md §15). */
  periodProvisional: boolean;
  correctedOn: IsoDate | null;
}

export type DeadlineIssueCode =
  // errors: facts the law does not allow or that cannot be evaluated
  | 'extension.days_out_of_range'
  | 'extension.second_extension'
  | 'correction.period_missing'
  | 'correction.previous_round_open'
  | 'date.before_receipt'
  | 'delayed_answer.before_decision'
  | 'extension.approved_after_due'
  // warnings: lawful facts worth a look
  | 'correction.received_after_period'
  | 'consultation.reply_after_due';

export interface DeadlineIssue {
  code: DeadlineIssueCode;
  params: Record<string, string | number>;
}

/** One line of the explanation: a message key with its parameters (the UI renders it). */
export type ExplanationStep =
  | { key: 'deadline.clock_not_started'; params: Record<string, never> }
  | { key: 'deadline.received'; params: { date: IsoDate } }
  | { key: 'deadline.correction_notice_due'; params: { round: number; from: IsoDate; due: IsoDate } }
  | { key: 'deadline.correction_requested'; params: { round: number; date: IsoDate; periodEnds: IsoDate | null } }
  | { key: 'deadline.correction_notice_late'; params: { round: number; date: IsoDate; due: IsoDate } }
  | { key: 'deadline.correction_pending'; params: { round: number; periodEnds: IsoDate | null } }
  | { key: 'deadline.correction_lapsed'; params: { round: number; periodEnds: IsoDate } }
  | { key: 'deadline.corrected'; params: { round: number; date: IsoDate } }
  | { key: 'deadline.answer_period'; params: { from: IsoDate; firstDay: IsoDate; days: number; due: IsoDate } }
  | {
      key: 'deadline.consultation';
      params: {
        kind: ConsultationKind;
        sentOn: IsoDate;
        receivedByPartyOn: IsoDate | null;
        replyDue: IsoDate;
        repliedOn: IsoDate | null;
        excludedUntil: IsoDate;
        excludedWorkingDays: number;
        isOpen: boolean;
      };
    }
  | {
      key: 'deadline.fee_notice';
      params: { issuedOn: IsoDate; receivedOn: IsoDate | null; paymentDue: IsoDate; paidOn: IsoDate | null };
    }
  | { key: 'deadline.fee_pause'; params: { from: IsoDate; until: IsoDate; excludedWorkingDays: number } }
  | {
      key: 'deadline.delivery_unknown';
      /** The notice's delivery is not recorded: its period counts from sending, provisionally (regulations.md §15). */
      params: { notice: 'correction' | 'fee'; sentOn: IsoDate; provisionalEnd: IsoDate };
    }
  | { key: 'deadline.fee_not_paused'; params: Record<string, never> }
  | { key: 'deadline.fee_lapsed'; params: { paymentDue: IsoDate } }
  | { key: 'deadline.excluded_total'; params: { days: number; due: IsoDate } }
  | { key: 'deadline.extension'; params: { approvedOn: IsoDate; days: number; due: IsoDate } }
  | { key: 'deadline.delayed_answer'; params: { decidedOn: IsoDate; answerBy: IsoDate } }
  | { key: 'deadline.answer_due'; params: { date: IsoDate; basis: AnswerDueBasis; isProvisional: boolean } }
  | { key: 'deadline.calendar_days_off'; params: { from: IsoDate; to: IsoDate; names: string[] } }
  | { key: 'deadline.calendar_makeup_workday'; params: { date: IsoDate; name: string | null } }
  | { key: 'deadline.calendar_not_loaded'; params: { years: number[] } }
  | { key: 'deadline.working_days_left'; params: { asOf: IsoDate; days: number; overdue: boolean } }
  | { key: 'deadline.answered'; params: { date: IsoDate; onTime: boolean } }
  | { key: 'deadline.letter_date_moved'; params: { docNumber: string; stated: IsoDate; current: IsoDate; nowFixed: boolean } }
  | { key: 'deadline.letter_corrected'; params: { docNumber: string; correctionDocNumber: string; date: IsoDate } };

export type ExplanationKey = ExplanationStep['key'];

/** Everything derived from the facts: due dates, flags, and how they were obtained. */
export interface DeadlineLedger {
  status: DeadlineStatus;
  /** Outcome the case should be closed with when the status is a lapse (annual table row （六）1 or （六）2). */
  suggestedOutcome: Extract<Outcome, 'other_no_correction' | 'other_fee_unpaid'> | null;
  /** Day the current answer period counts from: receivedOn, or receipt of the last correction (Art. 30). */
  answerClockStart: IsoDate | null;
  /** The effective last day to answer; null while no answer period runs. */
  answerDue: IsoDate | null;
  answerDueBasis: AnswerDueBasis | null;
  /** 20 working days plus exclusions, before any extension (and ignoring an Art. 35 date). */
  answerDueWithoutExtension: IsoDate | null;
  /** True while an open consultation or pending fee may still move answerDue. */
  isProvisional: boolean;
  /** Last day for a 补正 notice on the application as currently received (open round: that round's). */
  correctionNoticeDue: IsoDate | null;
  /** Some 补正 notice was sent after its 7-working-day limit (Art. 30). */
  correctionNoticeLate: boolean;
  /** End of the correction period of the last round, if any. */
  correctionPeriodEnds: IsoDate | null;
  /** correctionPeriodEnds counts from sending (delivery not recorded): provisional, no lapse yet (Art. 30). */
  correctionPeriodProvisional: boolean;
  correctionRounds: CorrectionRoundResult[];
  /** Reply due date of each consultation, in input order (15 working days, Arts. 32, 34). */
  consultationReplyDue: IsoDate[];
  /** Working days excluded from the answer period (consultations and fee, overlaps merged). */
  excludedWorkingDays: number;
  feePaymentDue: IsoDate | null;
  /** feePaymentDue counts from sending (the applicant's receipt not recorded): provisional, no lapse yet. */
  feePaymentDueProvisional: boolean;
  feeLapsed: boolean;
  /** Unanswered after answerDue (as of asOf), or answered after it. */
  overdue: boolean;
  /** Counted working days in (asOf, answerDue]; negative = working days overdue; null if not applicable. */
  workingDaysLeft: number | null;
  /**
   * Years touched by the computation (up to today while the case is open) whose holiday notice is not
   * loaded: counted with the 办法's statutory holidays only, provisionally (lib/calendar/statutory-holidays.ts).
   */
  calendarYearsNotLoaded: number[];
  /**
   * Years without a loaded notice that the ledger's dates were counted through (today aside): a date is 暂定
   * when one of them is not after the date's year (isCalendarProvisionalDate).
   */
  provisionalCalendarYears: number[];
  /** answerDue depends on a provisional year (and is not an Art. 35 date the agency fixed): shown 暂定. */
  answerDueCalendarProvisional: boolean;
  /**
   * Letters whose stated answer date a later fact moved (the law's date binds; a 更正告知书 should tell the
   * applicant): docs/decisions.md "a date in a letter".
   */
  letterConflicts: LetterConflict[];
  errors: DeadlineIssue[];
  warnings: DeadlineIssue[];
  steps: ExplanationStep[];
}
