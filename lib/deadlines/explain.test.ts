import { describe, expect, it } from 'vitest';
import { cnCalendar } from '@/lib/calendar/cn-calendar';
import { computeDeadlines } from './compute-deadlines';
import { explainToText } from './explain';

describe('explainToText', () => {
  const fixedPoint = computeDeadlines({ receivedOn: '2026-02-12', asOf: '2026-03-02' }, cnCalendar);

  it('renders the fixed point in English', () => {
    expect(explainToText(fixedPoint.steps, 'en').split('\n')).toEqual([
      'Legal receipt date (Art. 31): 2026-02-12.',
      'Correction notice (round 1) due within 7 working days of 2026-02-12 (Art. 30): by 2026-02-28.',
      'Answer period: 20 working days from 2026-02-12 (day 1 = 2026-02-13) → 2026-03-18 (Art. 33 para 2).',
      'Answer due: 2026-03-18 (Art. 33).',
      '2026 calendar: Spring Festival 02-15–02-23 off (its weekdays do not count).',
      '2026 calendar: Saturday 02-14 is a workday (make-up for Spring Festival).',
      '2026 calendar: Saturday 02-28 is a workday (make-up for Spring Festival).',
      'As of 2026-03-02: 12 working days left.',
    ]);
  });

  it('renders the fixed point in Chinese with the law’s terms', () => {
    const text = explainToText(fixedPoint.steps, 'zh');
    expect(text).toContain('收到申请之日（第三十一条）：2026-02-12。');
    expect(text).toContain('第1次补正告知应自2026-02-12起7个工作日内作出（第三十条），即2026-02-28前。');
    expect(text).toContain('2026年节假日：春节02-15至02-23放假');
    expect(text).toContain('2026年调休：02-28（星期六）上班（春节调休）');
    expect(text).toContain('截至2026-03-02：剩余12个工作日。');
  });

  it('renders every kind of step in both languages without gaps', () => {
    const busy = computeDeadlines(
      {
        receivedOn: '2026-03-02',
        corrections: [{ requestedOn: '2026-03-13', periodDays: 5, correctedOn: '2026-03-16' }],
        consultations: [
          { kind: 'third_party', sentOn: '2026-03-17', receivedByPartyOn: '2026-03-18', repliedOn: '2026-03-25' },
          { kind: 'agency', sentOn: '2026-03-18' },
        ],
        fee: { issuedOn: '2026-03-19', receivedOn: '2026-03-20' },
        extensions: [{ approvedOn: '2026-04-20', days: 10 }],
        asOf: '2026-05-20',
      },
      cnCalendar,
    );
    const keys = new Set(busy.steps.map((s) => s.key));
    for (const key of ['deadline.correction_notice_late', 'deadline.corrected', 'deadline.consultation', 'deadline.fee_lapsed', 'deadline.excluded_total', 'deadline.extension']) {
      expect(keys, key).toContain(key);
    }
    for (const lang of ['en', 'zh'] as const) {
      const text = explainToText(busy.steps, lang);
      expect(text).not.toMatch(/undefined|null|NaN|\[object/);
      expect(text.split('\n')).toHaveLength(busy.steps.length);
    }
    const zh = explainToText(busy.steps, 'zh');
    for (const term of ['补正', '征求第三方意见', '征求其他机关意见', '收费通知', '延期答复', '工作日']) expect(zh).toContain(term);
  });

  it('renders pending receipt, corrections pending and lapsed, delayed answer, missing calendar', () => {
    const cases = [
      computeDeadlines({ receivedOn: null, asOf: '2026-03-02' }, cnCalendar),
      computeDeadlines({ receivedOn: '2026-03-02', corrections: [{ requestedOn: '2026-03-04' }], asOf: '2026-03-05' }, cnCalendar),
      computeDeadlines(
        { receivedOn: '2026-03-02', corrections: [{ requestedOn: '2026-03-04', noticeDeliveredOn: '2026-03-05', periodDays: 3 }], asOf: '2026-04-01' },
        cnCalendar,
      ),
      computeDeadlines({ receivedOn: '2026-12-14', delayedAnswer: { decidedOn: '2026-12-20', answerBy: '2027-02-26' }, answeredOn: '2027-03-01', asOf: '2027-03-01' }, cnCalendar),
    ];
    const zh = cases.map((c) => explainToText(c.steps, 'zh')).join('\n');
    const en = cases.map((c) => explainToText(c.steps, 'en')).join('\n');
    expect(zh).toContain('收到申请之日尚未确认');
    expect(zh).toContain('补正期限未记录');
    expect(zh).toContain('视为放弃申请');
    expect(zh).toContain('延迟答复');
    expect(zh).toContain('2027年节假日安排尚未导入');
    expect(en).toContain('2027-03-01: late');
    expect(`${zh}\n${en}`).not.toMatch(/undefined|NaN|\[object/);
  });
});
