import 'server-only';

/** The latest applied migration's name (for /api/health). */
export async function latestMigration(query: (sql: string) => Promise<{ migration_name: string }[]>) {
  const rows = await query(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`,
  );
  return rows[0]?.migration_name ?? null;
}
