/**
 * The dates a notice states, and the sentences that state them (issue 9 "a date in a letter stays true").
 * Document text (official Chinese), not UI text. Pure.
 *
 * Rule (docs/decisions.md "a date in a letter"): a letter states a date only when the facts at issue fix it;
 * otherwise it says what the date depends on.
 * - The correction period and the fee payment period run from the applicant's receipt of the notice
 *   (Art. 30; regulations.md §11, §15): the notice gives the period in working days from receipt, and the last
 *   day only when the delivery is already known when it is issued (e.g. handed over at the counter).
 * - The answer date in a 延期答复告知书: stated as the date when nothing open can still move it; while a
 *   consultation (Art. 33 para 3) or a paused fee is open, the letter says the excluded time does not count,
 *   that the date will be fixed and notified when it ends, and gives the latest date the current facts allow.
 * - What a letter stated is stored on the Document (`statedDates`) so a later fact that moves the date is
 *   detected (lib/deadlines ledger `letterConflicts`) and a 更正告知书 can be issued.
 */
import type { IsoDate } from '@/lib/calendar/iso-date';
import type { StatedLetterDates } from '@/lib/deadlines/types';
import { formatChineseDate } from '@/lib/documents/templates';

/**
 * A date counted through a year whose State Council holiday notice is not out yet is 暂定 (docs/decisions.md
 * "years without a notice"): the letter keeps the date, marks it （暂定） and adds this clause, so it stays true
 * whatever the notice brings. The date itself is recomputed when the notice is imported; a letter whose stated
 * date then moves is listed for a 更正告知书 like any other (ledger `letterConflicts`).
 */
export const HOLIDAY_ADJUSTMENT_CLAUSE = '如遇国家法定节假日调整，以调整后的期限为准';

/** `2027年1月8日` or, counted through a provisional year, `2027年1月8日（暂定）`. */
export function letterDate(date: IsoDate, calendarProvisional = false): string {
  return calendarProvisional ? `${formatChineseDate(date)}（暂定）` : formatChineseDate(date);
}

/**
 * `（本告知书已于2026年3月5日送达，补正期限至2026年3月26日止）`, or '' while the delivery is unknown. With a
 * provisional calendar: `…补正期限至2027年1月8日（暂定）止；如遇国家法定节假日调整，以调整后的期限为准）`.
 */
export function correctionPeriodText(deliveredOn: IsoDate | null, periodEndsOn: IsoDate | null, calendarProvisional = false): string {
  if (!deliveredOn || !periodEndsOn) return '';
  const clause = calendarProvisional ? `；${HOLIDAY_ADJUSTMENT_CLAUSE}` : '';
  return `（本告知书已于${formatChineseDate(deliveredOn)}送达，补正期限至${letterDate(periodEndsOn, calendarProvisional)}止${clause}）`;
}

/** `（本通知已于2026年3月11日送达，缴费期限至2026年4月9日止）`, or '' while the applicant's receipt is unknown. */
export function paymentPeriodText(receivedOn: IsoDate | null, paymentDueOn: IsoDate | null, calendarProvisional = false): string {
  if (!receivedOn || !paymentDueOn) return '';
  const clause = calendarProvisional ? `；${HOLIDAY_ADJUSTMENT_CLAUSE}` : '';
  return `（本通知已于${formatChineseDate(receivedOn)}送达，缴费期限至${letterDate(paymentDueOn, calendarProvisional)}止${clause}）`;
}

/**
 * For an organisation's own template that still prints the last day of the period ({{correctionPeriodEndsOn}},
 * {{paymentDueOn}}) while the delivery is unknown: the date counted from sending, with what it depends on.
 */
export function provisionalDateText(date: IsoDate, notice: 'correction' | 'fee', calendarProvisional = false): string {
  const clause = calendarProvisional ? `；${HOLIDAY_ADJUSTMENT_CLAUSE}` : '';
  return notice === 'correction'
    ? `${formatChineseDate(date)}（暂按本告知书发出之日计算；补正期限自您收到本告知书之日起计算${clause}）`
    : `${formatChineseDate(date)}（暂按本通知发出之日计算；缴费期限自您收到本通知之次日起计算${clause}）`;
}

export type OpenPause = 'consultation' | 'fee';

/**
 * The answer-date sentence of a 延期答复告知书. `openPauses` = what is still open and may move the date
 * (an open consultation, a fee notice awaiting payment with the clock paused).
 */
export function answerDueText(answerDue: IsoDate | null, openPauses: readonly OpenPause[], calendarProvisional = false): string {
  if (!answerDue) return '';
  const date = letterDate(answerDue, calendarProvisional);
  const clause = calendarProvisional ? `${HOLIDAY_ADJUSTMENT_CLAUSE}。` : '';
  if (openPauses.length === 0) return `本机关将于${date}前作出答复。${clause}`;
  const what = openPauses
    .map((p) => (p === 'consultation' ? '征求第三方或者其他机关意见' : '等待您缴纳信息处理费'))
    .join('、');
  const basis = openPauses.includes('consultation') ? '（《条例》第三十三条第三款）' : '';
  return (
    `本机关正在${what}，所需时间不计算在答复期限内${basis}，答复期限届满之日将在该程序结束后确定并另行告知；` +
    `按目前情况，本机关最迟于${date}前作出答复。${clause}`
  );
}

/** What a notice states, stored on its Document as `statedDates`. */
export function statedAnswerDue(answerDue: IsoDate | null, openPauses: readonly OpenPause[], calendarProvisional = false): StatedLetterDates | null {
  if (!answerDue) return null;
  return { answerDueOn: answerDue, answerDueIsLatest: openPauses.length > 0, ...(calendarProvisional ? { answerDueCalendarProvisional: true } : {}) };
}

/** Why a date stated as 暂定 moved: the year's holiday notice came out (the 更正告知书's reason). */
export function calendarChangeReason(year: number): string {
  return `原告知书所载答复日期系按《全国年节及纪念日放假办法》规定的法定节假日暂定计算。国务院办公厅已公布${year}年部分节假日安排，答复期限按公布的放假安排重新计算。`;
}

/** Reads Document.statedDates (JSON) defensively. */
export function parseStatedDates(value: unknown): StatedLetterDates | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const out: StatedLetterDates = {};
  if (typeof v.answerDueOn === 'string') out.answerDueOn = v.answerDueOn;
  if (typeof v.answerDueIsLatest === 'boolean') out.answerDueIsLatest = v.answerDueIsLatest;
  if (v.answerDueCalendarProvisional === true) out.answerDueCalendarProvisional = true;
  if (typeof v.correctionPeriodEndsOn === 'string') out.correctionPeriodEndsOn = v.correctionPeriodEndsOn;
  if (typeof v.paymentDueOn === 'string') out.paymentDueOn = v.paymentDueOn;
  return Object.keys(out).length > 0 ? out : null;
}

/** The 更正告知书's fields for a letter whose stated answer date a later fact moved. */
export function noticeCorrectionFields(params: {
  letterTitle: string;
  letterDocNumber: string | null;
  letterIssuedOn: IsoDate;
  stated: IsoDate;
  statedWasLatest: boolean;
  current: IsoDate;
  currentIsProvisional: boolean;
  /** The current date was counted through a year whose holiday notice is not out yet (暂定). */
  currentCalendarProvisional?: boolean;
  /** Why the date moved, as a sentence (e.g. the consultation ended on …). */
  changeReason: string;
}): Record<string, string> {
  const statedDateText = params.statedWasLatest
    ? `本机关最迟于${formatChineseDate(params.stated)}前作出答复`
    : `本机关将于${formatChineseDate(params.stated)}前作出答复`;
  const current = letterDate(params.current, params.currentCalendarProvisional === true);
  const clause = params.currentCalendarProvisional ? `${HOLIDAY_ADJUSTMENT_CLAUSE}。` : '';
  const correctedText = params.currentIsProvisional
    ? `根据《条例》第三十三条的规定，按目前情况，本机关最迟于${current}前作出答复；答复期限届满之日确定后另行告知。${clause}`
    : `根据《条例》第三十三条的规定，本申请的答复期限于${current}届满，本机关将于${current}前作出答复。${clause}`;
  return {
    correctedNoticeDate: formatChineseDate(params.letterIssuedOn),
    correctedNoticeTitle: `《${params.letterTitle}》`,
    correctedDocNumber: params.letterDocNumber ?? '',
    statedDateText,
    changeReason: params.changeReason,
    correctedText,
  };
}
