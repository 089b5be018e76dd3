import { describe, expect, it } from 'vitest';
import type { CheckFinding, ImportedAnnualTable, Section2Values } from '@/lib/statistics/annual-table';
import { checkAnnualTable, hasErrors } from '@/lib/statistics/checks';
import { deriveAnnualTable } from '@/lib/statistics/derive-annual-table';
import { PINGDU_2020_COUNTS } from '@/lib/statistics/fixtures/pingdu-2020-counts';
import pingdu from '@/lib/statistics/fixtures/pingdu-2020.json';
import { pingduTable, withSection3Cell, withSection4Cell } from '@/lib/statistics/fixtures/tables';
import { parseAnnualTable } from '@/lib/statistics/parse-annual-table';

const rules = (findings: readonly CheckFinding[]): string[] => findings.map((f) => `${f.rule}:${f.severity}`);
const cellsOf = (finding: CheckFinding | undefined): string[] =>
  (finding?.cells ?? []).map((c) => `${c.section}.${c.row}.${c.column}=${c.value}${c.year ? `@${c.year}` : ''}`);

function publishedPingdu(): ImportedAnnualTable {
  const parsed = parseAnnualTable(pingdu);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.table;
}

describe('checks on correct tables', () => {
  it('pass on the generated 平度 table', () => {
    expect(checkAnnualTable(pingduTable())).toEqual([]);
  });

  it('pass on a generated 2021 table', () => {
    const table = deriveAnnualTable(PINGDU_2020_COUNTS, {
      year: 2021,
      org: 'x',
      section2: {
        art20_1: {
          regulations: { issued: 0, repealed: 0, in_force: 0 },
          administrative_normative_documents: { issued: 5, repealed: 1, in_force: 40 },
        },
        art20_5: { administrative_licensing: { decisions: 100 } },
        art20_6: { administrative_penalty: { decisions: 3 }, administrative_coercion: { decisions: 0 } },
        art20_8: { administrative_fees: { amount_10k_yuan: 12.5 } },
      },
    });
    expect(checkAnnualTable(table)).toEqual([]);
  });

  it('on pingdu-2020.json as published: only the five blank 复议后起诉 cells, as one C5 warning', () => {
    const findings = publishedPingdu().checks;
    expect(rules(findings)).toEqual(['C5:warning']);
    expect(findings[0].messageKey).toBe('statistics.check.c5.missing_value');
    expect(findings[0].params).toEqual({ section: 'section4', row: 'litigation_after_review', count: 5 });
    expect(cellsOf(findings[0])).toEqual([
      'section4.litigation_after_review.upheld=null',
      'section4.litigation_after_review.corrected=null',
      'section4.litigation_after_review.other=null',
      'section4.litigation_after_review.pending=null',
      'section4.litigation_after_review.total=null',
    ]);
    expect(hasErrors(findings)).toBe(false);
  });
});

describe('checks on broken tables', () => {
  it('C1: 一+二 ≠ 三(七)+四 in a column', () => {
    // 9 carried forward instead of 10 in both 自然人 and 总计: rows still add up (C3), C2 unaffected.
    let table = withSection3Cell(pingduTable(), 'carried_forward', 'natural_person', 9);
    table = withSection3Cell(table, 'carried_forward', 'total', 9);
    const findings = checkAnnualTable(table);
    expect(rules(findings)).toEqual(['C1:error', 'C1:error']);
    expect(findings[0].params).toEqual({ column: 'natural_person', received: 501, accounted: 500 });
    expect(cellsOf(findings[0])).toEqual([
      'section3.new_received.natural_person=500',
      'section3.carried_over.natural_person=1',
      'section3.total_processed.natural_person=491',
      'section3.carried_forward.natural_person=9',
    ]);
    // Over-stating 四 instead means the results count more cases than were concluded: C1 and C4.
    let over = withSection3Cell(pingduTable(), 'carried_forward', 'natural_person', 11);
    over = withSection3Cell(over, 'carried_forward', 'total', 11);
    expect(rules(checkAnnualTable(over))).toEqual(['C1:error', 'C1:error', 'C4:error', 'C4:error']);
  });

  it('C2: (七)总计 ≠ sum of the result rows', () => {
    let table = withSection3Cell(pingduTable(), 'total_processed', 'commercial_enterprise', 13);
    table = withSection3Cell(table, 'total_processed', 'total', 518);
    table = withSection3Cell(table, 'carried_forward', 'commercial_enterprise', 1);
    table = withSection3Cell(table, 'carried_forward', 'total', 11);
    const findings = checkAnnualTable(table);
    // (七) and 四 say 13 concluded, but the result rows count 14: C4 as well.
    expect(rules(findings)).toEqual(['C2:error', 'C2:error', 'C4:error', 'C4:error']);
    expect(findings[0].params).toEqual({ column: 'commercial_enterprise', expected: 14, actual: 13 });
    expect(cellsOf(findings[0])[0]).toBe('section3.total_processed.commercial_enterprise=13');
    expect(findings[0].cells).toHaveLength(1 + 19); // (七) and the 19 result rows of the 2019 layout
  });

  it('C3: a row total that is not the sum of the six columns', () => {
    const findings = checkAnnualTable(withSection3Cell(pingduTable(), 'denied_administrative_inquiry', 'total', 1));
    const c3 = findings.filter((f) => f.rule === 'C3');
    expect(c3).toHaveLength(1);
    expect(c3[0].params).toEqual({ row: 'denied_administrative_inquiry', expected: 2, actual: 1 });
    expect(cellsOf(c3[0])).toContain('section3.denied_administrative_inquiry.other_org=1');
    // The changed total also breaks C2 in the total column.
    expect(rules(findings)).toEqual(['C2:error', 'C3:error']);
  });

  it('C4: a 区分处理 case counted under 部分公开 and again under a 不予公开 reason', () => {
    let table = withSection3Cell(pingduTable(), 'denied_process_information', 'natural_person', 4);
    table = withSection3Cell(table, 'denied_process_information', 'total', 4);
    const findings = checkAnnualTable(table);
    const c4 = findings.find((f) => f.rule === 'C4');
    expect(c4?.params).toEqual({ column: 'natural_person', counted: 492, available: 491 });
    expect(cellsOf(c4)).toContain('section3.denied_process_information.natural_person=4');
    expect(cellsOf(c4)).toContain('section3.partially_granted.natural_person=39');
    expect(rules(findings)).toEqual(['C2:error', 'C2:error', 'C4:error', 'C4:error']);
  });

  it('C5: negative or fractional counts are errors; blanks are one warning per row and count as 0', () => {
    let table = withSection3Cell(pingduTable(), 'not_processed_repeat', 'natural_person', -6);
    table = withSection3Cell(table, 'not_processed_repeat', 'total', null);
    const findings = checkAnnualTable(table);
    const c5 = findings.filter((f) => f.rule === 'C5');
    expect(c5.map((f) => [f.severity, f.messageKey])).toEqual([
      ['error', 'statistics.check.c5.invalid_value'],
      ['warning', 'statistics.check.c5.missing_value'],
    ]);
    expect(cellsOf(c5[0])).toEqual(['section3.not_processed_repeat.natural_person=-6']);
    expect(cellsOf(c5[1])).toEqual(['section3.not_processed_repeat.total=null']);
    const fractional = checkAnnualTable(withSection4Cell(pingduTable(), 'administrative_review', 'other', 0.5));
    expect(fractional.find((f) => f.rule === 'C5')?.cells).toEqual([
      { section: 'section4', row: 'administrative_review', column: 'other', value: 0.5 },
    ]);
  });

  it('C5: section 二 values by kind (本年增/减 may be negative, counts may not)', () => {
    const base = pingduTable();
    const section2: Section2Values = {
      ...base.section2,
      art20_1: { ...base.section2.art20_1, regulations: { new_made: -1, new_published: 0, total_published: 0 } },
    };
    const findings = checkAnnualTable({ ...base, section2 });
    expect(rules(findings)).toEqual(['C5:error']);
    expect(cellsOf(findings[0])).toEqual(['section2.art20_1.regulations.new_made=-1']);
  });

  it('C6: a section 四 total that is not the sum of its results', () => {
    const findings = checkAnnualTable(withSection4Cell(pingduTable(), 'litigation_direct', 'pending', 2));
    expect(rules(findings)).toEqual(['C6:error']);
    expect(findings[0].params).toEqual({ block: 'litigation_direct', expected: 5, actual: 3 });
    expect(cellsOf(findings[0])).toEqual([
      'section4.litigation_direct.total=3',
      'section4.litigation_direct.upheld=3',
      'section4.litigation_direct.corrected=0',
      'section4.litigation_direct.other=0',
      'section4.litigation_direct.pending=2',
    ]);
  });

  it('C7 (warning): 上年结转 ≠ last year’s 结转下年度, with the cells of both years', () => {
    const previous = withSection3Cell(
      withSection3Cell(pingduTable(), 'carried_forward', 'legal_service_org', 2),
      'carried_forward',
      'total',
      12,
    );
    const current = { ...pingduTable(), year: 2021, format: '2019' as const };
    const findings = checkAnnualTable(current, { previous });
    const c7 = findings.filter((f) => f.rule === 'C7');
    expect(c7.map((f) => f.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(c7.map((f) => f.params.column)).toEqual(['natural_person', 'legal_service_org', 'total']);
    expect(cellsOf(c7[1])).toEqual([
      'section3.carried_over.legal_service_org=0',
      'section3.carried_forward.legal_service_org=2@2020',
    ]);
  });

  it('C7: a "previous" table of another year is flagged, not compared', () => {
    const findings = checkAnnualTable(pingduTable(), { previous: pingduTable() });
    expect(findings.map((f) => f.messageKey)).toEqual(['statistics.check.c7.not_previous_year']);
  });

  it('C8 (warning, 2021): 现行有效件数 ≠ last year + 本年制发 − 本年废止', () => {
    const section2 = (issued: number, repealed: number, inForce: number): Section2Values => ({
      art20_1: {
        regulations: { issued: 0, repealed: 0, in_force: 2 },
        administrative_normative_documents: { issued, repealed, in_force: inForce },
      },
      art20_5: { administrative_licensing: { decisions: 0 } },
      art20_6: { administrative_penalty: { decisions: 0 }, administrative_coercion: { decisions: 0 } },
      art20_8: { administrative_fees: { amount_10k_yuan: 0 } },
    });
    const empty = { newReceived: [], carriedOver: [], concluded: [], carriedForward: [] };
    const previous = deriveAnnualTable(empty, { year: 2021, org: 'x', section2: section2(3, 0, 30) });
    const consistent = deriveAnnualTable(empty, { year: 2022, org: 'x', section2: section2(5, 2, 33), previous });
    expect(consistent.checks).toEqual([]);
    const table = deriveAnnualTable(empty, { year: 2022, org: 'x', section2: section2(5, 2, 35), previous });
    expect(rules(table.checks)).toEqual(['C8:warning']);
    expect(table.checks[0].params).toEqual({ row: 'administrative_normative_documents', expected: 33, actual: 35 });
    expect(cellsOf(table.checks[0])).toEqual([
      'section2.art20_1.administrative_normative_documents.in_force=35',
      'section2.art20_1.administrative_normative_documents.issued=5',
      'section2.art20_1.administrative_normative_documents.repealed=2',
      'section2.art20_1.administrative_normative_documents.in_force=30@2021',
    ]);
    // Given as a bare section 二 (e.g. when last year's table is not stored) it works the same way.
    const bare = checkAnnualTable(table, { previousSection2: previous.section2 });
    expect(rules(bare)).toEqual(['C8:warning']);
  });
});
