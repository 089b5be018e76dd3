/**
 * Cached staff counts (issue 13, lib/cases/count-cache.ts) on a real PostgreSQL: a repeat view is served from
 * memory, and any change the viewer could know about — a workflow step, a registration, a record of the
 * case (a draft answer), or plain SQL from another process — makes the very next view count again; changes
 * outside the viewer's scope keep the cached count; a new day recounts the date-dependent counts.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { countCacheStats, resetCountCache, scopeSnapshot } from '@/lib/cases/count-cache';
import { at, createActor, createOrgTree, ensureCalendar, ensureTestEncryptionKey, PORTAL_FORM, submissionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { countCases, dashboardCounts, listCases } from '@/lib/cases/queries';
import { submitApplication } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { loadWorkQueue, type QueueSection } from '@/lib/cases/work-queue';
import { OPEN_STATUSES } from '@/lib/cases/workflow';

let orgs: OrgTree;
let clerk: Actor;
let reviewer: Actor;
let rootClerk: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  orgs = await createOrgTree();
  clerk = await createActor('clerk', orgs.dept, '经办人');
  reviewer = await createActor('reviewer', orgs.dept, '审核人');
  rootClerk = await createActor('clerk', orgs.root, '总机关经办人');
});

beforeEach(() => resetCountCache());

const NOW = at('2026-03-03', '16:00');

async function version(caseId: string): Promise<number> {
  return (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
}

async function step(caseId: string, name: TransitionCaseParams['name'], actor: Actor, input: Record<string, unknown> = {}, now = at('2026-03-02', '11:00')) {
  return transitionCase({ caseId, expectedVersion: await version(caseId), name, input, actor, now } as TransitionCaseParams);
}

/** An online application: waits for the Art. 31 confirmation, unassigned. */
async function register(org: { id: number } = orgs.dept): Promise<string> {
  const sub = await submitApplication({ form: { ...PORTAL_FORM, orgId: org.id }, submissionKey: submissionKey(), applicant: null, now: at('2026-03-02', '09:00') });
  return sub.caseId;
}

async function sectionCount(actor: Actor, section: QueueSection, now = NOW): Promise<number> {
  const q = await loadWorkQueue(actor, { now, limit: 0 });
  return q.sections.find((s) => s.section === section)?.count ?? 0;
}

/** The same counts straight from the database, for comparison. */
async function freshCount(orgIds: number[], status: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM cases WHERE org_id = ANY(${orgIds}) AND status::text = ${status}`;
  return Number(row?.n ?? 0);
}

describe('cached staff counts', () => {
  it('serve repeat views from memory and count again on the next view after a workflow step', async () => {
    const first = await dashboardCounts(clerk, NOW);
    const again = await dashboardCounts(clerk, NOW);
    expect(again).toEqual(first);
    expect(countCacheStats()).toMatchObject({ misses: 4, hits: 4 });
    expect(first.pendingConfirmation).toBe(await freshCount([orgs.dept.id], 'pending_confirmation'));

    // A registration: one more case waiting for the Art. 31 confirmation, on the very next view.
    const caseId = await register();
    expect((await dashboardCounts(clerk, NOW)).pendingConfirmation).toBe(first.pendingConfirmation + 1);
    expect(await sectionCount(clerk, 'confirm_receipt')).toBe(await freshCount([orgs.dept.id], 'pending_confirmation'));

    // The confirmation: gone from the count at once, for the clerk and for the root's clerk above.
    const rootBefore = (await dashboardCounts(rootClerk, NOW)).pendingConfirmation;
    await step(caseId, 'claim', clerk);
    await step(caseId, 'confirm_receipt', clerk, { receivedOn: '2026-03-02' });
    expect((await dashboardCounts(clerk, NOW)).pendingConfirmation).toBe(first.pendingConfirmation);
    expect((await dashboardCounts(rootClerk, NOW)).pendingConfirmation).toBe(rootBefore - 1);
    expect(await sectionCount(clerk, 'confirm_receipt')).toBe(await freshCount([orgs.dept.id], 'pending_confirmation'));
  });

  it('count again after a change to a record of the case (a draft answer for the 保密审查)', async () => {
    const caseId = await register();
    await step(caseId, 'claim', clerk);
    await step(caseId, 'confirm_receipt', clerk, { receivedOn: '2026-03-02' });
    const before = await sectionCount(reviewer, 'confidentiality_review');
    expect(await sectionCount(reviewer, 'confidentiality_review')).toBe(before);
    const hits = countCacheStats().hits;
    expect(hits).toBeGreaterThan(0);
    // saveAnswerDraft writes the documents table (and the case); the reviewer's next view sees the draft.
    await saveAnswerDraft({ caseId, expectedVersion: await version(caseId), actor: clerk, now: at('2026-03-03'), draft: { outcome: 'granted', details: { accessArrangement: '工作日到本机关查阅点查阅' } } });
    expect(await sectionCount(reviewer, 'confidentiality_review')).toBe(before + 1);
    // A child record changed by plain SQL alone (no case update) also counts again.
    await db.$executeRaw`UPDATE documents SET confidentiality_review_at = now() WHERE case_id = ${caseId}::uuid AND type = 'answer'`;
    expect(await sectionCount(reviewer, 'confidentiality_review')).toBe(before);
  });

  it('count again after a change by any code path (plain SQL, as another server process would)', async () => {
    const caseId = await register();
    const filters = { status: ['pending_confirmation' as const] };
    const before = await countCases(clerk, filters, NOW);
    expect(await countCases(clerk, filters, NOW)).toEqual(before);
    expect(countCacheStats()).toMatchObject({ hits: 1, misses: 1 });
    await db.$executeRaw`UPDATE cases SET status = 'in_progress', received_on = '2026-03-02' WHERE id = ${caseId}::uuid`;
    expect(await countCases(clerk, filters, NOW)).toEqual({ count: before.count - 1, isCapped: false });
    await db.$executeRaw`UPDATE cases SET status = 'pending_confirmation', received_on = NULL WHERE id = ${caseId}::uuid`;
    expect(await countCases(clerk, filters, NOW)).toEqual(before);
    expect(countCacheStats()).toMatchObject({ hits: 1, misses: 3 });
  });

  it('keep the cached counts after changes outside the scope; the wider scope counts again', async () => {
    await dashboardCounts(clerk, NOW);
    await dashboardCounts(rootClerk, NOW);
    const deptGeneration = (await scopeSnapshot(clerk)).generation;
    const rootGeneration = (await scopeSnapshot(rootClerk)).generation;
    // A case registered in the sibling organisation: not in the department's scope, in the root's.
    await register(orgs.sibling);
    expect((await scopeSnapshot(clerk)).generation).toBe(deptGeneration);
    expect((await scopeSnapshot(rootClerk)).generation).not.toBe(rootGeneration);
    resetCountCache({ keepEntries: true });
    await dashboardCounts(clerk, NOW);
    expect(countCacheStats()).toMatchObject({ hits: 4, misses: 0 });
    const root = await dashboardCounts(rootClerk, NOW);
    expect(countCacheStats()).toMatchObject({ hits: 4, misses: 4 });
    expect(root.pendingConfirmation).toBe(await freshCount([orgs.root.id, orgs.dept.id, orgs.sibling.id], 'pending_confirmation'));
  });

  it('count the date-dependent counts again on a new day without any change', async () => {
    const caseId = await register();
    await step(caseId, 'claim', clerk);
    await step(caseId, 'confirm_receipt', clerk, { receivedOn: '2026-03-02' });
    const due = (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { answerDueOn: true } })).answerDueOn;
    expect(due).not.toBeNull();
    const dueIso = due!.toISOString().slice(0, 10);
    const onDueDay = await dashboardCounts(clerk, at(dueIso, '12:00'));
    const dayAfter = new Date(at(dueIso, '12:00').getTime() + 86_400_000);
    const next = await dashboardCounts(clerk, dayAfter);
    // Every open case of the department due on that day (this one and the earlier tests' cases) is now overdue.
    const [dueThatDay] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM cases WHERE org_id = ${orgs.dept.id} AND answer_due_on = ${due}::date
        AND status::text = ANY(${[...OPEN_STATUSES]})`;
    expect(Number(dueThatDay?.n)).toBeGreaterThanOrEqual(1);
    expect(next.overdue).toBe(onDueDay.overdue + Number(dueThatDay?.n));
    expect(await sectionCount(clerk, 'overdue', dayAfter)).toBeGreaterThan(await sectionCount(clerk, 'overdue', at(dueIso, '12:00')));
  });

  it('spread concurrent writers of one organisation over slots, and every bump is counted', async () => {
    const before = BigInt((await scopeSnapshot(clerk)).generation ?? '0');
    await Promise.all(Array.from({ length: 6 }, () => register()));
    const after = BigInt((await scopeSnapshot(clerk)).generation ?? '0');
    // Each registration inserts a case and events: at least one bump each.
    expect(after - before).toBeGreaterThanOrEqual(6n);
    const slots = await db.caseGeneration.findMany({ where: { orgId: orgs.dept.id } });
    expect(slots.length).toBeGreaterThan(1);
    expect(slots.every((s) => s.slot >= 0 && s.slot < 8)).toBe(true);
  });

  it('scope a subtree that is every organisation without an organisation condition, and a smaller one by ids', async () => {
    await register(orgs.sibling);
    await createOrgTree(); // another tree, outside this one's root
    // The root of this tree: the other trees are outside it, so its scope is its ids.
    const root = await scopeSnapshot(rootClerk);
    expect(root.where).toEqual({ orgId: { in: [orgs.root.id, orgs.dept.id, orgs.sibling.id].sort((a, b) => a - b) } });
    // A staff member whose subtree is every organisation (a single-tree register's root): no condition, and
    // the counts and the list are those of the whole register.
    const everything: Actor = { ...rootClerk, orgPath: '/' };
    const whole = await scopeSnapshot(everything);
    expect(whole.where).toEqual({});
    const all = await db.organisation.findMany({ select: { id: true } });
    expect((await dashboardCounts(everything, NOW)).pendingConfirmation).toBe(await freshCount(all.map((o) => o.id), 'pending_confirmation'));
    expect((await countCases(everything, { status: ['pending_confirmation'] }, NOW)).count).toBe(await freshCount(all.map((o) => o.id), 'pending_confirmation'));
    expect((await listCases(everything, { status: ['pending_confirmation'] }, { limit: 100 }, NOW)).items.length).toBe(
      Math.min(100, await freshCount(all.map((o) => o.id), 'pending_confirmation')),
    );
    // The generation still covers every organisation: a change anywhere counts again.
    await register(orgs.dept);
    expect((await scopeSnapshot(everything)).generation).not.toBe(whole.generation);
  });
});

