import { describe, expect, it } from 'vitest';
import { appealColumnOf, parseAppealKind, parseAppealResult, parseLitigationKind, validateAppealRows } from '@/lib/import/appeal-file';
import { readCaseFile } from '@/lib/import/read-case-file';

describe('section 四 values as offices write them', () => {
  it('kinds: the table’s block labels, the short forms, the joined form and the ids', () => {
    expect(['行政复议', '复议', ' 行政复议 ', 'administrative_review'].map(parseAppealKind)).toEqual(Array(4).fill('administrative_review'));
    expect(['未经复议直接起诉', '直接起诉', '行政诉讼/未经复议直接起诉', '行政诉讼／未经复议直接起诉', 'litigation_direct'].map(parseAppealKind)).toEqual(Array(5).fill('litigation_direct'));
    expect(['复议后起诉', '行政诉讼/复议后起诉', 'litigation_after_review'].map(parseAppealKind)).toEqual(Array(3).fill('litigation_after_review'));
    expect(['诉讼', '行政诉讼'].map(parseAppealKind)).toEqual(['litigation', 'litigation']);
    for (const v of ['信访', '行政复议/复议后起诉', '复议/直接起诉', '', '行政']) expect(parseAppealKind(v), v).toBeNull();
    expect(parseLitigationKind('直接起诉')).toBe('litigation_direct');
    expect(parseLitigationKind('经复议后起诉')).toBe('litigation_after_review');
    expect(parseLitigationKind('复议')).toBeNull();
  });

  it('results: the column labels (结果维持 …) and their short forms; empty is 尚未审结', () => {
    expect(['结果维持', '维持', '驳回', '驳回诉讼请求', 'upheld'].map(parseAppealResult)).toEqual(Array(5).fill('upheld'));
    expect(['结果纠正', '纠正', 'corrected'].map(parseAppealResult)).toEqual(Array(3).fill('corrected'));
    expect(['其他结果', '其他', 'other'].map(parseAppealResult)).toEqual(Array(3).fill('other'));
    expect(['尚未审结', '未审结', '审理中', '', 'pending'].map(parseAppealResult)).toEqual(Array(5).fill('pending'));
    for (const v of ['部分维持', '总计', '撤诉']) expect(parseAppealResult(v), v).toBeNull();
  });

  it('headings: Chinese or English, after the case import’s own heading mapping', () => {
    expect(['类型', '案件类型', 'kind'].map(appealColumnOf)).toEqual(['kind', 'kind', 'kind']);
    expect(['申请复议日期', '起诉日期', '提起日期'].map(appealColumnOf)).toEqual(Array(3).fill('filed_on'));
    expect(['审结日期', 'concluded_on'].map(appealColumnOf)).toEqual(['concluded_on', 'concluded_on']);
    expect(appealColumnOf('复议机关或法院')).toBe('body');
  });

  it('validates a whole file: columns in any order, every problem of every row', async () => {
    const text = ['结果,审结日期,类型,提起日期,机构代码', '结果维持,2021/4/1,复议,2021/3/1,A', '维持,,诉讼,2021-03-01,A'].join('\n');
    const read = await readCaseFile(new TextEncoder().encode(text));
    if (!read.ok) throw new Error('unreadable');
    const result = validateAppealRows(read.file, { today: '2026-01-01' });
    expect(result.rows).toEqual([
      { row: 2, trackingNo: null, orgCode: 'A', kind: 'administrative_review', filedOn: '2021-03-01', result: 'upheld', decidedOn: '2021-04-01', body: '', note: null },
    ]);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'litigation_kind', 'import.appeals.error.litigation_kind_required'],
      [3, 'concluded_on', 'import.appeals.error.concluded_on_required'],
    ]);
  });
});
