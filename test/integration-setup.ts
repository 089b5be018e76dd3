/**
 * Vitest global setup for the integration tier: one throwaway embedded PostgreSQL per run on a free port,
 * migrated once with the app's own applier. Tests get its URL through `inject('databaseUrl')`
 * (test/integration-env.ts puts it in DATABASE_URL before any module reads it).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrate';

export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const db = await startEmbeddedPostgres({
      dataDir: path.join(process.cwd(), '.data', `test-${process.pid}`),
      password: 'test',
      persistent: false,
      log: () => {},
    });
    url = db.url;
    stop = db.stop;
  }
  await applyMigrations(url, () => {});
  project.provide('databaseUrl', url);
  // One data key for the whole run, so every test file reads what the others stored (lib/crypto.ts).
  project.provide('encryptionKey', process.env.GONGKAI_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'));
  return async () => {
    await stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    encryptionKey: string;
  }
}
