/**
 * Publishing the locked annual report (issue 12 item 3) against the real database: refusals (not locked, not
 * an admin, year not over, stale form), the frozen snapshot (a case added after publication changes neither
 * the page nor the downloads), versions after an unlock and relock, withdrawal with a reason, audit events in
 * the same transaction, double and parallel clicks publishing once, the public index, and hostile addresses.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/cases/actor';
import { loadReportOversight } from '@/lib/admin/report-oversight';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { userIdentifierData } from '@/lib/privacy/personal-data';
import { lockPeriod, unlockPeriod } from '@/lib/reports/period-lock';
import {
  PUBLIC_REPORTS_PAGE_SIZE,
  listPublicReports,
  loadPublicReport,
  loadPublicationState,
  publicListParams,
  publishReport,
  renderPublicDownload,
  unpublishReport,
} from '@/lib/reports/report-publication';
import { paragraphText } from '@/lib/reports/publication-snapshot';
import { cachedAnnualTable } from '@/lib/statistics/annual-table-cache';
import { createFixtureTree, insertFixtureCases, type FixtureCase, type FixtureTree } from '@/lib/statistics/random-cases.fixture';

const PREFIX = `RPUB${Date.now().toString(36)}`.toUpperCase();
const YEAR = 2024;
let tree: FixtureTree;
let admin: Actor;
let clerk: Actor;
let seq = 0;

const fixtureCase = (orgId: number, receivedOn: string, concludedOn: string | null): FixtureCase => ({
  trackingNo: `${PREFIX}-${(seq += 1)}`,
  orgId,
  applicantType: 'natural_person',
  receivedOn,
  concludedOn,
  outcome: concludedOn === null ? null : 'granted',
});

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

const newReceivedTotal = (json: string) => (JSON.parse(json) as { section3: { new_received: { total: number } } }).section3.new_received.total;

async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  // 2024: 6 applications to the department (mid) and 4 to its office (leaf), all answered in the year.
  const cases: FixtureCase[] = [];
  for (let i = 0; i < 6; i++) cases.push(fixtureCase(tree.mid.id, '2024-03-01', '2024-03-20'));
  for (let i = 0; i < 4; i++) cases.push(fixtureCase(tree.leaf.id, '2024-05-06', '2024-05-30'));
  // 2023 covers the whole year: the base of the year-on-year sentence (5 → 10: 同比增长100.0%).
  for (let i = 0; i < 5; i++) cases.push(fixtureCase(tree.mid.id, '2023-01-10', '2023-02-01'));
  await insertFixtureCases(db, cases);
  const user = await db.user.create({ data: { role: 'admin', name: 'Admin', ...userIdentifierData(`${PREFIX.toLowerCase()}@test.gongkai.cn`), passwordHash: 'x' } });
  admin = { id: user.id, role: 'admin', orgId: null, orgPath: null } as Actor;
  clerk = { id: user.id, role: 'clerk', orgId: tree.mid.id, orgPath: tree.mid.path } as Actor;
});

describe('publishing a locked annual report', () => {
  it('is refused unless the year is locked, the year is over and the actor is an admin', async () => {
    const notLocked = await refusal(publishReport(admin, { org: tree.mid.code, year: YEAR, subtree: true, expectedVersion: 0 }));
    expect([notLocked.code, notLocked.messageKey]).toEqual(['CONFLICT', 'report.publication.notLocked']);

    await lockPeriod(admin, tree.mid.id, YEAR);
    const byClerk = await refusal(publishReport(clerk, { org: tree.mid.code, year: YEAR, subtree: true, expectedVersion: 0 }));
    expect(byClerk.code).toBe('NOT_FOUND');
    const thisYear = await refusal(publishReport(admin, { org: tree.mid.code, year: YEAR, subtree: true, expectedVersion: 0 }, new Date('2024-12-20T04:00:00Z')));
    expect([thisYear.code, thisYear.messageKey]).toEqual(['VALIDATION', 'report.publication.yearNotOver']);
    const unknown = await refusal(publishReport(admin, { org: `${PREFIX}-NOPE`, year: YEAR, subtree: true, expectedVersion: 0 }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(await db.reportPublication.count({ where: { orgId: tree.mid.id } })).toBe(0);
    expect(await loadPublicReport(tree.mid.code, String(YEAR))).toBeNull();
  });

  it('publishes once for a double or parallel click, with its audit event', async () => {
    const auditBefore = await db.auditEvent.count({ where: { type: 'report.published', actorId: admin.id } });
    const input = { org: tree.mid.code, year: YEAR, subtree: true, expectedVersion: 0 };
    const results = await Promise.all([publishReport(admin, input), publishReport(admin, input), publishReport(admin, input)]);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(results.every((r) => r.version === 1)).toBe(true);
    expect(await publishReport(admin, input)).toEqual({ changed: false, version: 1 });
    expect(await db.reportPublication.count({ where: { orgId: tree.mid.id, year: YEAR } })).toBe(1);
    const events = await db.auditEvent.findMany({ where: { type: 'report.published', actorId: admin.id }, orderBy: { id: 'desc' } });
    expect(events.length).toBe(auditBefore + 1);
    expect(events[0]!.data).toMatchObject({ org: tree.mid.code, year: YEAR, version: 1, subtree: true, revision: false });

    const report = await loadPublicReport(tree.mid.code, String(YEAR));
    expect(report).not.toBeNull();
    expect(report!.version).toBe(1);
    expect(report!.snapshot.table.section3.new_received?.total).toBe(10);
    expect(report!.snapshot.provenance).toMatchObject({ orgCode: tree.mid.code, scope: 'subtree', orgCount: 2, year: YEAR, asOf: null });
    expect(report!.snapshot.previousSource).toBe('derived');
    // The report text (issue 12 item 2) as published: the draft with its fields resolved, dated today.
    const text = report!.snapshot.text!;
    expect(text.source).toBe('draft');
    expect(text.parts.flatMap((p) => (p.heading ? [p.heading] : []))).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    const words = text.parts.flatMap((p) => p.paragraphs.map(paragraphText)).join('\n');
    expect(words).toContain('共收到政府信息公开申请');
    expect(words).toMatch(/10件（包括上年结转0件）/);
    expect(words).toContain('增长100.0%');
    const date = text.parts.find((p) => p.part === 'date')!;
    expect(date.paragraphs[0]!.segments[0]!.text).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);

    const state = await loadPublicationState(admin, tree.mid.code, YEAR);
    expect(state).toMatchObject({ latestVersion: 1, isLocked: true, isYearOver: true, publicPath: `/reports/${tree.mid.code}/${YEAR}` });
    expect(state.latest?.isUnderCurrentLock).toBe(true);
  });

  it('keeps the page and every download frozen when the cases change later', async () => {
    await unlockPeriod(admin, tree.mid.id, YEAR, '补录漏登的申请');
    await insertFixtureCases(db, [fixtureCase(tree.leaf.id, '2024-07-01', '2024-07-10'), fixtureCase(tree.leaf.id, '2024-07-02', '2024-07-11')]);
    const live = await cachedAnnualTable({ year: YEAR, orgCode: tree.mid.code, subtree: true });
    expect(live.section3.new_received?.total).toBe(12);

    const report = await loadPublicReport(tree.mid.code, String(YEAR));
    expect(report!.snapshot.table.section3.new_received?.total).toBe(10);
    const json = await renderPublicDownload(tree.mid.code, String(YEAR), 'json');
    expect(newReceivedTotal(new TextDecoder().decode(json!.bytes))).toBe(10);
    expect(JSON.parse(new TextDecoder().decode(json!.bytes)).export).toMatchObject({ org: tree.mid.code, scope: 'subtree', dataState: 'final_year' });
    const csv = new TextDecoder().decode((await renderPublicDownload(tree.mid.code, String(YEAR), 'csv'))!.bytes);
    expect(csv).toMatch(/new_received,一,,一、本年新收政府信息公开申请数量,10,0,0,0,0,0,10/);
    const xlsx = await renderPublicDownload(tree.mid.code, String(YEAR), 'xlsx');
    expect(xlsx!.filename).toBe(`${PREFIX} 局${YEAR}年政府信息公开工作年度报告统计表.xlsx`);
    expect(xlsx!.bytes[0]).toBe(0x50);
    const docx = await renderPublicDownload(tree.mid.code, String(YEAR), 'docx');
    expect(docx!.filename).toBe(`${PREFIX} 局${YEAR}年政府信息公开工作年度报告.docx`);
    expect(await docxText(docx!.bytes)).toMatch(/共收到政府信息公开申请10件/);
    const pdf = await renderPublicDownload(tree.mid.code, String(YEAR), 'pdf');
    expect(new TextDecoder().decode(pdf!.bytes.subarray(0, 5))).toBe('%PDF-');

    // While unlocked: still public, but nothing can be published.
    const state = await loadPublicationState(admin, tree.mid.code, YEAR);
    expect(state.isLocked).toBe(false);
    const refused = await refusal(publishReport(admin, { org: tree.mid.code, year: YEAR, subtree: true, expectedVersion: 1 }));
    expect(refused.messageKey).toBe('report.publication.notLocked');
  });

  it('publishes a revised version after a relock, refusing a stale form', async () => {
    await lockPeriod(admin, tree.mid.id, YEAR);
    expect((await loadPublicationState(admin, tree.mid.code, YEAR)).latest?.isUnderCurrentLock).toBe(false);
    const stale = await refusal(publishReport(admin, { org: tree.mid.code, year: YEAR, subtree: true, expectedVersion: 0 }));
    expect([stale.code, stale.messageKey]).toEqual(['CONFLICT', 'report.publication.stale']);

    expect(await publishReport(admin, { org: tree.mid.code, year: YEAR, subtree: true, expectedVersion: 1 })).toEqual({ changed: true, version: 2 });
    const report = await loadPublicReport(tree.mid.code, String(YEAR));
    expect(report!.version).toBe(2);
    expect(report!.snapshot.table.section3.new_received?.total).toBe(12);
    expect(report!.firstPublishedAt.getTime()).toBeLessThan(report!.publishedAt.getTime());
    const event = await db.auditEvent.findFirst({ where: { type: 'report.published', actorId: admin.id }, orderBy: { id: 'desc' } });
    expect(event!.data).toMatchObject({ version: 2, revision: true });
  });

  it('withdraws with a reason only, audited; the page, downloads and index then know nothing of it', async () => {
    const noReason = await refusal(unpublishReport(admin, { org: tree.mid.code, year: YEAR, version: 2, reason: '  ' }));
    expect([noReason.code, noReason.messageKey]).toEqual(['VALIDATION', 'report.publication.reasonRequired']);
    const stale = await refusal(unpublishReport(admin, { org: tree.mid.code, year: YEAR, version: 1, reason: '数据有误' }));
    expect(stale.messageKey).toBe('report.publication.stale');
    const byClerk = await refusal(unpublishReport(clerk, { org: tree.mid.code, year: YEAR, version: 2, reason: '数据有误' }));
    expect(byClerk.code).toBe('NOT_FOUND');
    expect((await listPublicReports({ year: YEAR, q: PREFIX, page: 1 })).total).toBe(1);

    expect(await unpublishReport(admin, { org: tree.mid.code, year: YEAR, version: 2, reason: '数据有误，待更正后重新发布' })).toEqual({ changed: true });
    expect(await unpublishReport(admin, { org: tree.mid.code, year: YEAR, version: 2, reason: '再次撤回' })).toEqual({ changed: false });
    const event = await db.auditEvent.findFirst({ where: { type: 'report.unpublished', actorId: admin.id }, orderBy: { id: 'desc' } });
    expect(event!.data).toMatchObject({ org: tree.mid.code, year: YEAR, version: 2, reason: '数据有误，待更正后重新发布' });
    expect(await loadPublicReport(tree.mid.code, String(YEAR))).toBeNull();
    expect(await renderPublicDownload(tree.mid.code, String(YEAR), 'json')).toBeNull();
    expect((await listPublicReports({ year: YEAR, q: PREFIX, page: 1 })).total).toBe(0);
    const state = await loadPublicationState(admin, tree.mid.code, YEAR);
    expect(state.latest).toMatchObject({ version: 2, withdrawnReason: '数据有误，待更正后重新发布' });

    // Publishing again (still locked) is a new version.
    expect(await publishReport(admin, { org: tree.mid.code, year: YEAR, subtree: true, expectedVersion: 2 })).toEqual({ changed: true, version: 3 });
    expect((await loadPublicReport(tree.mid.code, String(YEAR)))!.version).toBe(3);
  });
});

describe('the public index and addresses', () => {
  it('lists published reports filtered by year and organisation name, and pages', async () => {
    // The leaf's own report (covered by the department's lock), and the town's under its own lock.
    await publishReport(admin, { org: tree.leaf.code, year: YEAR, subtree: false, expectedVersion: 0 });
    await lockPeriod(admin, tree.other.id, 2023);
    await publishReport(admin, { org: tree.other.code, year: 2023, subtree: false, expectedVersion: 0 });

    // The oversight of subordinates says which subordinate's report is published (issue 12 item 7).
    const oversight = await loadReportOversight(admin, { orgCode: tree.mid.code, year: YEAR, today: '2026-12-05' });
    expect(oversight.rows.map((r) => [r.org.code, r.reportPublished])).toEqual([[tree.leaf.code, true]]);

    const all = await listPublicReports({ year: null, q: PREFIX, page: 1 });
    // Newest year first; within a year by name.
    expect(all.items.map((i) => i.year)).toEqual([YEAR, YEAR, 2023]);
    expect(new Set(all.items.slice(0, 2).map((i) => i.orgCode))).toEqual(new Set([tree.mid.code, tree.leaf.code]));
    expect(all.items[2]!.orgCode).toBe(tree.other.code);
    expect(all.total).toBe(3);
    expect(all.years).toEqual(expect.arrayContaining([YEAR, 2023]));
    expect((await listPublicReports({ year: 2023, q: PREFIX, page: 1 })).items.map((i) => i.orgCode)).toEqual([tree.other.code]);
    expect((await listPublicReports({ year: null, q: `${PREFIX} 镇`, page: 1 })).items.map((i) => i.orgCode)).toEqual([tree.other.code]);
    // LIKE wildcards are text, not patterns.
    expect((await listPublicReports({ year: null, q: '%', page: 1 })).total).toBe(0);
    const beyond = await listPublicReports({ year: null, q: PREFIX, page: 50 });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(3);
    expect(PUBLIC_REPORTS_PAGE_SIZE).toBe(20);
  });

  it('reads odd index parameters as no filter, never as an error', async () => {
    expect(publicListParams({ year: '\u0000', q: 'x'.repeat(10_000), page: '-1' })).toEqual({ year: null, q: 'x'.repeat(50), page: 1 });
    expect(publicListParams({ year: ['2024', '2023'], q: 'a\u0000b', page: '99999999' })).toEqual({ year: null, q: 'ab', page: 1 });
    expect(publicListParams({ year: '2024', q: ' 示范 ', page: '2' })).toEqual({ year: 2024, q: '示范', page: 2 });
    await expect(listPublicReports(publicListParams({ q: "'; DROP TABLE report_publications; --" }))).resolves.toMatchObject({ total: 0 });
  });

  it('answers nothing (404) for hostile, unknown, unpublished and retired addresses', async () => {
    const hostile = ['\u0000', '%00', '..', '../../etc/passwd', 'a'.repeat(10_000), "' OR 1=1 --", '１２３', '\ud800', ''];
    for (const org of hostile) {
      expect(await loadPublicReport(org, String(YEAR))).toBeNull();
      expect(await renderPublicDownload(org, String(YEAR), 'json')).toBeNull();
    }
    for (const year of ['\u0000', '２０２４', '99999', '2018', '-1', '2024.0', '1e3', '']) {
      expect(await loadPublicReport(tree.mid.code, year)).toBeNull();
    }
    for (const format of ['exe', '\u0000', 'JSON', '../json', 'PDF']) {
      expect(await renderPublicDownload(tree.mid.code, String(YEAR), format)).toBeNull();
    }
    expect(await loadPublicReport(tree.mid.code, '2022')).toBeNull();
    expect(await loadPublicReport(tree.root.code, String(YEAR))).toBeNull();

    expect(await loadPublicReport(tree.other.code, '2023')).not.toBeNull();
    await db.organisation.update({ where: { id: tree.other.id }, data: { retiredAt: new Date() } });
    expect(await loadPublicReport(tree.other.code, '2023')).toBeNull();
    expect((await listPublicReports({ year: 2023, q: PREFIX, page: 1 })).total).toBe(0);
    const retired = await refusal(publishReport(admin, { org: tree.other.code, year: 2023, subtree: false, expectedVersion: 1 }));
    expect(retired.messageKey).toBe('report.publication.retired');
  });
});
