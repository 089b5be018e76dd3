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
import { recordStatements } from '@/test/sql-statements';

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

  it('reads overdue and due-soon in one statement over the open cases, in the same order, for every scope form', async () => {
    const open = `status::text = ANY('{${OPEN_STATUSES.join(',')}}')`;
    const overdue = await expected(`${open} AND answer_due_on < '2026-03-10'`);
    expect(overdue.length).toBeGreaterThan(3);
    for (const limit of [1, 3, 50]) expect(await pages({ overdue: true }, limit)).toEqual(overdue);
    expect(await pages({ overdue: true, status: ['in_progress', 'consulting', 'closed'] }, 2)).toEqual(
      await expected(`status IN ('in_progress', 'consulting') AND answer_due_on < '2026-03-10'`),
    );
    // Another filter takes the general path (one read per status): the same order.
    const viaPrisma = await pages({ overdue: true, includeSubOrgs: true, orgId: tree.root.id }, 2);
    expect(viaPrisma).toEqual(overdue);
    // The first page: the scope, then ONE read of the open cases with their rows (session 7: the keys and
    // the page's rows in one statement; before, a second statement loaded the rows by id).
    const rec = recordStatements();
    try {
      await listCases(clerk, { overdue: true }, { sort: 'due', limit: 50 }, NOW);
    } finally {
      const sql = rec.stop();
      expect(sql.filter((q) => /FROM cases c JOIN organisations o ON o\.id = c\.org_id LEFT JOIN users u ON u\.id = c\.assigned_clerk_id WHERE c\.status IN/.test(q))).toHaveLength(1);
      expect(sql).toHaveLength(2);
    }
    // An admin's scope (every case): no organisation condition, the fixture's cases among the rest.
    const admin = await createActor('admin', null, '排序管理员');
    const adminPage = await listCases(admin, { overdue: true }, { sort: 'due', limit: 100 }, NOW);
    const ours = adminPage.items.map((i) => i.id).filter((id) => overdue.includes(id));
    expect(ours).toEqual(overdue.slice(0, ours.length));
    expect(adminPage.items.every((i) => i.isOverdue)).toBe(true);
  });
});

