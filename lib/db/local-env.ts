/**
 * Process set-up shared by `npm start`, `npm run dev`, the CLI and the scripts: which database to use
 * (DATABASE_URL, or the embedded PostgreSQL in `.data/`), pending migrations applied, and the secrets the
 * app needs. Node-only; the Next.js app receives the results as environment variables.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded';
import { applyMigrations } from './migrate';

export const DATA_DIR = process.env.GONGKAI_DATA_DIR ?? path.join(process.cwd(), '.data');

export interface Secrets {
  authSecret: string;
  encryptionKey: string;
  /** Keys being rotated away (`npm run cli -- rotate-key`): read, never written; dropped when it is done. */
  previousEncryptionKeys: string[];
  pgPassword: string;
}

const secretsFile = () => path.join(DATA_DIR, 'secrets.json');

/** Writes `.data/secrets.json` (mode 0600). */
export function saveSecrets(secrets: Secrets): void {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(secretsFile(), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}

/**
 * Secrets for the embedded default are generated once and kept in `.data/secrets.json` (git-ignored).
 * With NODE_ENV=production set by the operator, NEXTAUTH_SECRET and GONGKAI_ENCRYPTION_KEY must come
 * from the environment instead.
 */
export function loadSecrets(): Secrets {
  const file = secretsFile();
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Secrets>;
  const secrets: Secrets = {
    authSecret: stored.authSecret ?? randomBytes(32).toString('base64url'),
    encryptionKey: stored.encryptionKey ?? randomBytes(32).toString('base64'),
    previousEncryptionKeys: stored.previousEncryptionKeys ?? [],
    pgPassword: stored.pgPassword ?? randomBytes(18).toString('base64url'),
  };
  saveSecrets(secrets);
  return secrets;
}

/** Whether the encryption keys come from `.data/secrets.json` (the embedded default) rather than the environment. */
export function keysFromSecretsFile(): boolean {
  return !process.env.GONGKAI_ENCRYPTION_KEY;
}

/** The key variables for this process: the environment's, or the generated ones of `.data/secrets.json`. */
export function keyEnvironment(): Record<string, string> {
  if (!keysFromSecretsFile()) {
    return {
      GONGKAI_ENCRYPTION_KEY: process.env.GONGKAI_ENCRYPTION_KEY ?? '',
      GONGKAI_PREVIOUS_ENCRYPTION_KEYS: process.env.GONGKAI_PREVIOUS_ENCRYPTION_KEYS ?? '',
    };
  }
  const s = loadSecrets();
  return { GONGKAI_ENCRYPTION_KEY: s.encryptionKey, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: s.previousEncryptionKeys.join(',') };
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
export async function openDatabase(log: (l: string) => void = console.log, options: { attach?: boolean } = {}): Promise<Database> {
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
      attach: options.attach,
    });
    db = { url: e.url, embedded: true, stop: e.stop };
    log(`[db] embedded PostgreSQL ready (${path.join(DATA_DIR, 'pg')})`);
  }
  await applyMigrations(db.url, log);
  await convertPersonalData(db.url, log);
  return db;
}

/**
 * Plain personal data left by the encryption migration is encrypted now, before the app serves anything
 * (lib/privacy/convert.ts; idempotent, a no-op once done). The keys are read only if there is work.
 */
async function convertPersonalData(url: string, log: (l: string) => void): Promise<void> {
  const { convertLegacyPersonalData } = await import('../privacy/convert');
  const { keyringFromEnv } = await import('../crypto');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ring = () => keyringFromEnv({ ...process.env, ...keyEnvironment() });
    await convertLegacyPersonalData(client, ring, log);
    // The keys that outlive a key rotation (access-code hashes), created once (lib/privacy/stable-keys.ts).
    const { ensureStableKeys } = await import('../privacy/stable-keys');
    const created = await ensureStableKeys(client, ring);
    if (created.length > 0) log(`[privacy] created the stable key(s) ${created.join(', ')} (stored wrapped under the data key)`);
  } finally {
    await client.end();
  }
}

/** Environment for the app process: the database URL and, for the embedded default, generated secrets. */
export function appEnvironment(dbUrl: string): Record<string, string> {
  const env: Record<string, string> = { DATABASE_URL: dbUrl, NEXT_TELEMETRY_DISABLED: '1' };
  if (!process.env.NEXTAUTH_SECRET) env.NEXTAUTH_SECRET = loadSecrets().authSecret;
  Object.assign(env, keyEnvironment());
  return env;
}
