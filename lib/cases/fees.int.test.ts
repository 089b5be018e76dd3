/**
 * 信息处理费 by the 办法 (国办函〔2020〕109号; regulations.md §11; issue 9 item 5) on a real PostgreSQL: the server
 * computes the amount — 按件 from the same applicant's applications to the agency in the calendar month (the
 * repeat-application matching), 按量 from the pages — refuses a fee within the free range with the 办法's
 * article and changes nothing, stores and states the computation in the notice, and section 六 of the annual
 * report draft counts the fees of the year.
 */
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { getCaseForStaff } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { loadFeeFigures } from '@/lib/statistics/fee-figures';
import { feesParagraph } from '@/lib/statistics/report-text';

let orgs: OrgTree;
let clerk: Actor;
let siblingClerk: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  siblingClerk = await createActor('clerk', orgs.sibling, '外机关经办人');
});

const mobile = (): string => `137${String(randomInt(1e8)).padStart(8, '0')}`;

async function register(actor: Actor, person: { applicantName: string; mobile: string }, day: string, description: string = LETTER.description) {
  return registerCaseByStaff({ actor, now: at(day), form: { ...LETTER, ...person, description, channel: 'in_person', arrivedOn: day } });
}

async function state(caseId: string) {
  const row = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, status: true } });
  const notices = await db.feeNotice.count({ where: { caseId } });
  const events = await db.caseEvent.count({ where: { caseId } });
  return { ...row, notices, events };
}

describe('按件计收 (办法 Art. 4): the same applicant’s applications to the agency in the calendar month', () => {
  it('refuses the 10th, charges the 11th split into three 300 yuan, counts it as three, and ignores other months, agencies and applicants', async () => {
    const person = { applicantName: `王${randomInt(1e6)}`, mobile: mobile() };
    // Not counted: February; another applicant in March; the same applicant at another agency in March.
    await register(clerk, person, '2026-02-27');
    await register(clerk, { applicantName: `李${randomInt(1e6)}`, mobile: mobile() }, '2026-03-02');
    await register(siblingClerk, person, '2026-03-02');
    const march = [];
    for (let i = 0; i < 10; i++) march.push(await register(clerk, person, i < 5 ? '2026-03-02' : '2026-03-03', `申请事项${i}`));
    const tenth = march[9];

    // The 10th of the month: within the free range — refused citing the 办法, nothing changes.
    const before = await state(tenth.caseId);
    await expect(
      transitionCase({ caseId: tenth.caseId, expectedVersion: before.version, name: 'issue_fee_notice', input: { method: 'per_application' }, actor: clerk, now: at('2026-03-05') }),
    ).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'workflow.guard.fee_threshold_exceeded', params: { article: '《政府信息公开信息处理费管理办法》第四条', free: 10 } });
    expect(await state(tenth.caseId)).toEqual(before);

    // The form shows the count the computation starts from.
    const dto = await getCaseForStaff(clerk, tenth.caseId, at('2026-03-05'));
    expect(dto.feeFacts).toEqual({ month: '2026-03', earlierInMonth: 9 });

    // The 11th, split into 3 (一事一申请): units 11–13 at 100 yuan.
    const eleventh = await register(clerk, person, '2026-03-04', '申请事项10');
    const issued = await transitionCase({
      caseId: eleventh.caseId,
      expectedVersion: 0,
      name: 'issue_fee_notice',
      input: { method: 'per_application', itemCount: 3 },
      actor: clerk,
      now: at('2026-03-05'),
    });
    expect(issued.status).toBe('awaiting_fee');
    const notice = await db.feeNotice.findFirstOrThrow({ where: { caseId: eleventh.caseId } });
    expect(notice.amountYuan.toFixed(2)).toBe('300.00');
    expect(notice.computation).toMatchObject({ method: 'per_application', month: '2026-03', earlierInMonth: 10, units: 3, firstUnit: 11, lastUnit: 13, amountYuan: 300 });
    expect(notice.basis).toContain('《政府信息公开信息处理费管理办法》第四条');
    const letter = await db.document.findUniqueOrThrow({ where: { id: issued.document!.id } });
    expect(letter.body).toContain('收费金额：人民币300.00元');
    expect(letter.body).toContain('计收方式：按件计收（《政府信息公开信息处理费管理办法》第四条）');
    expect(letter.body).toContain('计算过程：2026年3月同一申请人向本机关提出的政府信息公开申请，在本申请之前已有10件，本申请计3件，为当月第11—13件。');
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId: eleventh.caseId, type: 'fee_notice_issued' } });
    expect(event.data).toMatchObject({ amountYuan: 300, computation: { lastUnit: 13 } });
    // The staff page shows the computation with the notice.
    const after = await getCaseForStaff(clerk, eleventh.caseId, at('2026-03-05'));
    expect(after.feeNotices[0]?.computationText).toContain('合计300元');

    // The next one counts the split application as 3: the 14th of the month.
    const next = await register(clerk, person, '2026-03-05', '申请事项11');
    await transitionCase({ caseId: next.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_application' }, actor: clerk, now: at('2026-03-05') });
    const nextNotice = await db.feeNotice.findFirstOrThrow({ where: { caseId: next.caseId } });
    expect(nextNotice.computation).toMatchObject({ earlierInMonth: 13, firstUnit: 14, amountYuan: 100 });
  });
});

describe('按量计收 (办法 Art. 5): pages of the application', () => {
  it('refuses 30 pages, charges 31 pages 10 yuan and 250 pages 4,700 yuan', async () => {
    const a = await register(clerk, { applicantName: `赵${randomInt(1e6)}`, mobile: mobile() }, '2026-03-02');
    const before = await state(a.caseId);
    await expect(
      transitionCase({ caseId: a.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages: 30 }, actor: clerk, now: at('2026-03-05') }),
    ).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'workflow.guard.fee_threshold_exceeded', params: { article: '《政府信息公开信息处理费管理办法》第五条', free: 30 } });
    // No pages, or absurd counts: refused with the count's message, nothing changes.
    for (const pages of [undefined, 0, 2_000_000]) {
      await expect(
        transitionCase({ caseId: a.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages }, actor: clerk, now: at('2026-03-05') }),
      ).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'workflow.guard.fee_units_given' });
    }
    await expect(
      transitionCase({ caseId: a.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages: 1e15 }, actor: clerk, now: at('2026-03-05') }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await state(a.caseId)).toEqual(before);

    await transitionCase({ caseId: a.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages: 31 }, actor: clerk, now: at('2026-03-05') });
    expect((await db.feeNotice.findFirstOrThrow({ where: { caseId: a.caseId } })).amountYuan.toFixed(2)).toBe('10.00');

    const b = await register(clerk, { applicantName: `钱${randomInt(1e6)}`, mobile: mobile() }, '2026-03-02');
    await transitionCase({ caseId: b.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages: 250 }, actor: clerk, now: at('2026-03-05') });
    expect((await db.feeNotice.findFirstOrThrow({ where: { caseId: b.caseId } })).amountYuan.toFixed(2)).toBe('4700.00');
  });

  it('a double-clicked notice is issued once; another agency’s clerk cannot issue one', async () => {
    const c = await register(clerk, { applicantName: `孙${randomInt(1e6)}`, mobile: mobile() }, '2026-03-02');
    const submit = () => transitionCase({ caseId: c.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages: 40 }, actor: clerk, now: at('2026-03-05') });
    const results = await Promise.allSettled([submit(), submit()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    expect(await db.feeNotice.count({ where: { caseId: c.caseId } })).toBe(1);
    expect(await db.document.count({ where: { caseId: c.caseId, type: 'fee_notice' } })).toBe(1);

    const d = await register(clerk, { applicantName: `周${randomInt(1e6)}`, mobile: mobile() }, '2026-03-02');
    await expect(
      transitionCase({ caseId: d.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages: 40 }, actor: siblingClerk, now: at('2026-03-05') }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.feeNotice.count({ where: { caseId: d.caseId } })).toBe(0);
  });
});

describe('section 六 of the annual report draft', () => {
  it('counts the notices issued and the fees collected in the year, for the organisation and its subtree', async () => {
    const tree = await createOrgTree();
    const deptClerk = await createActor('clerk', tree.dept, '经办人');
    const empty = await loadFeeFigures({ orgId: tree.dept.id, subtree: false, year: 2026 });
    expect(feesParagraph(empty)).toBe('本年度未收取信息处理费。');

    const paid = await register(deptClerk, { applicantName: `吴${randomInt(1e6)}`, mobile: mobile() }, '2026-03-02');
    const v = (await transitionCase({ caseId: paid.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages: 40 }, actor: deptClerk, now: at('2026-03-05') })).version;
    await transitionCase({ caseId: paid.caseId, expectedVersion: v, name: 'record_fee_paid', input: { paidOn: '2026-03-10' }, actor: deptClerk, now: at('2026-03-10') });
    const unpaid = await register(deptClerk, { applicantName: `郑${randomInt(1e6)}`, mobile: mobile() }, '2026-03-02');
    await transitionCase({ caseId: unpaid.caseId, expectedVersion: 0, name: 'issue_fee_notice', input: { method: 'per_page', pages: 120 }, actor: deptClerk, now: at('2026-03-05') });

    const figures = await loadFeeFigures({ orgId: tree.dept.id, subtree: false, year: 2026 });
    expect(figures).toEqual({ year: 2026, issuedCount: 2, issuedAmountYuan: '1200.00', collectedCount: 1, collectedAmountYuan: '100.00' });
    expect(feesParagraph(figures)).toBe('本年度共发出信息处理费收费通知2件，金额共计1200元；收取信息处理费1件，共计100元。');
    // The root with its subtree includes the department; the sibling and another year have none.
    expect((await loadFeeFigures({ orgId: tree.root.id, subtree: true, year: 2026 })).issuedCount).toBe(2);
    expect((await loadFeeFigures({ orgId: tree.root.id, subtree: false, year: 2026 })).issuedCount).toBe(0);
    expect((await loadFeeFigures({ orgId: tree.dept.id, subtree: false, year: 2025 })).issuedCount).toBe(0);
  });
});
