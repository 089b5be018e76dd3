/**
 * The app's HTTP server (run by scripts/start.ts instead of `next start` / `next dev`): Next.js behind a
 * plain Node server that records the TCP peer of every request. Any incoming `X-Gongkai-Peer` header is
 * removed and the header is set from the socket's remoteAddress, so lib/auth/client-ip.ts can tell the
 * client's address apart from headers a client writes (Next.js itself only fills X-Forwarded-For when the
 * client did not send one). Usage: node scripts/server.mjs [--dev]; PORT (default 3000); listens on every interface.
 *
 * One web worker per core (issue 13): a single Node process saturates one core rendering pages while the
 * other idles. In production this process is a node:cluster primary that forks GONGKAI_WEB_WORKERS workers
 * (default: the number of cores, at most 4); they share the port (the primary accepts connections and hands
 * them out in turn, so socket.remoteAddress is still the client's). The primary serves nothing itself. A
 * worker that crashes after it was serving is replaced (a worker that keeps crashing waits longer each
 * time); a worker that fails before it ever listened stops the whole server, as a single process failing to
 * start does. SIGTERM / SIGINT stop every worker, then the primary. `GONGKAI_WEB_WORKERS=1` and `--dev` run
 * one process without a primary, as before. State that lives in a process is per worker: every cache in
 * lib/ validates against the database (see docs/decisions.md, "Several web workers").
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import pino from 'pino';

/**
 * Removes every copy of the request header `name` (lower case) a client sent, from `req.headers` and
 * `req.rawHeaders` (Next.js reads both), and sets it to `value` under `rawName` when one is given.
 */
function replaceRequestHeader(req, name, rawName, value) {
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i].toLowerCase() === name) raw.splice(i, 2);
  if (value === undefined) {
    delete req.headers[name];
  } else {
    req.headers[name] = value;
    raw.push(rawName, value);
  }
}

const PEER_HEADER = 'x-gongkai-peer'; // lib/auth/client-ip.ts PEER_HEADER

/** Strips client-sent copies of the peer header and sets it from the socket (exported for the test). */
export function stampPeer(req) {
  replaceRequestHeader(req, PEER_HEADER, 'X-Gongkai-Peer', req.socket.remoteAddress || undefined);
}

const FRONT_DOOR_HEADER = 'x-gongkai-front-door'; // lib/security/front-door.ts FRONT_DOOR_HEADER
const FRONT_DOOR_KEY = Symbol.for('gongkai.frontDoor'); // lib/security/front-door.ts FRONT_DOOR_KEY

/**
 * Strips client-sent copies of the front door's mark (exported for the test): only the front door itself
 * may tell proxy.ts that a request's headers are taken care of.
 */
export function stripFrontDoorMark(req) {
  replaceRequestHeader(req, FRONT_DOOR_HEADER);
}

const REQUEST_ID_HEADER = 'x-request-id'; // lib/log.ts REQUEST_ID_HEADER

/**
 * Gives the request a fresh id (a client-sent X-Request-Id is not believed), passes it to Next.js and returns
 * it in the response, so a user's report and the server's log lines meet (exported for the test).
 */
export function stampRequestId(req, res) {
  const id = randomUUID();
  replaceRequestHeader(req, REQUEST_ID_HEADER, 'X-Request-Id', id);
  res.setHeader('X-Request-Id', id);
  return id;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Refuses a request body without a declared length (Transfer-Encoding: chunked, no Content-Length) with a
 * clear 411, and returns true when it did (exported for the test). proxy.ts answers an oversized body with
 * 413 from its Content-Length before anything reads it; a chunked body would slip past that check to
 * Next.js, which answers a server action over its size limit with a bare 500. Browsers always send a length
 * for forms and fetch bodies, and a reverse proxy that buffers (nginx's default) sends one too.
 */
export function refuseUnsizedBody(req, res) {
  if (!MUTATING.has(req.method ?? '') || req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] === undefined) return false;
  const json = (req.url ?? '').startsWith('/api/') || (req.headers.accept ?? '').includes('application/json');
  res.statusCode = 411;
  res.setHeader('Connection', 'close');
  res.setHeader('Cache-Control', 'no-store');
  if (json) {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: 'validation.request.length_required' }));
  } else {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>请求缺少长度 · Length required</title></head>' +
        '<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6">' +
        '<h1>无法处理该请求</h1><p>提交的内容没有声明长度。请使用常用浏览器重新提交。</p>' +
        '<p lang="en">The request body has no declared length (Content-Length). Please submit again from a browser.</p></body></html>',
    );
  }
  return true;
}

/** The access log's buffer: lines are written once this many bytes are waiting (or ACCESS_LOG_FLUSH_MS passed). */
export const ACCESS_LOG_MIN_WRITE = 2048;
/** At most this many bytes per write — whole lines only, within PIPE_BUF, so workers sharing stdout never interleave. */
export const ACCESS_LOG_MAX_WRITE = 4096;
/** A quiet server's lines appear within this long. */
export const ACCESS_LOG_FLUSH_MS = 1000;

/**
 * The access log's destination: stdout, written asynchronously in batches of whole lines (issue 13: one
 * synchronous write per request was ~2 % of a page's CPU). Each write carries complete lines and stays within
 * PIPE_BUF (4 KB), so lines of web workers sharing one stdout pipe never interleave; a quiet server's lines
 * are flushed within a second; pino flushes what is left synchronously when the process exits (SIGTERM /
 * SIGINT, process.exit, an uncaught exception). Only a SIGKILL or a power cut loses the last second's lines.
 */
export function accessLogDestination(fd = 1) {
  return pino.destination({ dest: fd, sync: false, minLength: ACCESS_LOG_MIN_WRITE, maxWrite: ACCESS_LOG_MAX_WRITE, periodicFlush: ACCESS_LOG_FLUSH_MS });
}

/**
 * One JSON access-log line per request: id, method, path without its query string (queries can carry search
 * terms such as a mobile number), status and duration; nothing else about the client. GONGKAI_ACCESS_LOG=0
 * turns it off (the e2e tier does, to keep its output readable). Written to accessLogDestination() by default.
 */
export function accessLogger(destination = accessLogDestination()) {
  const logger = pino({ base: { app: 'gongkai' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, destination);
  return (req, res, id) => {
    const started = performance.now();
    res.once('finish', () => {
      const url = req.url ?? '';
      const q = url.indexOf('?');
      logger.info({ reqId: id, method: req.method, path: q < 0 ? url : url.slice(0, q), status: res.statusCode, ms: Math.round((performance.now() - started) * 1000) / 1000 }, 'request');
    });
  };
}

/** Which worker wrote a line (absent in a single-process server). */
const workerField = () => (cluster.isWorker ? { worker: cluster.worker?.id } : {});

/** Server lines in the format of lib/log.ts (this plain .mjs file cannot import the TypeScript module). */
const serverLog = pino({ base: { app: 'gongkai', component: 'server', ...workerField() }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } });

/** An error's type, message and stack only (lib/log.ts errorFields), with e-mail addresses and numbers masked. */
function errorOf(e) {
  const scrub = (t) =>
    String(t)
      .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]')
      .replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[id-number]')
      .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '[mobile]');
  return e instanceof Error ? { type: e.name, message: scrub(e.message).slice(0, 2000), stack: scrub(e.stack ?? '').slice(0, 4000) } : { type: typeof e, message: scrub(e).slice(0, 500) };
}

/** The default number of web workers: one per core, at most this many (each holds its own database pool). */
export const DEFAULT_MAX_WEB_WORKERS = 4;
/** The largest GONGKAI_WEB_WORKERS accepted. */
export const MAX_WEB_WORKERS = 64;

/**
 * How many web worker processes to run (exported for the test): GONGKAI_WEB_WORKERS when set (1 … 64; 1 =
 * one process, no cluster), else one per core up to DEFAULT_MAX_WEB_WORKERS; always 1 for the development
 * server (its hot reloading lives in one process). A value that is not such a number is refused with a clear
 * message rather than guessed at.
 */
export function webWorkerCount(env = process.env, cores = os.availableParallelism(), dev = false) {
  if (dev) return 1;
  const raw = (env.GONGKAI_WEB_WORKERS ?? '').trim();
  if (raw === '') return Math.max(1, Math.min(cores, DEFAULT_MAX_WEB_WORKERS));
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_WEB_WORKERS) {
    throw new Error(`GONGKAI_WEB_WORKERS must be a whole number from 1 to ${MAX_WEB_WORKERS} (got "${raw.slice(0, 40)}")`);
  }
  return n;
}

/**
 * The environment of the workers (exported for the test). Limits meant per machine are divided among the
 * workers unless the operator set them: Argon2 hashes at once (lib/auth/argon2-gate.ts defaults to the number
 * of cores per process; N workers would otherwise run N × cores at once).
 */
export function workerEnv(env, workers, cores = os.availableParallelism()) {
  const out = { ...env };
  if (!(env.GONGKAI_ARGON2_CONCURRENCY ?? '').trim()) out.GONGKAI_ARGON2_CONCURRENCY = String(Math.max(1, Math.floor(cores / workers)));
  return out;
}

/** Restart delay of a worker that crashed `crashes` times in a row after a short life: 0, 1, 2, 4 … 30 s. */
export function restartDelayMs(crashes) {
  return crashes <= 1 ? 0 : Math.min(30_000, 1000 * 2 ** (crashes - 2));
}

/** A worker that ran at least this long before it crashed counts as healthy: its restart is immediate. */
const HEALTHY_AFTER_MS = 30_000;
/** How long SIGTERM waits for the workers before it kills them. */
const STOP_GRACE_MS = 15_000;

/** One web server: Next.js behind the peer / request-id / length stamping. Resolves once it listens. */
async function serve(dev, port) {
  const { default: next } = await import('next');
  const server = http.createServer();
  const app = next({ dev, port, hostname: 'localhost', httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();
  const logRequest = process.env.GONGKAI_ACCESS_LOG === '0' ? null : accessLogger();
  server.on('request', (req, res) => {
    stampPeer(req);
    stripFrontDoorMark(req);
    const id = stampRequestId(req, res);
    logRequest?.(req, res, id);
    if (refuseUnsizedBody(req, res)) return;
    const proceed = () =>
      handle(req, res).catch((e) => {
        serverLog.error({ reqId: id, error: errorOf(e) }, '[server] request failed');
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    // proxy.ts's work for page requests, before Next.js (lib/security/front-door.ts, registered by
    // instrumentation.ts once Next.js has prepared); whatever it does not take care of goes through proxy.ts.
    // It may answer a staff page itself ('answered': lib/staff-pages/fast-document.ts); then Next does nothing.
    const door = globalThis[FRONT_DOOR_KEY];
    if (typeof door !== 'function') return void proceed();
    door(req, res).then((done) => (done === 'answered' ? undefined : proceed()), (e) => {
      serverLog.error({ reqId: id, error: errorOf(e) }, '[server] front door failed; left to proxy.ts');
      stripFrontDoorMark(req);
      proceed();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(undefined));
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return server;
}

/**
 * The cluster primary: forks the workers, replaces a crashed one, stops them all on SIGTERM / SIGINT. A
 * worker of the first generation that exits before it listened means the app cannot start (a port in use, a
 * broken build): every worker is stopped and the primary exits with 1, which stops scripts/start.ts. Later,
 * a replacement that fails is retried with a growing delay (the other workers keep serving).
 */
export function runPrimary(workers, port, options = {}) {
  // Tests run a stand-in worker script (test/cluster/worker.ts); by default the workers run this file.
  if (options.exec) cluster.setupPrimary({ exec: options.exec, args: options.args ?? [] });
  const env = workerEnv(process.env, workers);
  /** Per slot: the current worker, when it started, its short-lived crashes in a row, whether it listened. */
  const slots = Array.from({ length: workers }, () => ({ worker: null, startedAt: 0, crashes: 0, listened: false }));
  let stopping = false;
  let announced = false;

  const fork = (slot) => {
    const s = slots[slot];
    s.startedAt = Date.now();
    s.listened = false;
    s.worker = cluster.fork({ ...env, GONGKAI_WEB_WORKER_SLOT: String(slot + 1) });
    s.worker.on('listening', () => {
      s.listened = true;
      if (announced) serverLog.info(`[server] web worker ${slot + 1} serving again`);
      else if (slots.every((x) => x.listened)) {
        announced = true;
        serverLog.info(`[server] listening on port ${port} (${workers} web workers)`);
      }
    });
    // Cache invalidations that one worker makes known to the others (lib/calendar/load-calendar.ts).
    s.worker.on('message', (m) => {
      if (m && typeof m === 'object' && m.type === 'gongkai:invalidate') {
        for (const other of slots) if (other.worker && other.worker !== s.worker && other.worker.isConnected()) other.worker.send(m);
      }
    });
    s.worker.on('exit', (code, signal) => {
      if (stopping) return;
      const lived = Date.now() - s.startedAt;
      if (!s.listened && !announced) {
        serverLog.fatal({ code, signal }, `[server] web worker ${slot + 1} exited before it could serve; stopping`);
        void stopAll(1);
        return;
      }
      s.crashes = lived >= HEALTHY_AFTER_MS ? 1 : s.crashes + 1;
      const delay = restartDelayMs(s.crashes);
      serverLog.error({ code, signal, delayMs: delay }, `[server] web worker ${slot + 1} exited unexpectedly; starting a new one`);
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, delay);
    });
  };

  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    const alive = slots.map((s) => s.worker).filter((w) => w && !w.isDead());
    const exited = alive.map((w) => new Promise((resolve) => w.once('exit', resolve)));
    for (const w of alive) w.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const w of alive) if (!w.isDead()) w.process.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await Promise.all(exited);
    clearTimeout(timer);
    process.exit(code);
  };

  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGINT', () => void stopAll(0));
  // The benchmark's SQL capture (scripts/bench-sql-capture.cjs) is toggled by SIGUSR2 in every worker.
  if (process.env.BENCH_SQL_CAPTURE) {
    process.on('SIGUSR2', () => {
      for (const s of slots) s.worker?.process.kill('SIGUSR2');
    });
  }
  for (let slot = 0; slot < workers; slot++) fork(slot);
}

async function main() {
  const dev = process.argv.includes('--dev');
  const port = Number(process.env.PORT ?? 3000);
  if (cluster.isPrimary) {
    const workers = webWorkerCount(process.env, os.availableParallelism(), dev);
    if (workers > 1) {
      runPrimary(workers, port);
      return;
    }
  }
  await serve(dev, port);
  if (cluster.isPrimary) serverLog.info(`[server] listening on port ${port}${dev ? ' (development)' : ''}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    serverLog.fatal({ error: errorOf(e) }, '[server] could not start');
    process.exit(1);
  });
}
