/**
 * Plain-text rendering of a ledger's explanation, for tests and the CLI. The UI renders the same steps
 * through its message catalogue; this is not the user-facing text of the app.
 * Chinese wording uses the 条例's own terms (收到申请之日, 补正, 征求第三方意见, 延期答复, 收费通知, 工作日).
 */
import { dayOfWeek, type IsoDate } from '@/lib/calendar/iso-date';
import type { AnswerDueBasis, ConsultationKind, ExplanationStep } from './types';

export type ExplainLanguage = 'en' | 'zh';

const HOLIDAY_LABELS: Record<string, { en: string; zh: string }> = {
  new_year: { en: "New Year's Day", zh: '元旦' },
  spring_festival: { en: 'Spring Festival', zh: '春节' },
  qingming: { en: 'Qingming Festival', zh: '清明节' },
  labour_day: { en: 'Labour Day', zh: '劳动节' },
  dragon_boat: { en: 'Dragon Boat Festival', zh: '端午节' },
  mid_autumn: { en: 'Mid-Autumn Festival', zh: '中秋节' },
  national_day: { en: 'National Day', zh: '国庆节' },
};

const WEEKDAYS = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  zh: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
} as const;

const BASIS: Record<AnswerDueBasis, { en: string; zh: string }> = {
  statutory: { en: 'Art. 33', zh: '第三十三条' },
  extended: { en: 'extended, Art. 33 para 2', zh: '延期答复，第三十三条第二款' },
  delayed_answer: { en: 'delayed answer, Art. 35', zh: '延迟答复，第三十五条' },
};

const CONSULTATION: Record<ConsultationKind, { en: string; zh: string }> = {
  third_party: { en: 'Third-party consultation (Art. 32)', zh: '征求第三方意见（第三十二条）' },
  agency: { en: 'Consultation of another agency (Art. 34)', zh: '征求其他机关意见（第三十四条）' },
};

/** One line per step, joined by newlines. */
export function explainToText(steps: readonly ExplanationStep[], lang: ExplainLanguage): string {
  return steps.map((s) => explainStep(s, lang)).join('\n');
}

export function explainStep(step: ExplanationStep, lang: ExplainLanguage): string {
  const zh = lang === 'zh';
  switch (step.key) {
    case 'deadline.clock_not_started':
      return zh
        ? '收到申请之日尚未确认（第三十一条），各项期限均未起算。'
        : 'Receipt not yet confirmed (Art. 31): no period runs.';
    case 'deadline.received':
      return zh ? `收到申请之日（第三十一条）：${step.params.date}。` : `Legal receipt date (Art. 31): ${step.params.date}.`;
    case 'deadline.correction_notice_due': {
      const { round, from, due } = step.params;
      return zh
        ? `第${round}次补正告知应自${from}起7个工作日内作出（第三十条），即${due}前。`
        : `Correction notice (round ${round}) due within 7 working days of ${from} (Art. 30): by ${due}.`;
    }
    case 'deadline.correction_requested': {
      const { round, date, periodEnds } = step.params;
      return zh
        ? `${date}发出第${round}次补正告知，补正期限${periodEnds ? `至${periodEnds}` : '未记录'}。`
        : `Correction requested (round ${round}) on ${date}; correction period ${periodEnds ? `ends ${periodEnds}` : 'not recorded'}.`;
    }
    case 'deadline.correction_notice_late': {
      const { date, due } = step.params;
      return zh
        ? `补正告知超过7个工作日：${date}发出，应于${due}前发出。`
        : `Late: the correction notice was sent on ${date}, after the limit of ${due}.`;
    }
    case 'deadline.correction_pending': {
      const ends = step.params.periodEnds ?? (zh ? '（未记录）' : '(not recorded)');
      return zh
        ? `等待申请人补正（补正期限至${ends}）；答复期限自收到补正之日起重新计算（第三十条）。`
        : `Waiting for the correction (period ends ${ends}); the answer period starts when it is received (Art. 30).`;
    }
    case 'deadline.correction_lapsed':
      return zh
        ? `申请人逾期未补正（补正期限至${step.params.periodEnds}），视为放弃申请（第三十条）。`
        : `No correction by ${step.params.periodEnds}: deemed to have given up the application (Art. 30).`;
    case 'deadline.corrected':
      return zh
        ? `${step.params.date}收到补正后的申请，答复期限重新起算（第三十条）。`
        : `Correction received on ${step.params.date}: the answer period restarts in full (Art. 30).`;
    case 'deadline.answer_period': {
      const { from, firstDay, days, due } = step.params;
      return zh
        ? `答复期限：自${from}起${days}个工作日（第1个工作日为${firstDay}），至${due}（第三十三条第二款）。`
        : `Answer period: ${days} working days from ${from} (day 1 = ${firstDay}) → ${due} (Art. 33 para 2).`;
    }
    case 'deadline.consultation': {
      const p = step.params;
      const label = CONSULTATION[p.kind][lang];
      if (zh) {
        const received = p.receivedByPartyOn ? `，对方于${p.receivedByPartyOn}收到` : '';
        const reply = p.repliedOn ? `${p.repliedOn}收到答复` : p.isOpen ? '尚未答复' : '逾期未答复';
        return `${p.sentOn}${label}${received}，应于${p.replyDue}前答复（15个工作日）；${reply}；发函次日至${p.excludedUntil}的${p.excludedWorkingDays}个工作日不计入答复期限（第三十三条第三款）。`;
      }
      const received = p.receivedByPartyOn ? `, received ${p.receivedByPartyOn}` : '';
      const reply = p.repliedOn ? `replied ${p.repliedOn}` : p.isOpen ? 'no reply yet' : 'no reply in time';
      return `${label} sent ${p.sentOn}${received}; reply due ${p.replyDue} (15 working days); ${reply}; ${p.excludedWorkingDays} working days after sending, up to ${p.excludedUntil}, not counted (Art. 33 para 3).`;
    }
    case 'deadline.fee_notice': {
      const p = step.params;
      if (zh) {
        const received = p.receivedOn ? `，申请人${p.receivedOn}收到` : '';
        const paid = p.paidOn ? `${p.paidOn}已缴费` : '尚未缴费';
        return `${p.issuedOn}发出收费通知${received}，应于${p.paymentDue}前缴费（自收到通知次日起20个工作日）；${paid}。`;
      }
      const received = p.receivedOn ? `, received ${p.receivedOn}` : '';
      const paid = p.paidOn ? `paid ${p.paidOn}` : 'not paid';
      return `Fee notice issued ${p.issuedOn}${received}; payment due ${p.paymentDue} (20 working days from the day after receipt); ${paid}.`;
    }
    case 'deadline.fee_pause': {
      const { from, until, excludedWorkingDays } = step.params;
      return zh
        ? `收费通知发出次日（${from}之后）至${until}的${excludedWorkingDays}个工作日不计入答复期限（系统设置）。`
        : `Fee pending after ${from} up to ${until}: ${excludedWorkingDays} working days not counted (setting).`;
    }
    case 'deadline.delivery_unknown': {
      const { notice, sentOn, provisionalEnd } = step.params;
      const zhNotice = notice === 'correction' ? '补正告知书' : '收费通知';
      const zhPeriod = notice === 'correction' ? '补正期限' : '缴费期限';
      return zh
        ? `${zhNotice}的送达尚未登记：${zhPeriod}暂自发出之日（${sentOn}）起算，至${provisionalEnd}（暂定）；登记送达后按送达日期重新计算。`
        : `Delivery of the ${notice === 'correction' ? 'correction notice' : 'fee notice'} not recorded: its period counts from sending (${sentOn}) for now, to ${provisionalEnd} (provisional); recorded delivery recomputes it.`;
    }
    case 'deadline.letter_date_moved': {
      const { docNumber, stated, current, nowFixed } = step.params;
      if (stated === current) {
        return zh
          ? `${docNumber}告知书所载答复日期${stated}系暂定（最迟日期），现已确定为${current}，应另行告知申请人（更正告知）。`
          : `Letter ${docNumber} gave ${stated} as the latest answer date; it is now fixed at ${current}: tell the applicant (corrected notice).`;
      }
      return zh
        ? `${docNumber}告知书载明的答复日期为${stated}，其后的办理情况使法定答复期限变为${current}：以法定期限为准，应向申请人发出更正告知书${nowFixed ? '（期限已确定）' : ''}。`
        : `Letter ${docNumber} stated the answer date ${stated}; later facts moved the statutory date to ${current}: the statutory date binds, send a corrected notice${nowFixed ? ' (the date is now fixed)' : ''}.`;
    }
    case 'deadline.letter_corrected': {
      const { docNumber, correctionDocNumber, date } = step.params;
      return zh
        ? `${docNumber}告知书所载日期已由更正告知书${correctionDocNumber}更正为${date}。`
        : `The date of letter ${docNumber} was corrected to ${date} by notice ${correctionDocNumber}.`;
    }
    case 'deadline.fee_not_paused':
      return zh ? '缴费期间计入答复期限（系统设置）。' : 'The fee period counts toward the answer period (setting).';
    case 'deadline.fee_lapsed':
      return zh
        ? `申请人逾期未缴费（应于${step.params.paymentDue}前缴纳），视为放弃申请。`
        : `Not paid by ${step.params.paymentDue}: deemed to have given up the application.`;
    case 'deadline.excluded_total':
      return zh
        ? `共${step.params.days}个工作日不计入答复期限（重叠期间只计一次），答复期限顺延至${step.params.due}。`
        : `${step.params.days} working days excluded in total (overlaps counted once): due date moves to ${step.params.due}.`;
    case 'deadline.extension': {
      const { approvedOn, days, due } = step.params;
      return zh
        ? `${approvedOn}经批准延期答复${days}个工作日（第三十三条第二款），延期至${due}。`
        : `Extension approved ${approvedOn}: ${days} more working days (Art. 33 para 2) → ${due}.`;
    }
    case 'deadline.delayed_answer':
      return zh
        ? `${step.params.decidedOn}决定延迟答复，答复期限为${step.params.answerBy}（第三十五条）。`
        : `Delayed answer decided ${step.params.decidedOn}: answer by ${step.params.answerBy} (Art. 35).`;
    case 'deadline.answer_due': {
      const { date, basis, isProvisional } = step.params;
      return zh
        ? `答复期限：${date}（${BASIS[basis].zh}）${isProvisional ? '，暂定' : ''}。`
        : `Answer due: ${date} (${BASIS[basis].en})${isProvisional ? ', provisional' : ''}.`;
    }
    case 'deadline.calendar_days_off': {
      const { from, to, names } = step.params;
      const labels = names.map((n) => holidayLabel(n, lang)).join(zh ? '、' : ' and ');
      return zh
        ? `${from.slice(0, 4)}年节假日：${labels}${shortRange(from, to, '至')}放假，其中工作日不计。`
        : `${from.slice(0, 4)} calendar: ${labels} ${shortRange(from, to, '–')} off (its weekdays do not count).`;
    }
    case 'deadline.calendar_makeup_workday': {
      const { date, name } = step.params;
      const weekday = WEEKDAYS[lang][dayOfWeek(date)];
      const holiday = name ? holidayLabel(name, lang) : '';
      return zh
        ? `${date.slice(0, 4)}年调休：${date.slice(5)}（${weekday}）上班${holiday ? `（${holiday}调休）` : ''}，计为工作日。`
        : `${date.slice(0, 4)} calendar: ${weekday} ${date.slice(5)} is a workday${holiday ? ` (make-up for ${holiday})` : ''}.`;
    }
    case 'deadline.calendar_not_loaded': {
      const years = step.params.years.join(zh ? '、' : ', ');
      return zh
        ? `${years}年节假日安排尚未导入：该年度暂按《全国年节及纪念日放假办法》规定的法定节假日计算（不含调休上班日），相关期限为暂定，导入国务院办公厅通知后自动重新计算。`
        : `Holiday arrangement for ${years} not imported: that year counts only the statutory holidays of the national holiday regulation (no make-up workdays), so dates depending on it are provisional; they are recomputed when the State Council notice is imported.`;
    }
    case 'deadline.working_days_left': {
      const { asOf, days, overdue } = step.params;
      if (overdue) return zh ? `截至${asOf}：已超期${-days}个工作日。` : `As of ${asOf}: overdue by ${-days} working days.`;
      return zh ? `截至${asOf}：剩余${days}个工作日。` : `As of ${asOf}: ${days} working days left.`;
    }
    case 'deadline.answered':
      return zh
        ? `${step.params.date}已答复，${step.params.onTime ? '未超期' : '已超期'}。`
        : `Answered on ${step.params.date}: ${step.params.onTime ? 'on time' : 'late'}.`;
    default:
      return assertNever(step);
  }
}

function holidayLabel(name: string, lang: ExplainLanguage): string {
  return HOLIDAY_LABELS[name]?.[lang] ?? name;
}

/** '02-15–02-23' inside one year, full dates across a year end. */
function shortRange(from: IsoDate, to: IsoDate, sep: string): string {
  if (from === to) return from.slice(5);
  return from.slice(0, 4) === to.slice(0, 4) ? `${from.slice(5)}${sep}${to.slice(5)}` : `${from}${sep}${to}`;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled explanation step: ${JSON.stringify(value)}`);
}
