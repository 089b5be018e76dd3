/**
 * `npm run seed:dump -- OUT.txt`: seeds the demo data into a fresh embedded PostgreSQL in a temporary folder,
 * reports how long the seed took (wall time, CPU of this Node process and of the PostgreSQL backends, SQL
 * statements sent, load average), then writes a content dump of the seeded database to OUT.txt (optional).
 *
 * The dump is for checking that a change to the seed (lib/seed/*) keeps the demo data the same: compare the
 * dumps of two runs on the same day (`diff a.txt b.txt`). Every row of every table the seed writes, as JSON,
 * with what differs between two identical runs taken out or replaced by stable labels: row ids (uuid v7,
 * time-based) → "<table>:<case label>:<n>", user ids → the user's name, case ids → the applicant's decrypted
 * mobile number (unique per demo case), tracking numbers (random) → the same case label, ciphertexts, keyed
 * hashes and blind indexes (random IVs and per-cluster keys) and the write-time columns (created_at …, the
 * wall clock) dropped, other times from the wall clock during the run shown as "<wall clock>". Development tool; not used by the app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-seed-'));
process.env.GONGKAI_DATA_DIR = dataDir;
process.env.GONGKAI_PG_PORT ??= '0';
delete process.env.DATABASE_URL;

/** Columns whose values are the wall clock or random by design (see the header). */
const VOLATILE = /^(id|created_at|updated_at|uploaded_at|next_attempt_at|loaded_at|published_at|started_at|run_after|at|submission_key|tracking_no)$|_(enc|hash|bidx)$/;
/** Tables the seed does not write, or whose rows are keys and counters of their own. */
const SKIP = new Set(['_prisma_migrations', 'stable_keys']);
/**
 * Cache generation counters (lib/statistics/annual-table-cache.ts): bumped by triggers once per statement that
 * writes a case, so they count statements, not content; a random slot spreads the bumps. Only compared for
 * being there (one row per organisation or organisation and year).
 */
const COUNTERS = new Set(['case_generations', 'report_generations']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** CPU seconds of the PostgreSQL cluster so far: the postmaster, its live children and its reaped ones. */
function postgresCpuSeconds(): number {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  const tick = 100; // USER_HZ on Linux
  const fields = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  let ticks = 0;
  const own = fields(postmaster);
  ticks += Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]); // utime stime cutime cstime
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = fields(Number(entry));
      if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended meanwhile: its time is in the postmaster's cutime once reaped
    }
  }
  return ticks / tick;
}

async function main() {
  const out = process.argv[2];
  const { appEnvironment, openDatabase } = await import('../lib/db/local-env');
  let database = await openDatabase(() => {});
  if (process.env.SEED_DUMP_PGSS) {
    // PostgreSQL's own time per statement shape (SEED_DUMP_PGSS=1): pg_stat_statements, loaded at a restart.
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    await c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await c.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = on`);
    await c.end();
    await database.stop();
    database = await openDatabase(() => {});
    const c2 = new pg.Client({ connectionString: database.url });
    await c2.connect();
    await c2.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c2.query('SELECT pg_stat_statements_reset()');
    await c2.end();
  }
  Object.assign(process.env, appEnvironment(database.url));
  const { recordStatements } = await import('../test/sql-statements');
  try {
    const { seedIfEmpty } = await import('../lib/seed/seed-demo');
    const load0 = os.loadavg();
    const pg0 = postgresCpuSeconds();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const startedAt = new Date();
    const statements = recordStatements();
    await seedIfEmpty((l) => console.log(l));
    const sql = statements.stop();
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const pgCpu = postgresCpuSeconds() - pg0;
    const load1 = os.loadavg();
    console.log(
      `[seed-dump] seed: wall ${wall.toFixed(1)} s; Node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; ` +
        `PostgreSQL CPU ${pgCpu.toFixed(1)} s; ${sql.length} statements (${sql.filter((s) => s === 'BEGIN').length} transactions); ` +
        `load average ${load0.map((x) => x.toFixed(2)).join(' ')} → ${load1.map((x) => x.toFixed(2)).join(' ')}`,
    );
    if (process.env.SEED_DUMP_SQL) {
      // The statements by shape, most frequent first (SEED_DUMP_SQL=1).
      const shapes = new Map<string, number>();
      for (const text of sql) {
        const shape = text.replace(/\s+/g, ' ').slice(0, 140);
        shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      }
      for (const [shape, n] of [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${String(n).padStart(6)}  ${shape}`);
    }
    if (process.env.SEED_DUMP_PGSS) {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      const rows = (
        await c.query<{ calls: string; plan: number; exec: number; query: string }>(
          `SELECT calls, total_plan_time AS plan, total_exec_time AS exec, query FROM pg_stat_statements ORDER BY total_plan_time + total_exec_time DESC LIMIT 30`,
        )
      ).rows;
      for (const r of rows) console.log(`${String(r.calls).padStart(6)} plan ${r.plan.toFixed(0).padStart(5)} ms exec ${r.exec.toFixed(0).padStart(5)} ms  ${r.query.replace(/\s+/g, ' ').slice(0, 110)}`);
      await c.end();
    }
    if (out) {
      fs.writeFileSync(out, await dump(database.url, startedAt));
      console.log(`[seed-dump] content dump written to ${out}`);
    }
  } finally {
    const { db } = await import('../lib/db');
    await db.$disconnect();
    // The plain-pg pool of the portal submissions (lib/db-pool.ts): closed before PostgreSQL stops, or its idle
    // connection's "terminating connection" error ends the process with a stack trace.
    await (globalThis as unknown as { gongkaiPgPool?: { end: () => Promise<void> } }).gongkaiPgPool?.end();
    await database.stop();
    if (process.env.SEED_DUMP_PGSS) fs.rmSync(path.join(dataDir, 'pg', 'postgresql.auto.conf'), { force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Row order by id: numerically for sequences, as text for uuid v7 (both follow the order of writing). */
function byId(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const [x, y] = [String(a.id), String(b.id)];
  if (/^\d+$/.test(x) && /^\d+$/.test(y)) return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
  return x < y ? -1 : x > y ? 1 : 0;
}

async function dump(url: string, startedAt: Date): Promise<string> {
  const { default: pg } = await import('pg');
  const { openCaseContact } = await import('../lib/privacy/personal-data');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rowsOf = async (table: string) => (await client.query(`SELECT to_jsonb(t) AS j FROM "${table}" t`)).rows.map((r) => r.j as Record<string, unknown>);
    const labels = new Map<string, string>();
    for (const u of await rowsOf('users')) labels.set(String(u.id), `user:${String(u.name)}`);
    const cases = await rowsOf('cases');
    const caseLabel = new Map<string, string>();
    for (const c of cases) {
      const contact = openCaseContact({ mobileEnc: c.mobile_enc as string | null, emailEnc: c.email_enc as string | null, postalAddressEnc: c.postal_address_enc as string | null });
      const label = `case:${contact.mobile ?? contact.email ?? String(c.id)}`;
      labels.set(String(c.id), label);
      caseLabel.set(String(c.id), label);
      labels.set(String(c.tracking_no), label);
    }
    const tables = (
      await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)
    ).rows.map((r) => r.table_name);
    const data = new Map<string, Record<string, unknown>[]>();
    for (const t of tables) if (!SKIP.has(t)) data.set(t, await rowsOf(t));
    // Row ids of the other tables: numbered per case (or per table) in id order (uuid v7 and sequences follow
    // the order of writing, which within one case is the order of its steps).
    for (const [t, rows] of data) {
      if (t === 'users' || t === 'cases') continue;
      const counters = new Map<string, number>();
      for (const r of [...rows].sort(byId)) {
        // Sequence ids, and rows of no case (random keys): not referenced by what the seed writes.
        if (!UUID.test(String(r.id)) || !caseLabel.has(String(r.case_id))) continue;
        const owner = caseLabel.get(String(r.case_id)) ?? '';
        const n = (counters.get(owner) ?? 0) + 1;
        counters.set(owner, n);
        labels.set(String(r.id), `${t}:${owner}:${n}`);
      }
    }
    const relabel = (v: unknown): unknown => {
      if (typeof v === 'string') {
        if (labels.has(v)) return labels.get(v);
        // A time written from the wall clock during the run, not from a step's date (e.g. a notice's approved_at).
        if (/^\d{4}-\d{2}-\d{2}T/.test(v) && Date.parse(v) >= startedAt.getTime()) return '<wall clock>';
        return v.replace(/[0-9A-Za-z-]{13,}/g, (m) => labels.get(m) ?? m);
      }
      if (Array.isArray(v)) return v.map(relabel);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, relabel(x)]));
      return v;
    };
    const lines: string[] = [];
    for (const [t, rows] of data) {
      const stable = rows.map((r) => {
        if (COUNTERS.has(t)) return JSON.stringify({ org_id: r.org_id, year: r.year });
        const kept = Object.fromEntries(Object.entries(r).filter(([k]) => !VOLATILE.test(k)));
        const ref = labels.get(String(r.id)) ?? (t === 'organisations' ? r.id : undefined);
        return JSON.stringify({ ...(ref !== undefined ? { ref } : {}), ...(relabel(kept) as object) });
      });
      const kept = COUNTERS.has(t) ? [...new Set(stable)] : stable;
      kept.sort();
      lines.push(`== ${t} (${kept.length})`, ...kept);
    }
    return `${lines.join('\n')}\n`;
  } finally {
    await client.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
