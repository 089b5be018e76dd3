/**
 * The `rotate-key` command of scripts/cli.ts: where the new key comes from, then lib/privacy/rotate-key.ts.
 *
 * - Keys in the environment (production): the operator has already set GONGKAI_ENCRYPTION_KEY to the new key
 *   and GONGKAI_PREVIOUS_ENCRYPTION_KEYS to the old one on every app server (restarted), and runs this with the
 *   same environment. When it reports done, GONGKAI_PREVIOUS_ENCRYPTION_KEYS is removed.
 * - Keys in `.data/secrets.json` (the embedded default): the first run generates a new key there and keeps the
 *   old one as previous; a run after an interruption finds the previous key still there and resumes; when done,
 *   the old key is dropped from the file. The app must be restarted to use the new key (stop it first).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { keyringFromEnv } from '@/lib/crypto';
import { rotateKey, type RotateResult } from '@/lib/privacy/rotate-key';
import { keyEnvironment, keysFromSecretsFile, loadSecrets, saveSecrets } from '@/lib/db/local-env';

export async function rotateKeyCommand(options: { url: string; batchSize?: number; maxBatches?: number; log: (line: string) => void }): Promise<RotateResult> {
  const { log } = options;
  const fromFile = keysFromSecretsFile();
  if (fromFile) {
    const secrets = loadSecrets();
    if (secrets.previousEncryptionKeys.length === 0) {
      saveSecrets({ ...secrets, encryptionKey: randomBytes(32).toString('base64'), previousEncryptionKeys: [secrets.encryptionKey] });
      log('[rotate-key] generated a new key in .data/secrets.json (the old one is kept there for reading until the rotation is done)');
    } else {
      log('[rotate-key] .data/secrets.json still holds a previous key: resuming');
    }
  } else if (!process.env.GONGKAI_PREVIOUS_ENCRYPTION_KEYS) {
    log(
      '[rotate-key] GONGKAI_PREVIOUS_ENCRYPTION_KEYS is empty: this run only checks that everything is under GONGKAI_ENCRYPTION_KEY. ' +
        'To rotate, set GONGKAI_ENCRYPTION_KEY to a new key and GONGKAI_PREVIOUS_ENCRYPTION_KEYS to the old one on every app server, restart them, and run rotate-key again with the same environment.',
    );
  }
  const env = { ...process.env, ...keyEnvironment() };
  Object.assign(process.env, env);
  const ring = keyringFromEnv(env);
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  let result: RotateResult;
  try {
    result = await rotateKey(client, { ring, batchSize: options.batchSize, maxBatches: options.maxBatches, log });
  } finally {
    await client.end();
  }
  if (result.done) {
    if (fromFile) {
      saveSecrets({ ...loadSecrets(), previousEncryptionKeys: [] });
      log('[rotate-key] the old key is removed from .data/secrets.json; restart the app (npm start) so that it uses the new key');
    } else if (ring.previous.length > 0) {
      log('[rotate-key] remove GONGKAI_PREVIOUS_ENCRYPTION_KEYS from the app servers\' environment and restart them');
    }
  }
  return result;
}
