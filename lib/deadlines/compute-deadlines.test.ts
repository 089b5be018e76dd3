/**
 * Hand-checked deadline scenarios. Each comment shows the count: "03-02 (8)" = the 8th working day.
 * H = official day off, W = make-up weekend workday (调休上班). Day 1 is the working day after the start.
 */
import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_YEARS, cnCalendar, cnCalendarRows } from '@/lib/calendar/cn-calendar';
import { calendarFromRows } from '@/lib/calendar/working-days';
import { computeDeadlines, isCalendarProvisionalDate, validateExtension } from './compute-deadlines';
import type { DeadlineFacts, DeadlineSettings } from './types';

const run = (facts: DeadlineFacts, settings?: DeadlineSettings) => computeDeadlines(facts, cnCalendar, settings);
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('fixed points', () => {
  it('received 2026-02-12 → 补正 notice due Sat 02-28 (make-up), answer due 2026-03-18', () => {
    // Notice (7): 02-13 (1), 02-14 W (2), [02-15–02-23 H], 02-24 (3), 25 (4), 26 (5), 27 (6), 02-28 W (7)
    // Answer (20): … 03-02 (8), 03 (9), 04 (10), 05 (11), 06 (12), 09 (13), 10 (14), 11 (15), 12 (16), 13 (17),
    //              16 (18), 17 (19), 03-18 (20)
    const l = run({ receivedOn: '2026-02-12', asOf: '2026-02-12' });
    expect(l.correctionNoticeDue).toBe('2026-02-28');
    expect(l.answerDue).toBe('2026-03-18');
    expect(l.answerDueWithoutExtension).toBe('2026-03-18');
    expect(l.answerDueBasis).toBe('statutory');
    expect(l.status).toBe('running');
    expect(l.workingDaysLeft).toBe(20);
    expect(l.calendarYearsNotLoaded).toEqual([]);
  });
});

describe('holiday blocks with make-up days', () => {
  it('2024 Spring Festival: received Fri 2024-02-02 → due 2024-03-06', () => {
    // 02-04 Sun W (1), 05 (2), 06 (3), 07 (4), 08 (5), 09 (6), [02-10–02-17 H], 02-18 Sun W (7), 19 (8), 20 (9),
    // 21 (10), 22 (11), 23 (12), 26 (13), 27 (14), 28 (15), 29 (16), 03-01 (17), 04 (18), 05 (19), 03-06 (20)
    const l = run({ receivedOn: '2024-02-02', asOf: '2024-02-02' });
    expect(l.correctionNoticeDue).toBe('2024-02-18');
    expect(l.answerDue).toBe('2024-03-06');
  });

  it('2024 National Day: received Fri 2024-09-27 → due 2024-10-30', () => {
    // 09-29 Sun W (1), 30 (2), [10-01–10-07 H], 08 (3), 09 (4), 10 (5), 11 (6), 10-12 Sat W (7), 14 (8), 15 (9),
    // 16 (10), 17 (11), 18 (12), 21 (13), 22 (14), 23 (15), 24 (16), 25 (17), 28 (18), 29 (19), 10-30 (20)
    const l = run({ receivedOn: '2024-09-27', asOf: '2024-09-27' });
    expect(l.correctionNoticeDue).toBe('2024-10-12');
    expect(l.answerDue).toBe('2024-10-30');
  });

  it('2025 Spring Festival: received Fri 2025-01-24 → due 2025-02-27', () => {
    // 01-26 Sun W (1), 27 (2), [01-28–02-04 H], 02-05 (3), 06 (4), 07 (5), 02-08 Sat W (6), 10 (7), 11 (8), 12 (9),
    // 13 (10), 14 (11), 17 (12), 18 (13), 19 (14), 20 (15), 21 (16), 24 (17), 25 (18), 26 (19), 02-27 (20)
    const l = run({ receivedOn: '2025-01-24', asOf: '2025-01-24' });
    expect(l.correctionNoticeDue).toBe('2025-02-10');
    expect(l.answerDue).toBe('2025-02-27');
  });

  it('2025 National Day + Mid-Autumn: received Fri 2025-09-26 → due 2025-10-30', () => {
    // 09-28 Sun W (1), 29 (2), 30 (3), [10-01–10-08 H], 09 (4), 10 (5), 10-11 Sat W (6), 13 (7), 14 (8), 15 (9),
    // 16 (10), 17 (11), 20 (12), 21 (13), 22 (14), 23 (15), 24 (16), 27 (17), 28 (18), 29 (19), 10-30 (20)
    const l = run({ receivedOn: '2025-09-26', asOf: '2025-09-26' });
    expect(l.correctionNoticeDue).toBe('2025-10-13');
    expect(l.answerDue).toBe('2025-10-30');
    expect(l.steps).toContainEqual({
      key: 'deadline.calendar_days_off',
      params: { from: '2025-10-01', to: '2025-10-08', names: ['national_day', 'mid_autumn'] },
    });
  });

  it('2026 Mid-Autumn + National Day: received Fri 2026-09-18 → due 2026-10-22', () => {
    // 09-20 Sun W (1), 21 (2), 22 (3), 23 (4), 24 (5), [09-25–09-27 H], 28 (6), 29 (7), 30 (8), [10-01–10-07 H],
    // 08 (9), 09 (10), 10-10 Sat W (11), 12 (12), 13 (13), 14 (14), 15 (15), 16 (16), 19 (17), 20 (18), 21 (19),
    // 10-22 (20)
    const l = run({ receivedOn: '2026-09-18', asOf: '2026-09-18' });
    expect(l.correctionNoticeDue).toBe('2026-09-29');
    expect(l.answerDue).toBe('2026-10-22');
  });

  it('received on a Saturday: day 1 is the Monday after (2026-03-07 → 2026-04-03)', () => {
    // 03-09 (1) … 13 (5), 16–20 (10), 23–27 (15), 30 (16), 31 (17), 04-01 (18), 02 (19), 04-03 (20)
    expect(run({ receivedOn: '2026-03-07', asOf: '2026-03-07' }).answerDue).toBe('2026-04-03');
  });
});

describe('year end', () => {
  it('received Mon 2025-12-15 → due Tue 2026-01-13 across the 2026 New Year holiday', () => {
    // 12-16 (1), 17 (2), 18 (3), 19 (4), 22 (5), 23 (6), 24 (7), 25 (8), 26 (9), 29 (10), 30 (11), 31 (12),
    // [01-01–01-03 H], 01-04 Sun W (13), 05 (14), 06 (15), 07 (16), 08 (17), 09 (18), 12 (19), 01-13 (20)
    const l = run({ receivedOn: '2025-12-15', asOf: '2025-12-15' });
    expect(l.correctionNoticeDue).toBe('2025-12-24');
    expect(l.answerDue).toBe('2026-01-13');
    expect(l.calendarYearsNotLoaded).toEqual([]);
  });

  it('received Mon 2026-12-14 → due 2027-01-12 with 2027-01-01 off provisionally, flagged: 2027 not loaded', () => {
    // 12-15 (1) … 18 (4), 21–25 (9), 28–31 (13), 2027-01-01 Fri (元旦, provisional: 2027 notice not loaded),
    // 04 (14) … 08 (18), 11 (19), 12 (20)
    const l = run({ receivedOn: '2026-12-14', asOf: '2026-12-14' });
    expect(l.answerDue).toBe('2027-01-12');
    expect(l.calendarYearsNotLoaded).toEqual([2027]);
    expect(l.steps).toContainEqual({ key: 'deadline.calendar_not_loaded', params: { years: [2027] } });
    expect(l.provisionalCalendarYears).toEqual([2027]);
    expect(l.answerDueCalendarProvisional).toBe(true);
    expect(l.correctionNoticeDue).toBe('2026-12-23');
    expect(isCalendarProvisionalDate(l, l.correctionNoticeDue)).toBe(false); // counted within 2026 only
    expect(isCalendarProvisionalDate(l, l.answerDue)).toBe(true);
  });

  it('a date counted within loaded years is not provisional, even when today is in a year without a notice', () => {
    const l = run({ receivedOn: '2026-11-02', asOf: '2027-01-05' });
    expect(l.answerDue).toBe('2026-11-30');
    expect(l.calendarYearsNotLoaded).toEqual([2027]); // today's working days left / overdue count
    expect(l.provisionalCalendarYears).toEqual([]);
    expect(l.answerDueCalendarProvisional).toBe(false);
  });

  it('an Art. 35 date the agency fixed is not provisional', () => {
    const l = run({ receivedOn: '2026-12-14', delayedAnswer: { decidedOn: '2026-12-20', answerBy: '2027-02-26' }, asOf: '2026-12-21' });
    expect(l.answerDue).toBe('2027-02-26');
    expect(l.answerDueCalendarProvisional).toBe(false);
  });
});

describe('2019 and 2020', () => {
  it('2019 National Day: received Fri 2019-09-20 → due 2019-10-23', () => {
    // 09-23 (1) … 27 (5), 09-29 Sun W (6), 30 (7), [10-01–10-07 H], 08 (8), 09 (9), 10 (10), 11 (11),
    // 10-12 Sat W (12), 14 (13) … 18 (17), 21 (18), 22 (19), 10-23 (20)
    expect(run({ receivedOn: '2019-09-20', asOf: '2019-09-20' }).answerDue).toBe('2019-10-23');
  });

  it('2020 Spring Festival as extended to 02-02: received Fri 2020-01-17 → due 2020-02-21', () => {
    // 01-19 Sun W (1), 20 (2), 21 (3), 22 (4), 23 (5), [01-24–02-02 H; Sat 02-01 was a make-up day in the first
    // notice but the extension notice of 2020-01-27 cancelled it], 02-03 (6), 04 (7), 05 (8), 06 (9), 07 (10),
    // 10–14 (15), 17–21 (20).
    const l = run({ receivedOn: '2020-01-17', asOf: '2020-01-17' });
    expect(l.correctionNoticeDue).toBe('2020-02-04');
    expect(l.answerDue).toBe('2020-02-21');
  });

  it('2020 under the original notice (edited calendar table): due 2020-02-19, two working days earlier', () => {
    // Original: off 01-24–01-30, Sat 02-01 worked. 01-19 W (1), 20–23 (5), [H], Fri 01-31 (6), Sat 02-01 W (7),
    // 02-03 (8) … 07 (12), 10–14 (17), 17 (18), 18 (19), 02-19 (20)
    const rows = cnCalendarRows().filter((r) => !['2020-01-31', '2020-02-01', '2020-02-02'].includes(r.date));
    rows.push({ date: '2020-02-01', kind: 'workday', name: 'spring_festival' });
    const original = calendarFromRows(rows, { loadedYears: CN_CALENDAR_YEARS });
    expect(computeDeadlines({ receivedOn: '2020-01-17', asOf: '2020-01-17' }, original).answerDue).toBe('2020-02-19');
  });
});

describe('补正 (Art. 30)', () => {
  it('correction received on a holiday: the period restarts in full, day 1 after the holiday', () => {
    // Notice due: 02-02 → 03 (1) … 06 (4), 09 (5), 10 (6), 02-11 (7); sent 02-05, on time.
    // Period 10 days from 02-05: 06 (1), 09–13 (6), 02-14 W (7), [H], 24 (8), 25 (9), 02-26 (10).
    // Corrected Tue 02-17 (H): 02-24 (1), 25, 26, 27 (4), 02-28 W (5), 03-02–06 (10), 09–13 (15), 16–20 (20)
    const l = run({
      receivedOn: '2026-02-02',
      corrections: [{ requestedOn: '2026-02-05', periodDays: 10, correctedOn: '2026-02-17' }],
      asOf: '2026-02-24',
    });
    expect(l.correctionRounds).toEqual([
      { noticeDue: '2026-02-11', noticeLate: false, periodEnds: '2026-02-26', periodProvisional: true, correctedOn: '2026-02-17' },
    ]);
    expect(l.answerClockStart).toBe('2026-02-17');
    expect(l.answerDue).toBe('2026-03-20');
    expect(l.status).toBe('running');
  });

  it('correction received on a make-up Saturday (2026-02-28) → due 2026-03-27', () => {
    // 03-02 (1) … 06 (5), 09–13 (10), 16–20 (15), 23 (16), 24 (17), 25 (18), 26 (19), 03-27 (20)
    const l = run({
      receivedOn: '2026-02-09',
      corrections: [{ requestedOn: '2026-02-10', periodEndsOn: '2026-03-06', correctedOn: '2026-02-28' }],
      asOf: '2026-03-02',
    });
    expect(l.answerDue).toBe('2026-03-27');
    expect(l.correctionPeriodEnds).toBe('2026-03-06');
  });

  it('correction pending: no answer due date, period counted from delivery of the notice', () => {
    // Notice due: 03-02 → 03 (1) … 06 (4), 09 (5), 10 (6), 03-11 (7).
    // Period 15 days from delivery 03-05: 06 (1), 09–13 (6), 16–20 (11), 23 (12), 24 (13), 25 (14), 03-26 (15)
    const l = run({
      receivedOn: '2026-03-02',
      corrections: [{ requestedOn: '2026-03-04', noticeDeliveredOn: '2026-03-05', periodDays: 15 }],
      asOf: '2026-03-26',
    });
    expect(l.status).toBe('awaiting_correction');
    expect(l.correctionNoticeDue).toBe('2026-03-11');
    expect(l.correctionPeriodEnds).toBe('2026-03-26');
    expect(l.answerDue).toBeNull();
    expect(l.workingDaysLeft).toBeNull();
    expect(l.suggestedOutcome).toBeNull();
  });

  it('Art. 30, regulations.md §15: without a recorded delivery the period counts from sending, provisionally, and never lapses', () => {
    // 15 from the sending date 03-04: 05, 06 (2), 09–13 (7), 16–20 (12), 23, 24, 03-25 (15)
    const l = run({ receivedOn: '2026-03-02', corrections: [{ requestedOn: '2026-03-04', periodDays: 15 }], asOf: '2026-04-30' });
    expect(l.correctionPeriodEnds).toBe('2026-03-25');
    expect(l.correctionPeriodProvisional).toBe(true);
    expect(l.status).toBe('awaiting_correction');
    expect(l.suggestedOutcome).toBeNull();
    expect(l.steps).toContainEqual({
      key: 'deadline.delivery_unknown',
      params: { notice: 'correction', sentOn: '2026-03-04', provisionalEnd: '2026-03-25' },
    });
  });

  it('correction lapsed the day after the period → other_no_correction', () => {
    // Same period end 03-26; asOf 03-27.
    const l = run({
      receivedOn: '2026-03-02',
      corrections: [{ requestedOn: '2026-03-04', noticeDeliveredOn: '2026-03-05', periodDays: 15 }],
      asOf: '2026-03-27',
    });
    expect(l.status).toBe('correction_lapsed');
    expect(l.suggestedOutcome).toBe('other_no_correction');
    expect(l.answerDue).toBeNull();
  });

  it('late 补正 notice is flagged (sent 03-02, due Sat 02-28)', () => {
    // Notice due 02-28 (fixed point). Period 5 days from 03-02: 03, 04, 05, 06, 03-09.
    // Corrected 03-05: 06 (1), 09–13 (6), 16–20 (11), 23–27 (16), 30 (17), 31 (18), 04-01 (19), 04-02 (20)
    const l = run({
      receivedOn: '2026-02-12',
      corrections: [{ requestedOn: '2026-03-02', periodDays: 5, correctedOn: '2026-03-05' }],
      asOf: '2026-03-05',
    });
    expect(l.correctionNoticeLate).toBe(true);
    expect(l.correctionRounds[0]).toMatchObject({ noticeDue: '2026-02-28', noticeLate: true, periodEnds: '2026-03-09' });
    expect(l.answerDue).toBe('2026-04-02');
    expect(l.steps.map((s) => s.key)).toContain('deadline.correction_notice_late');
  });

  it('a notice sent on the make-up Saturday 02-28 is on time', () => {
    const l = run({
      receivedOn: '2026-02-12',
      corrections: [{ requestedOn: '2026-02-28', periodDays: 10 }],
      asOf: '2026-03-02',
    });
    expect(l.correctionNoticeLate).toBe(false);
    expect(l.status).toBe('awaiting_correction');
  });

  it('second round after an inadequate correction: notice due counts from the correction; clock restarts again', () => {
    // Round 1: notice due 03-11 (as above); period 10 from 03-04: 05, 06, 09–13, 16, 17, 03-18; corrected 03-16.
    // Round 2: notice due 7 from 03-16: 17, 18, 19, 20, 23, 24, 03-25; sent 03-20 (on time);
    //   period 10 from 03-20: 23–27 (5), 30, 31, 04-01, 02, 04-03 (10); corrected 03-30.
    // Answer from 03-30: 31 (1), 04-01 (2), 02 (3), 03 (4), [04-04–04-06 H], 07 (5) … 10 (8), 13–17 (13),
    //   20–24 (18), 27 (19), 04-28 (20)
    const l = run({
      receivedOn: '2026-03-02',
      corrections: [
        { requestedOn: '2026-03-20', periodDays: 10, correctedOn: '2026-03-30' },
        { requestedOn: '2026-03-04', periodDays: 10, correctedOn: '2026-03-16' },
      ],
      asOf: '2026-03-30',
    });
    expect(l.correctionRounds).toEqual([
      { noticeDue: '2026-03-11', noticeLate: false, periodEnds: '2026-03-18', periodProvisional: true, correctedOn: '2026-03-16' },
      { noticeDue: '2026-03-25', noticeLate: false, periodEnds: '2026-04-03', periodProvisional: true, correctedOn: '2026-03-30' },
    ]);
    expect(l.answerDue).toBe('2026-04-28');
    expect(l.errors).toEqual([]);
  });

  it('correction accepted after its period: warning, clock still restarts', () => {
    // Corrected 03-17: 18 (1), 19, 20 (3), 23–27 (8), 30, 31 (10), 04-01, 02, 03 (13), [H], 07–10 (17),
    // 13, 14, 04-15 (20)
    const l = run({
      receivedOn: '2026-03-02',
      corrections: [{ requestedOn: '2026-03-04', periodEndsOn: '2026-03-13', correctedOn: '2026-03-17' }],
      asOf: '2026-03-17',
    });
    expect(codes(l.warnings)).toEqual(['correction.received_after_period']);
    expect(l.answerDue).toBe('2026-04-15');
  });

  it('a round without a period is an error', () => {
    const l = run({ receivedOn: '2026-03-02', corrections: [{ requestedOn: '2026-03-04' }], asOf: '2026-03-05' });
    expect(codes(l.errors)).toEqual(['correction.period_missing']);
    expect(l.status).toBe('awaiting_correction');
  });
});

describe('consultations (Arts. 32–34)', () => {
  // Base case for this block: received Mon 2026-03-02, ordinary due 03-30:
  // 03 (1) … 06 (4), 09–13 (9), 16–20 (14), 23–27 (19), 03-30 (20)
  it('third party replies: (sentOn, repliedOn] excluded, due moves by 8 working days', () => {
    // Sent 03-10, party received 03-11 → reply due: 12 (1), 13 (2), 16–20 (7), 23–27 (12), 30, 31, 04-01 (15).
    // Replied 03-20: excluded 11, 12, 13, 16, 17, 18, 19, 20 = 8. Counted before: 03, 04, 05, 06, 09, 10 = 6;
    // then 23–27 (11), 30 (12), 31 (13), 04-01 (14), 02 (15), 03 (16), [H], 07 (17), 08 (18), 09 (19), 04-10 (20)
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [{ kind: 'third_party', sentOn: '2026-03-10', receivedByPartyOn: '2026-03-11', repliedOn: '2026-03-20' }],
      asOf: '2026-03-20',
    });
    expect(l.consultationReplyDue).toEqual(['2026-04-01']);
    expect(l.excludedWorkingDays).toBe(8);
    expect(l.answerDue).toBe('2026-04-10');
    expect(l.status).toBe('running');
    expect(l.isProvisional).toBe(false);
  });

  it('no reply: the 15 days expire, (sentOn, replyDue] excluded', () => {
    // Window (03-10, 04-01]: 11, 12, 13, 16–20, 23–27, 30, 31, 04-01 = 16. Counted before 6;
    // then 04-02 (7), 03 (8), [H], 07–10 (12), 13–17 (17), 20 (18), 21 (19), 04-22 (20). asOf 04-20 → 21, 22 left.
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [{ kind: 'third_party', sentOn: '2026-03-10', receivedByPartyOn: '2026-03-11' }],
      asOf: '2026-04-20',
    });
    expect(l.excludedWorkingDays).toBe(16);
    expect(l.answerDue).toBe('2026-04-22');
    expect(l.status).toBe('running');
    expect(l.workingDaysLeft).toBe(2);
  });

  it('open consultation: status consulting, provisional due date, days left skip the open window', () => {
    // Same facts, asOf 03-20 (reply due 04-01 still ahead). Counted days in (03-20, 04-22] outside the window:
    // 04-02, 03, 07, 08, 09, 10, 13–17, 20, 21, 22 = 14 (= 20 − the 6 counted before the letter).
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [{ kind: 'third_party', sentOn: '2026-03-10', receivedByPartyOn: '2026-03-11' }],
      asOf: '2026-03-20',
    });
    expect(l.status).toBe('consulting');
    expect(l.isProvisional).toBe(true);
    expect(l.answerDue).toBe('2026-04-22');
    expect(l.workingDaysLeft).toBe(14);
  });

  it('agency consultation with unknown receipt: 15 days counted from sending', () => {
    // Reply due 15 from 03-10: 11, 12, 13 (3), 16–20 (8), 23–27 (13), 30 (14), 03-31 (15). Window 15 days.
    // Counted before 6; 04-01 (7), 02 (8), 03 (9), [H], 07–10 (13), 13–17 (18), 20 (19), 04-21 (20)
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [{ kind: 'agency', sentOn: '2026-03-10' }],
      asOf: '2026-05-06',
    });
    expect(l.consultationReplyDue).toEqual(['2026-03-31']);
    expect(l.excludedWorkingDays).toBe(15);
    expect(l.answerDue).toBe('2026-04-21');
    expect(l.overdue).toBe(true);
  });

  it('a late reply does not extend the excluded window beyond the 15 days', () => {
    // Reply due 04-01; replied 04-08 → window still ends 04-01: same as the no-reply case, due 04-22.
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [{ kind: 'third_party', sentOn: '2026-03-10', receivedByPartyOn: '2026-03-11', repliedOn: '2026-04-08' }],
      asOf: '2026-04-08',
    });
    expect(l.answerDue).toBe('2026-04-22');
    expect(codes(l.warnings)).toEqual(['consultation.reply_after_due']);
  });

  it('overlapping consultations are merged, not double-counted', () => {
    // A: (03-10, 03-20] = 8 days; B: (03-16, 03-25] = 17, 18, 19, 20, 23, 24, 25 = 7 days; union (03-10, 03-25]
    // = 11, 12, 13, 16–20, 23, 24, 25 = 11 (not 15). Counted before 6; 26 (7), 27 (8), 30 (9), 31 (10),
    // 04-01 (11), 02 (12), 03 (13), [H], 07–10 (17), 13 (18), 14 (19), 04-15 (20)
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [
        { kind: 'third_party', sentOn: '2026-03-10', repliedOn: '2026-03-20' },
        { kind: 'agency', sentOn: '2026-03-16', repliedOn: '2026-03-25' },
      ],
      asOf: '2026-03-25',
    });
    expect(l.excludedWorkingDays).toBe(11);
    expect(l.answerDue).toBe('2026-04-15');
    const perLetter = l.steps.flatMap((s) => (s.key === 'deadline.consultation' ? [s.params.excludedWorkingDays] : []));
    expect(perLetter).toEqual([8, 7]);
  });

  it('several letters open together: the excluded time is their union (two overlapping, two disjoint)', () => {
    // Issue 9 item 3 (Arts. 32, 34, 33 para 3). A (03-04, 03-06] = 05, 06; B (03-16, 03-18] = 17, 18; C (03-23,
    // 03-27] = 24–27 and D (03-25, 03-31] = 26, 27, 30, 31 overlap: C ∪ D = 24–27, 30, 31 = 6 (not 8). Total
    // 2 + 2 + 6 = 10. Counted: 03 (1), 04 (2), 09–13 (7), 16 (8), 19 (9), 20 (10), 23 (11), 04-01 (12), 02 (13),
    // 03 (14), [清明 04-06], 07–10 (18), 13 (19), 04-14 (20).
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [
        { kind: 'third_party', sentOn: '2026-03-04', repliedOn: '2026-03-06' },
        { kind: 'agency', sentOn: '2026-03-16', repliedOn: '2026-03-18' },
        { kind: 'third_party', sentOn: '2026-03-23', repliedOn: '2026-03-27' },
        { kind: 'agency', sentOn: '2026-03-25', repliedOn: '2026-03-31' },
      ],
      asOf: '2026-04-01',
    });
    expect(l.excludedWorkingDays).toBe(10);
    expect(l.answerDue).toBe('2026-04-14');
    const perLetter = l.steps.flatMap((s) => (s.key === 'deadline.consultation' ? [s.params.excludedWorkingDays] : []));
    expect(perLetter).toEqual([2, 2, 4, 4]);
    expect(l.status).not.toBe('consulting');
  });

  it('separate consultations add up', () => {
    // (03-04, 03-06] = 05, 06; (03-16, 03-18] = 17, 18 → 4. Counted: 03 (1), 04 (2), 09–13 (7), 16 (8), 19 (9),
    // 20 (10), 23–27 (15), 30 (16), 31 (17), 04-01 (18), 02 (19), 04-03 (20)
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [
        { kind: 'agency', sentOn: '2026-03-04', repliedOn: '2026-03-06' },
        { kind: 'agency', sentOn: '2026-03-16', repliedOn: '2026-03-18' },
      ],
      asOf: '2026-03-18',
    });
    expect(l.excludedWorkingDays).toBe(4);
    expect(l.answerDue).toBe('2026-04-03');
  });

  it('a consultation started after the period ran out does not revive it', () => {
    // Due 03-18 (fixed point); letter sent 03-20 → nothing excluded, still overdue.
    const l = run({
      receivedOn: '2026-02-12',
      consultations: [{ kind: 'third_party', sentOn: '2026-03-20', repliedOn: '2026-03-25' }],
      asOf: '2026-03-25',
    });
    expect(l.excludedWorkingDays).toBe(0);
    expect(l.answerDue).toBe('2026-03-18');
    expect(l.overdue).toBe(true);
  });
});

describe('extension (Art. 33 para 2)', () => {
  it('extension after a consultation: 20 more working days after the adjusted due date', () => {
    // Adjusted due 04-10 (consultation case above). +20: 13–17 (5), 20–24 (10), 27 (11), 28 (12), 29 (13),
    // 30 (14), [05-01–05-05 H], 06 (15), 07 (16), 08 (17), 05-09 Sat W (18), 11 (19), 05-12 (20)
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [{ kind: 'third_party', sentOn: '2026-03-10', receivedByPartyOn: '2026-03-11', repliedOn: '2026-03-20' }],
      extensions: [{ approvedOn: '2026-04-08', days: 20 }],
      asOf: '2026-04-08',
    });
    expect(l.answerDueWithoutExtension).toBe('2026-04-10');
    expect(l.answerDue).toBe('2026-05-12');
    expect(l.answerDueBasis).toBe('extended');
    expect(l.errors).toEqual([]);
  });

  it('15-day extension on the fixed point: 03-18 → 04-09', () => {
    // 19 (1), 20 (2), 23–27 (7), 30 (8), 31 (9), 04-01 (10), 02 (11), 03 (12), [H], 07 (13), 08 (14), 04-09 (15)
    const l = run({ receivedOn: '2026-02-12', extensions: [{ approvedOn: '2026-03-16', days: 15 }], asOf: '2026-03-16' });
    expect(l.answerDue).toBe('2026-04-09');
  });

  it('an extension of more than 20 days is rejected and not applied', () => {
    const l = run({ receivedOn: '2026-02-12', extensions: [{ approvedOn: '2026-03-16', days: 21 }], asOf: '2026-03-16' });
    expect(codes(l.errors)).toEqual(['extension.days_out_of_range']);
    expect(l.answerDue).toBe('2026-03-18');
    expect(codes(validateExtension({ approvedOn: '2026-03-16', days: 21 }))).toEqual(['extension.days_out_of_range']);
    expect(codes(validateExtension({ approvedOn: '2026-03-16', days: 0 }))).toEqual(['extension.days_out_of_range']);
    expect(validateExtension({ approvedOn: '2026-03-16', days: 20 })).toEqual([]);
  });

  it('a second extension is rejected; the first still applies', () => {
    // First: +10 after 03-18: 19 (1), 20 (2), 23–27 (7), 30 (8), 31 (9), 04-01 (10)
    const first = { approvedOn: '2026-03-16', days: 10 };
    const second = { approvedOn: '2026-03-30', days: 10 };
    const l = run({ receivedOn: '2026-02-12', extensions: [first, second], asOf: '2026-03-30' });
    expect(codes(l.errors)).toEqual(['extension.second_extension']);
    expect(l.answerDue).toBe('2026-04-01');
    expect(codes(validateExtension(second, [first]))).toEqual(['extension.second_extension']);
  });

  it('Art. 33 para 2: an extension approved after the due date is an error and not applied (the case stays overdue)', () => {
    const l = run({ receivedOn: '2026-02-12', extensions: [{ approvedOn: '2026-03-19', days: 5 }], asOf: '2026-03-19' });
    expect(codes(l.errors)).toEqual(['extension.approved_after_due']);
    expect(l.answerDue).toBe('2026-03-18');
    expect(l.answerDueBasis).toBe('statutory');
    expect(l.overdue).toBe(true);
  });

  it('Art. 33 para 2: an extension approved on the last day of the period applies', () => {
    // +5 after 03-18: 19, 20, 23, 24, 03-25
    const l = run({ receivedOn: '2026-02-12', extensions: [{ approvedOn: '2026-03-18', days: 5 }], asOf: '2026-03-19' });
    expect(l.errors).toEqual([]);
    expect(l.answerDue).toBe('2026-03-25');
  });
});

describe('fee notice (国办函〔2020〕109号 as restated)', () => {
  // Received Mon 2026-03-02, ordinary due 03-30. Notice issued 03-09, received by the applicant 03-11.
  // Payment due 20 from 03-11: 12, 13 (2), 16–20 (7), 23–27 (12), 30, 31 (14), 04-01, 02, 03 (17), [H], 07, 08, 04-09 (20)
  const fee = { issuedOn: '2026-03-09', receivedOn: '2026-03-11' };

  it('paused (default): (issuedOn, paidOn] excluded', () => {
    // Paid 03-13: excluded 10, 11, 12, 13 = 4 → 03-30 + 4: 31, 04-01, 02, 04-03
    const l = run({ receivedOn: '2026-03-02', fee: { ...fee, paidOn: '2026-03-13' }, asOf: '2026-03-13' });
    expect(l.feePaymentDue).toBe('2026-04-09');
    expect(l.feeLapsed).toBe(false);
    expect(l.excludedWorkingDays).toBe(4);
    expect(l.answerDue).toBe('2026-04-03');
    expect(l.status).toBe('running');
  });

  it('not paused (setting off): the fee period counts, due stays 03-30', () => {
    const l = run(
      { receivedOn: '2026-03-02', fee: { ...fee, paidOn: '2026-03-13' }, asOf: '2026-03-13' },
      { pauseAnswerClockWhileFeePending: false },
    );
    expect(l.excludedWorkingDays).toBe(0);
    expect(l.answerDue).toBe('2026-03-30');
    expect(l.steps.map((s) => s.key)).toContain('deadline.fee_not_paused');
  });

  it('pending on the last payment day: awaiting_fee, provisional', () => {
    const l = run({ receivedOn: '2026-03-02', fee, asOf: '2026-04-09' });
    expect(l.status).toBe('awaiting_fee');
    expect(l.feeLapsed).toBe(false);
    expect(l.isProvisional).toBe(true);
  });

  it('unpaid after the payment due date: fee lapsed → other_fee_unpaid, not overdue', () => {
    // Window (03-09, 04-09] = 10–13 (4), 16–20 (9), 23–27 (14), 30, 31 (16), 04-01–03 (19), 07–09 (22) = 22.
    // Counted before: 03, 04, 05, 06, 09 = 5; then 04-10 (6), 13–17 (11), 20–24 (16), 27–30 (20) → 04-30
    const l = run({ receivedOn: '2026-03-02', fee, asOf: '2026-04-10' });
    expect(l.feeLapsed).toBe(true);
    expect(l.status).toBe('fee_lapsed');
    expect(l.suggestedOutcome).toBe('other_fee_unpaid');
    expect(l.excludedWorkingDays).toBe(22);
    expect(l.answerDue).toBe('2026-04-30');
    expect(l.overdue).toBe(false);
    expect(l.workingDaysLeft).toBeNull();
  });

  it('paid after the payment due date also counts as lapsed', () => {
    const l = run({ receivedOn: '2026-03-02', fee: { ...fee, paidOn: '2026-04-10' }, asOf: '2026-04-10' });
    expect(l.feeLapsed).toBe(true);
  });

  it('receipt of the notice unknown: payment due counted from the issue date, provisionally', () => {
    // 20 from 03-09: 10–13 (4), 16–20 (9), 23–27 (14), 30, 31 (16), 04-01, 02, 03 (19), [H], 04-07 (20)
    const l = run({ receivedOn: '2026-03-02', fee: { issuedOn: '2026-03-09' }, asOf: '2026-03-09' });
    expect(l.feePaymentDue).toBe('2026-04-07');
    expect(l.feePaymentDueProvisional).toBe(true);
    expect(l.steps).toContainEqual({ key: 'deadline.delivery_unknown', params: { notice: 'fee', sentOn: '2026-03-09', provisionalEnd: '2026-04-07' } });
  });

  it('regulations.md §11, §15: an unpaid fee does not lapse while the applicant\'s receipt of the notice is unknown', () => {
    const l = run({ receivedOn: '2026-03-02', fee: { issuedOn: '2026-03-09' }, asOf: '2026-04-20' });
    expect(l.feeLapsed).toBe(false);
    expect(l.status).toBe('awaiting_fee');
    expect(l.suggestedOutcome).toBeNull();
    // Once the receipt (03-11) is recorded, the period is 04-09 and it has run out.
    const known = run({ receivedOn: '2026-03-02', fee: { issuedOn: '2026-03-09', receivedOn: '2026-03-11' }, asOf: '2026-04-20' });
    expect(known.feePaymentDue).toBe('2026-04-09');
    expect(known.feePaymentDueProvisional).toBe(false);
    expect(known.feeLapsed).toBe(true);
  });

  it('fee pause overlapping a consultation is merged', () => {
    // Consultation (03-10, 03-20], fee (03-18, 03-24] → union (03-10, 03-24] = 11, 12, 13, 16–20, 23, 24 = 10.
    // Counted before 6; 25 (7), 26 (8), 27 (9), 30 (10), 31 (11), 04-01 (12), 02 (13), 03 (14), [H],
    // 07–10 (18), 13 (19), 04-14 (20)
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [{ kind: 'third_party', sentOn: '2026-03-10', repliedOn: '2026-03-20' }],
      fee: { issuedOn: '2026-03-18', receivedOn: '2026-03-18', paidOn: '2026-03-24' },
      asOf: '2026-03-24',
    });
    expect(l.excludedWorkingDays).toBe(10);
    expect(l.answerDue).toBe('2026-04-14');
  });
});

describe('Art. 35 delayed answer, receipt pending, overdue', () => {
  it('delayed answer: the fixed date replaces the due date', () => {
    // Statutory due 03-30. Fixed 06-30 (Tue); asOf Mon 06-29 → (06-29, 06-30] = 1 working day left.
    const l = run({
      receivedOn: '2026-03-02',
      delayedAnswer: { decidedOn: '2026-03-20', answerBy: '2026-06-30' },
      asOf: '2026-06-29',
    });
    expect(l.answerDueWithoutExtension).toBe('2026-03-30');
    expect(l.answerDue).toBe('2026-06-30');
    expect(l.answerDueBasis).toBe('delayed_answer');
    expect(l.workingDaysLeft).toBe(1);
    expect(l.overdue).toBe(false);
  });

  it('a delayed-answer date before the decision is an error', () => {
    const l = run({
      receivedOn: '2026-03-02',
      delayedAnswer: { decidedOn: '2026-03-20', answerBy: '2026-03-19' },
      asOf: '2026-03-20',
    });
    expect(codes(l.errors)).toEqual(['delayed_answer.before_decision']);
  });

  it('receipt confirmation pending: no clock runs', () => {
    const l = run({ receivedOn: null, asOf: '2026-03-02' });
    expect(l.status).toBe('clock_not_started');
    expect(l.answerDue).toBeNull();
    expect(l.correctionNoticeDue).toBeNull();
    expect(l.overdue).toBe(false);
    expect(l.steps).toEqual([{ key: 'deadline.clock_not_started', params: {} }]);
  });

  it('due today is not overdue; the next working day is', () => {
    // Due Wed 03-18. asOf 03-18 → 0 left. asOf Fri 03-20 → 19, 20 = −2.
    expect(run({ receivedOn: '2026-02-12', asOf: '2026-03-18' })).toMatchObject({ overdue: false, workingDaysLeft: 0 });
    expect(run({ receivedOn: '2026-02-12', asOf: '2026-03-20' })).toMatchObject({ overdue: true, workingDaysLeft: -2 });
  });

  it('answered cases: on time on the due date, late the day after', () => {
    expect(run({ receivedOn: '2026-02-12', answeredOn: '2026-03-18', asOf: '2026-04-01' })).toMatchObject({
      status: 'answered',
      overdue: false,
      workingDaysLeft: null,
    });
    expect(run({ receivedOn: '2026-02-12', answeredOn: '2026-03-19', asOf: '2026-04-01' })).toMatchObject({
      status: 'answered',
      overdue: true,
    });
  });

  it('malformed dates throw (the workflow validates input first)', () => {
    expect(() => run({ receivedOn: '2026-03-02', asOf: '2026-3-5' })).toThrow(RangeError);
    expect(() => run({ receivedOn: '2026-03-02', answeredOn: '2026-02-30', asOf: '2026-03-05' })).toThrow(RangeError);
  });

  it('facts dated before receipt are errors', () => {
    const l = run({
      receivedOn: '2026-03-02',
      consultations: [{ kind: 'agency', sentOn: '2026-02-27' }],
      asOf: '2026-03-02',
    });
    expect(l.errors).toEqual([
      { code: 'date.before_receipt', params: { field: 'consultations[0].sentOn', date: '2026-02-27', receivedOn: '2026-03-02' } },
    ]);
  });
});

describe('explanation steps', () => {
  it('names the days off and make-up Saturdays inside the counted span', () => {
    const l = run({ receivedOn: '2026-02-12', asOf: '2026-02-12' });
    expect(l.steps).toEqual([
      { key: 'deadline.received', params: { date: '2026-02-12' } },
      { key: 'deadline.correction_notice_due', params: { round: 1, from: '2026-02-12', due: '2026-02-28' } },
      { key: 'deadline.answer_period', params: { from: '2026-02-12', firstDay: '2026-02-13', days: 20, due: '2026-03-18' } },
      { key: 'deadline.answer_due', params: { date: '2026-03-18', basis: 'statutory', isProvisional: false } },
      { key: 'deadline.calendar_days_off', params: { from: '2026-02-15', to: '2026-02-23', names: ['spring_festival'] } },
      { key: 'deadline.calendar_makeup_workday', params: { date: '2026-02-14', name: 'spring_festival' } },
      { key: 'deadline.calendar_makeup_workday', params: { date: '2026-02-28', name: 'spring_festival' } },
      { key: 'deadline.working_days_left', params: { asOf: '2026-02-12', days: 20, overdue: false } },
    ]);
  });
});
