import { describe, expect, it } from 'vitest';
import { APPLICANT_TYPES, OUTCOMES } from '@/lib/law/ids';
import {
  FORMAT_DOCUMENTS,
  REPORT_SECTIONS,
  SECTION2_LAYOUTS,
  SECTION3_COLUMNS,
  SECTION3_NOTE,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_LABELS,
  formatForYear,
  resultCategoryRows,
  resultRowIds,
  rowForOutcome,
  section2Width,
  section3GroupSpans,
  section3Rows,
} from '@/lib/statistics/layouts';

describe('formatForYear', () => {
  it('uses the 2019 format up to 2020 and the 2021 format from 2021', () => {
    expect(formatForYear(2019)).toBe('2019');
    expect(formatForYear(2020)).toBe('2019');
    expect(formatForYear(2021)).toBe('2021');
    expect(formatForYear(2030)).toBe('2021');
  });

  it('names the format documents', () => {
    expect(FORMAT_DOCUMENTS['2019'].number).toBe('国办公开办函〔2019〕60号');
    expect(FORMAT_DOCUMENTS['2021'].number).toBe('国办公开办函〔2021〕30号');
  });
});

describe('section 三 layout', () => {
  it('has 23 data rows in 2019 and 25 in 2021', () => {
    expect(section3Rows('2019')).toHaveLength(23);
    expect(section3Rows('2021')).toHaveLength(25);
  });

  it('uses every outcome id of lib/law/ids exactly once across the result rows of one format or the other', () => {
    const ids2019 = resultRowIds('2019');
    const ids2021 = resultRowIds('2021');
    expect(new Set([...ids2019, ...ids2021])).toEqual(new Set(OUTCOMES));
    expect(ids2019).toContain('other_processing');
    expect(ids2021).not.toContain('other_processing');
    expect(ids2021).toEqual(expect.arrayContaining(['other_no_correction', 'other_fee_unpaid', 'other_misc']));
  });

  it('keeps the official codes and exact labels', () => {
    const byId = new Map(section3Rows('2021').map((r) => [r.id, r]));
    expect(byId.get('new_received')).toMatchObject({ code: '一', label: '一、本年新收政府信息公开申请数量' });
    expect(byId.get('carried_over')).toMatchObject({ code: '二', label: '二、上年结转政府信息公开申请数量' });
    expect(byId.get('partially_granted')?.label).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(byId.get('denied_three_securities_one_stability')).toMatchObject({
      code: '三(三)3',
      label: '3.危及“三安全一稳定”',
    });
    expect(byId.get('not_processed_confirm_or_reissue')?.label).toBe('5.要求行政机关确认或重新出具已获取信息');
    expect(byId.get('other_no_correction')?.label).toBe(
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    );
    expect(byId.get('other_fee_unpaid')?.label).toBe(
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    );
    expect(byId.get('other_misc')).toMatchObject({ code: '三(六)3', label: '3.其他' });
    expect(byId.get('total_processed')).toMatchObject({ code: '三(七)', label: '（七）总计' });
    expect(byId.get('carried_forward')).toMatchObject({ code: '四', label: '四、结转下年度继续办理' });
    const row2019 = section3Rows('2019').find((r) => r.id === 'other_processing');
    expect(row2019).toMatchObject({ code: '三(六)', label: '（六）其他处理', groups: ['results'] });
  });

  it('places the group headings over their rows', () => {
    const spans2019 = section3GroupSpans('2019').map((s) => [s.group.label, s.firstRowIndex, s.rowCount, s.depth]);
    expect(spans2019).toEqual([
      ['三、本年度办理结果', 2, 20, 0],
      ['（三）不予公开', 4, 8, 1],
      ['（四）无法提供', 12, 3, 1],
      ['（五）不予处理', 15, 5, 1],
    ]);
    const spans2021 = section3GroupSpans('2021').map((s) => [s.group.label, s.firstRowIndex, s.rowCount, s.depth]);
    expect(spans2021).toContainEqual(['三、本年度办理结果', 2, 22, 0]);
    expect(spans2021).toContainEqual(['（六）其他处理', 20, 3, 1]);
  });

  it('has the note and the seven columns with their groups', () => {
    expect(SECTION3_NOTE).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(SECTION3_COLUMNS.map((c) => c.label)).toEqual([
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ]);
    expect(SECTION3_COLUMNS.map((c) => c.id)).toEqual([...APPLICANT_TYPES, 'total']);
    expect(SECTION3_COLUMNS[1].groups).toEqual(['applicant', 'organisation']);
    expect(SECTION3_COLUMNS[6].groups).toEqual(['applicant']);
  });

  it('maps outcomes to rows per format (2019 collapse, 2021 legacy row)', () => {
    expect(rowForOutcome('other_misc', '2019')).toBe('other_processing');
    expect(rowForOutcome('other_fee_unpaid', '2019')).toBe('other_processing');
    expect(rowForOutcome('other_no_correction', '2019')).toBe('other_processing');
    expect(rowForOutcome('other_processing', '2021')).toBe('other_misc');
    expect(rowForOutcome('granted', '2021')).toBe('granted');
  });

  it('derives the prose subtotals from the layout', () => {
    expect(resultCategoryRows('2019', 'denied_subtotal')).toHaveLength(8);
    expect(resultCategoryRows('2019', 'unavailable_subtotal')).toHaveLength(3);
    expect(resultCategoryRows('2019', 'not_processed_subtotal')).toHaveLength(5);
    expect(resultCategoryRows('2019', 'other_subtotal')).toEqual(['other_processing']);
    expect(resultCategoryRows('2021', 'other_subtotal')).toEqual([
      'other_no_correction',
      'other_fee_unpaid',
      'other_misc',
    ]);
  });
});

describe('sections 二 and 四 layouts', () => {
  it('has 15 cells in section 四 with a three-level header', () => {
    expect(SECTION4_BLOCKS.map((b) => [b.level1, b.level2])).toEqual([
      ['行政复议', null],
      ['行政诉讼', '未经复议直接起诉'],
      ['行政诉讼', '复议后起诉'],
    ]);
    expect(Object.values(SECTION4_COLUMN_LABELS)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
  });

  it('has five sub-tables in 2019 and four in 2021', () => {
    expect(SECTION2_LAYOUTS['2019'].map((t) => t.label)).toEqual([
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
      '第二十条第（九）项',
    ]);
    expect(SECTION2_LAYOUTS['2021'].map((t) => t.id)).toEqual(['art20_1', 'art20_5', 'art20_6', 'art20_8']);
    const fees2021 = SECTION2_LAYOUTS['2021'][3];
    expect(fees2021.columns[0].label).toBe('本年收费金额（单位：万元）');
    expect(SECTION2_LAYOUTS['2021'][0].rows[1].label).toBe('行政规范性文件');
    expect(section2Width('2019')).toBe(4);
    expect(section2Width('2021')).toBe(4);
  });

  it('has the six report headings', () => {
    expect(REPORT_SECTIONS.map((s) => s.label)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
  });
});
