/**
 * Applies prisma/migrations/<dir>/migration.sql in directory-name order with Prisma Migrate's own
 * bookkeeping (`_prisma_migrations`), so `prisma migrate deploy` on a connected machine treats them as applied.
 * Prisma's native schema engine cannot be downloaded here (STACK.md); the rules mirror prisma-engines'
 * postgres flavour: advisory lock 72707369, refuse after a failed migration, checksum = sha256 of the file,
 * each file run as one simple-protocol query (one implicit transaction).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');
const LOCK_ID = 72707369;

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') }));
}

export async function applyMigrations(
  url: string,
  log: (l: string) => void = console.log,
  dir = MIGRATIONS_DIR,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const failed = await client.query(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
    );
    if (failed.rowCount) {
      throw new Error(
        `Migration ${failed.rows[0].migration_name} failed earlier; fix the database and mark it rolled back first.`,
      );
    }
    const done = new Set(
      (await client.query(`SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`)).rows.map(
        (r: { migration_name: string }) => r.migration_name,
      ),
    );
    for (const m of listMigrations(dir)) {
      if (done.has(m.name)) continue;
      const id = randomUUID();
      const checksum = createHash('sha256').update(m.sql).digest('hex');
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
        [id, checksum, m.name],
      );
      try {
        await client.query(m.sql); // no parameters: simple protocol, the whole file in one implicit transaction
      } catch (e) {
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, String(e)]);
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      applied.push(m.name);
      log(`[db] applied migration ${m.name}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]).catch(() => {});
    await client.end();
  }
  return applied;
}

