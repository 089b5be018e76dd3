/**
 * The benchmark's HTTP section (issue 13): the built app (as `npm start` serves it: scripts/server.mjs with its web workers, GONGKAI_DIST_DIR) against the bench
 * database, measured with autocannon at each concurrency, each measurement interleaved round by round with
 * its floor:
 *
 * - Pages (GET): the floor is the SQL the page itself sends, captured from the running server
 *   (scripts/bench-sql-capture.cjs) on one request, replayed with plain `pg` by as many connections as the
 *   HTTP run has clients, statement after statement, for the same time. The ratio is HTTP p50 / floor p50:
 *   what rendering, serialisation, the framework and the network add to the database's own work.
 * - Portal submission (POST of the application form to /api/portal/apply, as the form sends it, a fresh idempotency key per request and one in ten
 *   sent twice): the floor is the captured write statements replayed with fresh keys and ids. After the run
 *   every acknowledged submission is checked to exist exactly once (zero loss, no duplicates).
 *
 * Every figure is printed with the load average around it; the machine is shared.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
import { signIn, startBuiltApp, type RunningApp } from './http-app';
import { postmasterPid, treeCpuMs } from './proc-cpu';

export interface HttpBenchOptions {
  dbUrl: string;
  distDir: string;
  port: number;
  rounds: number;
  seconds: number;
  concurrency: number[];
  /** Only the scenarios whose name contains this text. */
  filter?: string;
  /**
   * Seconds of unmeasured load before each scenario's rounds (default 20), at its highest concurrency: every
   * web worker compiles the scenario's code and warms its JIT (V8 optimises a worker's hot code only after some
   * hundreds of requests: with 5 s, two workers measured at half their later rate) before anything is timed.
   */
  warmup?: number;
  /** Write V8 CPU profiles of the server (`node --cpu-prof`: one per web worker, one for the cluster primary) into this directory when it stops. */
  cpuProf?: string;
  /** Write each page's document (the last warm-up response) and its captured SQL (repeat and first view) into this directory. */
  saveDocs?: string;
  log: (line: string) => void;
}

interface Captured {
  text: string;
  values: unknown[];
}

interface Sample {
  latencies: number[];
  requests: number;
  seconds: number;
  errors: number;
  load: number;
  /** CPU ms of the app server (all web workers) and of PostgreSQL during the run, when /proc tells. */
  serverCpuMs?: number;
  pgCpuMs?: number;
}

/** Where the CPU of a run is measured: the app server's process tree and the embedded PostgreSQL's. */
interface CpuProbe {
  server?: number;
  pg?: number;
}
let cpuProbe: CpuProbe = {};

const BENCH_PASSWORD = 'bench-http-password';
const BENCH_IDENTIFIER = 'clerk@bench.invalid';
const ROOT_CLERK_ID = '00000000-0000-4000-8000-000000000001';

const pct = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

function summarise(samples: Sample[]) {
  const all = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const requests = samples.reduce((n, s) => n + s.requests, 0);
  const seconds = samples.reduce((n, s) => n + s.seconds, 0);
  const loads = samples.map((s) => s.load);
  const cpu = (k: 'serverCpuMs' | 'pgCpuMs') => (samples.every((s) => s[k] !== undefined) ? samples.reduce((n, s) => n + s[k]!, 0) / Math.max(1, requests) : undefined);
  return {
    p50: pct(all, 50),
    p95: pct(all, 95),
    p99: pct(all, 99),
    rps: requests / seconds,
    serverCpuPerReq: cpu('serverCpuMs'),
    pgCpuPerReq: cpu('pgCpuMs'),
    errors: samples.reduce((n, s) => n + s.errors, 0),
    load: `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
  };
}

/**
 * CPU per answered request, and the throughput that CPU allows when the machine's cores do nothing else:
 * on a shared machine req/s mostly measures the neighbours, CPU per request much less.
 */
function cpuLine(name: string, c: number, h: ReturnType<typeof summarise>): string | null {
  if (h.serverCpuPerReq === undefined) return null;
  const pg = h.pgCpuPerReq;
  const total = h.serverCpuPerReq + (pg ?? 0);
  return (
    `- ${name}, c=${c}: CPU per request: app server ${h.serverCpuPerReq.toFixed(1)} ms` +
    (pg !== undefined ? `, PostgreSQL ${pg.toFixed(1)} ms` : '') +
    ` → at most ≈ ${((os.availableParallelism() * 1000) / total).toFixed(0)} req/s on ${os.availableParallelism()} idle cores`
  );
}

// ── HTTP ───────────────────────────────────────────────────────────────────────────────────────────────

async function httpRun(opts: {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  setupRequest?: (req: Record<string, unknown>, context: Record<string, unknown>) => Record<string, unknown>;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}): Promise<Sample> {
  const latencies: number[] = [];
  const load = os.loadavg()[0];
  const cpuBefore = { server: treeCpuMs(cpuProbe.server), pg: treeCpuMs(cpuProbe.pg) };
  const options: autocannon.Options = {
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: opts.headers,
    timeout: 30,
    requests: [
      {
        method: opts.method ?? 'GET',
        ...(opts.setupRequest ? { setupRequest: opts.setupRequest as never } : {}),
        ...(opts.onResponse ? { onResponse: opts.onResponse as never } : {}),
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode < 400) latencies.push(responseTime);
    });
  });
  const cpuAfter = { server: treeCpuMs(cpuProbe.server), pg: treeCpuMs(cpuProbe.pg) };
  return {
    latencies,
    requests: latencies.length,
    seconds: result.duration,
    errors: result.errors + result.timeouts + result.non2xx,
    load,
    serverCpuMs: cpuBefore.server !== null && cpuAfter.server !== null ? cpuAfter.server - cpuBefore.server : undefined,
    pgCpuMs: cpuBefore.pg !== null && cpuAfter.pg !== null ? cpuAfter.pg - cpuBefore.pg : undefined,
  };
}

// ── floor: the captured statements replayed with plain pg ─────────────────────────────────────────────────

async function floorRun(opts: { dbUrl: string; statements: () => Captured[]; connections: number; seconds: number }): Promise<Sample> {
  const clients = await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      const c = new pg.Client({ connectionString: opts.dbUrl });
      await c.connect();
      return c;
    }),
  );
  const load = os.loadavg()[0];
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          for (const s of opts.statements()) await client.query(s.text, s.values);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
          await client.query('ROLLBACK').catch(() => undefined);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return { latencies, requests: latencies.length, seconds, errors, load };
}

/** The three slowest statements of a captured set (one warm run, then one timed), for the log. */
async function slowest(dbUrl: string, statements: Captured[]): Promise<string> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    for (const s of statements) await client.query(s.text, s.values).catch(() => undefined);
    const timed: { ms: number; text: string }[] = [];
    for (const s of statements) {
      const t0 = performance.now();
      await client.query(s.text, s.values).catch(() => undefined);
      timed.push({ ms: performance.now() - t0, text: s.text.replace(/\s+/g, ' ').slice(0, 160) });
    }
    const total = timed.reduce((n, t) => n + t.ms, 0);
    return `${statements.length} statements, ${total.toFixed(1)} ms; slowest: ${timed
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((t) => `${t.ms.toFixed(1)} ms ${t.text}`)
      .join(' | ')}`;
  } finally {
    await client.end();
  }
}

// ── set-up ─────────────────────────────────────────────────────────────────────────────────────────────

async function prepareDatabase(dbUrl: string): Promise<{ casePath: string }> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    // The root clerk (scripts/bench.ts creates one clerk per organisation with an unusable hash) signs in,
    // with its identifier encrypted under the app's key (lib/privacy/personal-data.ts).
    const { userIdentifierData } = await import('@/lib/privacy/personal-data');
    const id = userIdentifierData(BENCH_IDENTIFIER);
    if (!('emailEnc' in id)) throw new Error('the bench identifier is an e-mail address');
    await client.query(
      `UPDATE users SET password_hash = $1, email_enc = $2, email_bidx = $3, email_plain = NULL, mobile_enc = NULL, mobile_bidx = NULL, mobile_plain = NULL WHERE id = $4`,
      [await hash(BENCH_PASSWORD), id.emailEnc, id.emailBidx, ROOT_CLERK_ID],
    );
    // A recent open case of the root organisation for the case page.
    const open = await client.query(
      `SELECT id FROM cases WHERE org_id = 1 AND status = 'in_progress' ORDER BY received_on DESC NULLS LAST, id DESC LIMIT 1`,
    );
    const caseId = open.rows[0]?.id as string;
    // The generated contact details are placeholders under a key no server has (scripts/bench.ts, data
    // version 3): this case's are sealed under the run's key so that its page can open them.
    const { caseContactData } = await import('@/lib/privacy/personal-data');
    const sealed = caseContactData({ mobile: '13800138000', email: null, postalAddress: '示范市人民路1号', idNumber: null });
    await client.query(`UPDATE cases SET mobile_enc = $1, mobile_bidx = $2, postal_address_enc = $3, email_enc = NULL, email_bidx = NULL, id_number_enc = NULL WHERE id = $4`, [
      sealed.mobileEnc,
      sealed.mobileBidx,
      sealed.postalAddressEnc,
      caseId,
    ]);
    // The due-soon view ("due within 5 working days") lists open cases whose answer is due from today on; the
    // generated cases all fell due years ago, so it was empty and measured only the page's frame. 120 open
    // cases (the same ones on every run: the first by id) are made due today and on the next four calendar
    // days, China time — all within 5 working days — so that view shows a full page of rows, as at an agency.
    await client.query(
      `UPDATE cases SET answer_due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date + (s.n % 5)::int
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM cases WHERE status = 'in_progress' ORDER BY id LIMIT 120) s
        WHERE cases.id = s.id`,
    );
    return { casePath: `/staff/cases/${caseId}` };
  } finally {
    await client.end();
  }
}

async function ensureCalendar(dbUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const n = (await client.query(`SELECT count(*)::int AS n FROM calendar_days`)).rows[0].n as number;
  await client.end();
  if (n > 0) return;
  process.env.DATABASE_URL = dbUrl;
  const { db } = await import('@/lib/db');
  const { seedCalendar } = await import('@/lib/calendar/load-calendar');
  await db.$transaction((tx) => seedCalendar(tx), { timeout: 120_000 });
}

/** A change as any case write makes it: the next staff view counts its cached counts again. */
async function bumpGenerations(dbUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO case_generations (org_id, slot, generation) SELECT id, 0, 1 FROM organisations ORDER BY id LIMIT 1
       ON CONFLICT (org_id, slot) DO UPDATE SET generation = case_generations.generation + 1`,
    );
  } finally {
    await client.end();
  }
}

/** One request with the server's SQL capture switched on: the statements that request sent. */
async function capture(app: RunningApp, file: string, request: () => Promise<unknown>): Promise<Captured[]> {
  fs.writeFileSync(file, '');
  app.child.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 200));
  await request();
  app.child.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 200));
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Captured);
}

// ── portal submission ──────────────────────────────────────────────────────────────────────────────────

const BOUNDARY = '----gongkai-bench-boundary';
function multipart(fields: [string, string][]): string {
  return (
    fields
      .map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') + `--${BOUNDARY}--\r\n`
  );
}

/** The multipart body the application form posts to /api/portal/apply (apply-form.tsx postApplication). */
function submissionBody(submissionKey: string, orgId: number): string {
  const form: Record<string, string> = {
    submissionKey,
    applicantType: 'natural_person',
    applicantName: '基准测试',
    idDocType: 'resident_id',
    idNumber: '11010519491231002X',
    mobile: '13900139000',
    email: 'bench@example.cn',
    description: '基准测试：示范市2024年道路维修资金使用情况',
    requestedForm: 'electronic',
    deliveryMethod: 'online_download',
    orgId: String(orgId),
  };
  return multipart(Object.entries(form));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TRACKING = /GK\d{4}-[0-9A-Z]{8}/g;

/** The captured write statements with fresh ids, tracking number and submission key for one replay. */
function freshWrites(template: Captured[], submissionKey: string): () => Captured[] {
  return () => {
    const map = new Map<string, string>();
    const swap = (s: string) =>
      s
        .replaceAll(submissionKey, () => map.get(submissionKey) ?? (map.set(submissionKey, `bench-floor-${randomUUID()}`), map.get(submissionKey)!))
        .replace(UUID, (m) => map.get(m) ?? (map.set(m, randomUUID()), map.get(m)!))
        .replace(TRACKING, (m) => map.get(m) ?? (map.set(m, `GK2099-${randomBytes(4).toString('hex').toUpperCase()}`), map.get(m)!));
    const fresh = (v: unknown): unknown => (typeof v === 'string' ? swap(v) : Array.isArray(v) ? v.map(fresh) : v);
    return template.map((s) => ({ text: s.text, values: s.values.map(fresh) }));
  };
}

// ── the section ───────────────────────────────────────────────────────────────────────────────────────────

export async function runHttpBench(opts: HttpBenchOptions): Promise<string> {
  const { log } = opts;
  await ensureCalendar(opts.dbUrl);
  // The app's data key, also this process's: prepareDatabase encrypts the clerk's identifier under it. Kept
  // beside the bench data: the data keys stored in the database (wrapped_keys) are wrapped under it, so a
  // --reuse run with a new key could not read them (every submission failed).
  const keyFile = path.join(process.cwd(), '.data', 'bench', 'encryption-key');
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  const encryptionKey = fs.readFileSync(keyFile, 'utf8').trim();
  process.env.GONGKAI_ENCRYPTION_KEY = encryptionKey;
  delete process.env.GONGKAI_PREVIOUS_ENCRYPTION_KEYS;
  const { casePath } = await prepareDatabase(opts.dbUrl);
  const captureFile = path.join(os.tmpdir(), `gongkai-bench-sql-${process.pid}.jsonl`);
  const env: Record<string, string> = {
    DATABASE_URL: opts.dbUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXTAUTH_URL: `http://127.0.0.1:${opts.port}`,
    GONGKAI_ENCRYPTION_KEY: encryptionKey,
    // One client address sends everything: raise the per-address limits only (as the e2e tier does).
    GONGKAI_LIMIT_SIGNINPERIP: '1000000',
    GONGKAI_LIMIT_SUBMITPERIP: '100000000',
    GONGKAI_LIMIT_TRACKPERIP: '1000000',
    BENCH_SQL_CAPTURE: captureFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(process.cwd(), 'scripts', 'bench-sql-capture.cjs')}`.trim(),
  };
  log(`[bench:http] starting ${opts.distDir} on port ${opts.port}`);
  const app = await startBuiltApp({
    distDir: opts.distDir,
    port: opts.port,
    env,
    log: (l) => (/error|warn/i.test(l) ? log(l) : undefined),
    nodeArgs: opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.cpuProf)}`] : [],
  });
  cpuProbe = { server: app.child.pid, pg: postmasterPid(path.join(process.cwd(), '.data', 'bench', 'pg')) };
  const rows: string[] = [];
  const checks: string[] = [];
  try {
    const cookie = await signIn(app.url, BENCH_IDENTIFIER, BENCH_PASSWORD);
    const staff = { cookie };
    const pages: { name: string; path: string; headers: Record<string, string> }[] = [
      { name: '/staff/cases, root-scope clerk (first page)', path: '/staff/cases', headers: staff },
      { name: '/staff dashboard, root-scope clerk', path: '/staff', headers: staff },
      { name: 'case page (open case of the root organisation)', path: casePath, headers: staff },
      { name: '/staff/cases overdue, soonest due first', path: '/staff/cases?overdue=1&sort=due', headers: staff },
      { name: '/staff/cases due within 5 working days', path: '/staff/cases?due=5&sort=due', headers: staff },
      { name: 'annual report 2024, root subtree, repeat view', path: '/admin/reports?year=2024&org=BENCH&subtree=1', headers: staff },
      { name: 'home page /, anonymous', path: '/', headers: {} },
      { name: '/apply, anonymous', path: '/apply', headers: {} },
      // The fixed cost of a signed-in page: session, layout, header, a form (no case data).
      { name: 'reference: /account/password, signed in (near-empty page)', path: '/account/password', headers: staff },
    ].filter((p) => !opts.filter || p.name.includes(opts.filter));

    for (const page of pages) {
      const url = app.url + page.path;
      let documentBytes = 0;
      for (let i = 0; i < 5; i++) {
        const res = await fetch(url, { headers: page.headers, redirect: 'manual' });
        const body = Buffer.from(await res.arrayBuffer());
        documentBytes = body.byteLength;
        if (res.status !== 200) throw new Error(`${page.path} answered ${res.status}`);
        if (opts.saveDocs && i === 4) {
          fs.mkdirSync(opts.saveDocs, { recursive: true });
          fs.writeFileSync(path.join(opts.saveDocs, `${page.name.replace(/[^\w]+/g, '_')}.html`), body);
        }
      }
      // The floor is a repeat view's SQL (what every view sends while nothing changes). For the record, also
      // the first view after a change: a bumped write generation makes the cached staff counts count again
      // (lib/cases/count-cache.ts).
      const statements = await capture(app, captureFile, async () => (await fetch(url, { headers: page.headers })).arrayBuffer());
      const repeat = await slowest(opts.dbUrl, statements);
      await bumpGenerations(opts.dbUrl);
      const cold = await capture(app, captureFile, async () => (await fetch(url, { headers: page.headers })).arrayBuffer());
      const first = await slowest(opts.dbUrl, cold);
      if (opts.saveDocs) {
        fs.mkdirSync(opts.saveDocs, { recursive: true });
        fs.writeFileSync(path.join(opts.saveDocs, `${page.name.replace(/[^\w]+/g, '_')}.sql.json`), JSON.stringify({ repeat: statements, first: cold }, null, 1));
      }
      log(`[bench:http] ${page.name}: repeat view ${repeat}`);
      log(`[bench:http] ${page.name}: first view after a change ${first}`);
      checks.push(
        `- ${page.name}: document ${(documentBytes / 1024).toFixed(1)} KB uncompressed; SQL of a repeat view ${repeat.replace(/;.*/, '')}, ` +
          `of the first view after a change ${first.replace(/;.*/, '')}`,
      );
      const http = new Map<number, Sample[]>();
      const floor = new Map<number, Sample[]>();
      if ((opts.warmup ?? 20) > 0) await httpRun({ url, connections: Math.max(...opts.concurrency), seconds: opts.warmup ?? 20, headers: page.headers });
      for (let round = 0; round < opts.rounds; round++) {
        for (const c of opts.concurrency) {
          const runHttp = async () => {
            const s = await httpRun({ url, connections: c, seconds: opts.seconds, headers: page.headers });
            http.set(c, [...(http.get(c) ?? []), s]);
          };
          const runFloor = async () => {
            if (statements.length === 0) return;
            const s = await floorRun({ dbUrl: opts.dbUrl, statements: () => statements, connections: c, seconds: opts.seconds });
            floor.set(c, [...(floor.get(c) ?? []), s]);
          };
          // Alternate which goes first, so a drift in the machine's load does not favour one side.
          if (round % 2 === 0) {
            await runHttp();
            await runFloor();
          } else {
            await runFloor();
            await runHttp();
          }
        }
      }
      for (const c of opts.concurrency) {
        const h = summarise(http.get(c)!);
        if (statements.length === 0) {
          // A page that sends no SQL has no database floor.
          rows.push(`| ${page.name} | ${c} | ${h.p50.toFixed(1)} / ${h.p95.toFixed(1)} / ${h.p99.toFixed(1)} | ${h.rps.toFixed(1)} | no SQL | — | — | ${h.errors} | ${h.load} / — |`);
          log(rows[rows.length - 1]);
          const cl = cpuLine(page.name, c, h);
          if (cl) checks.push(cl);
          continue;
        }
        const f = summarise(floor.get(c)!);
        rows.push(
          `| ${page.name} | ${c} | ${h.p50.toFixed(1)} / ${h.p95.toFixed(1)} / ${h.p99.toFixed(1)} | ${h.rps.toFixed(1)} | ` +
            `${statements.length} stmts: ${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} | ${f.rps.toFixed(0)} | ${(h.p50 / f.p50).toFixed(1)} | ${h.errors} | ${h.load} / ${f.load} |`,
        );
        log(rows[rows.length - 1]);
        const cl = cpuLine(page.name, c, h);
        if (cl) checks.push(cl);
      }
    }

    if (!opts.filter || 'portal submission'.includes(opts.filter)) {
      const result = await benchSubmissions(app, opts, captureFile);
      rows.push(...result.rows);
      checks.push(...result.checks);
    }
  } finally {
    await app.stop();
    fs.rmSync(captureFile, { force: true });
  }
  const [l1, l5, l15] = os.loadavg();
  return [
    `HTTP (${opts.distDir} served by scripts/server.mjs with GONGKAI_WEB_WORKERS=${process.env.GONGKAI_WEB_WORKERS || `unset (${Math.min(os.availableParallelism(), 4)} web workers)`}, autocannon, ${opts.rounds} round(s) of ${opts.seconds} s per concurrency, each beside its floor; ` +
      `${os.cpus().length} CPUs, load average now ${l1.toFixed(1)} / ${l5.toFixed(1)} / ${l15.toFixed(1)}).`,
    '',
    '| what | c | HTTP p50 / p95 / p99 ms | req/s | floor (the page’s SQL, plain pg) p50 / p95 ms | floor tx/s | p50 ratio | HTTP errors | load avg HTTP / floor |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...checks,
    '',
  ].join('\n');
}

async function benchSubmissions(app: RunningApp, opts: HttpBenchOptions, captureFile: string): Promise<{ rows: string[]; checks: string[] }> {
  const { log } = opts;
  const orgId = 2; // a department of the bench tree
  const headers = {
    'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    accept: 'application/json',
    origin: app.url,
  };
  const post = async (key: string) => {
    const res = await fetch(`${app.url}/api/portal/apply`, { method: 'POST', headers, body: submissionBody(key, orgId) });
    return { status: res.status, body: await res.text() };
  };
  const first = await post(`bench-${randomUUID()}`);
  if (!/"ok":true/.test(first.body)) throw new Error(`portal submission failed: ${first.status} ${first.body.slice(0, 300)}`);
  const probeKey = `bench-${randomUUID()}`;
  const statements = await capture(app, captureFile, () => post(probeKey));
  const fresh = freshWrites(statements, probeKey);

  const sent: string[] = [];
  let lastKey: string | null = null;
  const acks: { key: string; caseId: string }[] = [];
  let failures = 0;
  const rows: string[] = [];
  const cpuLines: string[] = [];
  const http = new Map<number, Sample[]>();
  const floor = new Map<number, Sample[]>();
  const submit = (c: number, seconds: number) =>
    httpRun({
      url: `${app.url}/api/portal/apply`,
      connections: c,
      seconds,
      headers,
      method: 'POST',
      setupRequest: (req, context) => {
        // One in ten repeats the latest submission of any connection (a double click or a retry, possibly
        // while the first is still in flight: idempotency under load).
        const retry = lastKey !== null && Math.random() < 0.1;
        const key = retry && lastKey !== null ? lastKey : `bench-${randomUUID()}`;
        if (!retry) sent.push(key);
        lastKey = key;
        context.key = key;
        return { ...req, body: submissionBody(key, orgId) };
      },
      onResponse: (status, body, context) => {
        const m = /"caseId":"([0-9a-f-]{36})"/.exec(body);
        if (status === 200 && /"ok":true/.test(body) && m) acks.push({ key: context.key as string, caseId: m[1] });
        else failures++;
      },
    });
  // Warm-up submissions are real ones: the zero-loss check below covers them too.
  if ((opts.warmup ?? 20) > 0) await submit(Math.max(...opts.concurrency), opts.warmup ?? 20);
  for (let round = 0; round < opts.rounds; round++) {
    for (const c of opts.concurrency) {
      const s = await submit(c, opts.seconds);
      http.set(c, [...(http.get(c) ?? []), s]);
      const f = await floorRun({ dbUrl: opts.dbUrl, statements: fresh, connections: c, seconds: opts.seconds });
      floor.set(c, [...(floor.get(c) ?? []), f]);
    }
  }
  for (const c of opts.concurrency) {
    const h = summarise(http.get(c)!);
    const f = summarise(floor.get(c)!);
    rows.push(
      `| portal submission (the form's POST to /api/portal/apply, new key each; 1 in 10 a retry) | ${c} | ${h.p50.toFixed(1)} / ${h.p95.toFixed(1)} / ${h.p99.toFixed(1)} | ${h.rps.toFixed(1)} | ` +
        `${statements.length} stmts: ${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} | ${f.rps.toFixed(0)} | ${(h.p50 / f.p50).toFixed(1)} | ${h.errors} | ${h.load} / ${f.load} |`,
    );
    log(rows[rows.length - 1]);
    const cl = cpuLine('portal submission', c, h);
    if (cl) {
      cpuLines.push(cl);
      log(cl);
    }
  }

  // Zero loss, no duplicates: every acknowledged submission is one case, the one the answer named.
  const client = new pg.Client({ connectionString: opts.dbUrl });
  await client.connect();
  const found = await client.query<{ key: string; n: number; ids: string[] }>(
    `SELECT submission_key AS key, count(*)::int AS n, array_agg(id::text) AS ids FROM cases WHERE submission_key = ANY($1) GROUP BY 1`,
    [sent],
  );
  await client.end();
  const byKey = new Map(found.rows.map((r) => [r.key, r]));
  const ackedKeys = new Set(acks.map((a) => a.key));
  const missing = [...ackedKeys].filter((k) => !byKey.has(k)).length;
  const duplicated = found.rows.filter((r) => r.n !== 1).length;
  const wrongId = acks.filter((a) => !byKey.get(a.key)?.ids.includes(a.caseId)).length;
  const retriesAcked = acks.length - ackedKeys.size;
  const line =
    `Zero-loss check: ${sent.length} distinct submissions sent, ${ackedKeys.size} acknowledged (${retriesAcked} acknowledged retries), ` +
    `${failures} answered without an acknowledgement (the rest were in flight when the run stopped); acknowledged but missing: ${missing}; keys with more than one case: ${duplicated}; ` +
    `acknowledged case id not the stored one: ${wrongId} → ${missing + duplicated + wrongId === 0 ? 'PASS' : 'FAIL'}.`;
  log(line);
  return { rows, checks: [line, ...cpuLines] };
}
