import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, ensureCalendar, ensureTestEncryptionKey, PORTAL_FORM, submissionKey } from '@/lib/cases/int-fixtures';
import { submitApplication } from '@/lib/cases/register-case';
import { listCases } from '@/lib/cases/queries';
import { createFixtureTree, insertFixtureCases, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { buildAnnualTable } from '@/lib/statistics/load-annual-counts';
import { lockPeriod, unlockPeriod } from '@/lib/reports/period-lock';
import { searchOrganisations } from '@/lib/portal/org-search';
import { createChildOrganisation } from './organisations';
import {
  mergeOrganisation,
  mergeOrganisationSchema,
  moveOrganisation,
  moveOrganisationSchema,
  organisationHistories,
  reinstateOrganisation,
  retireOrganisation,
} from './org-restructure';

/**
 * Issue 12 item 6: moving, merging and retiring organisations on PostgreSQL. Paths of whole subtrees are
 * rewritten, scoping and subtree tables follow, locks and stale forms refuse, and every act is audited.
 */
let n = 0;
const prefix = () => `RS${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();
let system: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  await ensureCalendar();
  system = await createActor('admin', null);
});

const pathOf = async (id: number) => (await db.organisation.findUniqueOrThrow({ where: { id }, select: { path: true } })).path;
const received = async (code: string, year: number, subtree = true) =>
  (await buildAnnualTable({ year, orgCode: code, subtree })).section3.new_received?.total ?? 0;

async function treeWithCases(): Promise<FixtureTree> {
  const p = prefix();
  const tree = await createFixtureTree(db, p);
  await insertFixtureCases(db, [
    { orgId: tree.leaf.id, trackingNo: `${p}-1`, applicantType: 'natural_person', receivedOn: '2025-03-02', concludedOn: '2025-03-20', outcome: 'granted' },
    { orgId: tree.mid.id, trackingNo: `${p}-2`, applicantType: 'natural_person', receivedOn: '2025-04-02', concludedOn: '2025-04-20', outcome: 'granted' },
  ]);
  return tree;
}

describe('moveOrganisation', () => {
  it('moves a subtree under another parent: paths, scoping and subtree tables follow; audited', async () => {
    const tree = await treeWithCases();
    // mid (with leaf below it) goes under other.
    const result = await moveOrganisation(system, moveOrganisationSchema.parse({ id: tree.mid.id, expectedPath: tree.mid.path, parentCode: tree.other.code, reason: '机构改革' }));
    expect(result).toEqual({ changed: true, path: `${tree.other.path}${tree.mid.id}/` });
    expect(await pathOf(tree.leaf.id)).toBe(`${tree.other.path}${tree.mid.id}/${tree.leaf.id}/`);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: tree.mid.id }, select: { parentId: true } })).parentId).toBe(tree.other.id);
    // other's subtree table now counts mid's and leaf's cases; root's still does (other is below root).
    expect(await received(tree.other.code, 2025)).toBe(2);
    expect(await received(tree.root.code, 2025)).toBe(2);
    // A clerk of `other` now sees them; one of the old scope path no longer matches.
    const otherClerk = await createActor('clerk', { id: tree.other.id, path: await pathOf(tree.other.id) });
    expect((await listCases(otherClerk, {})).items.length).toBe(2);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'organisation.moved', actorId: system.id }, orderBy: { id: 'desc' } });
    expect(audit.data).toMatchObject({ id: tree.mid.id, reason: '机构改革', before: { path: tree.mid.path }, after: { parentId: tree.other.id } });
  });

  it('moves to the top level and back; a system admin only', async () => {
    const tree = await treeWithCases();
    const top = await moveOrganisation(system, moveOrganisationSchema.parse({ id: tree.mid.id, expectedPath: tree.mid.path, parentCode: '', reason: '独立' }));
    expect(top.path).toBe(`/${tree.mid.id}/`);
    expect(await received(tree.root.code, 2025)).toBe(0);
    expect(await received(tree.mid.code, 2025)).toBe(2);
    const scoped = await createActor('admin', { id: tree.root.id, path: tree.root.path });
    await expect(
      moveOrganisation(scoped, moveOrganisationSchema.parse({ id: tree.other.id, expectedPath: tree.other.path, parentCode: '', reason: 'x' })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', messageKey: 'admin.organisations.errors.topLevelNeedsSystemAdmin' });
    // mid is now outside the scoped admin's subtree: unknown to it.
    await expect(
      moveOrganisation(scoped, moveOrganisationSchema.parse({ id: tree.mid.id, expectedPath: top.path, parentCode: tree.root.code, reason: 'x' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await moveOrganisation(system, moveOrganisationSchema.parse({ id: tree.mid.id, expectedPath: top.path, parentCode: tree.root.code, reason: '回归' }));
    expect(await pathOf(tree.leaf.id)).toBe(`${tree.root.path}${tree.mid.id}/${tree.leaf.id}/`);
  });

  it('refuses a cycle, a stale form, a retired or unknown parent, and a locked year of an old or new ancestor', async () => {
    const tree = await treeWithCases();
    const move = (parentCode: string, expectedPath = tree.mid.path) =>
      moveOrganisation(system, moveOrganisationSchema.parse({ id: tree.mid.id, expectedPath, parentCode, reason: '调整' }));
    await expect(move(tree.leaf.code)).rejects.toMatchObject({ messageKey: 'admin.organisations.errors.cycle' });
    await expect(move(tree.mid.code)).rejects.toMatchObject({ messageKey: 'admin.organisations.errors.cycle' });
    await expect(move(tree.other.code, '/999999/')).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'admin.organisations.errors.stale' });
    await expect(move('NO-SUCH-ORG')).rejects.toMatchObject({ messageKey: 'admin.organisations.errors.targetNotFound' });
    await lockPeriod(system, tree.root.id, 2025);
    await expect(move(tree.other.code)).rejects.toMatchObject({ code: 'LOCKED' });
    await unlockPeriod(system, tree.root.id, 2025, '调整机构');
    await lockPeriod(system, tree.other.id, 2025);
    await expect(move(tree.other.code)).rejects.toMatchObject({ code: 'LOCKED' });
    await unlockPeriod(system, tree.other.id, 2025, '调整机构');
    expect(await pathOf(tree.leaf.id)).toBe(`${tree.mid.path}${tree.leaf.id}/`);
    await retireOrganisation(system, { id: tree.other.id, expectedPath: tree.other.path, reason: '撤销' });
    await expect(move(tree.other.code)).rejects.toMatchObject({ messageKey: 'admin.organisations.errors.targetRetired' });
  });

  it('refuses hostile form values with field messages, not errors', () => {
    const bad = moveOrganisationSchema.safeParse({ id: '1e99', expectedPath: '/1/\u0000', parentCode: 'A'.repeat(10_000), reason: '\u0000' });
    expect(bad.success).toBe(false);
    const paths = new Set(bad.error?.issues.map((i) => i.path[0]));
    expect([...paths].sort()).toEqual(['expectedPath', 'id', 'parentCode', 'reason']);
  });

  it('under parallel clicks, one move wins and the other is stale', async () => {
    const tree = await treeWithCases();
    const input = moveOrganisationSchema.parse({ id: tree.leaf.id, expectedPath: tree.leaf.path, parentCode: tree.other.code, reason: '并发' });
    const results = await Promise.allSettled([moveOrganisation(system, input), moveOrganisation(system, input)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
  });
});

describe('mergeOrganisation', () => {
  it('moves cases, appeals and staff to the target, re-parents the children and retires the merged one', async () => {
    const tree = await treeWithCases();
    const clerk = await createActor('clerk', { id: tree.mid.id, path: tree.mid.path });
    const moved = await mergeOrganisation(system, mergeOrganisationSchema.parse({ id: tree.mid.id, expectedPath: tree.mid.path, intoCode: tree.other.code, reason: '合并' }));
    expect(moved).toEqual({ cases: 1, appeals: 0, users: 1, children: 1 });
    const mid = await db.organisation.findUniqueOrThrow({ where: { id: tree.mid.id }, select: { retiredAt: true, mergedIntoId: true, parentId: true, path: true } });
    expect(mid).toMatchObject({ mergedIntoId: tree.other.id, parentId: tree.other.id, path: `${tree.other.path}${tree.mid.id}/` });
    expect(mid.retiredAt).not.toBeNull();
    expect(await db.organisation.findUniqueOrThrow({ where: { id: tree.leaf.id }, select: { parentId: true, path: true } })).toEqual({
      parentId: tree.other.id,
      path: `${tree.other.path}${tree.leaf.id}/`,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: clerk.id }, select: { orgId: true } })).orgId).toBe(tree.other.id);
    expect(await received(tree.other.code, 2025, false)).toBe(1); // mid's own case now belongs to other
    expect(await received(tree.other.code, 2025, true)).toBe(2); // and leaf's below it
    expect(await received(tree.root.code, 2025, true)).toBe(2);
    // History on both sides; a merged organisation cannot be reinstated or merged again.
    const histories = await organisationHistories(system);
    expect(histories.get(tree.mid.id)?.[0]).toMatchObject({ type: 'organisation.merged' });
    expect(histories.get(tree.other.id)?.[0]).toMatchObject({ type: 'organisation.merged' });
    const again = { id: tree.mid.id, expectedPath: mid.path, reason: 'x' };
    await expect(reinstateOrganisation(system, again)).rejects.toMatchObject({ messageKey: 'admin.organisations.errors.merged' });
    await expect(mergeOrganisation(system, { ...again, intoCode: tree.root.code })).rejects.toMatchObject({ messageKey: 'admin.organisations.errors.alreadyRetired' });
  });

  it('refuses merging into itself, into its own subtree, and while a year is locked', async () => {
    const tree = await treeWithCases();
    const merge = (intoCode: string) => mergeOrganisation(system, mergeOrganisationSchema.parse({ id: tree.mid.id, expectedPath: tree.mid.path, intoCode, reason: '合并' }));
    await expect(merge(tree.mid.code)).rejects.toMatchObject({ messageKey: 'admin.organisations.errors.mergeSelf' });
    await expect(merge(tree.leaf.code)).rejects.toMatchObject({ messageKey: 'admin.organisations.errors.cycle' });
    await lockPeriod(system, tree.mid.id, 2025);
    await expect(merge(tree.other.code)).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await db.case.count({ where: { orgId: tree.mid.id } })).toBe(1);
  });
});

describe('retireOrganisation', () => {
  it('is refused while staff, open cases or active children remain; a retired agency takes no applications', async () => {
    const p = prefix();
    const tree = await createFixtureTree(db, p);
    await expect(retireOrganisation(system, { id: tree.mid.id, expectedPath: tree.mid.path, reason: '撤销' })).rejects.toMatchObject({
      messageKey: 'admin.organisations.errors.retireBlocked',
      params: { staff: 0, openCases: 0, children: 1 },
    });
    await createActor('clerk', { id: tree.leaf.id, path: tree.leaf.path });
    await insertFixtureCases(db, [{ orgId: tree.leaf.id, trackingNo: `${p}-open`, applicantType: 'natural_person', receivedOn: '2026-11-02', concludedOn: null, outcome: null }]);
    await expect(retireOrganisation(system, { id: tree.leaf.id, expectedPath: tree.leaf.path, reason: '撤销' })).rejects.toMatchObject({
      params: { staff: 1, openCases: 1, children: 0 },
    });

    expect(await retireOrganisation(system, { id: tree.other.id, expectedPath: tree.other.path, reason: '撤销' })).toEqual({ changed: true });
    expect(await retireOrganisation(system, { id: tree.other.id, expectedPath: tree.other.path, reason: '撤销' })).toEqual({ changed: false });
    await expect(
      submitApplication({ form: { ...PORTAL_FORM, orgId: tree.other.id }, submissionKey: submissionKey(), applicant: null, now: at('2026-12-01') }),
    ).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'case.org_retired' });
    const picker = await searchOrganisations({ q: p, scopePath: null, activeOnly: true });
    expect(picker.items.map((o) => o.id)).not.toContain(tree.other.id);
    expect((await searchOrganisations({ q: p, scopePath: null })).items.map((o) => o.id)).toContain(tree.other.id);
    await expect(createChildOrganisation(system, { parentId: tree.other.id, code: `${p}-X`, name: 'x', docPrefix: 'x', kind: 'town' })).rejects.toMatchObject({
      messageKey: 'admin.organisations.errors.parentRetired',
    });

    expect(await reinstateOrganisation(system, { id: tree.other.id, expectedPath: tree.other.path, reason: '恢复' })).toEqual({ changed: true });
    const ok = await submitApplication({ form: { ...PORTAL_FORM, orgId: tree.other.id }, submissionKey: submissionKey(), applicant: null, now: at('2026-12-01') });
    expect(ok.trackingNo).toBeTruthy();
    const types = (await db.auditEvent.findMany({ where: { actorId: system.id, type: { in: ['organisation.retired', 'organisation.reinstated'] } }, select: { type: true } })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['organisation.retired', 'organisation.reinstated']));
  });

  it('creates a top-level organisation for a system admin only', async () => {
    const p = prefix();
    const top = await createChildOrganisation(system, { parentId: null, code: `${p}-TOP`, name: '新市政府办公室', docPrefix: '新政信', kind: 'government_office' });
    expect(top.path).toBe(`/${top.id}/`);
    const scoped = await createActor('admin', { id: top.id, path: top.path });
    await expect(createChildOrganisation(scoped, { parentId: null, code: `${p}-TOP2`, name: 'x', docPrefix: 'x', kind: 'other' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
