import { describe, expect, it } from 'vitest';
import data from '@/lib/calendar/cn-holidays.json';
import {
  holidayCode,
  missingCalendarYears,
  normaliseDate,
  parseCalendarCsv,
  parseCalendarInput,
  parseHolidayNotice,
} from './calendar-input';

/** The 2025 notice (国办发明电〔2024〕12号) as published, items one to six. */
const NOTICE_2025 = `国务院办公厅关于2025年部分节假日安排的通知
经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

/** The 2023 notice (国务院办公厅, 2022-12-08) as published (regulations.md §14 table), items one to six. */
const NOTICE_2023 = `国务院办公厅关于2023年部分节假日安排的通知
一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
三、清明节：4月5日放假，共1天。
四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。`;

describe('parseHolidayNotice', () => {
  it('reads the 2025 notice into exactly the shipped 2025 calendar (dates and kinds)', () => {
    const { rows, issues } = parseHolidayNotice(NOTICE_2025, 2025);
    expect(issues).toEqual([]);
    const shipped = data.years['2025'];
    expect(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)).toEqual(shipped.holidays.map((d) => d.date));
    expect(rows.filter((r) => r.kind === 'workday').map((r) => r.date)).toEqual(shipped.workdays.map((d) => d.date));
  });

  it('names days by the holiday code of the item (the first holiday named)', () => {
    const { rows } = parseHolidayNotice(NOTICE_2025, 2025);
    expect(rows.find((r) => r.date === '2025-01-26')).toEqual({ date: '2025-01-26', kind: 'workday', name: 'spring_festival' });
    expect(rows.find((r) => r.date === '2025-10-06')?.name).toBe('national_day');
  });

  it('reports dates outside the notice year (and its December spill-over) and lines that mention 放假 without a date', () => {
    const { rows, issues } = parseHolidayNotice('一、元旦：2024年11月30日放假。2026年1月1日放假。2025年1月1日放假。\n二、春节：放假安排另行通知。', 2025);
    expect(rows.map((r) => r.date)).toEqual(['2025-01-01']);
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [1, 'date_outside_year'],
      [1, 'date_outside_year'],
      [2, 'no_dates'],
    ]);
  });

  it('imports a notice whose New Year range starts in the previous year (the 2023 notice: 2022年12月31日至2023年1月2日)', () => {
    const { rows, issues } = parseHolidayNotice(NOTICE_2023, 2023);
    expect(issues).toEqual([]);
    const shippedOff = [...data.years['2022'].holidays.filter((d) => d.date === '2022-12-31'), ...data.years['2023'].holidays].map((d) => d.date);
    expect(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)).toEqual(shippedOff);
    expect(rows.filter((r) => r.kind === 'workday').map((r) => r.date)).toEqual(data.years['2023'].workdays.map((d) => d.date));
    expect(rows[0]).toEqual({ date: '2022-12-31', kind: 'holiday', name: 'new_year' });
  });

  it('reads a New Year range written without years ("12月31日至1月2日") as starting in December of the previous year', () => {
    const { rows, issues } = parseHolidayNotice('一、元旦：12月31日至1月2日放假调休，共3天。', 2023);
    expect(issues).toEqual([]);
    expect(rows.map((r) => r.date)).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
  });

  it('reports a day that is both off and a workday', () => {
    const { issues } = parseHolidayNotice('元旦：1月1日放假。1月1日上班。', 2027);
    expect(issues).toEqual([{ line: 1, code: 'conflict', value: '2027-01-01' }]);
  });
});

describe('parseCalendarCsv', () => {
  it('reads date,kind,name with a header, Chinese kinds and names', () => {
    const csv = 'date,kind,name\n2027-01-01,holiday,元旦\n2027/2/6,上班,春节\n\n# comment\n2027-02-07,放假,spring_festival';
    expect(parseCalendarCsv(csv, 2027)).toEqual({
      rows: [
        { date: '2027-01-01', kind: 'holiday', name: 'new_year' },
        { date: '2027-02-06', kind: 'workday', name: 'spring_festival' },
        { date: '2027-02-07', kind: 'holiday', name: 'spring_festival' },
      ],
      issues: [],
    });
  });

  it('gives every bad line its line number', () => {
    const { rows, issues } = parseCalendarCsv('2027-02-30,holiday,x\n2027-03-01,sometimes,x\n2026-03-02,holiday,x\n2027-03-03,holiday\n2027-03-03,holiday', 2027);
    expect(rows).toHaveLength(1);
    expect(issues).toEqual([
      { line: 1, code: 'invalid_date', value: '2027-02-30' },
      { line: 2, code: 'invalid_kind', value: 'sometimes' },
      { line: 3, code: 'date_outside_year', value: '2026-03-02' },
      { line: 5, code: 'duplicate_date', value: '2027-03-03' },
    ]);
  });
});

describe('helpers', () => {
  it('normaliseDate accepts the usual spellings and rejects impossible dates', () => {
    expect(normaliseDate('2027年1月1日')).toBe('2027-01-01');
    expect(normaliseDate('2027.10.8')).toBe('2027-10-08');
    expect(normaliseDate('2027-13-01')).toBeNull();
    expect(normaliseDate('1月1日')).toBeNull();
  });

  it('holidayCode maps Chinese names and keeps free text', () => {
    expect(holidayCode('国庆节、中秋节')).toBe('national_day');
    expect(holidayCode('中秋节、国庆节')).toBe('mid_autumn');
    expect(holidayCode(' 抗战胜利纪念日 ')).toBe('抗战胜利纪念日');
    expect(holidayCode('Spring Festival')).toBe('spring_festival');
    expect(holidayCode('dragon_boat')).toBe('dragon_boat');
  });

  it('parseCalendarInput picks CSV or notice by the text', () => {
    expect(parseCalendarInput('2027-01-01,holiday,元旦', 2027).rows).toHaveLength(1);
    expect(parseCalendarInput('元旦：1月1日放假1天。', 2027).rows).toEqual([{ date: '2027-01-01', kind: 'holiday', name: 'new_year' }]);
  });

  it('missingCalendarYears flags the current and next year, next year urgent from October', () => {
    expect(missingCalendarYears([2025, 2026], '2026-03-01')).toEqual([{ year: 2027, isUrgent: false }]);
    expect(missingCalendarYears([2025, 2026], '2026-10-31')).toEqual([{ year: 2027, isUrgent: false }]);
    expect(missingCalendarYears([2025, 2026], '2026-11-01')).toEqual([{ year: 2027, isUrgent: true }]); // reminded from November
    expect(missingCalendarYears([2025, 2026], '2026-11-20')).toEqual([{ year: 2027, isUrgent: true }]);
    expect(missingCalendarYears([2026, 2027], '2026-11-20')).toEqual([]);
    expect(missingCalendarYears([2025], '2027-01-05')).toEqual([
      { year: 2027, isUrgent: true },
      { year: 2028, isUrgent: false },
    ]);
  });
});
