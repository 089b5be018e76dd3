import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { toCsv } from '@/lib/statistics/export-csv';
import { titleLines, toDocx } from '@/lib/statistics/export-docx';
import { toJson } from '@/lib/statistics/export-json';
import {
  SECTION2_OWN_ONLY_NOTE,
  chinaDayAndTime,
  dataStateAsOf,
  provenanceLine,
  type ExportProvenance,
} from '@/lib/statistics/export-provenance';
import { toXlsx } from '@/lib/statistics/export-xlsx';
import ExcelJS from 'exceljs';
import { pingduTable } from '@/lib/statistics/fixtures/tables';

// 2026-12-05 08:30 UTC = 16:30 in China.
const NOW = new Date('2026-12-05T08:30:00Z');
const subtree: ExportProvenance = { orgName: '示范市人民政府办公室', orgCode: 'SFS', scope: 'subtree', orgCount: 9, year: 2026, generatedAt: NOW, asOf: '2026-12-05' };
const own: ExportProvenance = { ...subtree, scope: 'own', orgCount: 1, year: 2025, asOf: null };

describe('export provenance (issue 12 item 4)', () => {
  it('states scope, year, data state and generation time in China time', () => {
    expect(chinaDayAndTime(new Date('2026-12-31T16:30:00Z'))).toEqual({ day: '2027-01-01', time: '00:30' });
    expect(dataStateAsOf(2026, '2026-12-05')).toBe('2026-12-05');
    expect(dataStateAsOf(2025, '2026-12-05')).toBeNull();
    expect(provenanceLine(subtree)).toBe(
      '机关：示范市人民政府办公室；统计范围：含下级机关（共9个机关）；年度：2026年；数据状态：截至2026年12月5日（2026年度尚未结束，数据仍会变化，不是年度报告的最终数据）；生成时间：2026年12月5日 16:30',
    );
    expect(provenanceLine(own)).toBe('机关：示范市人民政府办公室；统计范围：仅本机关；年度：2025年；数据状态：2025年度全年数据；生成时间：2026年12月5日 16:30');
  });

  it('a subtree aggregate and the own table never export alike, in every format', async () => {
    const table = pingduTable();
    const csvSubtree = toCsv(table, subtree);
    const csvOwn = toCsv(table, own);
    expect(csvSubtree).toContain('统计范围,含下级机关（共9个机关）');
    expect(csvOwn).toContain('统计范围,仅本机关');
    expect(csvSubtree).toContain(SECTION2_OWN_ONLY_NOTE);
    expect(csvOwn).not.toContain(SECTION2_OWN_ONLY_NOTE);
    // The CSV carries section 二 (规范性文件 new_made = 7 in the seed).
    expect(csvOwn).toContain('二、主动公开政府信息情况');
    expect(csvOwn).toMatch(/normative_documents,规范性文件,7,7,7/);

    const json = JSON.parse(toJson(table, 2, subtree)) as { export: Record<string, unknown>; section3: unknown };
    expect(json.export).toMatchObject({ scope: 'subtree', orgCount: 9, dataState: 'in_progress', asOf: '2026-12-05', generatedAt: NOW.toISOString() });
    expect(json.section3).toEqual(table.section3);

    const workbook = new ExcelJS.Workbook();
    const bytes = await toXlsx(table, { orgName: subtree.orgName, provenance: subtree });
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    for (const ws of workbook.worksheets) {
      expect(String(ws.getCell('A2').value)).toContain('统计范围：含下级机关（共9个机关）');
    }
    // Sections 三 and 四 have column headings: the view is frozen below them.
    for (const ws of workbook.worksheets.slice(1)) expect(ws.views[0]).toMatchObject({ state: 'frozen' });
    expect(String(workbook.worksheets[0]!.getCell('A2').value)).toContain(SECTION2_OWN_ONLY_NOTE);

    const docx = await toDocx(table, { orgName: '平度市人民政府', provenance: own });
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('统计范围：仅本机关');
    expect(xml).toContain('<w:keepNext/>');
  }, 30_000);

  it('breaks a long title after the organisation, never inside a word', () => {
    expect(titleLines('平度市人民政府', 2020)).toEqual(['平度市人民政府', '2020年政府信息公开工作年度报告']);
    expect(titleLines('某局', 2020)).toEqual(['某局2020年政府信息公开工作年度报告']);
  });
});
