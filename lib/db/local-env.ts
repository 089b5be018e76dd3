/**
 * Process set-up shared by `npm start`, `npm run dev`, the CLI and the scripts: which database to use
 * (DATABASE_URL, or the embedded PostgreSQL in `.data/`), pending migrations applied, and the secrets the
 * app needs. Node-only; the Next.js app receives the results as environment variables.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded';
import { applyMigrations } from './migrate';

export const DATA_DIR = process.env.GONGKAI_DATA_DIR ?? path.join(process.cwd(), '.data');

interface Secrets {
  authSecret: string;
  encryptionKey: string;
  pgPassword: string;
}

/**
 * Secrets for the embedded default are generated once and kept in `.data/secrets.json` (git-ignored).
 * With NODE_ENV=production set by the operator, NEXTAUTH_SECRET and GONGKAI_ENCRYPTION_KEY must come
 * from the environment instead.
 */
export function loadSecrets(): Secrets {
  const file = path.join(DATA_DIR, 'secrets.json');
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Secrets>;
  const secrets: Secrets = {
    authSecret: stored.authSecret ?? randomBytes(32).toString('base64url'),
    encryptionKey: stored.encryptionKey ?? randomBytes(32).toString('base64'),
    pgPassword: stored.pgPassword ?? randomBytes(18).toString('base64url'),
  };
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function requireProductionSecrets(): void {
  if (process.env.NODE_ENV !== 'production') return;
  const missing = ['NEXTAUTH_SECRET', 'GONGKAI_ENCRYPTION_KEY', 'DATABASE_URL'].filter((k) => !process.env[k]);
  if (missing.length) {
    throw new Error(`NODE_ENV=production requires ${missing.join(', ')} in the environment (see README, Configuration).`);
  }
}

export interface Database {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/** DATABASE_URL when set, otherwise the embedded PostgreSQL; pending migrations applied either way. */
export async function openDatabase(log: (l: string) => void = console.log): Promise<Database> {
  requireProductionSecrets();
  let db: Database;
  if (process.env.DATABASE_URL) {
    db = { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
    log('[db] using DATABASE_URL');
  } else {
    const secrets = loadSecrets();
    const port = Number(process.env.GONGKAI_PG_PORT ?? 54329);
    const e = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, 'pg'),
      port,
      password: secrets.pgPassword,
      persistent: true,
      log,
    });
    db = { url: e.url, embedded: true, stop: e.stop };
    log(`[db] embedded PostgreSQL ready (${path.join(DATA_DIR, 'pg')})`);
  }
  await applyMigrations(db.url, log);
  return db;
}

/** Environment for the app process: the database URL and, for the embedded default, generated secrets. */
export function appEnvironment(dbUrl: string): Record<string, string> {
  const env: Record<string, string> = { DATABASE_URL: dbUrl, NEXT_TELEMETRY_DISABLED: '1' };
  if (!process.env.NEXTAUTH_SECRET || !process.env.GONGKAI_ENCRYPTION_KEY) {
    const s = loadSecrets();
    env.NEXTAUTH_SECRET = process.env.NEXTAUTH_SECRET ?? s.authSecret;
    env.GONGKAI_ENCRYPTION_KEY = process.env.GONGKAI_ENCRYPTION_KEY ?? s.encryptionKey;
  }
  return env;
}
