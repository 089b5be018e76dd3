/**
 * `npm run cli -- rotate-key`: re-encrypts every stored personal value under the current key
 * (GONGKAI_ENCRYPTION_KEY) and recomputes the blind indexes (their key is derived from it), reading the old
 * values with the keys in GONGKAI_PREVIOUS_ENCRYPTION_KEYS. The stable keys of lib/privacy/stable-keys.ts
 * (access-code hashes, which cannot be recomputed) are re-wrapped, not changed: every access code keeps working. Where the new key comes from is the CLI's
 * business (scripts/cli.ts: the environment, or a key generated into .data/secrets.json); this module only
 * moves the data.
 *
 * Batches of `batchSize` rows per table in id order, each in one transaction with its progress: the
 * `key_rotations` row for the target key keeps the last id done per table, so a run that is interrupted
 * (killed, a lost connection, or `maxBatches`) resumes after the last committed batch. Rows are selected by
 * what still needs work (a value not under the current key, a plain value, a missing index), so resuming
 * can neither skip nor double-encrypt a row. When every table is through, a final count over the whole
 * database must find nothing left under another key, or another pass runs.
 *
 * Audited in audit_events: key.rotation_started, key.rotation_resumed, key.rotation_completed (no key
 * material, only key ids).
 */
import type pg from 'pg';
import type { Keyring } from '@/lib/crypto';
import { convertBatch, countRemaining, ENCRYPTED_TABLES, PERSONAL_DATA_LOCK, ZERO_UUID } from '@/lib/privacy/convert';
import { ensureStableKeys } from '@/lib/privacy/stable-keys';

export interface RotateOptions {
  ring: Keyring;
  batchSize?: number;
  /** Stop after this many batches (an interruption on purpose; the next run resumes). */
  maxBatches?: number;
  actorId?: string | null;
  log?: (line: string) => void;
}

export interface RotateResult {
  done: boolean;
  rotationId: number;
  resumed: boolean;
  /** Rows rewritten by this run. */
  rows: number;
  /** Rows rewritten by the rotation so far (all runs). */
  totalRows: number;
  /** Rows still needing work when this run stopped (0 when done). */
  remaining: number;
  conflicts: string[];
}

const DONE = 'done';
const MAX_PASSES = 3;

async function audit(client: pg.ClientBase, actorId: string | null, type: string, data: Record<string, unknown>): Promise<void> {
  await client.query('INSERT INTO audit_events (actor_id, type, data) VALUES ($1::uuid, $2, $3::jsonb)', [actorId, type, JSON.stringify(data)]);
}

export async function rotateKey(client: pg.ClientBase, options: RotateOptions): Promise<RotateResult> {
  const { ring } = options;
  const batchSize = Math.max(1, Math.min(10_000, Math.trunc(options.batchSize ?? 500)));
  const log = options.log ?? (() => {});
  const actorId = options.actorId ?? null;
  const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [PERSONAL_DATA_LOCK]);
  if (!lock[0]?.ok) throw new Error('Another key rotation (or the start-up conversion) is running on this database; try again when it has finished.');
  try {
    // The keys that must outlive this rotation exist before it starts; if an earlier version stored access-code
    // hashes under the key being rotated away, that key seeds the stable one (lib/privacy/stable-keys.ts).
    await ensureStableKeys(client, () => ring, ring.previous[0] ?? ring.current);
    const target = ring.current.id;
    const keyIds = { targetKeyId: target, previousKeyIds: ring.previous.map((k) => k.id) };
    // Rotations towards another key are moot now: that key is no longer the current one.
    await client.query(`UPDATE key_rotations SET status = 'superseded', updated_at = now() WHERE status = 'running' AND target_key_id <> $1`, [target]);
    const { rows: running } = await client.query<{ id: number; cursors: Record<string, string>; rows_done: number }>(
      `SELECT id, cursors, rows_done FROM key_rotations WHERE status = 'running' AND target_key_id = $1 ORDER BY id DESC LIMIT 1`,
      [target],
    );
    let rotationId: number;
    let cursors: Record<string, string>;
    let totalRows: number;
    const resumed = running.length > 0;
    if (running[0]) {
      rotationId = running[0].id;
      cursors = running[0].cursors ?? {};
      totalRows = running[0].rows_done;
      await audit(client, actorId, 'key.rotation_resumed', { rotationId, ...keyIds, rowsDone: totalRows });
      log(`[rotate-key] resuming rotation ${rotationId} to key ${target} (${totalRows} row(s) done before)`);
    } else {
      const { rows } = await client.query<{ id: number }>(`INSERT INTO key_rotations (target_key_id, status) VALUES ($1, 'running') RETURNING id`, [target]);
      rotationId = rows[0].id;
      cursors = {};
      totalRows = 0;
      await audit(client, actorId, 'key.rotation_started', { rotationId, ...keyIds });
      log(`[rotate-key] rotation ${rotationId} to key ${target}`);
    }

    let rows = 0;
    let batches = 0;
    const conflicts: string[] = [];
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      for (const spec of ENCRYPTED_TABLES) {
        let afterId = cursors[spec.table] ?? ZERO_UUID;
        while (afterId !== DONE) {
          if (options.maxBatches !== undefined && batches >= options.maxBatches) {
            const remaining = await countRemaining(client, 'rotate', ring);
            log(`[rotate-key] stopped after ${batches} batch(es); ${remaining} row(s) left; run rotate-key again to resume`);
            return { done: false, rotationId, resumed, rows, totalRows, remaining, conflicts };
          }
          await client.query('BEGIN');
          try {
            const r = await convertBatch(client, spec, { mode: 'rotate', ring, afterId, batchSize });
            afterId = r.lastId ?? DONE;
            cursors = { ...cursors, [spec.table]: afterId };
            await client.query(`UPDATE key_rotations SET cursors = $2::jsonb, rows_done = rows_done + $3, updated_at = now() WHERE id = $1`, [
              rotationId,
              JSON.stringify(cursors),
              r.rows,
            ]);
            await client.query('COMMIT');
            rows += r.rows;
            totalRows += r.rows;
            conflicts.push(...r.conflicts);
            if (r.rows > 0) {
              batches++;
              log(`[rotate-key] ${spec.table}: ${totalRows} row(s) done`);
            }
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
        }
      }
      const remaining = await countRemaining(client, 'rotate', ring);
      if (remaining === 0) {
        await client.query(`UPDATE key_rotations SET status = 'done', finished_at = now(), updated_at = now() WHERE id = $1`, [rotationId]);
        await audit(client, actorId, 'key.rotation_completed', { rotationId, ...keyIds, rowsDone: totalRows, conflicts: conflicts.length });
        log(`[rotate-key] done: ${totalRows} row(s) under key ${target}; nothing is left under another key`);
        return { done: true, rotationId, resumed, rows, totalRows, remaining: 0, conflicts };
      }
      // Rows written under an old key behind the cursor (an app server still running with the old key as
      // its current one): another pass from the start.
      log(`[rotate-key] ${remaining} row(s) appeared under an old key during the run; another pass`);
      cursors = {};
      await client.query(`UPDATE key_rotations SET cursors = '{}'::jsonb, updated_at = now() WHERE id = $1`, [rotationId]);
    }
    const remaining = await countRemaining(client, 'rotate', ring);
    return { done: false, rotationId, resumed, rows, totalRows, remaining, conflicts };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PERSONAL_DATA_LOCK]);
  }
}
