import { describe, expect, it } from 'vitest';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { pingduTable, withSection3Cell } from '@/lib/statistics/fixtures/tables';
import { fieldCatalogue, resolveFieldValues } from '@/lib/reports/report-fields';
import {
  draftSections,
  findAllWarnings,
  findTextWarnings as findAllTextWarnings,
  isProblem,
  normalizeSections,
  resolvePart,
  resolveSegments,
  sameFigure,
  segmentsText,
  titleLines,
  tokenKeys,
} from '@/lib/reports/report-text-model';

/** 平度 2019 as the seed's year-on-year figures imply: 610 applications, 53 reviews, 32 lawsuits. */
function lastYear(): ImportedAnnualTable {
  let table = withSection3Cell(pingduTable(), 'new_received', 'total', 610);
  table = withSection3Cell(table, 'carried_over', 'total', 0);
  const section4 = {
    ...table.section4,
    administrative_review: { ...table.section4.administrative_review, total: 53 },
    litigation_direct: { ...table.section4.litigation_direct, total: 32 },
    litigation_after_review: { ...table.section4.litigation_after_review, total: 0 },
  };
  return { ...table, year: 2019, section4 };
}

/**
 * The seed's table as its prose reads it: the prose gives 5 lawsuits (4 upheld, 1 pending) where the visible
 * cells give 3 (pingdu-2020-notes.md); for the agreeing case the lawsuits are set to the prose's figures.
 */
function asProse(): ImportedAnnualTable {
  const table = pingduTable();
  return { ...table, section4: { ...table.section4, litigation_direct: { upheld: 4, corrected: 0, other: 0, pending: 1, total: 5 } } };
}

const values = resolveFieldValues({ table: asProse(), previous: lastYear(), fees: null });

/** The seed's sentence (平度 2020, 一（二）), as published — including its 上年转结 slip. */
const SEED =
  '2020年，全市共收到政府信息公开申请529件（包括上年转结1件），同比下降了13.3%，全部依法依规进行了办理。其中，予以公开的258件，占总数的48.8%；' +
  '部分公开41件，占总数的7.8%；不予公开31件，占总数的5.9%；无法提供的166件，占总数的31.4%；不予处理的21件，占总数的4.0%；其他处理2件，占总数的0.4%；' +
  '转下一年办理的10件，占总数的1.9%。因政府信息公开引发的行政复议案件共9件，同比下降83%，其中维持具体行政行为7件，被依法纠错2件；' +
  '因政府信息公开引发行政诉讼5件，同比下降84.4%。其中，维持具体行政行为或者驳回原告诉讼请求的4件，未审结1件。';

/** The problems among the warnings (literal numbers that agree with the table are hints, tested apart). */
const findTextWarnings = (...args: Parameters<typeof findAllTextWarnings>) => findAllTextWarnings(...args).filter(isProblem);

describe('live fields', () => {
  it('resolve to the 平度 2020 figures', () => {
    expect(values['申请总数']).toBe('529');
    expect(values['上年结转']).toBe('1');
    expect(values['予以公开.占申请总数']).toBe('48.8');
    expect(values['不予处理.占申请总数']).toBe('4.0');
    expect(values['申请总数.同比']).toBe('下降13.3%');
    expect(values['行政复议']).toBe('9');
    expect(values['三.一.总计']).toBe('528');
    expect(values['三.三(三)1.自然人']).toBe('4');
    expect(values['四.行政复议.结果维持']).toBe('7');
    expect(values['格式文件']).toContain('国办公开办函〔2019〕60号');
  });

  it('have no 同比 or fee value without a base or fee records', () => {
    const bare = resolveFieldValues({ table: pingduTable() });
    expect(bare['申请总数.同比']).toBeNull();
    expect(bare['收费通知.件数']).toBeNull();
    expect(resolveSegments('同比{{申请总数.同比}}', bare)).toEqual([
      { kind: 'text', text: '同比' },
      { kind: 'placeholder', key: '申请总数.同比', text: '【待填写：同比（无可比的上年数据）】' },
    ]);
  });

  it('every catalogue key has a value slot, and the 2021 catalogue has the 其他处理 sub-rows', () => {
    for (const f of fieldCatalogue('2019')) expect(Object.hasOwn(values, f.key), f.key).toBe(true);
    const keys2021 = fieldCatalogue('2021').map((f) => f.key);
    expect(keys2021).toContain('三.三(六)2.总计');
    expect(keys2021).not.toContain('三.三(六).总计');
  });
});

describe('tokens and parts', () => {
  it('parse tokens with spaces and keep typed placeholders', () => {
    expect(tokenKeys('共{{ 申请总数 }}件，{{本年新收}}')).toEqual(['申请总数', '本年新收']);
    const segments = resolveSegments('共收到申请{{申请总数}}件。【待填写：联系方式】{{没有这个}}', values);
    expect(segments.map((s) => s.kind)).toEqual(['text', 'field', 'text', 'placeholder', 'placeholder']);
    expect(segmentsText(segments)).toBe('共收到申请529件。【待填写：联系方式】【待填写：未知字段“没有这个”】');
  });

  it('an empty part prints as 【待填写：…】, an empty table section prints nothing', () => {
    expect(resolvePart('overview', '  \n ', values).paragraphs.map((p) => segmentsText(p.segments))).toEqual(['【待填写：总体情况】']);
    expect(resolvePart('applications', '', values).paragraphs).toEqual([]);
    expect(resolvePart('date', '', values).paragraphs.map((p) => segmentsText(p.segments))).toEqual(['【待填写：发布日期】']);
  });

  it('short "（一）…" lines are sub-headings, run-in ones are body text', () => {
    const part = resolvePart('overview', '（一）主动公开\n（二）依申请公开有效规范。一是建立健全政府信息公开申请接收、登记、答复、审查、归档等工作制度，不断畅通公开渠道。', values);
    expect(part.paragraphs.map((p) => p.kind)).toEqual(['subheading', 'body']);
  });

  it('normalises stored JSON: unknown keys dropped, NUL removed, missing parts empty', () => {
    const s = normalizeSections({ overview: 'a\u0000b', bogus: 'x', problems: 42 });
    expect(s.overview).toBe('ab');
    expect(s.problems).toBe('');
    expect(Object.keys(s)).not.toContain('bogus');
  });

  it('the draft renders the seed figures and passes its own check', () => {
    const draft = draftSections('2019', { hasComparableBase: true });
    const text = resolvePart('overview', draft.overview, values).paragraphs.map((p) => segmentsText(p.segments)).join('\n');
    expect(text).toContain('2020年，共收到政府信息公开申请529件（包括上年结转1件），同比下降13.3%。其中，予以公开的258件，占总数的48.8%；');
    expect(text).toContain('因政府信息公开引发行政诉讼5件，同比下降84.4%。');
    expect(findAllWarnings(draft, values)).toEqual([]); // no problems and no literal numbers: all fields
    expect(draftSections('2019', { hasComparableBase: false }).overview).not.toContain('同比');
    expect(draftSections('2021', { hasComparableBase: false }).other_matters).toContain('{{收费通知.件数}}');
  });
});

describe('contradictions between the text and the table', () => {
  it('the seed agrees with the table its prose describes', () => {
    expect(findTextWarnings('overview', SEED, values)).toEqual([]);
  });

  it('the seed contradicts its published 行政诉讼 cells (3, not 5) — and exactly there', () => {
    const published = resolveFieldValues({ table: pingduTable(), previous: lastYear() });
    expect(findTextWarnings('overview', SEED, published).map((w) => [w.field, w.found, w.expected])).toEqual([
      ['行政诉讼', '5', '3'],
      ['行政诉讼.结果维持', '4', '3'],
      ['行政诉讼.尚未审结', '1', '0'],
      ['行政诉讼.同比', '下降84.4%', '下降90.6%'],
    ]);
  });

  it('names the sentence and the field of a wrong count', () => {
    const warnings = findTextWarnings('overview', SEED.replace('申请529件', '申请530件'), values);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'contradiction', found: '530', expected: '529', field: '申请总数' });
    expect(warnings[0].sentence).toMatch(/^2020年，全市共收到政府信息公开申请530件/);
  });

  it('a typed share that does not match, on either base', () => {
    const w = findTextWarnings('overview', SEED.replace('占总数的48.8%', '占总数的48.9%'), values);
    expect(w).toEqual([expect.objectContaining({ kind: 'contradiction', found: '48.9%', expected: '48.8%', field: '予以公开.占申请总数' })]);
    const concluded = findTextWarnings('overview', '予以公开的258件，占办结总数的48.8%。', values);
    expect(concluded).toEqual([expect.objectContaining({ field: '予以公开.占办结总数', expected: `${values['予以公开.占办结总数']}%` })]);
  });

  it('a typed share after a live count is still checked; live numbers never are', () => {
    expect(findTextWarnings('overview', '予以公开的{{予以公开}}件，占总数的50%。', values)).toEqual([
      expect.objectContaining({ field: '予以公开.占申请总数', found: '50%' }),
    ]);
    expect(findTextWarnings('overview', '予以公开的{{予以公开}}件，占总数的{{予以公开.占申请总数}}%。', values)).toEqual([]);
  });

  it('appeal results follow their subject, also one sentence on', () => {
    const w = findTextWarnings('overview', '因政府信息公开引发行政诉讼5件。其中，维持具体行政行为或者驳回原告诉讼请求的3件，未审结1件。', values);
    // 行政复议's own results are read as 行政复议's even after the litigation figures of another sentence.
    expect(findTextWarnings('overview', '行政复议案件共9件，其中维持具体行政行为7件，被依法纠错2件。', values)).toEqual([]);
    expect(w).toEqual([expect.objectContaining({ field: '行政诉讼.结果维持', found: '3', expected: '4' })]);
  });

  it('a growth figure: wrong direction, wrong size, or no comparable base', () => {
    expect(findTextWarnings('overview', '共收到政府信息公开申请529件，同比增长13.3%。', values)).toEqual([
      expect.objectContaining({ kind: 'contradiction', field: '申请总数.同比', found: '增长13.3%', expected: '下降13.3%' }),
    ]);
    const bare = resolveFieldValues({ table: pingduTable() });
    expect(findTextWarnings('overview', '共收到政府信息公开申请529件，同比增长52800.0%。', bare)).toEqual([
      expect.objectContaining({ kind: 'no_base', field: '申请总数.同比' }),
    ]);
    // A growth figure about something else (主动公开 items) is not the applications'.
    expect(findTextWarnings('overview', '全市累计公开各类政府信息31156条，同比增长了121.3%。', values)).toEqual([]);
  });

  it('unknown fields and fields without value are reported', () => {
    const bare = resolveFieldValues({ table: pingduTable() });
    expect(findTextWarnings('problems', '同比{{申请总数.同比}}，{{三.三(六)2.总计}}件。', bare)).toEqual([
      expect.objectContaining({ kind: 'no_value', field: '申请总数.同比' }),
      expect.objectContaining({ kind: 'unknown_field', field: '三.三(六)2.总计' }),
    ]);
  });

  it('"未收取信息处理费" while fees were collected', () => {
    const withFees = resolveFieldValues({ table: pingduTable(), fees: { year: 2020, issuedCount: 2, issuedAmountYuan: '300.00', collectedCount: 1, collectedAmountYuan: '100.00' } });
    expect(findTextWarnings('other_matters', '本年度未收取信息处理费。', withFees)).toEqual([
      expect.objectContaining({ field: '收取信息处理费.件数', expected: '1' }),
    ]);
    expect(findTextWarnings('other_matters', '本年度共发出信息处理费收费通知3件。', withFees)).toEqual([
      expect.objectContaining({ field: '收费通知.件数', found: '3', expected: '2' }),
    ]);
  });

  it('typed numbers that agree are hints with a fix that inserts the field; a fix resolves a contradiction too', () => {
    const text = '  前言。\n2020年，共收到政府信息公开申请529件，同比下降13.3%。其中，予以公开的258件，占总数的48.9%。';
    const all = findAllTextWarnings('overview', text, values);
    expect(all.map((w) => [w.kind, w.field])).toEqual([
      ['literal', '申请总数'],
      ['literal', '予以公开'],
      ['contradiction', '予以公开.占申请总数'],
      ['literal', '申请总数.同比'],
    ]);
    // Applying every fix (last first, so offsets hold) leaves only fields, and nothing to warn about.
    let fixed = text;
    for (const w of [...all].sort((a, b) => b.fix!.start - a.fix!.start)) fixed = fixed.slice(0, w.fix!.start) + w.fix!.replacement + fixed.slice(w.fix!.end);
    expect(fixed).toBe('  前言。\n2020年，共收到政府信息公开申请{{申请总数}}件，同比{{申请总数.同比}}。其中，予以公开的{{予以公开}}件，占总数的{{予以公开.占申请总数}}%。');
    expect(findAllTextWarnings('overview', fixed, values)).toEqual([]);
    expect(segmentsText(resolvePart('overview', fixed, values).paragraphs[1].segments)).toBe(
      '2020年，共收到政府信息公开申请529件，同比下降13.3%。其中，予以公开的258件，占总数的48.8%。',
    );
  });

  it('full-width digits are read', () => {
    expect(findTextWarnings('overview', '共收到政府信息公开申请５３０件。', values)).toEqual([expect.objectContaining({ expected: '529' })]);
  });

  it('sameFigure compares at the precision typed', () => {
    expect(sameFigure('83', '83.0')).toBe(true);
    expect(sameFigure('83.0', '83.0')).toBe(true);
    expect(sameFigure('83.1', '83.0')).toBe(false);
    expect(sameFigure('84', '83.0')).toBe(false);
  });
});

describe('title lines', () => {
  it('never breaks inside a word', () => {
    expect(titleLines('平度市人民政府', 2020)).toEqual(['平度市人民政府', '2020年政府信息公开工作年度报告']);
    expect(titleLines('某局', 2020)).toEqual(['某局2020年政府信息公开工作年度报告']);
    expect(titleLines('某某省某某市某某区人民政府办公室综合业务科室', 2021)).toEqual(['某某省某某市某某区人民政府办公室', '综合业务科室', '2021年政府信息公开工作年度报告']);
    for (const line of titleLines('中华人民共和国某某部某某司某某处某某科某某组', 2021)) expect(line.length).toBeLessThanOrEqual(20);
  });
});
