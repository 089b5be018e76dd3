/**
 * Deadlines of a stored case: builds DeadlineFacts from its records (case-record.ts), runs the pure ledger
 * (lib/deadlines/compute-deadlines.ts) on the database calendar (lib/calendar/load-calendar.ts), and keeps
 * the denormalised `Case.answerDueOn` (the effective Art. 33 / Art. 35 answer date) that lists and
 * dashboards filter and sort on — computing the ledger per row would not scale to a million cases.
 *
 * `answerDueOn` is recomputed inside every transaction that changes a case (transition-case.ts,
 * answer-draft.ts, register-case.ts) and, after an admin edits the calendar, by recomputeOpenAnswerDueDates().
 */
import { db, type Db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { isoToDbDate, dbDateToIso, loadCalendar } from '@/lib/calendar/load-calendar';
import { isProvisionalSpan, type WorkCalendar } from '@/lib/calendar/working-days';
import { computeDeadlines, DEFAULT_DEADLINE_SETTINGS } from '@/lib/deadlines/compute-deadlines';
import type { DeadlineLedger, DeadlineSettings } from '@/lib/deadlines/types';
import { CASE_RECORD_INCLUDE, deadlineFactsFor, type CaseRecord } from '@/lib/cases/case-record';
import { loadCaseRecord } from '@/lib/cases/load-case-record';
import { OPEN_STATUSES } from '@/lib/cases/workflow';
import { SETTINGS } from '@/lib/settings/registry';

/** Setting key (table `settings`, lib/settings/registry.ts): boolean, default true — regulations.md §11, UNVERIFIED in the national text. */
export const FEE_PAUSE_SETTING_KEY = SETTINGS.feePausesAnswerClock.key;

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

const HOUR_MS = 3_600_000;
/** The last hour asked about (hours since the epoch) and its Chinese day: a page asks several times. */
let lastHour = Number.NaN;
let lastDay = '' as IsoDate;

/**
 * The Chinese calendar day (Asia/Shanghai) of an instant: every period of the 条例 counts such days. Formatting
 * through Intl costs tens of microseconds, and a staff page asks several times per request, so the answer is
 * remembered per hour: Asia/Shanghai's offsets (UTC+8, and +9 in the summers of 1986–1991) are whole hours, so
 * every instant of one UTC hour falls on the same Chinese day.
 */
export function chinaToday(now: Date): IsoDate {
  const hour = Math.floor(now.getTime() / HOUR_MS);
  if (hour !== lastHour) {
    lastDay = CHINA_DAY.format(now);
    lastHour = hour;
  }
  return lastDay;
}

export async function loadDeadlineSettings(client: Db | Tx = db): Promise<DeadlineSettings> {
  const row = await client.setting.findUnique({ where: { key: FEE_PAUSE_SETTING_KEY }, select: { value: true } });
  return deadlineSettingsFrom(row?.value);
}

/** The deadline settings from the stored value of the fee-pause setting (undefined: not set). */
export function deadlineSettingsFrom(feePauseSetting: unknown): DeadlineSettings {
  return typeof feePauseSetting === 'boolean' ? { pauseAnswerClockWhileFeePending: feePauseSetting } : DEFAULT_DEADLINE_SETTINGS;
}

export interface CaseDeadlineContext {
  calendar: WorkCalendar;
  settings: DeadlineSettings;
}

export async function loadDeadlineContext(client: Db | Tx = db): Promise<CaseDeadlineContext> {
  const [calendar, settings] = await Promise.all([loadCalendar(), loadDeadlineSettings(client)]);
  return { calendar, settings };
}

/** Pure: the ledger of a loaded case on `today`. */
export function ledgerForRecord(record: CaseRecord, today: IsoDate, ctx: CaseDeadlineContext): DeadlineLedger {
  return computeDeadlines(deadlineFactsFor(record, today), ctx.calendar, ctx.settings);
}

/**
 * The deadlines of a case (by id, or an already loaded record). Callers that take an id from a user must
 * have checked scope first (queries.ts does); this function does not.
 */
export async function getCaseDeadlines(caseOrId: string | CaseRecord, today: IsoDate): Promise<DeadlineLedger> {
  const record =
    typeof caseOrId === 'string'
      ? await db.case.findUnique({ where: { id: caseOrId }, include: CASE_RECORD_INCLUDE })
      : caseOrId;
  if (!record) throw new DomainError('NOT_FOUND', 'case.not_found');
  return ledgerForRecord(record, today, await loadDeadlineContext());
}

/**
 * For lists that read the stored Case.answerDueOn: is it 暂定, counted through a year whose holiday notice is
 * not imported? An Art. 35 date (equal to delayedAnswerBy) is fixed by the agency and never provisional.
 */
export function storedDueIsProvisional(
  receivedOn: IsoDate | null,
  answerDueOn: IsoDate | null,
  delayedAnswerBy: IsoDate | null,
  calendar: WorkCalendar,
): boolean {
  if (!answerDueOn || answerDueOn === delayedAnswerBy) return false;
  return isProvisionalSpan(receivedOn, answerDueOn, calendar);
}

/** The value stored in Case.answerDueOn: the effective answer date, null while no answer period runs. */
export function answerDueOnFromLedger(ledger: DeadlineLedger): Date | null {
  return ledger.answerDue ? isoToDbDate(ledger.answerDue) : null;
}

/**
 * The ledger of a case registered with its receipt date: no 补正, consultation, extension, fee notice, letter
 * or answer yet, so the receipt date alone decides it (Art. 33). The fee-pause setting matters only with a fee
 * notice and is not read. register-case.ts stores its date with the new row (no reload).
 */
export async function ledgerForNewCase(receivedOn: IsoDate, today: IsoDate): Promise<DeadlineLedger> {
  const facts = { receivedOn, corrections: [], consultations: [], extensions: [], fee: null, delayedAnswer: null, answeredOn: null, letters: [], asOf: today };
  return computeDeadlines(facts, await loadCalendar(), DEFAULT_DEADLINE_SETTINGS);
}

/**
 * Integration tests set GONGKAI_VERIFY_LEDGER=1 (test/integration-env.ts): every write that computes a case's
 * ledger without reading the case back checks it against the stored facts' ledger.
 */
export function verifyLedgers(): boolean {
  return process.env.GONGKAI_VERIFY_LEDGER === '1';
}

/**
 * Inside a transaction, after the case's records were changed: recompute the ledger from what the
 * transaction sees and store answerDueOn when it moved. Returns the ledger (its due date goes into the event).
 */
export async function refreshAnswerDueOn(tx: Tx, caseId: string, today: IsoDate): Promise<DeadlineLedger> {
  const loaded = await loadCaseRecord(tx, caseId, null);
  if (!loaded) throw new DomainError('NOT_FOUND', 'case.not_found');
  const { record } = loaded;
  const ledger = ledgerForRecord(record, today, { calendar: await loadCalendar(), settings: deadlineSettingsFrom(loaded.feePauseSetting) });
  const next = answerDueOnFromLedger(ledger);
  const current = record.answerDueOn ? dbDateToIso(record.answerDueOn) : null;
  if ((next ? dbDateToIso(next) : null) !== current) {
    await tx.case.update({ where: { id: caseId }, data: { answerDueOn: next } });
  }
  return ledger;
}

/**
 * The stored period ends of the open correction round and the open fee notice (kept for lists, the portal
 * and the lapse guards) that a recomputed ledger moved: after a calendar change (a provisional year's notice
 * imported, a day edited) they follow the ledger like answerDueOn. Pure.
 */
export function movedPeriodEnds(
  record: CaseRecord,
  ledger: DeadlineLedger,
): { correction?: { id: string; from: Date; to: IsoDate }; fee?: { id: string; from: Date; to: IsoDate } } {
  const out: ReturnType<typeof movedPeriodEnds> = {};
  const round = record.corrections[record.corrections.length - 1];
  if (round && round.correctedOn === null && round.lapsedOn === null && ledger.correctionPeriodEnds && dbDateToIso(round.periodEndsOn) !== ledger.correctionPeriodEnds) {
    out.correction = { id: round.id, from: round.periodEndsOn, to: ledger.correctionPeriodEnds };
  }
  const fee = record.feeNotices[record.feeNotices.length - 1];
  if (fee && fee.paidOn === null && fee.lapsedOn === null && ledger.feePaymentDue && dbDateToIso(fee.paymentDueOn) !== ledger.feePaymentDue) {
    out.fee = { id: fee.id, from: fee.paymentDueOn, to: ledger.feePaymentDue };
  }
  return out;
}

/**
 * After a calendar edit: recompute answerDueOn of every open case with a receipt date, in id order and
 * batches (keyset), each case in its own short write — and with it the stored end of an open correction
 * period or fee payment period (movedPeriodEnds). Does not bump `version` (the case's facts did not change,
 * only the calendar's); a case changed meanwhile is skipped (its own transition recomputed it). Returns how
 * many cases had a date moved.
 */
export async function recomputeOpenAnswerDueDates(
  options: {
    now?: Date;
    batchSize?: number;
    /** When given, a case whose ledger cannot be computed is reported here and skipped; otherwise it throws. */
    onCaseError?: (caseId: string, error: unknown) => void;
  } = {},
): Promise<number> {
  const today = chinaToday(options.now ?? new Date());
  const batchSize = options.batchSize ?? 200;
  const ctx = await loadDeadlineContext();
  let cursor: string | undefined;
  let moved = 0;
  for (;;) {
    const batch = await db.case.findMany({
      where: { status: { in: [...OPEN_STATUSES] }, receivedOn: { not: null }, ...(cursor ? { id: { gt: cursor } } : {}) },
      include: CASE_RECORD_INCLUDE,
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (batch.length === 0) return moved;
    for (const record of batch) {
      let next: Date | null;
      let periods: ReturnType<typeof movedPeriodEnds>;
      try {
        const ledger = ledgerForRecord(record, today, ctx);
        next = answerDueOnFromLedger(ledger);
        periods = movedPeriodEnds(record, ledger);
      } catch (e) {
        if (!options.onCaseError) throw e;
        options.onCaseError(record.id, e);
        continue;
      }
      const same = (next?.getTime() ?? null) === (record.answerDueOn?.getTime() ?? null);
      if (same && !periods.correction && !periods.fee) continue;
      const changed = await db.$transaction(async (tx) => {
        // Compare-and-set on the case version: a case changed meanwhile was recomputed by its own step.
        const { count } = await tx.case.updateMany({ where: { id: record.id, version: record.version }, data: { answerDueOn: next } });
        if (count === 0) return false;
        if (periods.correction) {
          await tx.correctionRequest.updateMany({
            where: { id: periods.correction.id, periodEndsOn: periods.correction.from, correctedOn: null, lapsedOn: null },
            data: { periodEndsOn: isoToDbDate(periods.correction.to) },
          });
        }
        if (periods.fee) {
          await tx.feeNotice.updateMany({
            where: { id: periods.fee.id, paymentDueOn: periods.fee.from, paidOn: null, lapsedOn: null },
            data: { paymentDueOn: isoToDbDate(periods.fee.to) },
          });
        }
        return true;
      });
      if (changed) moved++;
    }
    cursor = batch[batch.length - 1].id;
  }
}
