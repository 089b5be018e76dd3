/**
 * Issue 9 item 6 on a real PostgreSQL: a year whose State Council holiday notice is not out yet (2027 at
 * chinese-days@1.5.7). Its statutory holidays (《全国年节及纪念日放假办法》 Art. 2) are provisional days off;
 * every date counted through it is 暂定 — in the ledger, the staff list, the applicant's notification and the
 * letters — until the notice is imported, when the recompute job moves the stored dates and clears the flag.
 * Also: a notice whose New Year range starts in the previous year (the 2023 notice) imports.
 *
 * The "2027 notice" imported below is TEST DATA, not the real notice (which no stored source has): it puts
 * 2027-01-04 off so that the import visibly moves a due date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { parseHolidayNotice } from '@/lib/admin/calendar-input';
import { importCalendarYear, invalidateCalendarCache, readCalendar, seedCalendar } from '@/lib/calendar/load-calendar';
import { isWorkingDay } from '@/lib/calendar/working-days';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { getCaseDeadlines } from '@/lib/cases/deadline-for-case';
import { listCases } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { RECOMPUTE_DUE_DATES_JOB } from '@/lib/jobs/queue';
import { runQueuedJobs } from '@/lib/jobs/worker';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let admin: Actor;

async function restoreCalendar(): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.calendarDay.deleteMany({ where: { year: 2027 } });
    await tx.calendarYear.deleteMany({ where: { year: 2027 } });
    await seedCalendar(tx);
  });
  invalidateCalendarCache();
}

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  await restoreCalendar(); // no 2027 rows from elsewhere
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  reviewer = await createActor('reviewer', orgs.dept, '审核人');
  admin = await createActor('admin', null, '管理员');
});

afterAll(async () => {
  await restoreCalendar();
});

/** An in-person application handed in on `day`, and a stepper that tracks its version. */
async function counterCase(day: string) {
  const reg = await registerCaseByStaff({ actor: clerk, now: at(day), form: { ...LETTER, channel: 'in_person', arrivedOn: day } });
  let version = 0;
  const step = async (p: Omit<TransitionCaseParams, 'caseId' | 'expectedVersion'>) => {
    const r = await transitionCase({ ...p, caseId: reg.caseId, expectedVersion: version } as TransitionCaseParams);
    version = r.version;
    return r;
  };
  return { caseId: reg.caseId, step };
}

async function storedDue(caseId: string): Promise<string | null> {
  const row = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { answerDueOn: true } });
  return row.answerDueOn ? row.answerDueOn.toISOString().slice(0, 10) : null;
}

async function listedProvisional(caseId: string, now: Date): Promise<boolean | undefined> {
  const { items } = await listCases(clerk, {}, { limit: 100 }, now);
  return items.find((i) => i.id === caseId)?.answerDueProvisional;
}

describe('a year without a holiday notice (2027)', () => {
  it('received 2026-12-10: due 2027-01-08 skipping 2027-01-01, 暂定 everywhere; importing the notice recomputes it and clears 暂定', async () => {
    // 12-11 (1), 14–18 (6), 21–25 (11), 28–31 (15), 2027-01-01 元旦 off (provisional), 01-04–08 (20).
    const plain = await counterCase('2026-12-10');
    expect(await storedDue(plain.caseId)).toBe('2027-01-08');
    const ledger = await getCaseDeadlines(plain.caseId, '2026-12-10');
    expect(ledger.answerDue).toBe('2027-01-08');
    expect(ledger.answerDueCalendarProvisional).toBe(true);
    expect(ledger.provisionalCalendarYears).toEqual([2027]);
    expect(await listedProvisional(plain.caseId, at('2026-12-10'))).toBe(true);
    // The applicant's notification says 暂定.
    const notice = await db.outboxMessage.findFirstOrThrow({ where: { caseId: plain.caseId, template: 'receipt_confirmed', channel: 'email' } });
    expect(notice.body).toContain('本机关将于2027-01-08（暂定）前答复');

    // An extension letter stating a provisional date says so (decisions.md "years without a notice").
    const extended = await counterCase('2026-12-10');
    await extended.step({ name: 'request_extension', input: { days: 10, reason: '需调取档案' }, actor: clerk, now: at('2026-12-28') });
    const approved = await extended.step({ name: 'approve_extension', input: { hasApplicantNotice: true, approvedOn: '2026-12-28' }, actor: reviewer, now: at('2026-12-28') });
    // +10 after 01-08: 11–15 (5), 18–22 (10).
    expect(approved.answerDueOn).toBe('2027-01-22');
    const letter = await db.document.findFirstOrThrow({ where: { caseId: extended.caseId, type: 'extension_notice' }, select: { body: true } });
    expect(letter.body).toContain('本机关将于2027年1月22日（暂定）前作出答复。如遇国家法定节假日调整，以调整后的期限为准。');

    // A case counted within 2026 only is not provisional.
    const early = await counterCase('2026-11-02');
    expect(await storedDue(early.caseId)).toBe('2026-11-30');
    expect(await listedProvisional(early.caseId, at('2026-12-10'))).toBe(false);

    // The admin imports "the 2027 notice" (test data: 01-01 to 01-04 off). The recompute job is queued in the
    // same transaction; running it moves the stored dates and nothing is 暂定 any more.
    await db.job.updateMany({ where: { kind: RECOMPUTE_DUE_DATES_JOB, status: 'queued' }, data: { status: 'succeeded' } });
    const parsed = parseHolidayNotice('一、元旦：1月1日（周五）至4日（周一）放假调休，共4天。', 2027);
    expect(parsed.issues).toEqual([]);
    await importCalendarYear(admin, 2027, parsed.rows, '测试用2027年放假安排（非真实通知）');
    expect(await db.job.count({ where: { kind: RECOMPUTE_DUE_DATES_JOB, status: 'queued' } })).toBe(1);
    expect(await storedDue(plain.caseId)).toBe('2027-01-08'); // not yet: the job has not run
    await runQueuedJobs(JOB_HANDLERS, { kinds: [RECOMPUTE_DUE_DATES_JOB] });

    expect(await storedDue(plain.caseId)).toBe('2027-01-11');
    const after = await getCaseDeadlines(plain.caseId, '2026-12-10');
    expect(after.answerDue).toBe('2027-01-11');
    expect(after.answerDueCalendarProvisional).toBe(false);
    expect(after.provisionalCalendarYears).toEqual([]);
    expect(await listedProvisional(plain.caseId, at('2026-12-10'))).toBe(false);

    // The extension letter's date moved (01-22 → 01-25): listed for a 更正告知书.
    expect(await storedDue(extended.caseId)).toBe('2027-01-25');
    const moved = await getCaseDeadlines(extended.caseId, '2026-12-29');
    expect(moved.letterConflicts).toEqual([expect.objectContaining({ stated: '2027-01-22', current: '2027-01-25' })]);
    // The 更正告知书 says why: the year's notice came out; the corrected date is no longer 暂定.
    await extended.step({ name: 'issue_notice_correction', input: {}, actor: clerk, now: at('2026-12-29') });
    const correction = await db.document.findFirstOrThrow({ where: { caseId: extended.caseId, type: 'notice_correction' }, select: { body: true } });
    expect(correction.body).toContain('国务院办公厅已公布2027年部分节假日安排，答复期限按公布的放假安排重新计算。');
    expect(correction.body).toContain('本机关将于2027年1月25日前作出答复。');
    expect(correction.body).not.toContain('2027年1月25日（暂定）');
    expect((await getCaseDeadlines(extended.caseId, '2026-12-29')).letterConflicts).toEqual([]);
  });

  it('imports a notice whose New Year range starts in the previous year (2022年12月31日至2023年1月2日)', async () => {
    const text = [
      '一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。',
      '二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。',
      '三、清明节：4月5日放假，共1天。',
      '四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。',
      '五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。',
      '六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。',
    ].join('\n');
    const parsed = parseHolidayNotice(text, 2023);
    expect(parsed.issues).toEqual([]);
    expect(await importCalendarYear(admin, 2023, parsed.rows, '国务院办公厅关于2023年部分节假日安排的通知')).toEqual({ year: 2023, days: 34 }); // 27 days off (with 2022-12-31), 7 make-up workdays
    // 2022-12-31 was seeded under 2022; the 2023 notice now holds it (filed with the notice's year).
    const row = await db.calendarDay.findUniqueOrThrow({ where: { date: new Date('2022-12-31T00:00:00Z') } });
    expect(row).toMatchObject({ kind: 'holiday', year: 2023 });
    const cal = await readCalendar();
    expect(isWorkingDay('2022-12-31', cal)).toBe(false);
    expect(isWorkingDay('2023-01-03', cal)).toBe(true);
    // Importing again (or re-seeding 2022) never collides on the date.
    await importCalendarYear(admin, 2023, parsed.rows, '国务院办公厅关于2023年部分节假日安排的通知');
    await restoreCalendar();
    expect(await db.calendarDay.findUniqueOrThrow({ where: { date: new Date('2022-12-31T00:00:00Z') } })).toMatchObject({ year: 2022 });
  });

  it('refuses a date of the previous year outside December', async () => {
    await expect(importCalendarYear(admin, 2023, [{ date: '2022-11-30', kind: 'holiday', name: 'new_year' }], 'x')).rejects.toMatchObject({
      messageKey: 'calendar.error.date_outside_year',
    });
  });
});
