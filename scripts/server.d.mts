import type { IncomingMessage, ServerResponse } from 'node:http';
/** Strips client-sent copies of the peer header and sets it from the socket (scripts/server.mjs). */
export function stampPeer(req: IncomingMessage): void;
/** Gives the request a fresh X-Request-Id (a client-sent one is not believed) and returns it (scripts/server.mjs). */
export function stampRequestId(req: IncomingMessage, res: ServerResponse): string;
/** One JSON access-log line per request, written to `destination` (stdout by default). */
export function accessLogger(destination?: NodeJS.WritableStream): (req: IncomingMessage, res: ServerResponse, id: string) => void;
/** Answers a POST/PUT/PATCH body without a declared length with 411 and returns true (scripts/server.mjs). */
export function refuseUnsizedBody(req: IncomingMessage, res: ServerResponse): boolean;
