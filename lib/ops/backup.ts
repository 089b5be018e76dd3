/**
 * Backup and restore of the whole system (`npm run cli -- backup FILE` / `restore FILE`): every table of the
 * application's schema — cases, events, documents, attachments (their bytes are in the database), users,
 * organisations, settings, calendar, audit trail, outbox, jobs … — written generically from the database's own
 * catalogue, so a table or column added by a later migration is included without a change here.
 *
 * NOT in a backup, by design (the command says so): the secrets, which live outside the database —
 * NEXTAUTH_SECRET, GONGKAI_ENCRYPTION_KEY and any other GONGKAI_*_KEY (encrypted columns can only be read
 * with the same key, so keep it with the backup but apart from it), SMTP/SMS credentials, `.data/secrets.json`
 * — and `_prisma_migrations` (the target is migrated by the app itself; the backup names the migrations it
 * needs). Tables outside the `public` schema (a job queue's own schema) are not application data either.
 *
 * Format: gzip of JSON lines. A header (format, version, time, migrations, tables in restore order), then per
 * table a `table` line (columns and their types), one line per row (every value as PostgreSQL's text form, or
 * null: exact for every type, bytea included), and an `end` line with the row count and a SHA-256 over the
 * rows in primary-key order; last, a manifest line repeating every table's count and checksum.
 *
 * Consistency: the backup reads every table in one REPEATABLE READ, READ ONLY transaction (one snapshot), so
 * the app can keep running. Restore goes into an empty, migrated database, in one transaction: tables in
 * foreign-key order (a self-referencing table such as organisations parent-first), user triggers off while
 * loading (derived rows such as report_generations come from the backup, not from the triggers), sequences
 * set past the restored ids; then the counts and checksums are recomputed from the database and compared
 * with the manifest before the transaction commits. Any difference rolls everything back.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import pg from 'pg';

export const BACKUP_FORMAT = 'gongkai-backup';
export const BACKUP_VERSION = 1;

/** What a backup never contains, said by the command and written into the header. */
export const SECRETS_EXCLUDED = [
  'NEXTAUTH_SECRET',
  'GONGKAI_ENCRYPTION_KEY (and any other GONGKAI_*_KEY): encrypted columns need the same key after a restore',
  'SMTP / SMS credentials',
  '.data/secrets.json (embedded default)',
];

const SKIPPED_TABLES = new Set(['_prisma_migrations']);

export interface ColumnInfo {
  name: string;
  /** format_type(): the exact SQL type, e.g. `timestamp(3) with time zone`, `"CaseStatus"`, `bytea`. */
  type: string;
  identity: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Primary-key columns (the row order of the checksum); all columns when there is none. */
  orderBy: string[];
  /** Columns referencing the table itself, with the referenced columns (parent-first loading). */
  selfRefs: { columns: string[]; refColumns: string[] }[];
  hasBytea: boolean;
}

export interface TableSummary {
  rows: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  migrations: string[];
  tables: Record<string, TableSummary>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Application tables of the `public` schema in foreign-key order (referenced tables first). */
export async function describeTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    )
  ).rows
    .map((r) => r.name)
    .filter((name) => !SKIPPED_TABLES.has(name));

  const columns = await client.query<{ table: string; name: string; type: string; identity: string; generated: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attidentity AS identity, a.attgenerated AS generated
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum`,
  );
  const pks = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
     WHERE n.nspname = 'public' AND i.indisprimary GROUP BY c.relname`,
  );
  const fks = await client.query<{ table: string; ref: string; columns: string[]; ref_columns: string[] }>(
    `SELECT c.relname AS table, r.relname AS ref,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(f.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(f.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.attnum) AS ref_columns
     FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class r ON r.oid = f.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE f.contype = 'f' AND n.nspname = 'public'`,
  );

  const info = new Map<string, TableInfo>();
  for (const name of tables) {
    const cols = columns.rows.filter((c) => c.table === name && c.generated === '');
    const pk = pks.rows.find((p) => p.table === name)?.columns;
    info.set(name, {
      name,
      columns: cols.map((c) => ({ name: c.name, type: c.type, identity: c.identity !== '' })),
      orderBy: pk && pk.length ? pk : cols.map((c) => c.name),
      selfRefs: fks.rows.filter((f) => f.table === name && f.ref === name).map((f) => ({ columns: f.columns, refColumns: f.ref_columns })),
      hasBytea: cols.some((c) => c.type === 'bytea'),
    });
  }

  // Topological order: a table comes after every other table it references.
  const deps = new Map(tables.map((t) => [t, new Set(fks.rows.filter((f) => f.table === t && f.ref !== t && info.has(f.ref)).map((f) => f.ref))]));
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (placed.size < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...deps.get(t)!].every((d) => placed.has(d)));
    if (ready.length === 0) {
      const rest = tables.filter((t) => !placed.has(t));
      throw new Error(`foreign keys form a cycle between ${rest.join(', ')}: backup cannot order them`);
    }
    for (const t of ready) {
      placed.add(t);
      ordered.push(info.get(t)!);
    }
  }
  return ordered;
}

/** `SELECT col::text, …` in primary-key order: the canonical row form of the dump and the checksum. */
function selectText(table: TableInfo): string {
  const cols = table.columns.map((c) => `${ident(c.name)}::text`).join(', ');
  return `SELECT ${cols} FROM ${ident(table.name)} ORDER BY ${table.orderBy.map(ident).join(', ')}`;
}

function rowDigestLine(values: (string | null)[]): string {
  return `${JSON.stringify(values)}\n`;
}

/** Row count and checksum of a table as it is in the database (same order and form as the dump). */
async function summarise(client: pg.ClientBase, table: TableInfo): Promise<TableSummary> {
  const hash = createHash('sha256');
  let rows = 0;
  await readRows(client, table, (values) => {
    hash.update(rowDigestLine(values));
    rows++;
  });
  return { rows, sha256: hash.digest('hex') };
}

/** Every row of the table in canonical order, through a cursor (batches small for tables with files). */
async function readRows(client: pg.ClientBase, table: TableInfo, onRow: (values: (string | null)[]) => void | Promise<void>): Promise<void> {
  const cursor = `gk_backup_${table.name.replace(/\W/g, '_')}`;
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${selectText(table)}`);
  const batch = table.hasBytea ? 20 : 2000;
  try {
    for (;;) {
      const res = await client.query({ text: `FETCH ${batch} FROM ${cursor}`, rowMode: 'array' });
      for (const row of res.rows as (string | null)[][]) await onRow(row);
      if (res.rows.length < batch) break;
    }
  } finally {
    await client.query(`CLOSE ${cursor}`);
  }
}

async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const exists = await client.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return [];
  const res = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return res.rows.map((r) => r.migration_name);
}

/** Writes a gzip'd JSON-lines stream to `file` from an async generator of lines. */
async function writeLines(file: string, lines: AsyncGenerator<string>): Promise<void> {
  const tmp = `${file}.partial`;
  await pipeline(Readable.from(lines), zlib.createGzip({ level: 6 }), fs.createWriteStream(tmp, { mode: 0o600 }));
  fs.renameSync(tmp, file);
}

/** Backs up every application table of the database at `url` into `file`. */
export async function backupDatabase(url: string, file: string, log: (line: string) => void = () => {}): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const manifest: BackupManifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), migrations: [], tables: {} };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const tables = await describeTables(client);
    manifest.migrations = await appliedMigrations(client);
    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify({ kind: 'header', format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: manifest.createdAt, migrations: manifest.migrations, tables: tables.map((t) => t.name), secretsExcluded: SECRETS_EXCLUDED })}\n`;
      for (const table of tables) {
        yield `${JSON.stringify({ kind: 'table', name: table.name, columns: table.columns.map((c) => ({ name: c.name, type: c.type })) })}\n`;
        const hash = createHash('sha256');
        let rows = 0;
        const buffered: string[] = [];
        // The cursor is read in batches; rows are yielded as they come (no table is held in memory).
        const cursor = `gk_dump_${table.name.replace(/\W/g, '_')}`;
        await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${selectText(table)}`);
        const batch = table.hasBytea ? 20 : 2000;
        for (;;) {
          const res = await client.query({ text: `FETCH ${batch} FROM ${cursor}`, rowMode: 'array' });
          for (const row of res.rows as (string | null)[][]) {
            hash.update(rowDigestLine(row));
            rows++;
            buffered.push(`${JSON.stringify({ r: row })}\n`);
          }
          if (buffered.length) yield buffered.splice(0).join('');
          if (res.rows.length < batch) break;
        }
        await client.query(`CLOSE ${cursor}`);
        const summary = { rows, sha256: hash.digest('hex') };
        manifest.tables[table.name] = summary;
        log(`[backup] ${table.name}: ${rows} row(s)`);
        yield `${JSON.stringify({ kind: 'end', name: table.name, ...summary })}\n`;
      }
      yield `${JSON.stringify({ kind: 'manifest', ...manifest })}\n`;
    }
    await writeLines(file, lines());
    await client.query('COMMIT');
    return manifest;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

type Line =
  | { kind: 'header'; format: string; version: number; migrations: string[]; tables: string[] }
  | { kind: 'table'; name: string; columns: { name: string; type: string }[] }
  | { r: (string | null)[] }
  | ({ kind: 'end'; name: string } & TableSummary)
  | ({ kind: 'manifest' } & BackupManifest);

async function* readLines(file: string): AsyncGenerator<Line> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) if (line) yield JSON.parse(line) as Line;
}

/** Reads only the manifest of a backup file (e.g. to show what a restore would bring). */
export async function readManifest(file: string): Promise<BackupManifest> {
  let manifest: BackupManifest | null = null;
  for await (const line of readLines(file)) {
    if ('kind' in line && line.kind === 'manifest') {
      const { kind: _kind, ...rest } = line;
      manifest = rest;
    }
  }
  if (!manifest) throw new Error(`${file}: not a complete Gongkai backup (no manifest)`);
  return manifest;
}

export class RestoreError extends Error {}

/** Row counts and checksums of every application table of the database at `url`. */
export async function databaseSummary(url: string): Promise<Record<string, TableSummary>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const out: Record<string, TableSummary> = {};
    for (const table of await describeTables(client)) out[table.name] = await summarise(client, table);
    await client.query('COMMIT');
    return out;
  } finally {
    await client.end();
  }
}

/**
 * Restores `file` into the database at `url`, which must be migrated to the backup's migrations and hold no
 * application rows. All or nothing; the counts and checksums are verified before the commit.
 */
export async function restoreDatabase(url: string, file: string, log: (line: string) => void = () => {}): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = new Map((await describeTables(client)).map((t) => [t.name, t]));
    const migrations = await appliedMigrations(client);
    await client.query('BEGIN');
    let header: Extract<Line, { kind: 'header' }> | null = null;
    let current: { table: TableInfo; columns: string[]; types: string[]; pending: (string | null)[][]; deferred: (string | null)[][]; rows: number } | null = null;
    let manifest: BackupManifest | null = null;

    const flush = async (force = false) => {
      if (!current || current.pending.length === 0) return;
      if (!force && current.pending.length < Math.max(1, Math.min(500, Math.floor(30_000 / current.columns.length)))) return;
      await insertRows(client, current.table, current.columns, current.types, current.pending);
      current.rows += current.pending.length;
      current.pending = [];
    };

    for await (const line of readLines(file)) {
      if ('r' in line) {
        if (!current) throw new RestoreError('row before its table');
        if (current.table.selfRefs.length) current.deferred.push(line.r);
        else {
          current.pending.push(line.r);
          if (current.table.hasBytea ? current.pending.length >= 20 : true) await flush();
        }
        continue;
      }
      switch (line.kind) {
        case 'header': {
          if (line.format !== BACKUP_FORMAT || line.version > BACKUP_VERSION) throw new RestoreError(`${file} is not a Gongkai backup of version ≤ ${BACKUP_VERSION}`);
          const missing = line.migrations.filter((m) => !migrations.includes(m));
          const extra = migrations.filter((m) => !line.migrations.includes(m));
          if (missing.length) throw new RestoreError(`the target database lacks migrations of the backup: ${missing.join(', ')} (upgrade the app first)`);
          if (extra.length) log(`[restore] the target has newer migrations than the backup (${extra.join(', ')}): their new columns keep their defaults`);
          const nonEmpty: string[] = [];
          for (const t of tables.values()) {
            const res = await client.query(`SELECT EXISTS (SELECT 1 FROM ${ident(t.name)}) AS any`);
            if (res.rows[0].any) nonEmpty.push(t.name);
          }
          if (nonEmpty.length) throw new RestoreError(`the target database is not empty (${nonEmpty.join(', ')}): restore needs a new, migrated database`);
          for (const t of tables.values()) await client.query(`ALTER TABLE ${ident(t.name)} DISABLE TRIGGER USER`);
          header = line;
          break;
        }
        case 'table': {
          if (!header) throw new RestoreError('table before the header');
          const table = tables.get(line.name);
          if (!table) throw new RestoreError(`the target database has no table ${line.name}`);
          const known = new Set(table.columns.map((c) => c.name));
          const unknown = line.columns.filter((c) => !known.has(c.name));
          if (unknown.length) throw new RestoreError(`table ${line.name} lacks columns ${unknown.map((c) => c.name).join(', ')}`);
          current = { table, columns: line.columns.map((c) => c.name), types: line.columns.map((c) => table.columns.find((tc) => tc.name === c.name)!.type), pending: [], deferred: [], rows: 0 };
          break;
        }
        case 'end': {
          if (!current || current.table.name !== line.name) throw new RestoreError(`unexpected end of ${line.name}`);
          await flush(true);
          if (current.deferred.length) await insertParentFirst(client, current);
          if (current.rows !== line.rows) throw new RestoreError(`${line.name}: ${current.rows} row(s) loaded, ${line.rows} in the backup`);
          log(`[restore] ${line.name}: ${current.rows} row(s)`);
          current = null;
          break;
        }
        case 'manifest': {
          const { kind: _kind, ...rest } = line;
          manifest = rest;
          break;
        }
      }
    }
    if (!header || !manifest) throw new RestoreError(`${file} is incomplete (no ${header ? 'manifest' : 'header'})`);
    for (const t of tables.values()) await client.query(`ALTER TABLE ${ident(t.name)} ENABLE TRIGGER USER`);
    await resetSequences(client);
    // Verify inside the transaction: counts and checksums as the database now holds them.
    for (const [name, expected] of Object.entries(manifest.tables)) {
      const table = tables.get(name)!;
      const actual = await summarise(client, table);
      if (actual.rows !== expected.rows || actual.sha256 !== expected.sha256) {
        throw new RestoreError(`${name}: verification failed (${actual.rows} rows, checksum ${actual.sha256.slice(0, 12)}…; backup ${expected.rows}, ${expected.sha256.slice(0, 12)}…)`);
      }
    }
    await client.query('COMMIT');
    return manifest;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

async function insertRows(client: pg.ClientBase, table: TableInfo, columns: string[], types: string[], rows: (string | null)[][]): Promise<void> {
  if (rows.length === 0) return;
  const params: (string | null)[] = [];
  const tuples = rows.map((row) => `(${row.map((v, i) => {
    params.push(v);
    return `$${params.length}::${types[i]}`;
  }).join(', ')})`);
  const overriding = table.columns.some((c) => c.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
  await client.query(`INSERT INTO ${ident(table.name)} (${columns.map(ident).join(', ')})${overriding} VALUES ${tuples.join(', ')}`, params);
}

/** A self-referencing table: rows whose parent is already loaded (or none), pass after pass. */
async function insertParentFirst(
  client: pg.ClientBase,
  current: { table: TableInfo; columns: string[]; types: string[]; deferred: (string | null)[][]; rows: number },
): Promise<void> {
  const idx = (name: string) => current.columns.indexOf(name);
  const loaded = new Set<string>();
  const keyOf = (row: (string | null)[], cols: string[]) => JSON.stringify(cols.map((c) => row[idx(c)]));
  let remaining = current.deferred;
  while (remaining.length) {
    const ready = remaining.filter((row) =>
      current.table.selfRefs.every((ref) => ref.columns.some((c) => row[idx(c)] === null) || loaded.has(`${ref.refColumns.join()}|${keyOf(row, ref.columns)}`)),
    );
    if (ready.length === 0) throw new RestoreError(`${current.table.name}: rows reference each other in a cycle`);
    for (let i = 0; i < ready.length; i += 200) await insertRows(client, current.table, current.columns, current.types, ready.slice(i, i + 200));
    for (const row of ready) for (const ref of current.table.selfRefs) loaded.add(`${ref.refColumns.join()}|${keyOf(row, ref.refColumns)}`);
    const readySet = new Set(ready);
    remaining = remaining.filter((row) => !readySet.has(row));
    current.rows += ready.length;
  }
  current.deferred = [];
}

/** Every sequence owned by a public column, set past the largest restored value. */
async function resetSequences(client: pg.ClientBase): Promise<void> {
  const seqs = await client.query<{ seq: string; table: string; column: string }>(
    `SELECT s.relname AS seq, t.relname AS table, a.attname AS column
     FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
     JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     JOIN pg_namespace n ON n.oid = s.relnamespace
     WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  );
  for (const s of seqs.rows) {
    await client.query(
      `SELECT setval('public.${ident(s.seq)}', COALESCE((SELECT max(${ident(s.column)}) FROM ${ident(s.table)}), 0) + 1, false)`,
    );
  }
}
