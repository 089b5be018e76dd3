import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/cases/actor';
import { db } from '@/lib/db';
import { pdfPages } from '@/lib/documents/pdf-text';
import { userIdentifierData } from '@/lib/privacy/personal-data';
import { lockPeriod, unlockPeriod } from '@/lib/reports/period-lock';
import { renderFullReport } from '@/lib/reports/full-report';
import { renderReportExport } from '@/lib/admin/annual-report';
import { loadReportText, saveReportText } from '@/lib/reports/report-texts';
import { draftSections, type ReportSections } from '@/lib/reports/report-text-model';
import { createFixtureTree, insertFixtureCases, type FixtureCase, type FixtureTree } from '@/lib/statistics/random-cases.fixture';

const PREFIX = `RTX${Date.now().toString(36)}`.toUpperCase();
let tree: FixtureTree;
let admin: Actor;
let clerk: Actor;

const fixtureCase = (n: number, orgId: number, receivedOn: string, concludedOn: string | null): FixtureCase => ({
  trackingNo: `${PREFIX}-${n}`,
  orgId,
  applicantType: 'natural_person',
  receivedOn,
  concludedOn,
  outcome: concludedOn === null ? null : 'granted',
});

const auditCount = () => db.auditEvent.count({ where: { actorId: admin.id, type: 'report.text_saved' } });

function withOverview(text: string): ReportSections {
  return { ...draftSections('2021', { hasComparableBase: false }), overview: text };
}

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  // 2021: 7 cases at the leaf (6 answered, 1 carried into 2022), 2 at the other branch.
  const cases = [
    ...Array.from({ length: 6 }, (_, i) => fixtureCase(i, tree.leaf.id, '2021-03-01', '2021-03-20')),
    fixtureCase(10, tree.leaf.id, '2021-12-20', null),
    fixtureCase(11, tree.other.id, '2021-05-01', '2021-05-10'),
    fixtureCase(12, tree.other.id, '2021-05-02', '2021-05-11'),
    // 2020 cannot be derived (a concluded case without outcome): 2021 simply has no comparable base.
    { ...fixtureCase(13, tree.other.id, '2020-06-01', '2020-06-10'), outcome: null },
  ];
  await insertFixtureCases(db, cases);
  const user = await db.user.create({ data: { role: 'admin', name: 'Admin', ...userIdentifierData(`${PREFIX.toLowerCase()}@test.gongkai.cn`), passwordHash: 'x' } });
  admin = { id: user.id, role: 'admin', orgId: null, orgPath: null } as Actor;
  clerk = { id: user.id, role: 'clerk', orgId: tree.root.id, orgPath: tree.root.path } as Actor;
});

describe('report text: store, compare-and-set, lock, audit (issue 12 item 2)', () => {
  it('the DOCX draft of a year whose previous year cannot be derived opens too, without a growth figure', async () => {
    const file = await renderReportExport(admin, { year: 2021, org: tree.other.code, subtree: false, format: 'docx' });
    const xml = await (await JSZip.loadAsync(file.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('年政府信息公开工作年度报告');
    expect(xml).not.toContain('同比');
  });

  it('starts from the draft with the live figures of the scope', async () => {
    const view = await loadReportText({ orgId: tree.root.id, year: 2021 });
    expect(view).toMatchObject({ source: 'draft', version: 0, scope: 'subtree', locked: false, yearOnYearBase: null });
    expect(view.values['申请总数']).toBe('9');
    const own = await loadReportText({ orgId: tree.root.id, year: 2021, scope: 'own' });
    expect(own.values['申请总数']).toBe('0');
    const text = view.parts.find((p) => p.part === 'overview')!.paragraphs.map((p) => p.segments.map((s) => s.text).join('')).join('\n');
    expect(text).toContain('2021年，共收到政府信息公开申请9件（包括上年结转0件）。其中，予以公开的8件，占总数的88.9%');
    expect(text).not.toContain('同比');
  });

  it('saves with an audit event, refuses a stale version, stores a repeated submission once', async () => {
    const first = withOverview('共收到政府信息公开申请{{申请总数}}件。');
    expect(await saveReportText(admin, { orgCode: tree.root.code, year: 2021, sections: first, expectedVersion: 0 })).toEqual({ version: 1, changed: true });
    // The same text again with the old version (a double click): stored once, no second event.
    expect(await saveReportText(admin, { orgCode: tree.root.code, year: 2021, sections: first, expectedVersion: 0 })).toEqual({ version: 1, changed: false });
    expect(await auditCount()).toBe(1);
    await expect(saveReportText(admin, { orgCode: tree.root.code, year: 2021, sections: withOverview('别的'), expectedVersion: 0 })).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'report.text.conflict' });

    const view = await loadReportText({ orgId: tree.root.id, year: 2021 });
    expect(view).toMatchObject({ source: 'saved', version: 1 });
    expect(view.parts.find((p) => p.part === 'overview')!.paragraphs[0].segments.map((s) => s.text).join('')).toBe('共收到政府信息公开申请9件。');
    const event = await db.auditEvent.findFirst({ where: { actorId: admin.id, type: 'report.text_saved' } });
    expect(event?.data).toMatchObject({ org: tree.root.code, year: 2021, version: 1, after: { overview: '共收到政府信息公开申请{{申请总数}}件。' } });
  });

  it('two editors saving at once: one wins, the other is told, nothing is lost silently', async () => {
    const results = await Promise.allSettled([
      saveReportText(admin, { orgCode: tree.root.code, year: 2021, sections: withOverview('甲'), expectedVersion: 1 }),
      saveReportText(admin, { orgCode: tree.root.code, year: 2021, sections: withOverview('乙'), expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    const view = await loadReportText({ orgId: tree.root.id, year: 2021 });
    expect(view.version).toBe(2);
    expect(['甲', '乙']).toContain(view.sections.overview);
    expect(await auditCount()).toBe(2);
  });

  it('warns about a typed figure that contradicts the table', async () => {
    await saveReportText(admin, { orgCode: tree.root.code, year: 2021, sections: withOverview('2021年，共收到政府信息公开申请10件。'), expectedVersion: 2 });
    const view = await loadReportText({ orgId: tree.root.id, year: 2021 });
    expect(view.warnings).toEqual([expect.objectContaining({ part: 'overview', kind: 'contradiction', found: '10', expected: '9', field: '申请总数' })]);
  });

  it('refuses clerks, control characters and oversized parts, changing nothing', async () => {
    await expect(saveReportText(clerk, { orgCode: tree.root.code, year: 2021, sections: withOverview('x'), expectedVersion: 3 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveReportText(admin, { orgCode: tree.root.code, year: 2021, sections: withOverview('a\u0000b'), expectedVersion: 3 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(saveReportText(admin, { orgCode: tree.root.code, year: 2021, sections: withOverview('长'.repeat(30_001)), expectedVersion: 3 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(saveReportText(admin, { orgCode: tree.root.code, year: 1800, sections: withOverview('x'), expectedVersion: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(saveReportText(admin, { orgCode: 'NO-SUCH-ORG', year: 2021, sections: withOverview('x'), expectedVersion: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await loadReportText({ orgId: tree.root.id, year: 2021 })).version).toBe(3);
    expect(await auditCount()).toBe(3);
  });

  it('the full report needs the lock; while locked the text cannot change; DOCX and PDF carry the text and tables', async () => {
    await expect(renderFullReport({ orgId: tree.root.id, year: 2021, format: 'pdf' })).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'report.full.notLocked' });
    await lockPeriod(admin, tree.root.id, 2021);
    await expect(saveReportText(admin, { orgCode: tree.root.code, year: 2021, sections: withOverview('锁定后'), expectedVersion: 3 })).rejects.toMatchObject({ code: 'LOCKED' });
    // An ancestor's lock covers a subordinate's text too.
    await expect(saveReportText(admin, { orgCode: tree.leaf.code, year: 2021, sections: withOverview('下级'), expectedVersion: 0 })).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await auditCount()).toBe(3);

    const docx = await renderFullReport({ orgId: tree.root.id, year: 2021, format: 'docx' });
    expect(docx.filename).toBe(`${PREFIX} 市政府2021年政府信息公开工作年度报告.docx`);
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('2021年，共收到政府信息公开申请10件。');
    expect(xml).toContain('本年新收政府信息公开申请数量');

    const pdf = await renderFullReport({ orgId: tree.root.id, year: 2021, format: 'pdf' });
    expect(pdf.contentType).toBe('application/pdf');
    const text = pdfPages(pdf.bytes, { raw: true }).join('\n');
    expect(text).toContain('一、总体情况');
    expect(text).toContain('【待填写：发布日期】');
    await unlockPeriod(admin, tree.root.id, 2021, '测试解锁');
  });

  it('next year starts from this year\'s text', async () => {
    const next = await loadReportText({ orgId: tree.root.id, year: 2022 });
    expect(next).toMatchObject({ source: 'last_year', version: 0 });
    expect(next.sections.overview).toBe('2021年，共收到政府信息公开申请10件。');
    await expect(loadReportText({ orgId: 2_000_000_000, year: 2022 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
