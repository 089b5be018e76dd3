import { describe, expect, it } from 'vitest';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import type { ExportProvenance } from '@/lib/statistics/export-provenance';
import {
  draftReportText,
  isPublicDownloadFormat,
  parsePublicReportSegments,
  placeholderParts,
  publicDownloadFilename,
  publicReportPath,
  publishedReportText,
  snapshotFromJson,
  snapshotToJson,
  type PublicationSnapshot,
  type ReportText,
} from '@/lib/reports/publication-snapshot';

const provenance = (scope: 'own' | 'subtree'): ExportProvenance => ({
  orgName: '平度市人民政府',
  orgCode: 'PD',
  scope,
  orgCount: scope === 'own' ? 1 : 30,
  year: 2020,
  generatedAt: new Date('2021-01-20T02:30:00Z'),
  asOf: null,
});

const snapshot = (scope: 'own' | 'subtree' = 'own', text: ReportText | null = null): PublicationSnapshot => ({
  schema: 1,
  table: pingduTable(),
  provenance: provenance(scope),
  previous: null,
  previousSource: null,
  fees: null,
  percentBase: 'applications_total',
  text,
});

describe('public report addresses', () => {
  it('accepts an organisation code and a four-digit supported year', () => {
    expect(parsePublicReportSegments('SFS-JY', '2025')).toEqual({ orgCode: 'SFS-JY', year: 2025 });
    expect(publicReportPath('SFS-JY', 2025)).toBe('/reports/SFS-JY/2025');
  });

  it('refuses segments that cannot name a report (answered 404 before any query)', () => {
    for (const org of ['', '\u0000', 'SFS\u0000', '..', '../SFS', '-SFS', 'a'.repeat(33), 'a'.repeat(10_000), "' OR 1=1 --", 'SFS/JY', '示范', '\ud800', '%00']) {
      expect(parsePublicReportSegments(org, '2025'), JSON.stringify(org.slice(0, 12))).toBeNull();
    }
    for (const year of ['', '2018', '１２３４', '20250', '-2025', '2025.0', '2e3', ' 2025', '\u00002025']) {
      expect(parsePublicReportSegments('SFS', year), JSON.stringify(year)).toBeNull();
    }
  });

  it('names downloads after the agency and year; only the five formats exist', () => {
    expect(publicDownloadFilename('示范市教育局', 2025, 'docx')).toBe('示范市教育局2025年政府信息公开工作年度报告.docx');
    expect(publicDownloadFilename('示范市教育局', 2025, 'csv')).toBe('示范市教育局2025年政府信息公开工作年度报告统计表.csv');
    expect(['docx', 'pdf', 'xlsx', 'csv', 'json'].every(isPublicDownloadFormat)).toBe(true);
    expect(['exe', 'JSON', '', 'json/'].some(isPublicDownloadFormat)).toBe(false);
  });
});

describe('the stored snapshot', () => {
  it('round-trips through JSON with the generation time as a Date', () => {
    const stored = JSON.parse(JSON.stringify(snapshotToJson(snapshot('subtree'))));
    const back = snapshotFromJson(stored);
    expect(back.provenance.generatedAt).toEqual(new Date('2021-01-20T02:30:00Z'));
    expect(back.table.section3.new_received?.total).toBe(528);
    expect(back.provenance).toMatchObject({ scope: 'subtree', orgCount: 30 });
  });

  it('refuses what is not a snapshot', () => {
    for (const value of [null, 1, 'x', {}, { schema: 2, table: {}, provenance: {} }, { schema: 1 }]) {
      expect(() => snapshotFromJson(value)).toThrow(TypeError);
    }
  });
});

describe('the text shown on the public page', () => {
  it('is the generated draft, sections 一–六 in order, with the figures and the three tables in place', () => {
    const { text, isDraft } = publishedReportText(snapshot());
    expect(isDraft).toBe(true);
    expect(text.title).toBe('平度市人民政府2020年政府信息公开工作年度报告');
    expect(text.preamble).toContain('国办公开办函〔2019〕60号');
    expect(text.sections.map((s) => s.heading.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、', '五、', '六、']);
    const paragraphs = text.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])));
    expect(paragraphs.some((p) => p.startsWith('2020年，共收到政府信息公开申请529件（包括上年结转1件）。其中，予以公开的258件，占总数的48.8%'))).toBe(true);
    const tables = text.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [`${s.id}:${b.table}`] : [])));
    expect(tables).toEqual(['proactive:section2', 'applications:section3', 'appeals:section4']);
  });

  it('says that section 二 of an aggregate holds the organisation’s own figures', () => {
    const own = draftReportText(snapshot('own')).sections.find((s) => s.id === 'proactive')!;
    const aggregate = draftReportText(snapshot('subtree')).sections.find((s) => s.id === 'proactive')!;
    expect(own.blocks).toHaveLength(1);
    expect(aggregate.blocks[0]).toEqual({ kind: 'paragraph', text: expect.stringContaining('不含下级机关') });
  });

  it('is the agency’s own text when the snapshot holds one', () => {
    const own: ReportText = { title: 'T', preamble: 'P', sections: [], signature: { orgName: 'O', date: '2021年1月20日' } };
    expect(publishedReportText(snapshot('own', own))).toEqual({ text: own, isDraft: false });
  });

  it('marks every 【待填写】 placeholder and keeps the rest as text', () => {
    expect(placeholderParts('甲【待填写：总体情况】乙【待填写】')).toEqual([
      { text: '甲', isPlaceholder: false },
      { text: '【待填写：总体情况】', isPlaceholder: true },
      { text: '乙', isPlaceholder: false },
      { text: '【待填写】', isPlaceholder: true },
    ]);
    expect(placeholderParts('无占位')).toEqual([{ text: '无占位', isPlaceholder: false }]);
  });
});
