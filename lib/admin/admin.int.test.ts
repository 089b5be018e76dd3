import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openUserIdentifiers, userByIdentifierWhere, userIdentifierData } from '@/lib/privacy/personal-data';
import type { Actor } from '@/lib/cases/actor';
import { db } from '@/lib/db';
import { createFixtureTree, insertFixtureCases, randomCases, seededRandom, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { lockReportPeriod, loadReportView, renderReportExport, resolveReportOrg, saveSection2Figures, unlockReportPeriod } from './annual-report';
import { createChildOrganisation, renameOrganisation } from './organisations';
import { getReportExportJob, getReportExportJobFile, startReportExportJob } from './report-export-job';
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { runQueuedJobs } from '@/lib/jobs/worker';
import { getAdminSettings, setFeePausesAnswerClock } from './settings';
import { changeStaffUser, createStaffUser, createStaffUserSchema, setStaffUserActive } from './users';

const PREFIX = `AD${Date.now().toString(36)}`.toUpperCase();
let tree: FixtureTree;
let admin: Actor;

beforeAll(async () => {
  process.env.GONGKAI_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  tree = await createFixtureTree(db, PREFIX);
  await insertFixtureCases(db, randomCases(seededRandom(11), 120, tree.all.map((o) => o.id), PREFIX));
  const user = await db.user.create({
    data: { role: 'admin', name: 'Admin', ...userIdentifierData(`${PREFIX.toLowerCase()}@test.gongkai.cn`), passwordHash: 'x', orgId: tree.root.id },
  });
  admin = { id: user.id, role: 'admin', orgId: tree.root.id, orgPath: tree.root.path };
});

const auditTypes = async () => (await db.auditEvent.findMany({ where: { actorId: admin.id }, select: { type: true } })).map((a) => a.type);

describe('users', () => {
  it('creates a clerk (audited), refuses a taken identifier and self-demotion, deactivates', async () => {
    const input = createStaffUserSchema.parse({
      name: '经办人',
      identifier: `Clerk.${PREFIX}@Test.gongkai.cn`,
      role: 'clerk',
      orgId: String(tree.mid.id),
      password: 'Welcome@2026',
    });
    const { id } = await createStaffUser(admin, input);
    const stored = await db.user.findUniqueOrThrow({ where: { id }, select: { emailEnc: true, role: true, orgId: true, passwordHash: true } });
    expect(stored).toMatchObject({ role: 'clerk', orgId: tree.mid.id });
    expect(openUserIdentifiers({ emailEnc: stored.emailEnc, mobileEnc: null }).email).toBe(`clerk.${PREFIX.toLowerCase()}@test.gongkai.cn`);
    expect(await db.user.findFirst({ where: userByIdentifierWhere(` CLERK.${PREFIX}@test.gongkai.cn`), select: { id: true } })).toEqual({ id });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(createStaffUser(admin, input)).rejects.toMatchObject({ messageKey: 'admin.users.errors.identifierTaken' });
    expect(createStaffUserSchema.safeParse({ ...input, orgId: '', identifier: 'a@b.cn' }).success).toBe(false);
    await expect(changeStaffUser(admin, { userId: admin.id, role: 'clerk', orgId: tree.root.id })).rejects.toMatchObject({ messageKey: 'admin.users.errors.self' });
    await changeStaffUser(admin, { userId: id, role: 'reviewer', orgId: tree.leaf.id });
    await setStaffUserActive(admin, id, false);
    expect(await db.user.findUniqueOrThrow({ where: { id }, select: { role: true, orgId: true, isActive: true } })).toEqual({
      role: 'reviewer',
      orgId: tree.leaf.id,
      isActive: false,
    });
    expect(await auditTypes()).toEqual(expect.arrayContaining(['user.created', 'user.changed', 'user.deactivated']));
  });
});

describe('organisations', () => {
  it('creates a child with its materialised path and renames it', async () => {
    const created = await createChildOrganisation(admin, { parentId: tree.leaf.id, code: `${PREFIX}-NEW`, name: '新机构', docPrefix: '新信', kind: 'town' });
    expect(created.path).toBe(`${tree.leaf.path}${created.id}/`);
    await expect(
      createChildOrganisation(admin, { parentId: tree.leaf.id, code: `${PREFIX}-NEW`, name: 'x', docPrefix: 'x', kind: 'town' }),
    ).rejects.toMatchObject({ messageKey: 'admin.organisations.errors.codeTaken' });
    await renameOrganisation(admin, { id: created.id, name: '改名机构', docPrefix: '改信' });
    expect(await db.organisation.findUniqueOrThrow({ where: { id: created.id }, select: { name: true, docPrefix: true } })).toEqual({ name: '改名机构', docPrefix: '改信' });
  });
});

describe('settings', () => {
  it('stores the fee-pause setting under the deadline engine’s key, audited', async () => {
    await setFeePausesAnswerClock(admin, false);
    expect((await getAdminSettings(admin)).feePausesAnswerClock).toBe(false);
    expect(await setFeePausesAnswerClock(admin, false)).toBe(false);
    await setFeePausesAnswerClock(admin, true);
    expect(await getAdminSettings(admin)).toMatchObject({ feePausesAnswerClock: true, isFeePauseExplicit: true });
    expect(await auditTypes()).toContain('setting.changed');
  });
});

describe('annual report', () => {
  it('scopes staff to their subtree', async () => {
    const clerk: Actor = { id: admin.id, role: 'clerk', orgId: tree.mid.id, orgPath: tree.mid.path };
    await expect(resolveReportOrg(clerk, tree.root.code)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(resolveReportOrg(clerk, tree.leaf.code)).resolves.toMatchObject({ code: tree.leaf.code });
    await expect(resolveReportOrg({ ...clerk, role: 'applicant' }, tree.leaf.code)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows the table, saves section 二, locks and unlocks', async () => {
    const view = await loadReportView(admin, { year: 2021, org: tree.root.code, subtree: true });
    expect(view.isExportBlocked).toBe(false);
    expect(view.hasSection2).toBe(false);
    await saveSection2Figures(admin, tree.leaf.code, 2021, { art20_1: { regulations: { issued: 2, repealed: 0, in_force: 10 } } });
    const leaf = await loadReportView(admin, { year: 2021, org: tree.leaf.code, subtree: false });
    expect(leaf.hasSection2).toBe(true);
    expect(leaf.table.section2.art20_1?.regulations?.in_force).toBe(10);

    await lockReportPeriod(admin, tree.root.code, 2021);
    expect((await loadReportView(admin, { year: 2021, org: tree.leaf.code, subtree: false })).lock).toMatchObject({ isLocked: true, inheritedFrom: tree.root.code });
    await expect(saveSection2Figures(admin, tree.leaf.code, 2021, {})).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(unlockReportPeriod(admin, tree.root.code, 2021, ' ')).rejects.toMatchObject({ messageKey: 'report.unlock_reason_required' });
    await unlockReportPeriod(admin, tree.root.code, 2021, '更正');
    expect((await loadReportView(admin, { year: 2021, org: tree.root.code, subtree: true })).lock).toMatchObject({
      isLocked: false,
      own: { isLocked: false, unlockReason: '更正' },
    });
  });

  it('exports directly and as a background job', async () => {
    const json = await renderReportExport(admin, { year: 2021, org: tree.root.code, subtree: true, format: 'json' });
    const table = JSON.parse(new TextDecoder().decode(json.bytes)) as Record<string, unknown>;
    expect(Object.keys(table)).toEqual(['year', 'format', 'org', 'section3', 'section4', 'section2', 'checks', 'export']);
    // The export states what it is: the root with its subtree (the fixture tree and the organisation an
    // earlier test created below it), a past year.
    const orgCount = await db.organisation.count({ where: { path: { startsWith: tree.root.path } } });
    expect(orgCount).toBeGreaterThanOrEqual(4);
    expect(table.export).toMatchObject({ org: tree.root.code, scope: 'subtree', orgCount, year: 2021, dataState: 'final_year', asOf: null });
    const own = await renderReportExport(admin, { year: 2021, org: tree.root.code, subtree: false, format: 'csv' });
    expect(new TextDecoder().decode(own.bytes)).toContain('统计范围,仅本机关');
    const { id } = await startReportExportJob(admin, { year: 2021, org: tree.root.code, subtree: true, format: 'xlsx' });
    expect(await getReportExportJob(admin, id)).toMatchObject({ status: 'queued' });
    await runQueuedJobs(JOB_HANDLERS, { kinds: ['report_export'] }); // what a server's worker does
    expect(await getReportExportJob(admin, id)).toMatchObject({ status: 'succeeded', progress: 2, total: 2 });
    const file = await getReportExportJobFile(admin, id);
    expect(file.filename).toMatch(/2021年政府信息公开工作年度报告统计表\.xlsx$/);
    expect(Buffer.from(file.bytes).subarray(0, 2).toString()).toBe('PK');
    const other: Actor = { ...admin, id: '00000000-0000-7000-8000-0000000000ff' };
    await expect(getReportExportJob(other, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
