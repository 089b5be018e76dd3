import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReportView, renderReportExport, resolveReportOrg } from '@/lib/admin/annual-report';
import type { Actor } from '@/lib/cases/actor';
import { db } from '@/lib/db';
import { userIdentifierData } from '@/lib/privacy/personal-data';
import { deletePublishedTable, loadPublishedTable, readPublishedTableFile, savePublishedTable } from '@/lib/reports/published-tables';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { createFixtureTree, insertFixtureCases, type FixtureCase, type FixtureTree } from '@/lib/statistics/random-cases.fixture';

const PREFIX = `PUB${Date.now().toString(36)}`.toUpperCase();
let tree: FixtureTree;
let admin: Actor;
let clerk: Actor;

const fixtureCase = (n: number, receivedOn: string, concludedOn: string | null, outcome: FixtureCase['outcome'] = 'granted'): FixtureCase => ({
  trackingNo: `${PREFIX}-${n}`,
  orgId: tree.leaf.id,
  applicantType: 'natural_person',
  receivedOn,
  concludedOn,
  outcome: concludedOn === null ? null : outcome,
});

async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

/** A published table of the leaf for a year: `received` new applications, all granted; nothing carried. */
function publishedJson(year: number, received: number): Uint8Array {
  const row = (total: number) => ({ natural_person: total, commercial_enterprise: 0, research_institution: 0, public_welfare_org: 0, legal_service_org: 0, other_org: 0, total });
  const zero = row(0);
  const rows: Record<string, unknown> = {};
  for (const id of ['new_received', 'carried_over', 'granted', 'total_processed', 'carried_forward']) rows[id] = zero;
  rows.new_received = row(received);
  rows.granted = row(received);
  rows.total_processed = row(received);
  return new TextEncoder().encode(JSON.stringify({ year, org: 'whatever', section3: rows }));
}

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  // The system knows 2020 only from one case received on 2020-12-28 and carried into 2021.
  const cases = [fixtureCase(1, '2020-12-28', '2021-01-08')];
  for (let i = 0; i < 12; i++) cases.push(fixtureCase(100 + i, '2021-03-01', '2021-03-20'));
  await insertFixtureCases(db, cases);
  const user = await db.user.create({ data: { role: 'admin', name: 'Admin', ...userIdentifierData(`${PREFIX.toLowerCase()}@test.gongkai.cn`), passwordHash: 'x' } });
  admin = { id: user.id, role: 'admin', orgId: null, orgPath: null } as Actor;
  clerk = { id: user.id, role: 'clerk', orgId: tree.leaf.id, orgPath: tree.leaf.path } as Actor;
});

describe('published tables beside derived ones (issue 12 item 1)', () => {
  it('writes no growth figure against a year the cases do not cover', async () => {
    const docx = await renderReportExport(admin, { year: 2021, org: tree.leaf.code, subtree: false, format: 'docx' });
    const text = await docxText(docx.bytes);
    expect(text).toContain('共收到政府信息公开申请13件（包括上年结转1件）');
    expect(text).not.toContain('同比');
  });

  it('uses last year as published for the growth figure and C7, and compares a year with its derived table', async () => {
    const leaf = await resolveReportOrg(admin, tree.leaf.code);
    const read = await readPublishedTableFile(publishedJson(2020, 10), { year: 2020, org: leaf.code });
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.table.org).toBe(leaf.code);
    await savePublishedTable(admin, leaf, { year: 2020, subtree: false, table: read.table, source: read.source, fileName: '2020.json' });

    const docx = await renderReportExport(admin, { year: 2021, org: tree.leaf.code, subtree: false, format: 'docx' });
    // 13 against the published 10: +30.0 %.
    expect(await docxText(docx.bytes)).toContain('共收到政府信息公开申请13件（包括上年结转1件），同比增长30.0%');

    const view = await loadReportView(admin, { year: 2021, org: tree.leaf.code, subtree: false });
    expect(view.hasPreviousPublished).toBe(true);
    // C7: 2021's carried-over (1) against 2020's published carried-forward (0) → a warning naming 2020.
    expect(view.table.checks.some((c) => c.rule === 'C7' && c.cells.some((cell) => cell.year === 2020))).toBe(true);

    const view2020 = await loadReportView(clerk, { year: 2020, org: tree.leaf.code, subtree: false });
    expect(view2020.published?.table.section3.new_received?.total).toBe(10);
    expect(view2020.published?.differences).toContainEqual({ section: 'section3', row: 'new_received', column: 'total', derived: 1, published: 10 });

    const audit = await db.auditEvent.findFirst({ where: { actorId: admin.id, type: 'report.published_table_saved' } });
    expect(audit?.data).toMatchObject({ org: leaf.code, year: 2020, fileName: '2020.json', before: null });
  });

  it('refuses a file of another year, unreadable input and non-admins; deletes with an audit', async () => {
    const leaf = await resolveReportOrg(admin, tree.leaf.code);
    expect(await readPublishedTableFile(publishedJson(2019, 1), { year: 2020, org: leaf.code })).toMatchObject({ ok: false, errors: [{ code: 'YEAR_MISMATCH' }] });
    expect(await readPublishedTableFile(new TextEncoder().encode('{"year":2020,'), { year: 2020, org: leaf.code })).toMatchObject({ ok: false, errors: [{ code: 'UNREADABLE_FILE' }] });
    expect(await readPublishedTableFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), { year: 2020, org: leaf.code })).toMatchObject({ ok: false, errors: [{ code: 'UNREADABLE_FILE' }] });
    expect(await readPublishedTableFile(new Uint8Array(), { year: 2020, org: leaf.code })).toMatchObject({ ok: false, errors: [{ code: 'EMPTY_FILE' }] });
    const bad = await readPublishedTableFile(new TextEncoder().encode(JSON.stringify({ year: 2020, section3: { nonsense: {} } })), { year: 2020, org: leaf.code });
    expect(bad).toMatchObject({ ok: false, errors: [{ code: 'UNKNOWN_ROW' }] });
    await expect(savePublishedTable(clerk, leaf, { year: 2020, subtree: false, table: {} as ImportedAnnualTable, source: 'json', fileName: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deletePublishedTable(clerk, leaf, 2020, false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await deletePublishedTable(admin, leaf, 2020, false)).toEqual({ deleted: true });
    expect(await deletePublishedTable(admin, leaf, 2020, false)).toEqual({ deleted: false });
    expect(await loadPublishedTable(leaf.id, 2020, false)).toBeNull();
    expect(await db.auditEvent.count({ where: { actorId: admin.id, type: 'report.published_table_deleted' } })).toBe(1);
  });
});
