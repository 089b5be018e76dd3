import { describe, expect, it } from 'vitest';
import { deriveAnnualTable } from '@/lib/statistics/derive-annual-table';
import { PINGDU_2020_COUNTS } from '@/lib/statistics/fixtures/pingdu-2020-counts';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import {
  buildSection2Grid,
  buildSection3Grid,
  buildSection4Grid,
  gridProblems,
  type Grid,
} from '@/lib/statistics/table-grid';

const table2019 = pingduTable();
const table2021 = deriveAnnualTable(PINGDU_2020_COUNTS, { year: 2021, org: 'x' });

const spans = (grid: Grid): string[] =>
  grid.cells
    .filter((c) => c.rowSpan > 1 || c.colSpan > 1)
    .map((c) => `${c.text}@${c.row},${c.col} ${c.rowSpan}x${c.colSpan}`);

describe('table grids', () => {
  it.each([
    ['section 二 2019', buildSection2Grid(table2019)],
    ['section 二 2021', buildSection2Grid(table2021)],
    ['section 三 2019', buildSection3Grid(table2019)],
    ['section 三 2021', buildSection3Grid(table2021)],
    ['section 四', buildSection4Grid(table2019)],
  ])('%s covers every position exactly once', (_, grid) => {
    expect(gridProblems(grid)).toEqual([]);
  });

  it('draws the section 三 header and row groups of the 2019 layout', () => {
    const grid = buildSection3Grid(table2019);
    expect(grid).toMatchObject({ rowCount: 26, columnCount: 10, headerRowCount: 3 });
    expect(spans(grid)).toEqual([
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）@0,0 3x3',
      '申请人情况@0,3 1x7',
      '法人或其他组织@1,4 1x5',
      '自然人@1,3 2x1',
      '总计@1,9 2x1',
      '三、本年度办理结果@5,0 20x1',
      '（三）不予公开@7,1 8x1',
      '（四）无法提供@15,1 3x1',
      '（五）不予处理@18,1 5x1',
      '一、本年新收政府信息公开申请数量@3,0 1x3',
      '二、上年结转政府信息公开申请数量@4,0 1x3',
      '（一）予以公开@5,1 1x2',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）@6,1 1x2',
      '（六）其他处理@23,1 1x2',
      '（七）总计@24,1 1x2',
      '四、结转下年度继续办理@25,0 1x3',
    ]);
  });

  it('draws （六）其他处理 as a group over three rows in the 2021 layout', () => {
    const grid = buildSection3Grid(table2021);
    expect(grid.rowCount).toBe(28);
    expect(spans(grid)).toContain('（六）其他处理@23,1 3x1');
    expect(spans(grid)).toContain('三、本年度办理结果@5,0 22x1');
  });

  it('draws the three-level section 四 header', () => {
    const grid = buildSection4Grid(table2019);
    expect(spans(grid)).toEqual([
      '行政复议@0,0 1x5',
      '行政诉讼@0,5 1x10',
      '结果维持@1,0 2x1',
      '结果纠正@1,1 2x1',
      '其他结果@1,2 2x1',
      '尚未审结@1,3 2x1',
      '总计@1,4 2x1',
      '未经复议直接起诉@1,5 1x5',
      '复议后起诉@1,10 1x5',
    ]);
    expect(grid.cells.filter((c) => c.row === 3).map((c) => c.value)).toEqual([
      7, 2, 0, 0, 9, 3, 0, 0, 0, 3, 0, 0, 0, 0, 0,
    ]);
  });

  it('draws section 二 sub-tables with a spanning header and blank padding', () => {
    const grid = buildSection2Grid(table2019);
    expect(grid.rowCount).toBe(5 * 2 + 8);
    const fees = grid.cells.filter((c) => c.row === 13);
    expect(fees.map((c) => [c.role, c.text])).toEqual([
      ['header', '信息内容'],
      ['header', '上一年项目数量'],
      ['header', '本年增/减'],
      ['blank', ''],
    ]);
    const procurement = grid.cells.find((c) => c.row === 17 && c.col === 2);
    expect(procurement).toMatchObject({ value: 2804.979705, unit: '万元' });
  });
});
