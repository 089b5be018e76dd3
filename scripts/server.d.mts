import type { IncomingMessage } from 'node:http';
/** Strips client-sent copies of the peer header and sets it from the socket (scripts/server.mjs). */
export function stampPeer(req: IncomingMessage): void;
