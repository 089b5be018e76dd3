import pg from 'pg';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, LETTER, type OrgTree } from '@/lib/cases/int-fixtures';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase } from '@/lib/cases/transition-case';
import { loadReportText, saveReportText } from '@/lib/reports/report-texts';
import { savePublishedTable } from '@/lib/reports/published-tables';
import { recordStatements } from '@/test/sql-statements';
import { loadReportView, lockReportPeriod, unlockReportPeriod } from './annual-report';
import { loadReportPageView, reportPageViewCacheStats, resetReportPageViewCache, type ReportPageView } from './report-view-cache';

/**
 * The report page's cached view (issue 13 item 5, lib/admin/report-view-cache.ts) on a real PostgreSQL: a
 * repeat view of an unchanged year and scope is one statement and the same object; a case registered or
 * changed in that year and scope — through the workflow, or by plain SQL on another connection as another
 * web worker or server would — changes the very next view; so do the report's other inputs (lock, published
 * table, report text, fee notice); changes in another subtree or another year keep the cached view; and a
 * cached view is never handed to someone who may not see it.
 */
let orgs: OrgTree;
const code: Record<'root' | 'dept' | 'sibling', string> = { root: '', dept: '', sibling: '' };
let admin: Actor;
let rootClerk: Actor;
let deptClerk: Actor;
let siblingClerk: Actor;
let applicant: Actor;

const YEAR = 2024;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  for (const k of ['root', 'dept', 'sibling'] as const) {
    code[k] = (await db.organisation.findUniqueOrThrow({ where: { id: orgs[k].id }, select: { code: true } })).code;
  }
  admin = await createActor('admin', null);
  rootClerk = await createActor('clerk', orgs.root, '总机关经办人');
  deptClerk = await createActor('clerk', orgs.dept, '经办人');
  siblingClerk = await createActor('clerk', orgs.sibling, '教育局经办人');
  applicant = await createActor('applicant', null);
  await letter(orgs.dept, '2024-03-05');
  await letter(orgs.sibling, '2024-04-08');
}, 60_000);

beforeEach(() => resetReportPageViewCache());

/** A letter signed for on `day`, registered by a clerk of `org`: received that day (Art. 31), open. */
async function letter(org: { id: number; path: string }, day: string): Promise<string> {
  const clerk = await createActor('clerk', org);
  const reg = await registerCaseByStaff({ actor: clerk, now: at(day, '15:00'), form: { ...LETTER, channel: 'post_signed', arrivedOn: day, signedForOn: day } });
  return reg.caseId;
}

const view = (actor: Actor, org: keyof typeof code, year = YEAR, subtree = true) => loadReportPageView(actor, { year, org: code[org], subtree });
const received = (v: ReportPageView) => v.table.section3.new_received?.total ?? 0;

describe('the report page’s cached view', () => {
  it('serves a repeat view from memory with one statement, equal to a fresh load', async () => {
    const first = await view(rootClerk, 'root');
    const rec = recordStatements();
    const again = await view(rootClerk, 'root');
    const sql = rec.stop();
    expect(again).toBe(first);
    expect(sql).toHaveLength(1);
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 1, misses: 1 });
    const fresh = await loadReportView(rootClerk, { year: YEAR, org: code.root, subtree: true });
    expect(first.table).toEqual(fresh.table);
    expect(first.lock).toEqual(fresh.lock);
    expect(first.org).toEqual(fresh.org);
    expect(received(first)).toBe(2);
    const text = await loadReportText({ orgId: orgs.root.id, year: YEAR, scope: 'subtree' });
    expect(first.text).toEqual({ source: text.source, version: text.version, problems: expect.any(Number) });
    // Shared between requests: frozen, so no request can change what the next one sees.
    expect(Object.isFrozen(first.table.section3)).toBe(true);
  });

  it('shows a case registered in that year and scope on the very next view, for every scope that counts it', async () => {
    const root = await view(rootClerk, 'root');
    const dept = await view(deptClerk, 'dept');
    const caseId = await letter(orgs.dept, '2024-06-03');
    const rootAfter = await view(rootClerk, 'root');
    const deptAfter = await view(deptClerk, 'dept');
    expect(received(rootAfter)).toBe(received(root) + 1);
    expect(received(deptAfter)).toBe(received(dept) + 1);
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 0, misses: 4 });

    // A workflow step on that case (the clerk takes it on): the view is loaded again, not served stale.
    const { version } = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
    await transitionCase({ caseId, expectedVersion: version, name: 'claim', input: {}, actor: deptClerk, now: at('2024-06-04') } as Parameters<typeof transitionCase>[0]);
    await view(deptClerk, 'dept');
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 0, misses: 5 });
    await view(deptClerk, 'dept');
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 1, misses: 5 });
  });

  it('sees a change made by plain SQL on another connection (another web worker or server)', async () => {
    const before = await view(deptClerk, 'dept');
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      const { rows } = await other.query<{ id: string }>(`SELECT id FROM cases WHERE org_id = $1 AND received_on BETWEEN '2024-01-01' AND '2024-12-31' ORDER BY id LIMIT 1`, [orgs.dept.id]);
      await other.query(`UPDATE cases SET received_on = '2023-12-29' WHERE id = $1`, [rows[0].id]);
      const after = await view(deptClerk, 'dept');
      expect(received(after)).toBe(received(before) - 1);
      expect(received(after) + (after.table.section3.carried_over?.total ?? 0)).toBe(received(before) + (before.table.section3.carried_over?.total ?? 0));
      await other.query(`UPDATE cases SET received_on = '2024-01-02' WHERE id = $1`, [rows[0].id]);
      expect(received(await view(deptClerk, 'dept'))).toBe(received(before));
    } finally {
      await other.end();
    }
  });

  it('keeps serving the cached view after changes in another subtree or another year', async () => {
    const dept = await view(deptClerk, 'dept');
    const dept2023 = await view(deptClerk, 'dept', 2023);
    // Another subtree, the same year: the sibling department's case.
    await letter(orgs.sibling, '2024-07-01');
    // The same organisation, a later year: a case received in 2025 counts in 2025 and after, not in 2024.
    await letter(orgs.dept, '2025-02-03');
    resetReportPageViewCache({ keepViews: true });
    expect(await view(deptClerk, 'dept')).toBe(dept);
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 1, misses: 0 });
    // The same organisation, an earlier year: the 2024 case above is not part of 2023's report.
    await letter(orgs.dept, '2024-08-01');
    resetReportPageViewCache({ keepViews: true });
    expect(await view(deptClerk, 'dept', 2023)).toBe(dept2023);
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 1, misses: 0 });
    // …while the root's subtree counts the sibling's case: loaded again.
    await view(rootClerk, 'root');
    await view(deptClerk, 'dept');
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it('shows a lock (an ancestor’s too), a published table, a report text and a fee notice on the next view', async () => {
    const before = await view(deptClerk, 'dept');
    expect(before.lock.isLocked).toBe(false);
    await lockReportPeriod(admin, code.root, YEAR);
    const locked = await view(deptClerk, 'dept');
    expect(locked.lock).toMatchObject({ isLocked: true, inheritedFrom: code.root });
    await unlockReportPeriod(admin, code.root, YEAR, '补录一件申请');
    expect((await view(deptClerk, 'dept')).lock.isLocked).toBe(false);

    expect(before.published).toBeNull();
    await savePublishedTable(admin, { id: orgs.dept.id, code: code.dept }, { year: YEAR, subtree: false, table: before.table, source: 'form', fileName: null });
    const published = await view(deptClerk, 'dept');
    expect(published.published).toMatchObject({ source: 'form', differences: [] });

    expect(before.text.source).toBe('draft');
    const draft = await loadReportText({ orgId: orgs.dept.id, year: YEAR, scope: 'own' });
    await saveReportText(admin, { orgCode: code.dept, year: YEAR, sections: draft.sections, expectedVersion: 0 });
    expect((await view(deptClerk, 'dept')).text).toMatchObject({ source: 'saved', version: 1 });

    const cached = await view(deptClerk, 'dept');
    const caseId = (await db.case.findFirstOrThrow({ where: { orgId: orgs.dept.id, receivedOn: { gte: new Date('2024-01-01') } }, select: { id: true } })).id;
    await db.$executeRaw`
      INSERT INTO fee_notices (id, case_id, amount_yuan, method, basis, issued_on, payment_due_on)
      VALUES (gen_random_uuid(), ${caseId}::uuid, 100, 'by_item', '测试', '2024-09-02', '2024-09-23')`;
    const afterFee = await view(deptClerk, 'dept');
    expect(afterFee).not.toBe(cached);
    expect(afterFee.key).not.toBe(cached.key);
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 1, misses: 6 });
  });

  it('loads once for concurrent first views (single flight)', async () => {
    const views = await Promise.all(Array.from({ length: 6 }, () => view(rootClerk, 'root')));
    expect(new Set(views).size).toBe(1);
    const stats = reportPageViewCacheStats();
    expect(stats.misses).toBe(1);
    expect(stats.hits + stats.shared).toBe(5);
  });

  it('never hands a cached view to someone who may not see it', async () => {
    await view(admin, 'dept');
    await view(admin, 'root');
    // Cached now; still NOT_FOUND, exactly like an unknown organisation, for everyone outside the subtree.
    await expect(view(siblingClerk, 'dept')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(view(deptClerk, 'root')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(view(applicant, 'dept')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(loadReportPageView(rootClerk, { year: YEAR, org: 'NO-SUCH-ORG\u0000', subtree: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 0, misses: 2 });
    // …and still served to those inside it.
    expect((await view(rootClerk, 'dept')).org.code).toBe(code.dept);
    expect(reportPageViewCacheStats()).toMatchObject({ hits: 1, misses: 2 });
  });
});
