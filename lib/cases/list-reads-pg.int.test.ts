/**
 * The register's one-statement reads (readPlainPage, readOpenDueRows) go through plain `pg` outside a
 * transaction (lib/db-read.ts readRows, session 8): the same statements through Prisma's $queryRaw must give
 * the same records — for several scopes (a subtree's ids, a leaf, every organisation), both plain sorts and
 * both parts, the overdue and due-soon windows, and cursors taken from real pages — and listCases over them
 * must give what its Prisma path gives. The test process runs in Asia/Shanghai (vitest.config.ts), where a
 * `date` column decoded by `pg` would be local midnight, a day off from Prisma's UTC midnight.
 * Bug guarded against: a column the two drivers decode differently (a date, a bigint) changing the rows,
 * dates or cursors shown once the reads moved off Prisma.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { readRows } from '@/lib/db-read';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, ensureCalendar } from '@/lib/cases/int-fixtures';
import { countCasesUpTo, listCases, openDueRowsSql, plainPageSql, type CaseListItem, type CaseSort, type Cursor, type ListCasesFilters, type ListRowRecord } from '@/lib/cases/queries';
import { OPEN_STATUSES, STATUSES } from '@/lib/cases/workflow';
import { resetCountCache } from '@/lib/cases/count-cache';
import { isoToDbDate } from '@/lib/calendar/load-calendar';
import type { CaseStatus } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';
import { createFixtureTree, insertFixtureCases, seededRandom, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { recordStatements } from '@/test/sql-statements';

const PREFIX = `LR${Date.now().toString(36)}`;
const NOW = at('2026-03-10');
let tree: FixtureTree;
let rootClerk: Actor;
let midClerk: Actor;
let leafReviewer: Actor;

beforeAll(async () => {
  await ensureCalendar();
  tree = await createFixtureTree(db, PREFIX);
  rootClerk = await createActor('clerk', tree.root, '驱动经办人');
  midClerk = await createActor('clerk', tree.mid, '驱动局经办人');
  leafReviewer = await createActor('reviewer', tree.leaf, '驱动审核人');
  const rnd = seededRandom(41);
  const received = ['2026-02-01', '2026-02-02', '2026-02-03', null];
  const dues = ['2026-02-27', '2026-03-02', '2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13', '2026-03-16', '2026-03-20', null];
  const rows = Array.from({ length: 90 }, (_, i) => ({
    orgId: tree.all[i % tree.all.length]!.id,
    trackingNo: `${PREFIX}-${i}`,
    receivedOn: received[Math.floor(rnd() * received.length)] ?? null,
    status: STATUSES[Math.floor(rnd() * STATUSES.length)]!,
    due: dues[Math.floor(rnd() * dues.length)] ?? null,
    delayed: rnd() < 0.2,
  }));
  await insertFixtureCases(
    db,
    rows.map((r) => ({ orgId: r.orgId, trackingNo: r.trackingNo, applicantType: 'natural_person' as const, receivedOn: r.receivedOn, concludedOn: null, outcome: null })),
  );
  for (const r of rows) {
    await db.$executeRaw`UPDATE cases SET status = ${r.status}::"CaseStatus", answer_due_on = ${r.due}::date,
      delayed_answer_by = ${r.delayed && r.due ? r.due : null}::date, concluded_on = ${r.due && rnd() < 0.3 ? r.due : null}::date,
      assigned_clerk_id = ${rnd() < 0.5 ? rootClerk.id : null}::uuid
      WHERE tracking_no = ${r.trackingNo}`;
  }
});

/** The organisation ids of the scopes compared (null: every organisation, as for an admin or the root's staff). */
const scopes = (): { name: string; ids: number[] | null }[] => [
  { name: 'tree', ids: tree.all.map((o) => o.id).sort((a, b) => a - b) },
  { name: 'subtree', ids: [tree.mid.id, tree.leaf.id].sort((a, b) => a - b) },
  { name: 'leaf', ids: [tree.leaf.id] },
  { name: 'everything', ids: null },
];

/** The same statement through both drivers: `pg` (readRows outside a transaction) and Prisma's $queryRaw. */
async function bothDrivers(sql: Prisma.Sql): Promise<{ pg: ListRowRecord[]; prisma: ListRowRecord[] }> {
  const rec = recordStatements();
  const viaPg = await readRows<ListRowRecord>(db, sql);
  const sentByPg = rec.stop();
  expect(sentByPg).toEqual([sql.text]); // one statement, as written (not Prisma's rewrite)
  const viaPrisma = await db.$queryRaw<ListRowRecord[]>(sql);
  return { pg: viaPg, prisma: viaPrisma };
}

const decode = (raw: string): Cursor => JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;

describe('the register’s one-statement reads through plain pg', () => {
  it('give the records Prisma gives for every scope, both plain sorts and parts, with cursors from real pages', async () => {
    let compared = 0;
    for (const { name, ids } of scopes()) {
      for (const sort of ['received', 'created'] as const) {
        // Cursors from the list itself: none, after a few rows, and (received) among the cases without a date.
        const cursors: (Cursor | null)[] = [null];
        const first = await listCases(midClerk, {}, { sort, limit: 3 }, NOW);
        if (first.nextCursor) cursors.push(decode(first.nextCursor));
        if (sort === 'received') {
          const nullCursor: Cursor = { s: 'received', v: null, id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' };
          cursors.push(nullCursor);
        }
        for (const from of cursors) {
          for (const part of ['valued', 'null'] as const) {
            if (sort === 'created' && part === 'null') continue; // created_at is never null
            for (const take of [1, 7, 51]) {
              const { pg, prisma } = await bothDrivers(plainPageSql(ids, sort, part, from, take));
              expect(pg, `${name} ${sort} ${part} ${JSON.stringify(from)} ${take}`).toEqual(prisma);
              compared += pg.length;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    // The dates are the database's days, as text, whatever the process's time zone.
    const { pg } = await bothDrivers(plainPageSql([tree.leaf.id], 'received', 'valued', null, 51));
    expect(pg.length).toBeGreaterThan(3);
    for (const r of pg) expect(r.received_on).toMatch(/^2026-02-0[123]$/);
  });

  it('give the records Prisma gives for the overdue and due-soon windows, every scope, cursors within the window', async () => {
    const open = [...OPEN_STATUSES] as CaseStatus[];
    const windows = [
      { name: 'overdue', window: { lt: '2026-03-10' } },
      { name: 'due soon', window: { gte: '2026-03-10', lte: '2026-03-17' } },
      { name: 'due today', window: { gte: '2026-03-10', lte: '2026-03-10' } },
    ] as const;
    let compared = 0;
    for (const { name, ids } of scopes()) {
      for (const w of windows) {
        const scope = { orgIds: ids, window: { ...w.window } };
        const all = await bothDrivers(openDueRowsSql(scope, open, null, 101)!);
        expect(all.pg, `${name} ${w.name}`).toEqual(all.prisma);
        compared += all.pg.length;
        // A cursor at every third row of the window: the rest after it, both drivers alike.
        for (const r of all.pg.filter((_, i) => i % 3 === 0)) {
          const from: Cursor = { s: 'due', v: `${r.answer_due_on}T00:00:00.000Z`, id: r.id, p: 0 };
          for (const statuses of [open, open.slice(0, 2)]) {
            const { pg, prisma } = await bothDrivers(openDueRowsSql(scope, statuses, from, 5)!);
            expect(pg, `${name} ${w.name} after ${r.id}`).toEqual(prisma);
            compared += pg.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('keep listCases’ pages equal to its Prisma path for several actors, sorts, windows and page sizes', async () => {
    async function pages(actor: Actor, filters: ListCasesFilters, sort: CaseSort, limit: number): Promise<CaseListItem[]> {
      const seen: CaseListItem[] = [];
      let cursor: string | null = null;
      for (let n = 0; n < 500; n++) {
        const page: Awaited<ReturnType<typeof listCases>> = await listCases(actor, filters, { sort, limit, cursor }, NOW);
        seen.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return seen;
    }
    const cases: { actor: Actor; org: number; filters: ListCasesFilters; sort: CaseSort }[] = [
      { actor: rootClerk, org: tree.root.id, filters: {}, sort: 'received' },
      { actor: midClerk, org: tree.mid.id, filters: {}, sort: 'created' },
      { actor: leafReviewer, org: tree.leaf.id, filters: {}, sort: 'received' },
      { actor: rootClerk, org: tree.root.id, filters: { overdue: true }, sort: 'due' },
      { actor: midClerk, org: tree.mid.id, filters: { dueWithinWorkingDays: 5 }, sort: 'due' },
      { actor: rootClerk, org: tree.root.id, filters: { dueWithinWorkingDays: 0 }, sort: 'due' },
      { actor: rootClerk, org: tree.root.id, filters: { overdue: true, status: ['in_progress', 'consulting', 'awaiting_fee'] }, sort: 'due' },
    ];
    for (const c of cases) {
      for (const limit of [1, 4, 50]) {
        const plain = await pages(c.actor, c.filters, c.sort, limit);
        // The organisation filter with its subtree keeps the whole scope and takes the Prisma path.
        const viaPrisma = await pages(c.actor, { ...c.filters, orgId: c.org, includeSubOrgs: true }, c.sort, limit);
        expect(plain.length, JSON.stringify(c.filters)).toBeGreaterThan(0);
        expect(plain, `${JSON.stringify(c.filters)} ${c.sort} ${limit}`).toEqual(viaPrisma);
      }
    }
  });

  it('count the unfiltered register and the overdue / due-soon views as Prisma counts them, in one hand-written statement', async () => {
    resetCountCache();
    const shapes: ListCasesFilters[] = [{}, { overdue: true }, { dueWithinWorkingDays: 5 }, { dueWithinWorkingDays: 0 }, { overdue: true, status: ['in_progress', 'consulting', 'closed'] }, { overdue: true, status: ['closed'] }];
    let nonZero = 0;
    for (const actor of [rootClerk, midClerk, leafReviewer]) {
      const org = actor === rootClerk ? tree.root.id : actor === midClerk ? tree.mid.id : tree.leaf.id;
      for (const filters of shapes) {
        for (const cap of [2, 10_001]) {
          const rec = recordStatements();
          const counted = await countCasesUpTo(actor, filters, cap, NOW);
          const sent = rec.stop().filter((q) => /FROM cases\b|"public"\."cases"/.test(q));
          // The organisation filter with its subtree keeps the whole scope and takes Prisma's count.
          const viaPrisma = await countCasesUpTo(actor, { ...filters, orgId: org, includeSubOrgs: true }, cap, NOW);
          expect(counted, `${actor.role} ${org} ${JSON.stringify(filters)} ${cap}`).toBe(viaPrisma);
          if (counted > 0) nonZero++;
          const handWritten = filters.status?.length === 1 && filters.status[0] === 'closed' ? 0 : 1;
          expect(sent.filter((q) => q.includes('SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c')), JSON.stringify(filters)).toHaveLength(handWritten);
          if (handWritten) expect(sent).toHaveLength(1);
        }
      }
    }
    expect(nonZero).toBeGreaterThan(20);
    // Every organisation (an admin): against Prisma's count of the same conditions.
    const admin = await createActor('admin', null, '驱动管理员');
    const open = { status: { in: [...OPEN_STATUSES] } };
    expect(await countCasesUpTo(admin, { overdue: true }, 10_001, NOW)).toBe(await db.case.count({ where: { ...open, answerDueOn: { lt: isoToDbDate('2026-03-10') } }, take: 10_001 }));
    expect(await countCasesUpTo(admin, {}, 10_001, NOW)).toBe(await db.case.count({ take: 10_001 }));
  });
});
