/**
 * lib/db-read.ts: a raw read outside a transaction goes through plain `pg`, inside one through Prisma on the
 * transaction's connection; for the column types its callers select, both return the same rows.
 */
import { describe, expect, it } from 'vitest';
import { db, PREPARED } from '@/lib/db';
import { readRows } from '@/lib/db-read';
import { Prisma } from '@/lib/generated/prisma/client';

type Row = { j: unknown; t: string; b: boolean; i: number; f: number; d: string | null; a: string[]; n: string | null };

const query = (label: string, day: string) => Prisma.sql`${Prisma.raw(PREPARED)}
  SELECT jsonb_build_object('label', ${label}::text, 'at', '2026-12-05T16:00:00.000Z'::timestamptz, 'n', 1.5, 'list', jsonb_build_array(1, 'x', null)) AS j,
         ${label}::text AS t, true AS b, 42::int AS i, 0.25::real AS f, ${day}::date::text AS d,
         ARRAY['a', ${label}]::text[] AS a, NULL::text AS n`;

describe('readRows', () => {
  it('returns the same rows through pg (outside a transaction) as through Prisma (inside one), prepared or not, twice', async () => {
    for (const label of ['甲', 'b', '']) {
      const viaPg = await readRows<Row>(db, query(label, '2026-02-28'));
      const viaPrisma = await db.$transaction((tx) => readRows<Row>(tx, query(label, '2026-02-28')));
      expect(viaPg).toEqual(viaPrisma);
      expect(viaPg).toEqual([
        { j: { label, at: '2026-12-05T16:00:00+00:00', n: 1.5, list: [1, 'x', null] }, t: label, b: true, i: 42, f: 0.25, d: '2026-02-28', a: ['a', label], n: null },
      ]);
      // The named statement again, on whichever pooled connection.
      expect(await readRows<Row>(db, query(label, '2026-02-28'))).toEqual(viaPg);
    }
    const unnamed = Prisma.sql`SELECT ${'x'}::text AS t`;
    expect(await readRows<{ t: string }>(db, unnamed)).toEqual([{ t: 'x' }]);
  });

  it('reads inside a transaction on its connection (what the transaction wrote, before it commits)', async () => {
    const key = `db-read-test-${Date.now()}`;
    await db
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key, value: { on: true } } });
        const inside = await readRows<{ value: unknown }>(tx, Prisma.sql`SELECT value FROM settings WHERE key = ${key}`);
        expect(inside).toEqual([{ value: { on: true } }]);
        // Outside it (pg), the uncommitted row is not there.
        expect(await readRows(db, Prisma.sql`SELECT value FROM settings WHERE key = ${key}`)).toEqual([]);
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    expect(await readRows(db, Prisma.sql`SELECT value FROM settings WHERE key = ${key}`)).toEqual([]);
  });
});
