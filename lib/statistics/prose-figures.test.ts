import { describe, expect, it } from 'vitest';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import pingdu from '@/lib/statistics/fixtures/pingdu-2020.json';
import { pingduTable, withSection3Cell, withSection4Cell } from '@/lib/statistics/fixtures/tables';
import { parseAnnualTable } from '@/lib/statistics/parse-annual-table';
import { computeProseFigures, percentHalfUp, yearOnYear } from '@/lib/statistics/prose-figures';
import { appealsParagraph, applicationsParagraph, yearOnYearPhrase } from '@/lib/statistics/report-text';

/** A previous-year table whose only meaningful figures are 一 + 二 and the section 四 totals. */
function lastYear(applications: number, review: number, litigation: number): ImportedAnnualTable {
  let table = withSection3Cell(pingduTable(), 'new_received', 'total', applications);
  table = withSection3Cell(table, 'carried_over', 'total', 0);
  table = withSection4Cell(table, 'administrative_review', 'total', review);
  table = withSection4Cell(table, 'litigation_direct', 'total', litigation);
  return { ...table, year: 2019 };
}

describe('percentHalfUp', () => {
  it('rounds half up on integers, one decimal', () => {
    expect(percentHalfUp(258, 529)).toBe('48.8');
    expect(percentHalfUp(21, 529)).toBe('4.0');
    expect(percentHalfUp(1, 8)).toBe('12.5');
    expect(percentHalfUp(1, 2000)).toBe('0.1'); // exactly 0.05 → up
    expect(percentHalfUp(1, 2001)).toBe('0.0'); // 0.04997…
    expect(percentHalfUp(1, 3)).toBe('33.3');
    expect(percentHalfUp(2, 3)).toBe('66.7');
    expect(percentHalfUp(529, 529)).toBe('100.0');
    expect(percentHalfUp(0, 529)).toBe('0.0');
    expect(percentHalfUp(27, 32, 0)).toBe('84');
    expect(percentHalfUp(1, 3, 2)).toBe('33.33');
  });

  it('is exact where float rounding is not', () => {
    // 201/20000 = 1.005% exactly and must round up to 1.01, but in floating point (201 / 20000) * 100 is
    // 1.0049999…, so toFixed(2) gives "1.00".
    expect(((201 / 20000) * 100).toFixed(2)).toBe('1.00');
    expect(percentHalfUp(201, 20000, 2)).toBe('1.01');
    expect(percentHalfUp(1, 800, 2)).toBe('0.13');
  });

  it('returns null without a base', () => {
    expect(percentHalfUp(1, 0)).toBeNull();
    expect(percentHalfUp(-1, 10)).toBeNull();
    expect(percentHalfUp(1.5, 10)).toBeNull();
  });
});

describe('computeProseFigures reproduces every published percentage of the seed', () => {
  const figures = computeProseFigures(pingduTable());
  const published = pingdu.prose_figures;

  it('uses 一 + 二 = 529 as the total and the base', () => {
    expect(figures.applications).toMatchObject({
      total: 529,
      newReceived: 528,
      carriedOver: 1,
      concluded: 519,
      yoy: null,
    });
    expect(figures.base).toBe(published.applications_total_incl_carried_over);
  });

  it.each([
    ['granted', published.granted],
    ['partially_granted', published.partially_granted],
    ['denied_subtotal', published.denied],
    ['unavailable_subtotal', published.unavailable],
    ['not_processed_subtotal', published.not_processed],
    ['other_subtotal', published.other_processing],
    ['carried_forward', published.carried_forward],
  ] as const)('%s', (id, expected) => {
    const group = figures.groups.find((g) => g.id === id);
    expect(group && { count: group.count, percent: `${group.percent}%` }).toEqual({
      count: expected.count,
      percent: expected.percent_as_published,
    });
  });

  it('adds up to 529 cases and 100.2% (rounding), as published', () => {
    expect(figures.groups.reduce((acc, g) => acc + g.count, 0)).toBe(529);
    const tenths = figures.groups.reduce((acc, g) => acc + Number((g.percent ?? '0').replace('.', '')), 0);
    expect(tenths).toBe(1002);
  });

  it('reads the published table the same way (blank cells count as 0)', () => {
    const parsed = parseAnnualTable(pingdu);
    if (!parsed.success) throw new Error('parse failed');
    const fromPublished = computeProseFigures(parsed.table);
    expect(fromPublished.groups).toEqual(figures.groups);
    expect(fromPublished.review).toMatchObject({ total: 9, upheld: 7, corrected: 2 });
    expect(fromPublished.litigation).toMatchObject({ total: 3, direct: 3, afterReview: 0 });
  });

  it('offers the cases concluded (三(七)) as the other base', () => {
    const byConcluded = computeProseFigures(pingduTable(), { percentBase: 'concluded' });
    expect(byConcluded.base).toBe(519);
    expect(byConcluded.groups.find((g) => g.id === 'granted')?.percent).toBe('49.7');
    expect(byConcluded.groups.find((g) => g.id === 'carried_forward')?.percent).toBeNull();
  });

  it('sums 其他处理 over the three sub-rows in the 2021 layout', () => {
    const parsed = parseAnnualTable({
      year: 2021,
      org: 'x',
      section3: {
        new_received: { natural_person: 6, total: 6 },
        other_no_correction: { natural_person: 1, total: 1 },
        other_fee_unpaid: { natural_person: 2, total: 2 },
        other_misc: { natural_person: 3, total: 3 },
        total_processed: { natural_person: 6, total: 6 },
      },
    });
    if (!parsed.success) throw new Error('parse failed');
    expect(computeProseFigures(parsed.table).groups.find((g) => g.id === 'other_subtotal')).toEqual({
      id: 'other_subtotal',
      count: 6,
      percent: '100.0',
    });
  });
});

describe('year-on-year figures', () => {
  it('reproduces the seed’s changes (its 2019 figures are not published: 610, 53 and 32 are the values that fit)', () => {
    // Litigation 5 (as the prose says, 2 of them 复议后起诉) against 32; review 9 against 53; applications 529 vs 610.
    const current = withSection4Cell(
      withSection4Cell(
        withSection4Cell(pingduTable(), 'litigation_after_review', 'upheld', 1),
        'litigation_after_review',
        'pending',
        1,
      ),
      'litigation_after_review',
      'total',
      2,
    );
    const figures = computeProseFigures(current, { previous: lastYear(610, 53, 32) });
    expect(yearOnYearPhrase(figures.applications.yoy)).toBe('，同比下降13.3%');
    expect(yearOnYearPhrase(figures.litigation.yoy)).toBe('，同比下降84.4%');
    expect(yearOnYearPhrase(figures.review.yoy)).toBe('，同比下降83.0%'); // the seed writes "83%"
    expect(figures.litigation).toMatchObject({ total: 5, upheld: 4, pending: 1 });
  });

  it('words increases, no change and a zero base', () => {
    expect(yearOnYearPhrase(yearOnYear(110, 100))).toBe('，同比增长10.0%');
    expect(yearOnYearPhrase(yearOnYear(7, 7))).toBe('，与上年持平');
    expect(yearOnYear(3, 0)).toEqual({ current: 3, previous: 0, direction: 'increase', percent: null });
    expect(yearOnYearPhrase(yearOnYear(3, 0))).toBe('');
  });
});

describe('report sentences', () => {
  it('writes the applications paragraph in the seed’s wording', () => {
    const figures = computeProseFigures(pingduTable(), { previous: lastYear(610, 53, 32) });
    expect(applicationsParagraph(figures)).toBe(
      '2020年，共收到政府信息公开申请529件（包括上年结转1件），同比下降13.3%。其中，予以公开的258件，占总数的48.8%；' +
        '部分公开41件，占总数的7.8%；不予公开31件，占总数的5.9%；无法提供的166件，占总数的31.4%；' +
        '不予处理的21件，占总数的4.0%；其他处理2件，占总数的0.4%；转下一年办理的10件，占总数的1.9%。',
    );
  });

  it('writes the appeals paragraph in the seed’s wording', () => {
    const current = withSection4Cell(
      withSection4Cell(
        withSection4Cell(pingduTable(), 'litigation_after_review', 'upheld', 1),
        'litigation_after_review',
        'pending',
        1,
      ),
      'litigation_after_review',
      'total',
      2,
    );
    const figures = computeProseFigures(current, { previous: lastYear(610, 53, 32) });
    expect(appealsParagraph(figures)).toBe(
      '因政府信息公开引发的行政复议案件共9件，同比下降83.0%，其中维持具体行政行为7件，被依法纠错2件；' +
        '因政府信息公开引发行政诉讼5件，同比下降84.4%。其中，维持具体行政行为或者驳回原告诉讼请求的4件，未审结1件。',
    );
  });

  it('handles a year without cases', () => {
    const parsed = parseAnnualTable({ year: 2023, org: 'x', section3: {} });
    if (!parsed.success) throw new Error('parse failed');
    const figures = computeProseFigures(parsed.table);
    expect(applicationsParagraph(figures)).toBe('2023年，共收到政府信息公开申请0件。');
    expect(appealsParagraph(figures)).toBe(
      '未发生因政府信息公开引发的行政复议案件；未发生因政府信息公开引发的行政诉讼案件。',
    );
  });
});
