import 'server-only';
import { createHash } from 'node:crypto';
import { db, PREPARED, type Db, type Tx } from '@/lib/db';
import { pgPool } from '@/lib/db-pool';
import type { Prisma } from '@/lib/generated/prisma/client';

const names = new Map<string, string>();

/** The statement's name on the `pg` pool's connections: a digest of its text (as lib/db.ts names Prisma's). */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `gkr_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * The rows of a raw read. Outside a transaction (`client` is `db`) it goes through plain `pg`
 * (lib/db-pool.ts): Prisma's request pipeline costs ~0.7 ms of Node CPU per raw statement more than `pg`
 * (issue 13), and the staff case page sends six of them per view. Inside a transaction it stays on the
 * transaction's connection (Prisma). Texts opening with PREPARED are named statements on either path.
 *
 * The two drivers decode some column types differently, so statements read through here select only
 * types that both return alike: jsonb, text (dates as `::text`), booleans, int4 and float. `pg` returns
 * int8 and numeric as strings where Prisma returns bigint and Decimal, and a date as local midnight.
 */
export async function readRows<T>(client: Db | Tx, query: Prisma.Sql): Promise<T[]> {
  if (client !== db) return client.$queryRaw<T[]>(query);
  const text = query.text;
  const res = await pgPool().query({ name: text.startsWith(PREPARED) ? statementName(text) : undefined, text, values: query.values });
  return res.rows as T[];
}
