/**
 * "我的申请" (issue 10 item 9): each row shows an excerpt of the request, and a case waiting for the applicant
 * (a 补正 to answer, a fee to pay) says so with its last day. Only the applicant's own cases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { submitApplication } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { listMyCases, MY_EXCERPT_LENGTH } from '@/lib/portal/portal-case';

let orgs: OrgTree;
let clerk: Actor;
let applicant: Actor;
let other: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  applicant = await createActor('applicant', null, '申请人');
  other = await createActor('applicant', null, '另一申请人');
});

const session = (a: Actor) => ({ ...a, name: 'x', orgName: null });

describe('listMyCases', () => {
  it('shows an excerpt and flags the case that waits for the applicant', async () => {
    const long = `关于示范市2025年老旧小区改造的资金安排、项目清单、招标文件和验收报告，${'以及相关会议纪要'.repeat(10)}`;
    const waiting = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id, description: long }, submissionKey: submissionKey(), applicant, now: at('2026-03-02') });
    const plain = await submitApplication({ form: { ...PORTAL_FORM, orgId: orgs.dept.id }, submissionKey: submissionKey(), applicant, now: at('2026-03-02', '11:00') });
    const step = async (name: 'confirm_receipt' | 'request_correction', input: Record<string, unknown>) => {
      const { version } = await db.case.findUniqueOrThrow({ where: { id: waiting.caseId }, select: { version: true } });
      await transitionCase({ caseId: waiting.caseId, expectedVersion: version, name, input, actor: clerk, now: at('2026-03-03') } as Parameters<typeof transitionCase>[0]);
    };
    await step('confirm_receipt', { receivedOn: '2026-03-03' });
    await step('request_correction', { items: '请说明年份', periodDays: 10 });

    const rows = await listMyCases(session(applicant));
    const w = rows.find((r) => r.id === waiting.caseId);
    const p = rows.find((r) => r.id === plain.caseId);
    expect(w?.waitingFor?.kind).toBe('correction');
    expect(w?.waitingFor?.until).toMatch(/^2026-03-\d\d$/);
    expect(w?.excerpt.length).toBe(MY_EXCERPT_LENGTH + 1); // with the ellipsis
    expect(w?.excerpt.startsWith('关于示范市2025年老旧小区改造')).toBe(true);
    expect(p?.waitingFor).toBeNull();
    expect(p?.excerpt).toBe(PORTAL_FORM.description);
    expect(await listMyCases(session(other))).toEqual([]);
  });
});
