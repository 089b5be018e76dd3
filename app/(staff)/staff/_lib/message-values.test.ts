import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '@/lib/i18n/catalogue';
import type { ExplanationStep } from '@/lib/deadlines/types';
import { deadlineIssueText, deadlineStepText, messageText, toMessageValues, type Translate } from './message-values';

function translator(locale: 'zh-CN' | 'en'): Translate {
  return createTranslator({ locale, messages: messagesFor(locale) }) as unknown as Translate;
}

/** One step of every kind the ledger produces (lib/deadlines/types.ts ExplanationStep). */
const STEPS: ExplanationStep[] = [
  { key: 'deadline.clock_not_started', params: {} },
  { key: 'deadline.received', params: { date: '2026-02-12' } },
  { key: 'deadline.correction_notice_due', params: { round: 1, from: '2026-02-12', due: '2026-02-28' } },
  { key: 'deadline.correction_requested', params: { round: 1, date: '2026-02-25', periodEnds: null } },
  { key: 'deadline.correction_notice_late', params: { round: 1, date: '2026-03-02', due: '2026-02-28' } },
  { key: 'deadline.correction_pending', params: { round: 1, periodEnds: '2026-03-10' } },
  { key: 'deadline.correction_lapsed', params: { round: 1, periodEnds: '2026-03-10' } },
  { key: 'deadline.corrected', params: { round: 1, date: '2026-03-04' } },
  { key: 'deadline.answer_period', params: { from: '2026-03-04', firstDay: '2026-03-05', days: 20, due: '2026-04-01' } },
  {
    key: 'deadline.consultation',
    params: {
      kind: 'third_party',
      sentOn: '2026-03-09',
      receivedByPartyOn: '2026-03-10',
      replyDue: '2026-03-31',
      repliedOn: null,
      excludedUntil: '2026-03-31',
      excludedWorkingDays: 16,
      isOpen: true,
    },
  },
  { key: 'deadline.fee_notice', params: { issuedOn: '2026-03-09', receivedOn: null, paymentDue: '2026-04-08', paidOn: '2026-03-20' } },
  { key: 'deadline.fee_pause', params: { from: '2026-03-09', until: '2026-03-20', excludedWorkingDays: 9 } },
  { key: 'deadline.fee_not_paused', params: {} },
  { key: 'deadline.fee_lapsed', params: { paymentDue: '2026-04-08' } },
  { key: 'deadline.excluded_total', params: { days: 9, due: '2026-04-15' } },
  { key: 'deadline.extension', params: { approvedOn: '2026-04-10', days: 15, due: '2026-05-09' } },
  { key: 'deadline.delayed_answer', params: { decidedOn: '2026-04-10', answerBy: '2026-06-30' } },
  { key: 'deadline.answer_due', params: { date: '2026-05-09', basis: 'extended', isProvisional: true } },
  { key: 'deadline.calendar_days_off', params: { from: '2026-02-15', to: '2026-02-23', names: ['spring_festival'] } },
  { key: 'deadline.calendar_makeup_workday', params: { date: '2026-02-14', name: 'spring_festival' } },
  { key: 'deadline.calendar_not_loaded', params: { years: [2027, 2028] } },
  { key: 'deadline.working_days_left', params: { asOf: '2026-11-26', days: -5, overdue: true } },
  { key: 'deadline.answered', params: { date: '2026-05-08', onTime: true } },
];

describe('deadline explanation in the user’s language', () => {
  it('renders every step kind in both locales without a placeholder left over', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = translator(locale);
      for (const step of STEPS) {
        const text = deadlineStepText(t, step);
        expect(text, `${locale} ${step.key}`).not.toMatch(/[{}]|deadline\./);
        expect(text.length).toBeGreaterThan(5);
      }
    }
  });

  it('uses the 条例’s terms and the hand-counted dates', () => {
    const t = translator('zh-CN');
    const text = (i: number) => deadlineStepText(t, STEPS[i]);
    expect(text(1)).toBe('收到申请之日（第三十一条）：2026-02-12。');
    expect(text(2)).toBe('第1次补正告知应自2026-02-12起7个工作日内作出（第三十条），即2026-02-28前。');
    expect(text(3)).toBe('2026-02-25发出第1次补正告知，补正期限未记录。');
    expect(text(9)).toBe(
      '2026-03-09征求第三方意见（第三十二条），对方于2026-03-10收到，应于2026-03-31前答复（15个工作日）；尚未答复；发函次日至2026-03-31的16个工作日不计入答复期限（第三十三条第三款）。',
    );
    expect(text(17)).toBe('答复期限：2026-05-09（延期答复，第三十三条第二款），暂定。');
    expect(text(18)).toBe('2026年节假日：春节02-15–02-23放假，其中工作日不计。');
    expect(text(19)).toBe('2026年调休：02-14（星期六）上班（春节调休），计为工作日。');
    expect(text(20)).toBe('2027、2028年节假日安排尚未导入：该年度暂按《全国年节及纪念日放假办法》规定的法定节假日计算（不含调休上班日），相关期限为暂定，导入国务院办公厅通知后自动重新计算。');
    expect(text(21)).toBe('截至2026-11-26：已超期5个工作日。');
  });

  it('reads in English too', () => {
    const t = translator('en');
    expect(deadlineStepText(t, STEPS[17])).toBe('Answer due: 2026-05-09 (extended, Art. 33 para 2), provisional.');
    expect(deadlineStepText(t, STEPS[19])).toBe('2026 calendar: Saturday 02-14 is a workday (make-up for Spring Festival).');
    expect(deadlineStepText(t, STEPS[21])).toBe('As of 2026-11-26: overdue by 5 working days.');
  });

  it('explains ledger issues and falls back for unknown keys', () => {
    const t = translator('zh-CN');
    expect(deadlineIssueText(t, { code: 'extension.approved_after_due', params: { approvedOn: '2026-04-20', due: '2026-04-15' } })).toBe(
      '延期答复于2026-04-20批准，晚于原答复期限2026-04-15；第三十三条第二款只允许在答复期限内延期，该延期不计入。',
    );
    expect(messageText(t, 'case.conflict')).toBe('该申请已被他人修改，请刷新后重试。');
    expect(messageText(t, 'no.such.key')).toBe(t('errors.generic'));
  });

  it('turns nullable and boolean facts into select values', () => {
    expect(toMessageValues({ a: null, b: true, c: false, d: 3, e: ['x', 'y'], f: { g: 1 } })).toEqual({ a: 'none', b: 'yes', c: 'no', d: 3, e: 'x, y' });
  });
});
