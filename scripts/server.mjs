/**
 * The app's HTTP server (run by scripts/start.ts instead of `next start` / `next dev`): Next.js behind a
 * plain Node server that records the TCP peer of every request. Any incoming `X-Gongkai-Peer` header is
 * removed and the header is set from the socket's remoteAddress, so lib/auth/client-ip.ts can tell the
 * client's address apart from headers a client writes (Next.js itself only fills X-Forwarded-For when the
 * client did not send one). Usage: node scripts/server.mjs [--dev]; PORT (default 3000); listens on every interface.
 */
import http from 'node:http';
import next from 'next';

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

async function main() {
  const dev = process.argv.includes('--dev');
  const port = Number(process.env.PORT ?? 3000);
  const server = http.createServer();
  const app = next({ dev, port, hostname: 'localhost', httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();
  server.on('request', (req, res) => {
    stampPeer(req);
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
