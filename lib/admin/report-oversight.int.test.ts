import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { createActor, ensureTestEncryptionKey } from '@/lib/cases/int-fixtures';
import { userIdentifierData } from '@/lib/privacy/personal-data';
import { readRecipient } from '@/lib/notifications/outbox';
import { lockPeriod } from '@/lib/reports/period-lock';
import { createFixtureTree, insertFixtureCases, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { describeOpenItems, loadReportOversight, sendReportReminder } from './report-oversight';

/**
 * Issue 12 item 7: a city office sees each subordinate's progress on its annual report and reminds it.
 * Tree: root → mid → leaf, root → other. 2025: mid's subtree has a case with an outcome but no conclusion
 * date (a data-quality finding), other has invalid section 二 figures (a hard check), then mid is locked.
 */
const PREFIX = `OV${Date.now().toString(36)}`.toUpperCase();
const TODAY = '2026-12-05';
let tree: FixtureTree;
let admin: Actor;

beforeAll(async () => {
  ensureTestEncryptionKey();
  tree = await createFixtureTree(db, PREFIX);
  admin = await createActor('admin', null);
  await insertFixtureCases(db, [
    { orgId: tree.leaf.id, trackingNo: `${PREFIX}-1`, applicantType: 'natural_person', receivedOn: '2025-03-02', concludedOn: '2025-03-20', outcome: 'granted' },
    { orgId: tree.leaf.id, trackingNo: `${PREFIX}-2`, applicantType: 'natural_person', receivedOn: '2025-05-06', concludedOn: null, outcome: 'granted' },
    { orgId: tree.other.id, trackingNo: `${PREFIX}-3`, applicantType: 'natural_person', receivedOn: '2025-06-02', concludedOn: '2025-06-20', outcome: 'granted' },
  ]);
  await db.$executeRaw`INSERT INTO proactive_figures (org_id, year, format, data, updated_at)
    VALUES (${tree.other.id}, 2025, '2021', ${JSON.stringify({ art20_1: { regulations: { issued: -1 } } })}::jsonb, now())`;
});

const rowOf = async (code: string) => (await loadReportOversight(admin, { orgCode: tree.root.code, year: 2025, today: TODAY })).rows.find((r) => r.org.code === code);

describe('loadReportOversight', () => {
  it('lists each direct subordinate with its findings, checks, figures and lock', async () => {
    const view = await loadReportOversight(admin, { orgCode: tree.root.code, year: 2025, today: TODAY });
    expect(view.rows.map((r) => r.org.code).sort()).toEqual([tree.mid.code, tree.other.code].sort());
    const mid = view.rows.find((r) => r.org.code === tree.mid.code);
    expect(mid).toMatchObject({ status: 'attention', checkErrors: 0, section2Entered: false, locked: { isLocked: false } });
    expect(mid?.quality.outcome_without_conclusion).toBe(1); // leaf's case counts in mid's subtree
    expect(mid?.qualityTotal).toBeGreaterThanOrEqual(1);
    const other = view.rows.find((r) => r.org.code === tree.other.code);
    expect(other).toMatchObject({ status: 'blocked', section2Entered: true, qualityTotal: 0 });
    expect(other?.checkErrors).toBeGreaterThan(0);
    expect(view.summary).toMatchObject({ attention: 1, blocked: 1, locked: 0, ready: 0 });
    expect(describeOpenItems(mid!)).toContain('数据质量问题');
  });

  it('shows a locked year as locked, through the subordinate’s own lock', async () => {
    await lockPeriod(admin, tree.mid.id, 2025);
    expect(await rowOf(tree.mid.code)).toMatchObject({ status: 'locked', locked: { isLocked: true, byCode: tree.mid.code } });
  });

  it('is for admins of the scope only, and refuses a year outside the formats', async () => {
    const clerk = await createActor('clerk', { id: tree.root.id, path: tree.root.path });
    await expect(loadReportOversight(clerk, { orgCode: tree.root.code, year: 2025, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const otherAdmin = await createActor('admin', { id: tree.other.id, path: tree.other.path });
    await expect(loadReportOversight(otherAdmin, { orgCode: tree.root.code, year: 2025, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(loadReportOversight(admin, { orgCode: tree.root.code, year: 1999, today: TODAY })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('sendReportReminder', () => {
  it('writes one outbox message per address of the subordinate’s leads, audited; a parallel or repeated click sends nothing more', async () => {
    const reviewer = await db.user.create({
      data: { role: 'reviewer', name: '审核人', ...userIdentifierData(`${PREFIX.toLowerCase()}-rev@test.gongkai.cn`), passwordHash: 'x', orgId: tree.other.id },
      select: { id: true },
    });
    await createActor('clerk', { id: tree.other.id, path: tree.other.path }); // clerks are not reminded while leads exist
    const before = await db.outboxMessage.count({ where: { template: 'report_reminder' } });
    const params = { fromOrgCode: tree.root.code, orgCode: tree.other.code, year: 2025, today: TODAY };
    const results = await Promise.all([sendReportReminder(admin, params), sendReportReminder(admin, params)]);
    expect(results.map((r) => r.repeated).sort()).toEqual([false, true]);
    // The reviewer and the administrator attached to `other` (created above); not its clerk.
    expect(results.find((r) => !r.repeated)?.recipients).toBe(2);
    const messages = await db.outboxMessage.findMany({ where: { template: 'report_reminder' }, orderBy: { createdAt: 'desc' }, take: 2 });
    expect(await db.outboxMessage.count({ where: { template: 'report_reminder' } })).toBe(before + 2);
    expect(messages.map((m) => readRecipient(m))).toContain(`${PREFIX.toLowerCase()}-rev@test.gongkai.cn`);
    expect(messages[0]!.subject).toContain('2025年政府信息公开工作年度报告');
    expect(messages[0]!.body).toContain('统计表校验错误');
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'report.reminder_sent', actorId: admin.id }, orderBy: { id: 'desc' } });
    expect(audit.data).toMatchObject({ orgId: tree.other.id, year: 2025, recipients: 2 });
    expect((await rowOf(tree.other.code))?.lastReminder).toBeInstanceOf(Date);
    expect(reviewer.id).toBeTruthy();
  });

  it('refuses a locked subordinate, one outside the office’s subtree, itself, and non-admins', async () => {
    await expect(sendReportReminder(admin, { fromOrgCode: tree.root.code, orgCode: tree.mid.code, year: 2025, today: TODAY })).rejects.toMatchObject({
      code: 'VALIDATION',
      messageKey: 'report.oversight.alreadyLocked',
    });
    await expect(sendReportReminder(admin, { fromOrgCode: tree.mid.code, orgCode: tree.other.code, year: 2025, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sendReportReminder(admin, { fromOrgCode: tree.root.code, orgCode: tree.root.code, year: 2025, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const reviewer = await createActor('reviewer', { id: tree.root.id, path: tree.root.path });
    await expect(sendReportReminder(reviewer, { fromOrgCode: tree.root.code, orgCode: tree.other.code, year: 2025, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
