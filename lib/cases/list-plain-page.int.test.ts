/**
 * The register without filters, sorted by receipt or registration (listCases' default view), read by
 * readPlainPage — keys and rows in one hand-written statement per part — gives exactly what the Prisma path
 * gave and what PostgreSQL's `ORDER BY value DESC NULLS LAST, id DESC` gives, page after page at every page
 * size: with ties on the sort value (all fixture cases share their created_at, many their receipt date), cases
 * without a receipt date (pending confirmation), a cursor among those, the actor's scope (a subtree as
 * organisation ids; the whole register for an admin) — and in one statement per page, not two.
 * Bug guarded against: the hand-written keyset skipping or repeating rows at a page boundary, leaking cases
 * outside the scope, or drifting from the Prisma path's order or cursor.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { at, createActor, ensureCalendar } from '@/lib/cases/int-fixtures';
import { listCases, type CaseListItem, type CaseSort, type ListCasesFilters } from '@/lib/cases/queries';
import { createFixtureTree, insertFixtureCases, seededRandom, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { recordStatements } from '@/test/sql-statements';

const PREFIX = `PP${Date.now().toString(36)}`;
const NOW = at('2026-03-10');
let tree: FixtureTree;
let rootClerk: Actor;
let midClerk: Actor;
let admin: Actor;

beforeAll(async () => {
  await ensureCalendar();
  tree = await createFixtureTree(db, PREFIX);
  rootClerk = await createActor('clerk', tree.root, '台账经办人');
  midClerk = await createActor('clerk', tree.mid, '局经办人');
  admin = await createActor('admin', null, '管理员');
  const rnd = seededRandom(29);
  const days = ['2026-02-01', '2026-02-02', '2026-02-03', null];
  await insertFixtureCases(
    db,
    Array.from({ length: 45 }, (_, i) => ({
      orgId: tree.all[i % tree.all.length]!.id,
      trackingNo: `${PREFIX}-${i}`,
      applicantType: 'natural_person' as const,
      receivedOn: days[Math.floor(rnd() * days.length)] ?? null,
      concludedOn: null,
      outcome: null,
    })),
  );
  // A second batch with a later created_at: ties within each batch, an order between them.
  await insertFixtureCases(db, [{ orgId: tree.leaf.id, trackingNo: `${PREFIX}-late`, applicantType: 'natural_person', receivedOn: '2026-02-02', concludedOn: null, outcome: null }]);
});

const COLUMN: Record<'received' | 'created', string> = { received: 'received_on', created: 'created_at' };

/** The order the register promises for the scope's organisation ids (null: every case), from PostgreSQL. */
async function expected(sort: 'received' | 'created', orgIds: number[] | null): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text AS id FROM cases WHERE ($1::int[] IS NULL OR org_id = ANY($1::int[]))
     ORDER BY ${COLUMN[sort]} DESC NULLS LAST, id DESC`,
    orgIds,
  );
  return rows.map((r) => r.id);
}

async function pages(actor: Actor, sort: CaseSort, limit: number, filters: ListCasesFilters = {}, max = 1000): Promise<CaseListItem[]> {
  const seen: CaseListItem[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 2000 && seen.length < max; n++) {
    const page: Awaited<ReturnType<typeof listCases>> = await listCases(actor, filters, { sort, limit, cursor }, NOW);
    seen.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

const ids = (items: CaseListItem[]) => items.map((i) => i.id);

describe('the unfiltered register in one statement per page (readPlainPage)', () => {
  it('pages a subtree in the database’s order at every page size, for both sorts, nothing outside it', async () => {
    const subtree = [tree.mid.id, tree.leaf.id];
    for (const sort of ['received', 'created'] as const) {
      const all = await expected(sort, subtree);
      expect(all.length).toBeGreaterThan(20);
      for (const limit of [1, 2, 3, 7, 50, 100]) expect(ids(await pages(midClerk, sort, limit)), `${sort} ${limit}`).toEqual(all);
    }
    // The fixture has what the keyset must handle: ties on the receipt date and cases without one.
    const [shape] = await db.$queryRawUnsafe<{ nulls: number; tied: number }[]>(
      `SELECT count(*) FILTER (WHERE received_on IS NULL)::int AS nulls, (count(*) - count(DISTINCT received_on))::int AS tied
       FROM cases WHERE tracking_no LIKE $1`,
      `${PREFIX}-%`,
    );
    expect(shape!.nulls).toBeGreaterThan(2);
    expect(shape!.tied).toBeGreaterThan(10);
  });

  it('gives the rows, the order and the cursors of the Prisma path (the same list through a filter that keeps everything)', async () => {
    for (const sort of ['received', 'created'] as const) {
      for (const limit of [1, 4, 50]) {
        const plain = await pages(rootClerk, sort, limit);
        // The organisation filter with its subtree goes through the Prisma path and keeps the whole scope.
        const prisma = await pages(rootClerk, sort, limit, { orgId: tree.root.id, includeSubOrgs: true });
        expect(plain.length).toBeGreaterThan(40);
        expect(plain, `${sort} ${limit}`).toEqual(prisma);
      }
    }
    // The same cursor is valid on both paths.
    const first = await listCases(rootClerk, {}, { sort: 'received', limit: 5 }, NOW);
    const viaPrisma = await listCases(rootClerk, { orgId: tree.root.id, includeSubOrgs: true }, { sort: 'received', limit: 5, cursor: first.nextCursor }, NOW);
    const viaPlain = await listCases(rootClerk, {}, { sort: 'received', limit: 5, cursor: first.nextCursor }, NOW);
    expect(viaPlain).toEqual(viaPrisma);
  });

  it('reads the whole register for an admin (no scope condition), in order, the statement prepared', async () => {
    const all = await expected('received', null);
    const top = all.slice(0, 120);
    for (const limit of [3, 50, 100]) expect(ids(await pages(admin, 'received', limit, {}, 120)).slice(0, 120), String(limit)).toEqual(top);
    // A page the cases with a receipt date fill: one statement (keys and rows), kept prepared.
    const rec = recordStatements();
    const page = await listCases(admin, {}, { sort: 'received', limit: 10 }, NOW);
    const sent = rec.stop();
    expect(page.items).toHaveLength(10);
    expect(page.items.every((i) => i.receivedOn !== null)).toBe(true);
    const reads = sent.filter((s) => /\bFROM cases c\b|"public"\."cases"/.test(s));
    expect(reads, sent.join('\n---\n')).toHaveLength(1);
    expect(reads[0]).toMatch(/^\/\* prepared \*\//);
    expect(reads[0]).toContain('LIMIT 11');
  });

  it('sends one statement for a page of a subtree and starts a cursor among the cases without a receipt date', async () => {
    const all = await expected('received', [tree.mid.id, tree.leaf.id]);
    const rec = recordStatements();
    await listCases(midClerk, {}, { sort: 'received', limit: 2 }, NOW);
    const reads = rec.stop().filter((s) => /\bFROM cases c\b|"public"\."cases"/.test(s));
    expect(reads).toHaveLength(1);
    // Walk until the cursor is among the nulls, then the next page continues there.
    const [nullCount] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM cases WHERE org_id = ANY($1::int[]) AND received_on IS NULL`,
      [tree.mid.id, tree.leaf.id],
    );
    expect(nullCount!.n).toBeGreaterThan(1);
    const valued = all.length - nullCount!.n;
    const head = await listCases(midClerk, {}, { sort: 'received', limit: valued + 1 }, NOW);
    expect(head.items.at(-1)!.receivedOn).toBeNull();
    const rest = await listCases(midClerk, {}, { sort: 'received', limit: 100, cursor: head.nextCursor }, NOW);
    expect([...ids(head.items), ...ids(rest.items)]).toEqual(all);
  });
});
