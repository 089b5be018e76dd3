import { describe, expect, it } from 'vitest';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import type { ExportProvenance } from '@/lib/statistics/export-provenance';
import {
  datedParts,
  hasPlaceholders,
  paragraphText,
  isPublicDownloadFormat,
  parsePublicReportSegments,
  publicDownloadFilename,
  publicReportPath,
  snapshotFromJson,
  snapshotToJson,
  type PublicationSnapshot,
  type PublishedText,
} from '@/lib/reports/publication-snapshot';
import { draftSections, resolveSections, titleLines, type ResolvedPart } from '@/lib/reports/report-text-model';

const provenance = (scope: 'own' | 'subtree'): ExportProvenance => ({
  orgName: '平度市人民政府',
  orgCode: 'PD',
  scope,
  orgCount: scope === 'own' ? 1 : 30,
  year: 2020,
  generatedAt: new Date('2021-01-20T02:30:00Z'),
  asOf: null,
});

const snapshot = (scope: 'own' | 'subtree' = 'own', text: PublishedText | null = null): PublicationSnapshot => ({
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

describe('the text as published', () => {
  const draft = (): PublishedText => ({
    titleLines: titleLines('平度市人民政府', 2020),
    parts: resolveSections(draftSections('2019', { hasComparableBase: false }), { 年度: '2020', 申请总数: '529' }),
    source: 'draft',
  });

  it('keeps the resolved parts through storage', () => {
    const back = snapshotFromJson(JSON.parse(JSON.stringify(snapshotToJson(snapshot('own', draft())))));
    expect(back.text?.parts.map((p) => p.part)).toEqual(['preamble', 'overview', 'proactive', 'applications', 'appeals', 'problems', 'other_matters', 'date']);
    expect(back.text?.titleLines.join('')).toBe('平度市人民政府2020年政府信息公开工作年度报告');
    expect(back.text?.parts.flatMap((p) => p.paragraphs.map(paragraphText)).join('\n')).toContain('2020年，共收到政府信息公开申请529件');
  });

  it('dates an unwritten signature date with the day of publication, and keeps a written one', () => {
    const parts = datedParts(draft().parts, '2021-01-20');
    expect(parts.find((p) => p.part === 'date')?.paragraphs).toEqual([{ kind: 'body', segments: [{ kind: 'text', text: '2021年1月20日' }] }]);
    const written: ResolvedPart[] = [{ part: 'date', heading: null, paragraphs: [{ kind: 'body', segments: [{ kind: 'text', text: '2021年1月15日' }] }] }];
    expect(datedParts(written, '2021-01-20')).toEqual(written);
    // Other parts are untouched, placeholders and all.
    expect(parts.filter((p) => p.part !== 'date')).toEqual(draft().parts.filter((p) => p.part !== 'date'));
  });

  it('tells whether a 【待填写】 placeholder is left', () => {
    expect(hasPlaceholders(draft())).toBe(true);
    const done: PublishedText = { titleLines: ['T'], parts: [{ part: 'overview', heading: '一、总体情况', paragraphs: [{ kind: 'body', segments: [{ kind: 'text', text: '本年度…' }] }] }], source: 'saved' };
    expect(hasPlaceholders(done)).toBe(false);
  });
});
