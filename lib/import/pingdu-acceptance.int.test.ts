/**
 * Acceptance (issue 5): "real published reports … are turned into case files in the import format,
 * imported with the CLI into a fresh PostgreSQL, and exported as JSON: every cell must match."
 *
 * With the seed report (Pingdu 2020, shared/reference/pingdu-2020.json): the case file its section 三
 * implies is written to disk, imported by the CLI (file path → parse → validate → insert), and the table
 * derived for 2020 in the 2019 layout must equal the report in all 161 cells — in process and as the CLI's
 * JSON. 2021 must carry over the 10 open cases; re-importing must change nothing; a file with errors must
 * be refused as a whole, with row numbers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnCalendarRows } from '@/lib/calendar/cn-calendar';
import { db } from '@/lib/db';
import { CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { runCli } from '@/lib/import/cli-fixture';
import { importCases } from '@/lib/import/import-cases';
import { pingduCases, pingduCsv, type Section3Figures } from '@/lib/import/pingdu-fixture';
import { SECTION3_COLUMN_IDS, section3Rows } from '@/lib/statistics/layouts';
import { buildAnnualTable } from '@/lib/statistics/load-annual-counts';
import pingdu from '@/lib/statistics/fixtures/pingdu-2020.json';

// The repository's copy of shared/reference/pingdu-2020.json.
const FIGURES: Section3Figures = pingdu.section3.rows;
const HOLIDAYS_2020 = new Set(
  cnCalendarRows()
    .filter((r) => r.kind === 'holiday' && r.date.startsWith('2020-'))
    .map((r) => r.date),
);

const SUFFIX = Date.now().toString(36).toUpperCase();
const ORG = `PINGDU-${SUFFIX}`;
const PREFIX = `PD${SUFFIX}-`;
const TODAY = '2026-06-30';
let dir: string;
let csvPath: string;

const cli = runCli;

async function countOf(prefix: string): Promise<{ cases: number; events: number }> {
  const [row] = await db.$queryRaw<{ cases: bigint; events: bigint }[]>`
    SELECT count(DISTINCT c.id) AS cases, count(e.id) AS events
    FROM cases c LEFT JOIN case_events e ON e.case_id = c.id WHERE starts_with(c.tracking_no, ${prefix})`;
  return { cases: Number(row?.cases ?? 0), events: Number(row?.events ?? 0) };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-pingdu-'));
  csvPath = path.join(dir, 'pingdu-2020-cases.csv');
  fs.writeFileSync(csvPath, pingduCsv(pingduCases(FIGURES, PREFIX), ORG));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Pingdu 2020: case file → CLI import → annual table', () => {
  it('the generated file holds the cases the report implies, some received on holidays', () => {
    const cases = pingduCases(FIGURES, PREFIX);
    expect(cases).toHaveLength(1 + 528);
    expect(cases.filter((c) => c.receivedOn.startsWith('2019'))).toHaveLength(1);
    expect(cases.filter((c) => c.concludedOn === null || c.concludedOn > '2020-12-31')).toHaveLength(10);
    expect(cases.filter((c) => c.concludedOn?.startsWith('2021-01'))).toHaveLength(5);
    expect(cases.filter((c) => c.outcome === 'other_processing')).toHaveLength(2);
    expect(cases.filter((c) => HOLIDAYS_2020.has(c.receivedOn)).length).toBeGreaterThanOrEqual(10);
  });

  it('imports the file with the CLI', () => {
    const run = cli(['import-cases', csvPath, '--create-orgs']);
    expect(run.stderr).toContain('imported 529 case(s), 0 already present');
    expect(run.status).toBe(0);
  });

  it('derives 2020 in the 2019 layout: all 161 section 三 cells equal the report', async () => {
    const table = await buildAnnualTable({ year: 2020, orgCode: ORG, subtree: false });
    expect(table.format).toBe('2019');
    const rows = section3Rows('2019');
    expect(rows).toHaveLength(23);
    let compared = 0;
    for (const row of rows) {
      for (const column of SECTION3_COLUMN_IDS) {
        expect(table.section3[row.id]?.[column], `${row.id} × ${column}`).toBe(FIGURES[row.id]?.[column]);
        compared++;
      }
    }
    expect(compared).toBe(161);
    expect(table.checks.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('derives 2021: the 10 open cases are carried over, and C7 holds', async () => {
    const table = await buildAnnualTable({ year: 2021, orgCode: ORG, subtree: false });
    expect(table.format).toBe('2021');
    expect(table.section3.carried_over).toEqual({ ...FIGURES.carried_forward, total: 10 });
    expect(table.section3.total_processed?.total).toBe(5);
    expect(table.section3.carried_forward?.total).toBe(5);
    expect(table.checks.filter((f) => f.rule === 'C7' || f.severity === 'error')).toEqual([]);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await countOf(PREFIX);
    expect(before).toEqual({ cases: 529, events: 529 });
    const run = cli(['import-cases', csvPath, '--create-orgs']);
    expect(run.stderr).toContain('imported 0 case(s), 529 already present (skipped)');
    expect(run.status).toBe(0);
    expect(await countOf(PREFIX)).toEqual(before);
  });

  it('the CLI annual-table JSON for 2020 equals the report and the in-process table', async () => {
    const run = cli(['annual-table', '--year', '2020', '--org', ORG]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { year: number; format: string; org: string; section3: Section3Figures };
    expect(json).toMatchObject({ year: 2020, format: '2019', org: ORG });
    expect(json.section3).toEqual(FIGURES);
    expect(json).toEqual(
      JSON.parse(JSON.stringify(await buildAnnualTable({ year: 2020, orgCode: ORG, subtree: false }))),
    );
  });
});

describe('a file with errors is refused as a whole, with row numbers', () => {
  const header = CASE_FILE_COLUMNS.join(',');
  const bad = `${PREFIX}BAD-`;
  const lines = [
    header,
    `${bad}1,${ORG},natural_person,张三,online,2020-03-02,申请,granted,2020-03-10`, // row 2: fine
    `${bad}2,${ORG},natural_person,李四,online,2020-02-30,申请,granted,2020-03-10`, // row 3: no such day
    `${bad}3,${ORG},individual,王五,online,2020-03-02,申请,granted,2020-03-10`, // row 4: unknown applicant type
    `${bad}4,${ORG},natural_person,赵六,online,2020-03-02,申请,approved,2020-03-10`, // row 5: unknown outcome
    `${bad}5,NO-SUCH-ORG-${SUFFIX},natural_person,钱七,online,2020-03-02,申请,,`, // row 6: unknown organisation
    `${bad}6,${ORG},natural_person,孙八,telegram,03/02/2020,申请,granted,2020-03-10`, // row 7: channel, date format
    `${bad}7,${ORG},natural_person,周九,online,2020-03-12,申请,granted,2020-03-10`, // row 8: concluded before received
  ];

  it('reports every error with its row and column, and inserts nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const result = await importCases({ data: fs.readFileSync(file), fileName: 'bad.csv', actor: null, today: TODAY });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'received_on', 'import.error.invalid_date'],
      [4, 'applicant_type', 'import.error.invalid_applicant_type'],
      [5, 'outcome', 'import.error.invalid_outcome'],
      [6, 'org_code', 'import.error.unknown_org'],
      [7, 'channel', 'import.error.invalid_channel'],
      [7, 'received_on', 'import.error.invalid_date'],
      [8, 'concluded_on', 'import.error.concluded_before_received'],
    ]);
    expect(await countOf(bad)).toEqual({ cases: 0, events: 0 });

    const run = cli(['import-cases', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('7 error(s); nothing was imported.');
    expect(run.stderr).toContain('row 3, received_on: not a date YYYY-MM-DD: "2020-02-30"');
    expect(run.stderr).toContain('row 6, org_code: unknown organisation');
    expect(await countOf(bad)).toEqual({ cases: 0, events: 0 });
  });
});
