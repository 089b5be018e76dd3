/**
 * 更正 of a concluded case (issue 10 item 4) on a real PostgreSQL: a reviewer or admin corrects the outcome,
 * the applicant type, a date or the organisation with a reason; the history keeps before and after; a
 * correction that alters a locked year's table is refused until the year is unlocked; the annual table follows.
 * Clerks, out-of-scope reviewers and open cases are refused, and a refusal changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { correctCase } from '@/lib/cases/correct-case';
import { at, createCaseCast, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { loadAnnualCounts } from '@/lib/statistics/load-annual-counts';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let outsider: Actor;
let admin: Actor;

beforeAll(async () => {
  ({ orgs, clerk, reviewer, outsider, admin } = await createCaseCast({
    names: { clerk: '经办人', reviewer: '审核人', outsider: '外机关审核人', admin: '管理员' },
  }));
});

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** A counter application received and withdrawn in 2025 (concluded with other_misc). */
async function concludedCase(): Promise<{ caseId: string; version: number }> {
  const reg = await registerCaseByStaff({ actor: clerk, now: at('2025-06-02'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2025-06-02' } });
  const r = await transitionCase({ caseId: reg.caseId, expectedVersion: 0, name: 'withdraw', input: { reason: '当面撤回' }, actor: clerk, now: at('2025-06-03') });
  return { caseId: reg.caseId, version: r.version };
}

const concludedWith = async (outcome: string) => {
  const counts = await loadAnnualCounts({ year: 2025, orgId: orgs.dept.id, subtree: false });
  return counts.concluded.filter((c) => c.outcome === outcome).reduce((n, c) => n + Number(c.n), 0);
};

describe('correcting a concluded case', () => {
  it('a reviewer corrects the outcome and the applicant type with a reason; history and annual table follow', async () => {
    const { caseId, version } = await concludedCase();
    const misc = await concludedWith('other_misc');
    const granted = await concludedWith('granted');
    const result = await correctCase({
      actor: reviewer,
      caseId,
      expectedVersion: version,
      input: { outcome: 'granted', applicantType: 'legal_service_org', reason: '登记时误选，依据答复书原件更正' },
      now: at('2026-03-02'),
    });
    expect(result.changed).toEqual(['outcome', 'applicantType']);
    expect(result.years).toEqual([2025]);
    const row = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { outcome: true, applicantType: true, status: true, version: true } });
    expect(row).toEqual({ outcome: 'granted', applicantType: 'legal_service_org', status: 'closed', version: version + 1 });
    const event = await db.caseEvent.findFirstOrThrow({ where: { caseId, type: 'case_corrected' } });
    expect(event.data).toMatchObject({
      before: { outcome: 'other_misc', applicantType: 'natural_person' },
      after: { outcome: 'granted', applicantType: 'legal_service_org' },
      reason: '登记时误选，依据答复书原件更正',
    });
    expect(event.actorId).toBe(reviewer.id);
    expect(await concludedWith('other_misc')).toBe(misc - 1);
    expect(await concludedWith('granted')).toBe(granted + 1);
  });

  it('refuses a correction that alters a locked year until the year is unlocked', async () => {
    const created = await concludedCase();
    const { caseId } = created;
    let { version } = created;
    await db.periodLock.create({ data: { orgId: orgs.root.id, year: 2025, isLocked: true } });
    try {
      // A date within the same year changes no table: allowed while locked.
      const sameYear = await correctCase({ actor: admin, caseId, expectedVersion: version, input: { concludedOn: '2025-06-04', reason: '日期有误' }, now: at('2026-03-02') });
      expect(sameYear.years).toEqual([]);
      version = sameYear.version;
      // The outcome changes 2025's section 三: refused.
      const e = await rejection(correctCase({ actor: admin, caseId, expectedVersion: version, input: { outcome: 'granted', reason: '结果有误' }, now: at('2026-03-02') }));
      expect(e.code).toBe('LOCKED');
      expect(await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).toEqual({ version });
      expect(await db.caseEvent.count({ where: { caseId, type: 'case_corrected' } })).toBe(1);
    } finally {
      await db.periodLock.update({ where: { orgId_year: { orgId: orgs.root.id, year: 2025 } }, data: { isLocked: false } });
    }
    const ok = await correctCase({ actor: admin, caseId, expectedVersion: version, input: { outcome: 'granted', reason: '结果有误' }, now: at('2026-03-02') });
    expect(ok).toMatchObject({ changed: ['outcome'], years: [2025] });
  });

  it('moves a case to another organisation in scope, and refuses clerks, outsiders, open cases and bad input', async () => {
    const { caseId, version } = await concludedCase();
    // Clerk: forbidden; a reviewer of another subtree: not found; nothing changes.
    expect((await rejection(correctCase({ actor: clerk, caseId, expectedVersion: version, input: { outcome: 'granted', reason: 'x' }, now: at('2026-03-02') }))).code).toBe('FORBIDDEN');
    expect((await rejection(correctCase({ actor: outsider, caseId, expectedVersion: version, input: { outcome: 'granted', reason: 'x' }, now: at('2026-03-02') }))).code).toBe('NOT_FOUND');
    // No reason, nothing to change, impossible dates, a stale version.
    expect((await rejection(correctCase({ actor: reviewer, caseId, expectedVersion: version, input: { outcome: 'granted', reason: '  ' }, now: at('2026-03-02') }))).messageKey).toBe('case.input_invalid');
    expect((await rejection(correctCase({ actor: reviewer, caseId, expectedVersion: version, input: { outcome: 'other_misc', reason: '无' }, now: at('2026-03-02') }))).messageKey).toBe('case.correct.nothing');
    expect((await rejection(correctCase({ actor: reviewer, caseId, expectedVersion: version, input: { receivedOn: '2025-07-01', reason: '日期' }, now: at('2026-03-02') }))).messageKey).toBe('case.correct.dates');
    expect((await rejection(correctCase({ actor: reviewer, caseId, expectedVersion: version, input: { concludedOn: '2027-01-01', reason: '日期' }, now: at('2026-03-02') }))).messageKey).toBe('case.correct.dates');
    expect((await rejection(correctCase({ actor: reviewer, caseId, expectedVersion: version - 1, input: { outcome: 'granted', reason: '更正' }, now: at('2026-03-02') }))).code).toBe('CONFLICT');
    // The reviewer of the department cannot move it to the sibling (not in scope); the admin can.
    expect((await rejection(correctCase({ actor: reviewer, caseId, expectedVersion: version, input: { orgId: orgs.sibling.id, reason: '受理机关有误' }, now: at('2026-03-02') }))).messageKey).toBe('case.org_not_found');
    expect(await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, orgId: true } })).toEqual({ version, orgId: orgs.dept.id });
    const moved = await correctCase({ actor: admin, caseId, expectedVersion: version, input: { orgId: orgs.sibling.id, reason: '受理机关有误' }, now: at('2026-03-02') });
    expect(moved.changed).toEqual(['orgId']);

    // An open case is changed through its steps, not corrected.
    const open = await registerCaseByStaff({ actor: clerk, now: at('2026-03-02'), form: { ...LETTER, channel: 'in_person', arrivedOn: '2026-03-02' } });
    expect((await rejection(correctCase({ actor: reviewer, caseId: open.caseId, expectedVersion: 0, input: { applicantType: 'other_org', reason: '类型有误' }, now: at('2026-03-02') }))).code).toBe('INVALID_TRANSITION');
  });
});
