/**
 * The due sort of the register read one open status at a time and merged (issue 13 item 6, listCases
 * Phase.byStatus) gives exactly PostgreSQL's `ORDER BY open DESC, answer_due_on ASC NULLS LAST, id ASC`, page
 * after page at every page size — with open cases in several statuses, ties on the due date, open cases
 * without a due date, and the overdue and due-soon filters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, ensureCalendar } from '@/lib/cases/int-fixtures';
import { listCases, type ListCasesFilters } from '@/lib/cases/queries';
import { OPEN_STATUSES, STATUSES } from '@/lib/cases/workflow';
import { createFixtureTree, insertFixtureCases, seededRandom, type FixtureTree } from '@/lib/statistics/random-cases.fixture';

const PREFIX = `DO${Date.now().toString(36)}`;
const NOW = at('2026-03-10');
let tree: FixtureTree;
let clerk: Actor;

beforeAll(async () => {
  await ensureCalendar();
  tree = await createFixtureTree(db, PREFIX);
  clerk = await createActor('clerk', tree.root, '排序经办人');
  const rnd = seededRandom(13);
  const dues = ['2026-03-02', '2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13', null];
  const rows = Array.from({ length: 60 }, (_, i) => ({
    trackingNo: `${PREFIX}-${i}`,
    orgId: [tree.root.id, tree.leaf.id, tree.other.id][i % 3]!,
    status: STATUSES[Math.floor(rnd() * STATUSES.length)]!,
    due: dues[Math.floor(rnd() * dues.length)] ?? null,
  }));
  await insertFixtureCases(
    db,
    rows.map((r) => ({ orgId: r.orgId, trackingNo: r.trackingNo, applicantType: 'natural_person', receivedOn: '2026-02-01', concludedOn: null, outcome: null })),
  );
  for (const r of rows) {
    await db.$executeRaw`UPDATE cases SET status = ${r.status}::"CaseStatus", answer_due_on = ${r.due}::date WHERE tracking_no = ${r.trackingNo}`;
  }
});

/** The order the register promises, from PostgreSQL. */
async function expected(where: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text AS id FROM cases WHERE tracking_no LIKE $1 AND ${where}
     ORDER BY (status::text = ANY($2)) DESC, answer_due_on ASC NULLS LAST, id ASC`,
    `${PREFIX}-%`,
    [...OPEN_STATUSES],
  );
  return rows.map((r) => r.id);
}

async function pages(filters: ListCasesFilters, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 200; n++) {
    const page: Awaited<ReturnType<typeof listCases>> = await listCases(clerk, filters, { sort: 'due', limit, cursor }, NOW);
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

describe('the due sort, open statuses read one at a time', () => {
  it('pages through the whole scope in the database’s order at every page size', async () => {
    const all = await expected('true');
    expect(all).toHaveLength(60);
    // The fixture has what the merge must handle: several open statuses, ties, open cases without a date.
    const open = await db.$queryRawUnsafe<{ statuses: number; nulls: number }[]>(
      `SELECT count(DISTINCT status)::int AS statuses, count(*) FILTER (WHERE answer_due_on IS NULL)::int AS nulls
       FROM cases WHERE tracking_no LIKE $1 AND status::text = ANY($2)`,
      `${PREFIX}-%`,
      [...OPEN_STATUSES],
    );
    expect(open[0]!.statuses).toBeGreaterThan(2);
    expect(open[0]!.nulls).toBeGreaterThan(0);
    for (const limit of [1, 2, 3, 7, 50, 100]) expect(await pages({}, limit)).toEqual(all);
  });

  it('keeps the order under the overdue and due-soon filters and a status filter', async () => {
    const open = `status::text = ANY('{${OPEN_STATUSES.join(',')}}')`;
    expect(await pages({ overdue: true }, 2)).toEqual(await expected(`${open} AND answer_due_on < '2026-03-10'`));
    expect(await pages({ dueWithinWorkingDays: 3 }, 3)).toEqual(await expected(`${open} AND answer_due_on BETWEEN '2026-03-10' AND '2026-03-13'`));
    expect(await pages({ status: ['in_progress', 'awaiting_fee', 'closed'] }, 4)).toEqual(await expected(`status IN ('in_progress', 'awaiting_fee', 'closed')`));
  });
});
