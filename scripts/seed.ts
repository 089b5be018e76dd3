/** `npm run db:seed`: the demo data on an empty database (embedded or DATABASE_URL), as `npm start` does on first run. */
import { appEnvironment, openDatabase } from '../lib/db/local-env';

async function main() {
  const db = await openDatabase();
  Object.assign(process.env, appEnvironment(db.url));
  try {
    const { seedIfEmpty } = await import('../lib/seed/seed-demo');
    if (!(await seedIfEmpty())) console.log('[seed] the database already has data; nothing to do');
  } finally {
    const { db: client } = await import('../lib/db');
    await client.$disconnect();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
