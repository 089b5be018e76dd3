/**
 * The app's HTTP server (run by scripts/start.ts instead of `next start` / `next dev`): Next.js behind a
 * plain Node server that records the TCP peer of every request. Any incoming `X-Gongkai-Peer` header is
 * removed and the header is set from the socket's remoteAddress, so lib/auth/client-ip.ts can tell the
 * client's address apart from headers a client writes (Next.js itself only fills X-Forwarded-For when the
 * client did not send one). Usage: node scripts/server.mjs [--dev]; PORT (default 3000); listens on every interface.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import next from 'next';
import pino from 'pino';

const PEER_HEADER = 'x-gongkai-peer'; // lib/auth/client-ip.ts PEER_HEADER

/** Strips client-sent copies of the peer header and sets it from the socket (exported for the test). */
export function stampPeer(req) {
  delete req.headers[PEER_HEADER];
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i].toLowerCase() === PEER_HEADER) raw.splice(i, 2);
  const peer = req.socket.remoteAddress;
  if (peer) {
    req.headers[PEER_HEADER] = peer;
    raw.push('X-Gongkai-Peer', peer);
  }
}

const REQUEST_ID_HEADER = 'x-request-id'; // lib/log.ts REQUEST_ID_HEADER

/**
 * Gives the request a fresh id (a client-sent X-Request-Id is not believed), passes it to Next.js and returns
 * it in the response, so a user's report and the server's log lines meet (exported for the test).
 */
export function stampRequestId(req, res) {
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i].toLowerCase() === REQUEST_ID_HEADER) raw.splice(i, 2);
  const id = randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  raw.push('X-Request-Id', id);
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

/**
 * One JSON access-log line per request: id, method, path without its query string (queries can carry search
 * terms such as a mobile number), status and duration; nothing else about the client. GONGKAI_ACCESS_LOG=0
 * turns it off (the e2e tier does, to keep its output readable).
 */
export function accessLogger(destination) {
  const logger = pino({ base: { app: 'gongkai' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, destination);
  return (req, res, id) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = (req.url ?? '').split('?')[0];
      logger.info({ reqId: id, method: req.method, path, status: res.statusCode, ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000 }, 'request');
    });
  };
}

/** Server lines in the format of lib/log.ts (this plain .mjs file cannot import the TypeScript module). */
const serverLog = pino({ base: { app: 'gongkai', component: 'server' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } });

/** An error's type, message and stack only (lib/log.ts errorFields), with e-mail addresses and numbers masked. */
function errorOf(e) {
  const scrub = (t) =>
    String(t)
      .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]')
      .replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[id-number]')
      .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '[mobile]');
  return e instanceof Error ? { type: e.name, message: scrub(e.message).slice(0, 2000), stack: scrub(e.stack ?? '').slice(0, 4000) } : { type: typeof e, message: scrub(e).slice(0, 500) };
}

async function main() {
  const dev = process.argv.includes('--dev');
  const port = Number(process.env.PORT ?? 3000);
  const server = http.createServer();
  const app = next({ dev, port, hostname: 'localhost', httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();
  const logRequest = process.env.GONGKAI_ACCESS_LOG === '0' ? null : accessLogger();
  server.on('request', (req, res) => {
    stampPeer(req);
    const id = stampRequestId(req, res);
    logRequest?.(req, res, id);
    if (refuseUnsizedBody(req, res)) return;
    handle(req, res).catch((e) => {
      serverLog.error({ reqId: id, error: errorOf(e) }, '[server] request failed');
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.listen(port, () => serverLog.info(`[server] listening on port ${port}${dev ? ' (development)' : ''}`));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    serverLog.fatal({ error: errorOf(e) }, '[server] could not start');
    process.exit(1);
  });
}
