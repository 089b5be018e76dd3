import { describe, expect, it } from 'vitest';
import { toJson } from '@/lib/statistics/export-json';
import pingdu from '@/lib/statistics/fixtures/pingdu-2020.json';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import { parseAnnualTable, type ParseAnnualTableResult } from '@/lib/statistics/parse-annual-table';

const errorsOf = (result: ParseAnnualTableResult): string[] =>
  result.success ? [] : result.errors.map((e) => `${e.code} ${e.path}`);

describe('parseAnnualTable', () => {
  it('reads pingdu-2020.json (report_year, agency_slug, section3.rows, annotations)', () => {
    const result = parseAnnualTable(pingdu);
    expect(result.success).toBe(true);
    if (!result.success) return;
    const { table } = result;
    expect(table).toMatchObject({ year: 2020, format: '2019', org: 'pingdu' });
    expect(table.section3).toEqual(pingdu.section3.rows);
    expect(table.section4.litigation_after_review).toEqual({
      upheld: null,
      corrected: null,
      other: null,
      pending: null,
      total: null,
    });
    expect(table.section2.art20_1.regulations).toEqual({ new_made: 0, new_published: 0, total_published: 0 });
    expect(table.section2.art20_9.government_procurement).toEqual({
      project_count: 365,
      total_amount: 2804.979705,
      total_amount_unit: '万元',
    });
    expect(result.warnings).toEqual([]);
  });

  it('reads its own JSON output back unchanged', () => {
    const table = pingduTable();
    const result = parseAnnualTable(JSON.parse(toJson(table)));
    expect(result.success && result.table).toEqual(table);
  });

  it('accepts blanks and numeric text from extracted reports', () => {
    const result = parseAnnualTable({
      year: 2020,
      org: 'x',
      section3: { new_received: { natural_person: '1,234', total: ' 1234 ', other_org: '' } },
      section4: { administrative_review: { upheld: '7' } },
    });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.table.section3.new_received).toMatchObject({
      natural_person: 1234,
      total: 1234,
      other_org: null,
      research_institution: null,
    });
    expect(result.table.section4.administrative_review.upheld).toBe(7);
    // Missing rows and cells are reported by the checks, as warnings.
    expect(result.table.checks.some((c) => c.messageKey === 'statistics.check.c5.missing_value')).toBe(true);
  });

  it('rejects unknown rows, rows of the other format, unknown columns and blocks, with their paths', () => {
    const result = parseAnnualTable({
      year: 2021,
      org: 'x',
      section3: {
        rows: {
          granted: { natural_person: 1, total: 1, phone: 3 },
          other_processing: { total: 1 },
          withdrawn: { total: 1 },
        },
        columns: ['natural_person', 'phone'],
      },
      section4: { appeals: { total: 1 }, interpretation: 'notes are fine' },
      section2: { art20_9: {}, art20_1: { regulations: { issued: 'many' } } },
    });
    expect(errorsOf(result)).toEqual([
      'UNKNOWN_COLUMN section3.columns.1',
      'ROW_NOT_IN_FORMAT section3.rows.other_processing',
      'UNKNOWN_ROW section3.rows.withdrawn',
      'UNKNOWN_COLUMN section3.rows.granted.phone',
      'UNKNOWN_BLOCK section4.appeals',
      'UNKNOWN_SUBTABLE section2.art20_9',
      'INVALID_VALUE section2.art20_1.regulations.issued',
    ]);
  });

  it('rejects a wrong format, a 2021 format before 2021 and a year before 2019', () => {
    expect(errorsOf(parseAnnualTable({ year: 2020, org: 'x', format: '2008', section3: {} }))).toEqual([
      'INVALID_FORMAT format',
    ]);
    expect(errorsOf(parseAnnualTable({ year: 2020, org: 'x', format: '2021', section3: {} }))).toEqual([
      'FORMAT_NOT_YET_IN_FORCE format',
    ]);
    expect(errorsOf(parseAnnualTable({ year: 2018, org: 'x', section3: {} }))).toEqual(['UNSUPPORTED_YEAR year']);
    expect(errorsOf(parseAnnualTable({ org: 'x', section3: {} }))).toEqual(['INVALID_SHAPE year']);
    expect(errorsOf(parseAnnualTable({ year: 2020, section3: {} }))).toEqual(['INVALID_SHAPE org']);
    expect(errorsOf(parseAnnualTable({ year: '2020', org: 'x', section3: [] }))).toEqual([
      'INVALID_SHAPE year',
      'INVALID_SHAPE section3',
    ]);
  });

  it('accepts a 2021+ report kept in the 2019 layout, with a warning', () => {
    const result = parseAnnualTable(
      { year: 2022, format: '2019', section3: { other_processing: { total: 0 } } },
      { org: 'x' },
    );
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.table.format).toBe('2019');
    expect(result.warnings.map((w) => w.code)).toEqual(['FORMAT_DIFFERS_FROM_YEAR']);
  });

  it('takes the format from the year when the JSON has none', () => {
    const result = parseAnnualTable({ year: 2021, org: 'x', section3: { other_misc: { total: 0 } } });
    expect(result.success && result.table.format).toBe('2021');
  });

  it('runs C7 when last year is given', () => {
    const previous = pingduTable();
    const current = { ...JSON.parse(toJson(pingduTable())), year: 2021, format: '2019' };
    const result = parseAnnualTable(current, { previous });
    expect(result.success && result.table.checks.map((c) => c.rule)).toEqual(['C7', 'C7']);
  });
});
