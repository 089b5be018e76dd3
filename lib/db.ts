import 'server-only';
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
  const adapter = new PrismaPg({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.GONGKAI_DB_POOL ?? 10),
    options: '-c TimeZone=UTC',
  });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createClient>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const globalForDb = globalThis as unknown as { gongkaiDb?: Db };
export const db: Db = globalForDb.gongkaiDb ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForDb.gongkaiDb = db;
