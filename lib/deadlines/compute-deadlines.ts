/**
 * The deadline ledger: every due date of a case derived from its facts, with an explanation.
 * Pure: no clock, no database; the calendar and "today" (facts.asOf) are passed in (STYLE.md §8).
 *
 * Counting rules (decisions recorded for docs/decisions.md):
 * - A period of n working days from day X ends on addWorkingDays(X, n): X itself never counts, day 1 is
 *   the next working day (民法典 Art. 201; regulations.md §14).
 * - Answer period: 20 working days (Art. 33 para 2) from the legal receipt date (Art. 31), or in full again
 *   from receipt of the corrected application (Art. 30).
 * - Excluded time (Art. 33 para 3 for consultations; the fee pause, UNVERIFIED, regulations.md §11) is a
 *   set of windows (start, end]: the start day itself still counts, the end day does not. The answer
 *   clock skips every working day inside a window, so the due date moves later by the excluded working
 *   days; overlapping windows are merged, never counted twice. A window that opens after the clock has
 *   already run out does not revive it (the agency is late; nothing is excluded).
 *   - consultation: (sentOn, min(repliedOn, replyDue)], replyDue = 15 working days after the party
 *     received the letter (Arts. 32, 34), or after sentOn when that receipt date is unknown; a late reply
 *     does not extend the window (Art. 32: the agency decides itself once the 15 days are over).
 *   - fee: (issuedOn, min(paidOn, paymentDue)] when settings.pauseAnswerClockWhileFeePending.
 * - Extension (Art. 33 para 2): `days` more counted working days after the exclusion-adjusted ordinary
 *   due date (windows inside the extension are skipped too). At most one, 1..20 days, approved on or before
 *   the ordinary due date; one approved later is reported as an error and ignored.
 * - Art. 35 delayed answer: the date fixed by the agency replaces the due date as is.
 */
import { addCalendarDays, assertIsoDate, maxDate, minDate, yearOf, type IsoDate } from '@/lib/calendar/iso-date';
import {
  addWorkingDays,
  calendarExceptionsBetween,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
  yearsNotLoaded,
  type WorkCalendar,
} from '@/lib/calendar/working-days';
import type {
  AnswerDueBasis,
  CorrectionRound,
  DeadlineFacts,
  DeadlineIssue,
  DeadlineLedger,
  DeadlineSettings,
  DeadlineStatus,
  ExplanationStep,
  Extension,
  LetterFact,
} from './types';

/** Periods of the 条例 and the 办法, in working days. */
export const PERIODS = {
  correctionNotice: 7, // Art. 30
  consultationReply: 15, // Arts. 32, 34
  answer: 20, // Art. 33 para 2
  maxExtension: 20, // Art. 33 para 2
  feePayment: 20, // 国办函〔2020〕109号 as restated (regulations.md §11)
} as const;

/** The defaults of the deadline settings (lib/settings/registry.ts SETTINGS; a unit test keeps them equal). */
export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = { pauseAnswerClockWhileFeePending: true };

/** Checks a proposed extension against Art. 33 para 2 before the workflow records it. */
export function validateExtension(candidate: Extension, existing: readonly Extension[] = []): DeadlineIssue[] {
  const issues: DeadlineIssue[] = [];
  if (existing.length > 0) issues.push({ code: 'extension.second_extension', params: { approvedOn: candidate.approvedOn } });
  if (!Number.isInteger(candidate.days) || candidate.days < 1 || candidate.days > PERIODS.maxExtension) {
    issues.push({ code: 'extension.days_out_of_range', params: { days: candidate.days, max: PERIODS.maxExtension } });
  }
  return issues;
}

/** An excluded span (from, to]: working days after `from` up to and including `to` do not count. */
interface Window {
  from: IsoDate;
  to: IsoDate;
}

export function computeDeadlines(
  facts: DeadlineFacts,
  cal: WorkCalendar,
  settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS,
): DeadlineLedger {
  assertFactDates(facts);
  const ledger = emptyLedger();
  const { steps, errors, warnings } = ledger;
  const receivedOn = facts.receivedOn;
  if (receivedOn === null) {
    // Art. 31: without a confirmed receipt date there is no 收到申请之日, so no period runs.
    steps.push({ key: 'deadline.clock_not_started', params: {} });
    return ledger;
  }
  steps.push({ key: 'deadline.received', params: { date: receivedOn } });
  checkNotBeforeReceipt(facts, receivedOn, errors);

  // --- 补正 (Art. 30) ---
  const clockStart = evaluateCorrections(receivedOn, facts.corrections ?? [], facts.asOf, cal, ledger);
  const spanEnds: IsoDate[] = [ledger.correctionNoticeDue ?? receivedOn];
  if (ledger.correctionPeriodEnds) spanEnds.push(ledger.correctionPeriodEnds);
  if (clockStart === null) {
    // A correction is outstanding: no answer period runs until the corrected application arrives.
    finishCalendar(ledger, receivedOn, spanEnds, null, cal);
    return ledger;
  }
  ledger.answerClockStart = clockStart;
  const plainDue = addWorkingDays(clockStart, PERIODS.answer, cal);
  steps.push({
    key: 'deadline.answer_period',
    params: { from: clockStart, firstDay: nextWorkingDay(clockStart, cal), days: PERIODS.answer, due: plainDue },
  });

  // --- Excluded windows: consultations (Arts. 32–34) and the fee (办法) ---
  const windows: Window[] = [];
  let isConsulting = false;
  for (const c of facts.consultations ?? []) {
    const replyDue = addWorkingDays(c.receivedByPartyOn ?? c.sentOn, PERIODS.consultationReply, cal);
    const repliedOn = c.repliedOn ?? null;
    if (repliedOn !== null && repliedOn > replyDue) {
      warnings.push({ code: 'consultation.reply_after_due', params: { repliedOn, replyDue } });
    }
    const isOpen = repliedOn === null && facts.asOf <= replyDue;
    isConsulting ||= isOpen;
    const window = { from: c.sentOn, to: repliedOn === null ? replyDue : minDate(repliedOn, replyDue) };
    windows.push(window);
    ledger.consultationReplyDue.push(replyDue);
    spanEnds.push(replyDue);
    steps.push({
      key: 'deadline.consultation',
      params: {
        kind: c.kind,
        sentOn: c.sentOn,
        receivedByPartyOn: c.receivedByPartyOn ?? null,
        replyDue,
        repliedOn,
        excludedUntil: window.to,
        excludedWorkingDays: windowWorkingDays(window, clockStart, cal),
        isOpen,
      },
    });
  }

  let isFeePending = false;
  if (facts.fee) {
    const { issuedOn } = facts.fee;
    const paidOn = facts.fee.paidOn ?? null;
    // Payment period: 20 working days from the day after the applicant received the notice; from sending
    // while the receipt is unknown, provisionally — and then it cannot lapse (the applicant's period may run).
    const feeReceivedOn = facts.fee.receivedOn ?? null;
    const paymentDue = addWorkingDays(feeReceivedOn ?? issuedOn, PERIODS.feePayment, cal);
    ledger.feePaymentDue = paymentDue;
    ledger.feePaymentDueProvisional = feeReceivedOn === null;
    ledger.feeLapsed = paidOn === null ? feeReceivedOn !== null && facts.asOf > paymentDue : paidOn > paymentDue;
    isFeePending = paidOn === null && !ledger.feeLapsed;
    spanEnds.push(paymentDue);
    steps.push({
      key: 'deadline.fee_notice',
      params: { issuedOn, receivedOn: feeReceivedOn, paymentDue, paidOn },
    });
    if (feeReceivedOn === null && paidOn === null) {
      steps.push({ key: 'deadline.delivery_unknown', params: { notice: 'fee', sentOn: issuedOn, provisionalEnd: paymentDue } });
    }
    if (settings.pauseAnswerClockWhileFeePending) {
      const window = { from: issuedOn, to: paidOn === null ? paymentDue : minDate(paidOn, paymentDue) };
      windows.push(window);
      steps.push({
        key: 'deadline.fee_pause',
        params: {
          from: window.from,
          until: window.to,
          excludedWorkingDays: windowWorkingDays(window, clockStart, cal),
        },
      });
    } else {
      steps.push({ key: 'deadline.fee_not_paused', params: {} });
    }
    if (ledger.feeLapsed) steps.push({ key: 'deadline.fee_lapsed', params: { paymentDue } });
  }
  const merged = mergeWindows(windows);

  // --- Ordinary due date, extension (Art. 33 para 2), delayed answer (Art. 35) ---
  const ordinary = countSkipping(clockStart, PERIODS.answer, merged, cal);
  ledger.answerDueWithoutExtension = ordinary.date;
  const extension = pickExtension(facts.extensions ?? [], ordinary.date, ledger);
  const extended = extension ? countSkipping(clockStart, PERIODS.answer + extension.days, merged, cal) : null;
  // Includes windows that fall inside the extension period, if any.
  ledger.excludedWorkingDays = (extended ?? ordinary).excluded;
  if (ordinary.excluded > 0) {
    steps.push({ key: 'deadline.excluded_total', params: { days: ordinary.excluded, due: ordinary.date } });
  }
  if (extension && extended) {
    steps.push({ key: 'deadline.extension', params: { approvedOn: extension.approvedOn, days: extension.days, due: extended.date } });
  }

  let answerDue: IsoDate = extended?.date ?? ordinary.date;
  let basis: AnswerDueBasis = extended ? 'extended' : 'statutory';
  let countingWindows = merged;
  if (facts.delayedAnswer) {
    const { decidedOn, answerBy } = facts.delayedAnswer;
    if (answerBy < decidedOn) errors.push({ code: 'delayed_answer.before_decision', params: { decidedOn, answerBy } });
    steps.push({ key: 'deadline.delayed_answer', params: { decidedOn, answerBy } });
    answerDue = answerBy;
    basis = 'delayed_answer';
    countingWindows = []; // a fixed date: nothing is excluded from it
  }
  const openPause = isConsulting || (isFeePending && settings.pauseAnswerClockWhileFeePending);
  ledger.answerDue = answerDue;
  ledger.answerDueBasis = basis;
  ledger.isProvisional = openPause && basis !== 'delayed_answer';
  steps.push({ key: 'deadline.answer_due', params: { date: answerDue, basis, isProvisional: ledger.isProvisional } });
  spanEnds.push(answerDue);
  if (!facts.answeredOn) checkLetters(facts.letters ?? [], answerDue, ledger);

  // --- Status and "today" ---
  ledger.status = statusAfterClockStart(facts, ledger.feeLapsed, isFeePending, isConsulting);
  if (ledger.status === 'fee_lapsed') ledger.suggestedOutcome = 'other_fee_unpaid';
  let asOfUsed: IsoDate | null = null;
  let closingStep: ExplanationStep | null = null;
  if (facts.answeredOn) {
    ledger.overdue = facts.answeredOn > answerDue;
    closingStep = { key: 'deadline.answered', params: { date: facts.answeredOn, onTime: !ledger.overdue } };
  } else if (ledger.status !== 'fee_lapsed') {
    asOfUsed = facts.asOf;
    ledger.overdue = facts.asOf > answerDue;
    ledger.workingDaysLeft =
      facts.asOf <= answerDue
        ? countedBetween(facts.asOf, answerDue, countingWindows, cal)
        : -workingDaysBetween(answerDue, facts.asOf, cal);
    closingStep = {
      key: 'deadline.working_days_left',
      params: { asOf: facts.asOf, days: ledger.workingDaysLeft, overdue: ledger.overdue },
    };
  }
  finishCalendar(ledger, receivedOn, spanEnds, asOfUsed, cal);
  if (closingStep) steps.push(closingStep);
  return ledger;
}

/**
 * docs/decisions.md "a date in a letter": the law's date binds. A letter (or its latest 更正告知书) whose stated
 * answer date differs from it — or that gave a provisional "at the latest" date which is now fixed — is listed
 * so the case page can offer a 更正告知书; the explanation names both dates.
 */
function checkLetters(letters: readonly LetterFact[], answerDue: IsoDate, ledger: DeadlineLedger): void {
  for (const letter of letters) {
    const current = letter.correctedBy ?? letter;
    const stated = current.stated.answerDueOn;
    if (!stated) continue;
    if (letter.correctedBy) {
      ledger.steps.push({
        key: 'deadline.letter_corrected',
        params: { docNumber: letter.docNumber ?? '', correctionDocNumber: letter.correctedBy.docNumber ?? '', date: stated },
      });
    }
    const nowFixed = current.stated.answerDueIsLatest === true && !ledger.isProvisional;
    if (stated === answerDue && !nowFixed) continue;
    ledger.letterConflicts.push({ documentId: letter.documentId, docNumber: current.docNumber, stated, current: answerDue, nowFixed });
    ledger.steps.push({
      key: 'deadline.letter_date_moved',
      params: { docNumber: current.docNumber ?? '', stated, current: answerDue, nowFixed },
    });
  }
}

function emptyLedger(): DeadlineLedger {
  return {
    status: 'clock_not_started',
    suggestedOutcome: null,
    answerClockStart: null,
    answerDue: null,
    answerDueBasis: null,
    answerDueWithoutExtension: null,
    isProvisional: false,
    correctionNoticeDue: null,
    correctionNoticeLate: false,
    correctionPeriodEnds: null,
    correctionPeriodProvisional: false,
    correctionRounds: [],
    consultationReplyDue: [],
    excludedWorkingDays: 0,
    feePaymentDue: null,
    feePaymentDueProvisional: false,
    feeLapsed: false,
    overdue: false,
    workingDaysLeft: null,
    calendarYearsNotLoaded: [],
    provisionalCalendarYears: [],
    answerDueCalendarProvisional: false,
    letterConflicts: [],
    errors: [],
    warnings: [],
    steps: [],
  };
}

/**
 * Walks the 补正 rounds in order. Returns the day the answer period counts from, or null while a round is
 * open (setting status awaiting_correction / correction_lapsed on the ledger).
 */
function evaluateCorrections(
  receivedOn: IsoDate,
  rounds: readonly CorrectionRound[],
  asOf: IsoDate,
  cal: WorkCalendar,
  ledger: DeadlineLedger,
): IsoDate | null {
  const sorted = [...rounds].sort((a, b) => a.requestedOn.localeCompare(b.requestedOn));
  let base = receivedOn; // receipt of the application as it currently stands
  for (const [i, round] of sorted.entries()) {
    const n = i + 1;
    // Art. 30: the notice is due within 7 working days of receipt; for a later round, of the correction (practice).
    const noticeDue = addWorkingDays(base, PERIODS.correctionNotice, cal);
    const noticeLate = round.requestedOn > noticeDue;
    const periodEnds = correctionPeriodEnd(round, cal);
    // A period in working days runs from delivery (regulations.md §15); from sending it is only provisional.
    const periodProvisional = !round.periodEndsOn && !round.noticeDeliveredOn && periodEnds !== null;
    const correctedOn = round.correctedOn ?? null;
    ledger.correctionRounds.push({ noticeDue, noticeLate, periodEnds, periodProvisional, correctedOn });
    ledger.correctionNoticeDue = noticeDue;
    ledger.correctionPeriodEnds = periodEnds;
    ledger.correctionPeriodProvisional = periodProvisional;
    ledger.correctionNoticeLate ||= noticeLate;
    ledger.steps.push({ key: 'deadline.correction_notice_due', params: { round: n, from: base, due: noticeDue } });
    ledger.steps.push({ key: 'deadline.correction_requested', params: { round: n, date: round.requestedOn, periodEnds } });
    if (noticeLate) {
      ledger.steps.push({ key: 'deadline.correction_notice_late', params: { round: n, date: round.requestedOn, due: noticeDue } });
    }
    if (periodEnds === null) ledger.errors.push({ code: 'correction.period_missing', params: { round: n } });

    if (correctedOn === null) {
      if (i < sorted.length - 1) {
        ledger.errors.push({ code: 'correction.previous_round_open', params: { round: n + 1 } });
      }
      if (periodProvisional && periodEnds !== null) {
        ledger.steps.push({ key: 'deadline.delivery_unknown', params: { notice: 'correction', sentOn: round.requestedOn, provisionalEnd: periodEnds } });
      }
      if (periodEnds !== null && !periodProvisional && asOf > periodEnds) {
        // Art. 30: no correction within the period → deemed to have given up the application.
        ledger.status = 'correction_lapsed';
        ledger.suggestedOutcome = 'other_no_correction';
        ledger.steps.push({ key: 'deadline.correction_lapsed', params: { round: n, periodEnds } });
      } else {
        ledger.status = 'awaiting_correction';
        ledger.steps.push({ key: 'deadline.correction_pending', params: { round: n, periodEnds } });
      }
      return null;
    }
    if (periodEnds !== null && correctedOn > periodEnds) {
      // Lawful if the applicant had a good reason (Art. 30 "无正当理由"); the agency accepted it.
      ledger.warnings.push({ code: 'correction.received_after_period', params: { round: n, correctedOn, periodEnds } });
    }
    ledger.steps.push({ key: 'deadline.corrected', params: { round: n, date: correctedOn } });
    base = correctedOn;
  }
  if (sorted.length === 0 || base !== receivedOn) {
    // No open round: a (further) notice on the application as it stands would be due by base + 7.
    ledger.correctionNoticeDue = addWorkingDays(base, PERIODS.correctionNotice, cal);
    if (sorted.length === 0) {
      ledger.steps.push({ key: 'deadline.correction_notice_due', params: { round: 1, from: base, due: ledger.correctionNoticeDue } });
    }
  }
  return base;
}

/** The correction period runs from delivery of the notice (or its sending, if delivery is unknown). */
function correctionPeriodEnd(round: CorrectionRound, cal: WorkCalendar): IsoDate | null {
  if (round.periodEndsOn) return round.periodEndsOn;
  if (round.periodDays == null) return null;
  return addWorkingDays(round.noticeDeliveredOn ?? round.requestedOn, round.periodDays, cal);
}

/** The first extension that passes validateExtension; later ones are errors and ignored. */
function pickExtension(extensions: readonly Extension[], ordinaryDue: IsoDate, ledger: DeadlineLedger): Extension | null {
  let accepted: Extension | null = null;
  for (const ext of extensions) {
    const issues = validateExtension(ext, accepted ? [accepted] : []);
    ledger.errors.push(...issues);
    if (issues.length > 0) continue;
    // Art. 33 para 2 allows an extension only while the period still runs: one approved later (recorded before
    // the workflow refused it) is an error and not applied — the case stays overdue.
    if (ext.approvedOn > ordinaryDue) {
      ledger.errors.push({ code: 'extension.approved_after_due', params: { approvedOn: ext.approvedOn, due: ordinaryDue } });
      continue;
    }
    accepted = ext;
  }
  return accepted;
}

function mergeWindows(windows: readonly Window[]): Window[] {
  const sorted = windows.filter((w) => w.to > w.from).sort((a, b) => a.from.localeCompare(b.from));
  const merged: Window[] = [];
  for (const w of sorted) {
    const last = merged[merged.length - 1];
    if (last && w.from <= last.to) last.to = maxDate(last.to, w.to);
    else merged.push({ ...w });
  }
  return merged;
}

/** Working days of one window that fall after the clock start (for the per-letter explanation). */
function windowWorkingDays(w: Window, clockStart: IsoDate, cal: WorkCalendar): number {
  return Math.max(0, workingDaysBetween(maxDate(w.from, clockStart), maxDate(w.to, clockStart), cal));
}

function isExcluded(date: IsoDate, windows: readonly Window[]): boolean {
  return windows.some((w) => date > w.from && date <= w.to);
}

/** The n-th counted working day after start, skipping working days inside the windows. */
function countSkipping(
  start: IsoDate,
  n: number,
  windows: readonly Window[],
  cal: WorkCalendar,
): { date: IsoDate; excluded: number } {
  let date = start;
  let counted = 0;
  let excluded = 0;
  while (counted < n) {
    date = nextWorkingDay(date, cal);
    if (isExcluded(date, windows)) excluded++;
    else counted++;
  }
  return { date, excluded };
}

/** Counted (working, not excluded) days in (a, b], a ≤ b. */
function countedBetween(a: IsoDate, b: IsoDate, windows: readonly Window[], cal: WorkCalendar): number {
  let count = 0;
  for (let d = addCalendarDays(a, 1); d <= b; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(d, cal) && !isExcluded(d, windows)) count++;
  }
  return count;
}

function statusAfterClockStart(
  facts: DeadlineFacts,
  feeLapsed: boolean,
  isFeePending: boolean,
  isConsulting: boolean,
): DeadlineStatus {
  if (facts.answeredOn) return 'answered';
  if (feeLapsed) return 'fee_lapsed';
  if (isFeePending) return 'awaiting_fee';
  if (isConsulting) return 'consulting';
  return 'running';
}

/** Malformed dates are a programming error at this point (the workflow validates input): fail loudly. */
function assertFactDates(facts: DeadlineFacts): void {
  const dates = [
    facts.asOf,
    facts.receivedOn,
    facts.answeredOn,
    ...(facts.corrections ?? []).flatMap((c) => [c.requestedOn, c.noticeDeliveredOn, c.periodEndsOn, c.correctedOn]),
    ...(facts.consultations ?? []).flatMap((c) => [c.sentOn, c.receivedByPartyOn, c.repliedOn]),
    ...(facts.extensions ?? []).map((e) => e.approvedOn),
    facts.fee?.issuedOn,
    facts.fee?.receivedOn,
    facts.fee?.paidOn,
    facts.delayedAnswer?.decidedOn,
    facts.delayedAnswer?.answerBy,
  ];
  for (const d of dates) if (d != null) assertIsoDate(d);
}

/** Facts dated before the legal receipt date cannot belong to this application. */
function checkNotBeforeReceipt(facts: DeadlineFacts, receivedOn: IsoDate, errors: DeadlineIssue[]): void {
  const dated: [string, IsoDate | null | undefined][] = [
    ...(facts.corrections ?? []).map((c, i): [string, IsoDate] => [`corrections[${i}].requestedOn`, c.requestedOn]),
    ...(facts.consultations ?? []).map((c, i): [string, IsoDate] => [`consultations[${i}].sentOn`, c.sentOn]),
    ...(facts.extensions ?? []).map((e, i): [string, IsoDate] => [`extensions[${i}].approvedOn`, e.approvedOn]),
    ['fee.issuedOn', facts.fee?.issuedOn],
    ['delayedAnswer.decidedOn', facts.delayedAnswer?.decidedOn],
    ['answeredOn', facts.answeredOn],
  ];
  for (const [field, date] of dated) {
    if (date && date < receivedOn) errors.push({ code: 'date.before_receipt', params: { field, date, receivedOn } });
  }
}

/**
 * True when `date` (a date of this ledger counted from the receipt date) was counted through a year whose
 * holiday notice is not loaded: it is 暂定 until the notice is imported (docs/decisions.md "years without a
 * notice"). Provisional years are never before the receipt year, so any of them up to the date's year counts.
 */
export function isCalendarProvisionalDate(
  ledger: Pick<DeadlineLedger, 'provisionalCalendarYears'>,
  date: IsoDate | null | undefined,
): boolean {
  if (!date) return false;
  return ledger.provisionalCalendarYears.some((y) => y <= yearOf(date));
}

/** Adds the calendar facts behind the count and the years whose notice is missing. */
function finishCalendar(
  ledger: DeadlineLedger,
  receivedOn: IsoDate,
  spanEnds: readonly IsoDate[],
  asOf: IsoDate | null,
  cal: WorkCalendar,
): void {
  const end = spanEnds.reduce(maxDate, receivedOn);
  const { daysOff, makeUpWorkdays } = calendarExceptionsBetween(receivedOn, end, cal);
  for (const block of daysOff) ledger.steps.push({ key: 'deadline.calendar_days_off', params: block });
  for (const day of makeUpWorkdays) ledger.steps.push({ key: 'deadline.calendar_makeup_workday', params: day });
  ledger.calendarYearsNotLoaded = yearsNotLoaded(receivedOn, asOf ? maxDate(end, asOf) : end, cal);
  ledger.provisionalCalendarYears = yearsNotLoaded(receivedOn, end, cal);
  ledger.answerDueCalendarProvisional =
    ledger.answerDue !== null && ledger.answerDueBasis !== 'delayed_answer' && isCalendarProvisionalDate(ledger, ledger.answerDue);
  if (ledger.calendarYearsNotLoaded.length > 0) {
    ledger.steps.push({ key: 'deadline.calendar_not_loaded', params: { years: ledger.calendarYearsNotLoaded } });
  }
}
