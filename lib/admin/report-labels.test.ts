import { describe, expect, it } from 'vitest';
import report from '@/lib/i18n/messages/report';
import { flatKeys } from '@/lib/i18n/catalogue';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid } from '@/lib/statistics/table-grid';
import { REPORT_FORMATS, SECTION4_BLOCK_IDS, SECTION4_COLUMN_IDS, resultRowIds } from '@/lib/statistics/layouts';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { cellName, labelKeysFor, labelledParams } from './report-labels';

const empty = (format: '2019' | '2021'): ImportedAnnualTable => ({
  year: format === '2019' ? 2020 : 2025,
  format,
  org: 'X',
  section3: {},
  section4: Object.fromEntries(SECTION4_BLOCK_IDS.map((b) => [b, Object.fromEntries(SECTION4_COLUMN_IDS.map((c) => [c, null]))])) as never,
  section2: {},
  checks: [],
});

describe('report label keys', () => {
  const enKeys = new Set(flatKeys(report.en));
  for (const format of REPORT_FORMATS) {
    it(`translates every text cell of the ${format} grids (and the keys exist in English)`, () => {
      const table = empty(format);
      const grids = [
        ['section3', buildSection3Grid(table)],
        ['section4', buildSection4Grid(table)],
        ['section2', buildSection2Grid(table)],
      ] as const;
      for (const [section, grid] of grids) {
        const keys = labelKeysFor(section, format);
        const texts = grid.cells.filter((c) => c.role !== 'value' && c.role !== 'blank').map((c) => c.text);
        const missing = texts.filter((text) => !keys.has(text) || !enKeys.has(keys.get(text) as string));
        expect(missing, `${section} ${format}`).toEqual([]);
      }
    });
  }

  it('names cells and labels check params with the official labels', () => {
    expect(cellName({ section: 'section3', row: 'new_received', column: 'natural_person' }, '2021')).toBe('一、本年新收政府信息公开申请数量 × 自然人');
    expect(cellName({ section: 'section4', row: 'litigation_after_review', column: 'total' }, '2021')).toBe('行政诉讼／复议后起诉 × 总计');
    expect(cellName({ section: 'section2', row: 'art20_1.regulations', column: 'in_force' }, '2021')).toBe('第二十条第（一）项 规章 × 现行有效件数');
    expect(labelledParams({ column: 'total', received: 3, accounted: 2 }, '2021')).toEqual({ column: '总计', received: 3, accounted: 2 });
    expect(labelledParams({ row: 'other_processing', expected: 1, actual: 0 }, '2019').row).toBe('（六）其他处理');
    expect(labelledParams({ block: 'administrative_review' }, '2021').block).toBe('行政复议');
    expect(labelledParams({ section: 'section2', row: 'art20_5.administrative_licensing', count: 1 }, '2021')).toEqual({
      section: '二、主动公开政府信息情况',
      row: '第二十条第（五）项 行政许可',
      count: 1,
    });
    expect(resultRowIds('2021')).toContain('other_misc');
  });
});
