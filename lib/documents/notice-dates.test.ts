import { describe, expect, it } from 'vitest';
import {
  answerDueText,
  correctionPeriodText,
  HOLIDAY_ADJUSTMENT_CLAUSE,
  letterDate,
  calendarChangeReason,
  noticeCorrectionFields,
  parseStatedDates,
  paymentPeriodText,
  provisionalDateText,
  statedAnswerDue,
} from './notice-dates';

/** docs/decisions.md "years without a notice": a letter stating a provisional date marks it and says what it depends on. */
describe('letters stating a date counted through a year without a holiday notice', () => {
  it('marks the date 暂定 and adds the holiday-adjustment clause; a fixed date gets neither', () => {
    expect(HOLIDAY_ADJUSTMENT_CLAUSE).toBe('如遇国家法定节假日调整，以调整后的期限为准');
    expect(letterDate('2027-01-08', true)).toBe('2027年1月8日（暂定）');
    expect(letterDate('2026-03-30')).toBe('2026年3月30日');
    expect(answerDueText('2027-01-22', [], true)).toBe('本机关将于2027年1月22日（暂定）前作出答复。如遇国家法定节假日调整，以调整后的期限为准。');
    expect(answerDueText('2026-04-14', [])).toBe('本机关将于2026年4月14日前作出答复。');
    expect(answerDueText('2027-01-22', ['consultation'], true)).toMatch(/最迟于2027年1月22日（暂定）前作出答复。如遇国家法定节假日调整，以调整后的期限为准。$/);
  });

  it('correction and payment periods with a known delivery', () => {
    expect(correctionPeriodText('2026-12-28', '2027-01-12', true)).toBe(
      '（本告知书已于2026年12月28日送达，补正期限至2027年1月12日（暂定）止；如遇国家法定节假日调整，以调整后的期限为准）',
    );
    expect(correctionPeriodText('2026-03-05', '2026-03-26')).toBe('（本告知书已于2026年3月5日送达，补正期限至2026年3月26日止）');
    expect(paymentPeriodText('2026-12-28', '2027-01-26', true)).toContain('缴费期限至2027年1月26日（暂定）止；如遇国家法定节假日调整');
    expect(paymentPeriodText(null, '2027-01-26', true)).toBe('');
    expect(provisionalDateText('2027-01-12', 'correction', true)).toContain('补正期限自您收到本告知书之日起计算；如遇国家法定节假日调整，以调整后的期限为准）');
    expect(provisionalDateText('2026-03-12', 'fee')).not.toContain('节假日');
  });

  it('a 更正告知书 stating a provisional current date says so', () => {
    const fields = noticeCorrectionFields({
      letterTitle: '政府信息公开申请延期答复告知书',
      letterDocNumber: '延〔2026〕1号',
      letterIssuedOn: '2026-12-28',
      stated: '2027-01-22',
      statedWasLatest: false,
      current: '2027-01-25',
      currentIsProvisional: false,
      currentCalendarProvisional: true,
      changeReason: '',
    });
    expect(fields.correctedText).toBe(
      '根据《条例》第三十三条的规定，本申请的答复期限于2027年1月25日（暂定）届满，本机关将于2027年1月25日（暂定）前作出答复。如遇国家法定节假日调整，以调整后的期限为准。',
    );
  });

  it('stores that a stated date was 暂定, and gives the notice as the reason when it moves', () => {
    const stated = statedAnswerDue('2027-01-22', [], true);
    expect(stated).toEqual({ answerDueOn: '2027-01-22', answerDueIsLatest: false, answerDueCalendarProvisional: true });
    expect(parseStatedDates(JSON.parse(JSON.stringify(stated)))).toEqual(stated);
    expect(statedAnswerDue('2026-04-14', [])).toEqual({ answerDueOn: '2026-04-14', answerDueIsLatest: false });
    expect(calendarChangeReason(2027)).toContain('国务院办公厅已公布2027年部分节假日安排');
  });
});
