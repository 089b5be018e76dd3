/**
 * Bringing stored personal data under the current key, in batches, with plain `pg` (no Prisma: this runs in
 * the start script before the app, and in the CLI):
 *
 * - `convert` (every start, lib/db/local-env.ts openDatabase, after the migrations): plain values left in the
 *   `*_plain` columns by migration 20261205074004_personal_data_encryption are encrypted into `*_enc` with
 *   their blind index and cleared, and encrypted values without a blind index (identity numbers stored
 *   before the index existed) get one. Idempotent: it only touches rows that still need it, so it costs one
 *   index-less count per table when there is nothing to do, and an interrupted start simply continues.
 * - `rotate` (lib/privacy/rotate-key.ts): the same, plus every value not under the current key is decrypted
 *   with the key it names and re-encrypted under the current one, its blind index recomputed.
 *
 * One UPDATE per batch (unnest of arrays). A batch whose new unique blind index collides with another
 * account's (two accounts whose identifiers differed only in letter case before normalisation) is redone
 * row by row; the colliding row keeps its encrypted value without an index and is reported.
 */
import type pg from 'pg';
import { ciphertextPrefix, decrypt, encrypt, blindIndexUnder, keyIdOfCiphertext, type Keyring } from '@/lib/crypto';
import { normaliseFor, type IndexedKind } from '@/lib/privacy/normalise';

interface FieldSpec {
  enc: string;
  bidx: string | null;
  kind: IndexedKind | null;
  legacy: string | null;
}

export interface TableSpec {
  table: 'users' | 'cases' | 'outbox_messages' | 'signup_challenges' | 'wrapped_keys';
  fields: FieldSpec[];
}

/** Every encrypted column of the database. A new one is added here and nowhere else. */
export const ENCRYPTED_TABLES: readonly TableSpec[] = [
  {
    table: 'users',
    fields: [
      { enc: 'email_enc', bidx: 'email_bidx', kind: 'email', legacy: 'email_plain' },
      { enc: 'mobile_enc', bidx: 'mobile_bidx', kind: 'mobile', legacy: 'mobile_plain' },
    ],
  },
  {
    table: 'cases',
    fields: [
      { enc: 'mobile_enc', bidx: 'mobile_bidx', kind: 'mobile', legacy: 'mobile_plain' },
      { enc: 'email_enc', bidx: 'email_bidx', kind: 'email', legacy: 'email_plain' },
      { enc: 'postal_address_enc', bidx: null, kind: null, legacy: 'postal_address_plain' },
      { enc: 'id_number_enc', bidx: 'id_number_bidx', kind: 'idNumber', legacy: null },
    ],
  },
  {
    table: 'outbox_messages',
    fields: [{ enc: 'recipient_enc', bidx: null, kind: null, legacy: 'recipient_plain' }],
  },
  {
    // Pending registrations (15 minutes): the address that receives the one-time code.
    table: 'signup_challenges',
    fields: [
      { enc: 'email_enc', bidx: 'email_bidx', kind: 'email', legacy: null },
      { enc: 'mobile_enc', bidx: 'mobile_bidx', kind: 'mobile', legacy: null },
    ],
  },
  {
    // Keys that outlive a rotation (lib/privacy/stable-keys.ts): re-wrapped under the new key, never changed.
    table: 'wrapped_keys',
    fields: [{ enc: 'key_enc', bidx: null, kind: null, legacy: null }],
  },
];

export type ConvertMode = 'convert' | 'rotate';

export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** SQL predicate (no parameters: the prefix is hex and dots) for rows of `spec` that still need work. */
export function needsWorkSql(spec: TableSpec, mode: ConvertMode, ring: Keyring): string {
  const terms: string[] = [];
  for (const f of spec.fields) {
    if (f.legacy) terms.push(`${f.legacy} IS NOT NULL`);
    if (f.bidx) terms.push(`(${f.enc} IS NOT NULL AND ${f.bidx} IS NULL)`);
    if (mode === 'rotate') terms.push(`(${f.enc} IS NOT NULL AND ${f.enc} NOT LIKE '${ciphertextPrefix(ring.current)}%')`);
  }
  return terms.length > 0 ? `(${terms.join(' OR ')})` : 'FALSE';
}

/** Which tables need the start-up conversion (cheap: one EXISTS per table). */
async function tablesNeedingWork(client: pg.ClientBase, mode: ConvertMode, ring: Keyring | null): Promise<TableSpec[]> {
  const out: TableSpec[] = [];
  for (const spec of ENCRYPTED_TABLES) {
    // Without a keyring only the key-independent terms can be tested (enough for `convert`).
    const predicate = ring ? needsWorkSql(spec, mode, ring) : needsWorkSql(spec, 'convert', { current: { id: '-', key: Buffer.alloc(32) }, previous: [] });
    const { rows } = await client.query<{ yes: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${spec.table} WHERE ${predicate}) AS yes`);
    if (rows[0]?.yes) out.push(spec);
  }
  return out;
}

export async function countRemaining(client: pg.ClientBase, mode: ConvertMode, ring: Keyring): Promise<number> {
  let n = 0;
  for (const spec of ENCRYPTED_TABLES) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${spec.table} WHERE ${needsWorkSql(spec, mode, ring)}`);
    n += Number(rows[0]?.n ?? 0);
  }
  return n;
}

type Row = Record<string, string | null>;

interface NewValues {
  id: string;
  values: Record<string, string | null>;
}

/** The new column values of one row: every field decrypted (or taken from its plain column) and sealed again. */
function reseal(spec: TableSpec, row: Row, mode: ConvertMode, ring: Keyring): NewValues {
  const values: Record<string, string | null> = {};
  for (const f of spec.fields) {
    const legacy = f.legacy ? row[f.legacy] : null;
    const enc = row[f.enc];
    const plain = legacy ?? (enc ? decrypt(enc, ring) : null);
    if (f.legacy) values[f.legacy] = null;
    if (plain === null) {
      values[f.enc] = null;
      if (f.bidx) values[f.bidx] = null;
      continue;
    }
    const underCurrent = enc !== null && keyIdOfCiphertext(enc) === ring.current.id;
    const keep = legacy === null && enc !== null && (underCurrent || mode === 'convert');
    values[f.enc] = keep ? enc : encrypt(plain, ring);
    if (f.bidx && f.kind) values[f.bidx] = blindIndexUnder(ring.current, f.kind, normaliseFor(f.kind, plain));
  }
  return { id: row.id as string, values };
}

function columnsOf(spec: TableSpec): string[] {
  return spec.fields.flatMap((f) => [f.enc, ...(f.bidx ? [f.bidx] : []), ...(f.legacy ? [f.legacy] : [])]);
}

async function writeBatch(client: pg.ClientBase, spec: TableSpec, batch: NewValues[]): Promise<void> {
  const cols = columnsOf(spec);
  const params: unknown[] = [batch.map((b) => b.id), ...cols.map((c) => batch.map((b) => b.values[c] ?? null))];
  const sets = cols.map((c) => `${c} = v.${c}`).join(', ');
  const casts = ['$1::uuid[]', ...cols.map((_, i) => `$${i + 2}::text[]`)].join(', ');
  await client.query(`UPDATE ${spec.table} t SET ${sets} FROM unnest(${casts}) AS v(id, ${cols.join(', ')}) WHERE t.id = v.id`, params);
}

export interface BatchResult {
  rows: number;
  lastId: string | null;
  /** Rows whose unique blind index collided with another row's (kept encrypted, without the index). */
  conflicts: string[];
}

/**
 * One batch of `spec` after `afterId`, in the caller's transaction: the rows are locked (FOR UPDATE), resealed
 * and written. `onWritten` runs in the same transaction (progress bookkeeping).
 */
export async function convertBatch(
  client: pg.ClientBase,
  spec: TableSpec,
  opts: { mode: ConvertMode; ring: Keyring; afterId: string; batchSize: number },
): Promise<BatchResult> {
  const cols = columnsOf(spec);
  const { rows } = await client.query<Row>(
    `SELECT id::text AS id, ${cols.join(', ')} FROM ${spec.table}
     WHERE id > $1::uuid AND ${needsWorkSql(spec, opts.mode, opts.ring)}
     ORDER BY id LIMIT $2 FOR UPDATE`,
    [opts.afterId, opts.batchSize],
  );
  if (rows.length === 0) return { rows: 0, lastId: null, conflicts: [] };
  const batch = rows.map((r) => reseal(spec, r, opts.mode, opts.ring));
  const conflicts: string[] = [];
  await client.query('SAVEPOINT convert_batch');
  try {
    await writeBatch(client, spec, batch);
    await client.query('RELEASE SAVEPOINT convert_batch');
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT convert_batch');
    for (const item of batch) {
      await client.query('SAVEPOINT convert_row');
      try {
        await writeBatch(client, spec, [item]);
        await client.query('RELEASE SAVEPOINT convert_row');
      } catch (rowError) {
        if ((rowError as { code?: string }).code !== '23505') throw rowError;
        await client.query('ROLLBACK TO SAVEPOINT convert_row');
        const withoutIndex = { ...item, values: { ...item.values } };
        for (const f of spec.fields) if (f.bidx) withoutIndex.values[f.bidx] = null;
        await writeBatch(client, spec, [withoutIndex]);
        conflicts.push(item.id);
      }
    }
  }
  return { rows: rows.length, lastId: rows[rows.length - 1].id as string, conflicts };
}

/** Advisory lock shared by the start-up conversion and rotate-key (one of them at a time). */
export const PERSONAL_DATA_LOCK = 72707370;

/**
 * The start-up conversion of plain and un-indexed values (see the header). Skips quietly when a rotation
 * holds the lock (it converts the same rows), and needs the key only when there is something to convert.
 */
export async function convertLegacyPersonalData(
  client: pg.ClientBase,
  getRing: () => Keyring,
  log: (line: string) => void = console.log,
  batchSize = 500,
): Promise<{ rows: number; conflicts: string[] }> {
  const pending = await tablesNeedingWork(client, 'convert', null);
  if (pending.length === 0) return { rows: 0, conflicts: [] };
  const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [PERSONAL_DATA_LOCK]);
  if (!lock[0]?.ok) {
    log('[privacy] a key rotation is running; it converts the remaining plain values');
    return { rows: 0, conflicts: [] };
  }
  const ring = getRing();
  let total = 0;
  const conflicts: string[] = [];
  try {
    for (const spec of pending) {
      let afterId = ZERO_UUID;
      for (;;) {
        await client.query('BEGIN');
        try {
          const r = await convertBatch(client, spec, { mode: 'convert', ring, afterId, batchSize });
          await client.query('COMMIT');
          if (r.rows === 0 || r.lastId === null) break;
          total += r.rows;
          conflicts.push(...r.conflicts);
          afterId = r.lastId;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PERSONAL_DATA_LOCK]);
  }
  if (total > 0) log(`[privacy] encrypted the personal data of ${total} row(s) stored before encryption`);
  for (const id of conflicts) log(`[privacy] account ${id}: its identifier collides with another account's after normalisation; it cannot sign in with it until an admin resolves it`);
  return { rows: total, conflicts };
}
