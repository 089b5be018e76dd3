import 'server-only';
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * The only PrismaClient of a process (STYLE §7). The connection string comes from DATABASE_URL, which
 * scripts/start.ts sets to the embedded PostgreSQL when the operator has not set it.
 * Password hashes are omitted from every query unless a caller asks for them explicitly.
 *
 * Sessions run in UTC (TimeZone=UTC): the pg adapter sends a Date as UTC digits without an offset and reads
 * a timestamptz by dropping the offset, i.e. it assumes a UTC session. With a server whose time zone is
 * Asia/Shanghai (initdb takes the host's), stored instants would otherwise be eight hours off and disagree
 * with the database's own now() (leases, back-off, rate-limit windows).
 */
function createClient() {
  const adapter = new PrismaPg(
    {
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.GONGKAI_DB_POOL ?? 10),
      options: '-c TimeZone=UTC',
    },
    // The adapter's type asks for a name always; undefined (an unnamed statement) is what it sends without one.
    { statementNameGenerator: preparedStatementName as (query: { sql: string }) => string },
  );
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

/** The opening of a raw statement that PostgreSQL should keep prepared (see preparedStatementName). */
export const PREPARED = '/* prepared */';
const preparedNames = new Map<string, string>();

/**
 * Named statements for the hot raw queries that open with PREPARED (e.g. lib/cases/load-case-record.ts, which
 * every step and case page runs): the `pg` driver parses a named statement once per connection and PostgreSQL
 * keeps its plan (after five custom plans, a generic one when it is no dearer), where an unnamed statement is
 * parsed and planned on every call — for the case record, planning cost more than running it. Opt-in, because
 * a generic plan cannot use a partial index through a parameter; the name is a digest of the text, so one
 * text has one name on every connection. Everything else stays unnamed (the adapter's default).
 */
export function preparedStatementName(query: { sql: string }): string | undefined {
  if (!query.sql.startsWith(PREPARED)) return undefined;
  let name = preparedNames.get(query.sql);
  if (!name) {
    name = `gk_${createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(query.sql, name);
  }
  return name;
}

export type Db = ReturnType<typeof createClient>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const globalForDb = globalThis as unknown as { gongkaiDb?: Db };
export const db: Db = globalForDb.gongkaiDb ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForDb.gongkaiDb = db;
