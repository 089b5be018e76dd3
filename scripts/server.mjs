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
    handle(req, res).catch((e) => {
      console.error('[server]', e);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.listen(port, () => console.log(`[server] listening on port ${port}${dev ? ' (development)' : ''}`));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error('[server]', e);
    process.exit(1);
  });
}
