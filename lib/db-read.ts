import 'server-only';
import { db, preparedStatementName, type Db, type Tx } from '@/lib/db';
import { pgPool } from '@/lib/db-pool';
import type { Prisma } from '@/lib/generated/prisma/client';

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
  // Named as Prisma's adapter names it (lib/db.ts): one text, one statement name on every connection.
  const res = await pgPool().query({ name: preparedStatementName({ sql: text }), text, values: query.values });
  return res.rows as T[];
}
