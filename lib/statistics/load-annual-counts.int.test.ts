import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { APPLICANT_TYPES, OUTCOMES } from '@/lib/law/ids';
import { countAppealsForYear, countCasesForYear } from '@/lib/statistics/count-cases';
import { deriveAnnualTable, type AnnualCounts, type Section4Count } from '@/lib/statistics/derive-annual-table';
import {
  buildAnnualTable,
  loadAnnualCounts,
  loadAnnualCountsByYear,
  loadSection4Counts,
} from '@/lib/statistics/load-annual-counts';
import {
  createFixtureTree,
  insertFixtureAppeals,
  insertFixtureCases,
  randomAppeals,
  randomCases,
  seededRandom,
  type FixtureAppeal,
  type FixtureCase,
  type FixtureTree,
} from '@/lib/statistics/random-cases.fixture';

/** Merges repeated keys and orders entries, so GROUP BY output and the reference compare as sets. */
function normalize(counts: AnnualCounts) {
  const merge = (entries: readonly { key: string; n: number | bigint }[]) => {
    const m = new Map<string, number>();
    for (const e of entries) m.set(e.key, (m.get(e.key) ?? 0) + Number(e.n));
    return [...m].filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
  };
  const byApplicant = (list: AnnualCounts['newReceived']) => merge(list.map((c) => ({ key: c.applicantType, n: c.n })));
  return {
    newReceived: byApplicant(counts.newReceived),
    carriedOver: byApplicant(counts.carriedOver),
    concluded: merge(counts.concluded.map((c) => ({ key: `${c.applicantType}|${c.outcome}`, n: c.n }))),
    carriedForward: byApplicant(counts.carriedForward),
  };
}

function normalizeSection4(counts: readonly Section4Count[]) {
  return counts.map((c) => `${c.block}|${c.result}|${Number(c.n)}`).sort();
}

const PREFIX = `LAC${Date.now().toString(36)}`;
let tree: FixtureTree;
let cases: FixtureCase[];
let appeals: FixtureAppeal[];

function countsOfRoot(year: number): AnnualCounts {
  const ids = tree.all.map((o) => o.id);
  return countCasesForYear(
    cases.filter((c) => ids.includes(c.orgId)),
    year,
  );
}

/** Organisation ids of each scope under test: [label, orgId, subtree, ids it covers]. */
function scopes(): Array<[string, number, boolean, number[]]> {
  return [
    ['root alone', tree.root.id, false, [tree.root.id]],
    ['root subtree', tree.root.id, true, tree.all.map((o) => o.id)],
    ['mid alone', tree.mid.id, false, [tree.mid.id]],
    ['mid subtree', tree.mid.id, true, [tree.mid.id, tree.leaf.id]],
    ['leaf subtree', tree.leaf.id, true, [tree.leaf.id]],
  ];
}

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  const rnd = seededRandom(20200101);
  cases = randomCases(
    rnd,
    1500,
    tree.all.map((o) => o.id),
    PREFIX,
  );
  appeals = randomAppeals(
    rnd,
    200,
    tree.all.map((o) => o.id),
  );
  await insertFixtureCases(db, cases);
  await insertFixtureAppeals(db, appeals);
});

describe('loadAnnualCounts (SQL) equals countCasesForYear (in-memory reference)', () => {
  it.each([2019, 2020, 2021, 2022, 2023])('year %i, every scope', async (year) => {
    for (const [label, orgId, subtree, ids] of scopes()) {
      const expected = countCasesForYear(
        cases.filter((c) => ids.includes(c.orgId)),
        year,
      );
      const actual = await loadAnnualCounts({ year, orgId, subtree });
      expect(normalize(actual), `${label} ${year}`).toEqual(normalize(expected));
    }
  });

  it('the multi-year scan gives each year what the single-year scan gives', async () => {
    const byYear = await loadAnnualCountsByYear({ orgId: tree.root.id, subtree: true, years: [2021, 2020, 2022] });
    for (const year of [2020, 2021, 2022]) {
      const single = await loadAnnualCounts({ year, orgId: tree.root.id, subtree: true });
      expect(byYear.get(year)).toEqual(single);
    }
  });

  it('leaves out unconfirmed submissions (received_on NULL)', async () => {
    const unconfirmed = cases.filter((c) => c.receivedOn === null).length;
    expect(unconfirmed).toBeGreaterThan(0);
    const all = await loadAnnualCounts({ year: 2023, orgId: tree.root.id, subtree: true });
    const n = [...all.newReceived, ...all.carriedOver].reduce((acc, c) => acc + Number(c.n), 0);
    const expected = cases.filter(
      (c) => c.receivedOn !== null && (c.concludedOn === null || c.concludedOn >= '2023-01-01'),
    ).length;
    expect(n).toBe(expected);
  });

  it('returns no counts for an empty organisation', async () => {
    const other = await loadAnnualCounts({ year: 2020, orgId: 2_000_000_000, subtree: true });
    expect(other).toEqual({ newReceived: [], carriedOver: [], concluded: [], carriedForward: [] });
  });
});

describe('loadSection4Counts equals countAppealsForYear', () => {
  it.each([2019, 2020, 2021, 2022])('year %i', async (year) => {
    for (const [label, orgId, subtree, ids] of scopes()) {
      const expected = countAppealsForYear(
        appeals.filter((a) => ids.includes(a.orgId)),
        year,
      );
      const actual = await loadSection4Counts({ year, orgId, subtree });
      expect(normalizeSection4(actual), `${label} ${year}`).toEqual(normalizeSection4(expected));
    }
  });
});

describe('buildAnnualTable', () => {
  it('derives the checked table of the year in its format, with last year for C7', async () => {
    for (const year of [2020, 2021]) {
      const ids = tree.all.map((o) => o.id);
      const mine = cases.filter((c) => ids.includes(c.orgId));
      const expected = deriveAnnualTable(countCasesForYear(mine, year), {
        year,
        org: tree.root.code,
        section4: countAppealsForYear(
          appeals.filter((a) => ids.includes(a.orgId)),
          year,
        ),
        previous: deriveAnnualTable(countCasesForYear(mine, year - 1), { year: year - 1, org: tree.root.code }),
      });
      const table = await buildAnnualTable({ year, orgCode: tree.root.code, subtree: true });
      expect(table).toEqual(expected);
      expect(table.format).toBe(year === 2020 ? '2019' : '2021');
      expect(table.checks.filter((f) => f.severity === 'error')).toEqual([]);
      expect(table.checks.filter((f) => f.rule === 'C7')).toEqual([]);
    }
  });

  it('runs C7 against last year as published when given one', async () => {
    const derived = await buildAnnualTable({ year: 2021, orgCode: tree.root.code, subtree: true });
    const published = deriveAnnualTable(countsOfRoot(2020), { year: 2020, org: tree.root.code });
    const carriedForward = published.section3.carried_forward;
    if (!carriedForward) throw new Error('layout without carried_forward');
    const tampered = {
      ...published,
      section3: {
        ...published.section3,
        carried_forward: { ...carriedForward, natural_person: carriedForward.natural_person + 1 },
      },
    };
    const table = await buildAnnualTable({ year: 2021, orgCode: tree.root.code, subtree: true, previous: tampered });
    expect(table.section3).toEqual(derived.section3);
    expect(table.checks.filter((f) => f.rule === 'C7').map((f) => f.params.column)).toEqual(['natural_person']);
  });

  it('fills every cell of the layout (zeros included)', async () => {
    const table = await buildAnnualTable({ year: 2019, orgCode: tree.leaf.code, subtree: false });
    expect(Object.keys(table.section3)).toHaveLength(23);
    for (const row of Object.values(table.section3)) {
      expect(Object.keys(row ?? {})).toEqual([...APPLICANT_TYPES, 'total']);
    }
    expect(OUTCOMES.length).toBe(22);
  });

  it('refuses an unknown organisation and years before 2019', async () => {
    await expect(buildAnnualTable({ year: 2020, orgCode: `${PREFIX}-NOPE`, subtree: false })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      messageKey: 'statistics.error.org_not_found',
    });
    await expect(buildAnnualTable({ year: 2018, orgCode: tree.root.code, subtree: false })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('takes section 二 from the figures of the organisation itself', async () => {
    await db.$executeRaw`
      INSERT INTO proactive_figures (org_id, year, format, data, updated_at)
      VALUES (${tree.mid.id}::int, 2021, '2021',
              ${JSON.stringify({ art20_1: { regulations: { issued: 1, repealed: 0, in_force: 5 } } })}::jsonb, now())`;
    const table = await buildAnnualTable({ year: 2021, orgCode: tree.mid.code, subtree: true });
    expect(table.section2.art20_1?.regulations).toEqual({ issued: 1, repealed: 0, in_force: 5 });
    const other = await buildAnnualTable({ year: 2021, orgCode: tree.root.code, subtree: true });
    expect(other.section2.art20_1?.regulations).toEqual({ issued: null, repealed: null, in_force: null });
  });
});
