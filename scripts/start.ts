/**
 * `npm start` (production server) and `npm run dev` (development server): the database (DATABASE_URL or the
 * embedded PostgreSQL in .data/), pending migrations, demo data on first run, a production build when the
 * sources changed, then Next.js on PORT (default 3000: scripts/server.mjs, in production one web worker process
 * per core, GONGKAI_WEB_WORKERS) and, in this process, the background worker (jobs and notifications,
 * lib/jobs; GONGKAI_WORKER=0 leaves it out; one per `npm start`, whatever the number of web workers).
 * Ctrl-C / SIGTERM stop Next.js (every web worker), then the worker (running jobs get a grace period), then
 * the database.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appEnvironment, DATA_DIR, openDatabase } from '../lib/db/local-env';
import { componentLog, errorFields } from '../lib/log';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const root = process.cwd();
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const distDir = path.join(root, process.env.GONGKAI_DIST_DIR || '.next');

// JSON lines (pino, lib/log.ts) like the server's and the worker's; the text stays in `msg`.
const startLog = componentLog('start');
function log(line: string) {
  startLog.info(line);
}

/** A fingerprint of everything the production build depends on; rebuild when it changes. */
function sourceFingerprint(): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      if (/(^|\/)(node_modules|\.next[^/]*|\.data|generated|test-results)$/.test(p)) return;
      for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f));
    } else if (!/\.(test|int\.test|spec)\.tsx?$/.test(p)) {
      h.update(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const p of ['app', 'pages', 'components', 'lib', 'next.config.js', 'scripts/server.mjs', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json', 'proxy.ts', 'instrumentation.ts']) walk(path.join(root, p));
  return h.digest('hex');
}

function buildIfNeeded(env: NodeJS.ProcessEnv) {
  const marker = path.join(distDir, 'gongkai-build-fingerprint');
  const fp = sourceFingerprint();
  if (fs.existsSync(path.join(distDir, 'BUILD_ID')) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === fp) {
    return;
  }
  log('[start] building the production app (next build)…');
  const r = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error('next build failed');
  fs.writeFileSync(marker, fp);
}

/**
 * A Next.js server left running by a start process that was killed with SIGKILL (its exit hooks never ran)
 * would hold the port: stop it first. Only a process whose command line is Next's server is touched.
 */
const nextPidFile = path.join(DATA_DIR, 'next-server.pid');
function stopLeftoverNext() {
  if (!fs.existsSync(nextPidFile)) return;
  const pid = Number(fs.readFileSync(nextPidFile, 'utf8'));
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (/next|server\.mjs/.test(cmdline)) {
      log(`[start] stopping a Next.js server left by an earlier run (pid ${pid})`);
      process.kill(pid, 'SIGKILL');
    }
  } catch {
    // not running any more
  }
  fs.rmSync(nextPidFile, { force: true });
}

async function main() {
  stopLeftoverNext();
  const db = await openDatabase(log);
  const env = { ...process.env, ...appEnvironment(db.url), PORT: String(port) };
  Object.assign(process.env, env);

  // Demo data on first run (an empty database), created through the app's own code paths.
  const { seedIfEmpty, DEMO_ACCOUNTS } = await import('../lib/seed/seed-demo');
  const seeded = await seedIfEmpty(log);
  if (seeded || process.env.GONGKAI_PRINT_ACCOUNTS !== '0') {
    log('\nDemo accounts (password for all: ' + DEMO_ACCOUNTS[0].password + '):');
    for (const a of DEMO_ACCOUNTS) log(`  ${a.role.padEnd(9)} ${a.login.padEnd(28)} ${a.description}`);
    log('');
  }

  // The background worker: durable jobs (exports, imports, due-date recomputes) and the notification outbox,
  // claimed with leases so that any number of app servers can share one database. A job cut off by a
  // restart is taken over when its lease expires.
  const { startAppWorker } = await import('../lib/jobs/app-worker');
  const worker = process.env.GONGKAI_WORKER === '0' ? null : startAppWorker({ log });

  if (!dev) buildIfNeeded(env);
  // Our own HTTP server around Next.js: it records each request's TCP peer for lib/auth/client-ip.ts.
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), ...(dev ? ['--dev'] : [])], {
    stdio: 'inherit',
    env: { ...env, NODE_ENV: dev ? 'development' : 'production' },
  });
  if (child.pid) fs.writeFileSync(nextPidFile, String(child.pid));
  log(`[start] Gongkai on http://localhost:${port} (${db.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await worker?.stop(10_000).catch((e: unknown) => startLog.error(errorFields(e), '[start] stopping the worker failed'));
    const { db: prisma } = await import('../lib/db');
    await prisma.$disconnect().catch(() => {});
    await db.stop();
    log('[start] stopped');
    process.exit(code);
  };
  // Never leave an orphan server behind: whatever ends this process ends Next.js too.
  process.on('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  process.on('uncaughtException', (e) => {
    startLog.error(errorFields(e), '[start] uncaught exception');
    void stop(1);
  });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 0));
}

main().catch((e) => {
  startLog.fatal(errorFields(e), `[start] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
