import type { IncomingMessage, ServerResponse } from 'node:http';
/** Strips client-sent copies of the peer header and sets it from the socket (scripts/server.mjs). */
export function stampPeer(req: IncomingMessage): void;
/** Strips client-sent copies of the front door's mark (lib/security/front-door.ts). */
export function stripFrontDoorMark(req: IncomingMessage): void;
/** Gives the request a fresh X-Request-Id (a client-sent one is not believed) and returns it (scripts/server.mjs). */
export function stampRequestId(req: IncomingMessage, res: ServerResponse): string;
/** The access log's buffered, asynchronous stdout (or `fd`) destination: whole lines, at most 4 KB a write, flushed each second and at exit. */
export function accessLogDestination(fd?: number): NodeJS.WritableStream & { flushSync(): void };
export const ACCESS_LOG_MIN_WRITE: number;
export const ACCESS_LOG_MAX_WRITE: number;
export const ACCESS_LOG_FLUSH_MS: number;
/** One JSON access-line per request, written to `destination` (accessLogDestination() by default). */
export function accessLogger(destination?: NodeJS.WritableStream): (req: IncomingMessage, res: ServerResponse, id: string) => void;
/** Answers a POST/PUT/PATCH body without a declared length with 411 and returns true (scripts/server.mjs). */
export function refuseUnsizedBody(req: IncomingMessage, res: ServerResponse): boolean;
/** One-per-core default cap of GONGKAI_WEB_WORKERS (scripts/server.mjs). */
export const DEFAULT_MAX_WEB_WORKERS: number;
/** The largest GONGKAI_WEB_WORKERS accepted. */
export const MAX_WEB_WORKERS: number;
/** How many web worker processes to run: GONGKAI_WEB_WORKERS, else one per core up to the cap; 1 for the development server. */
export function webWorkerCount(env?: Record<string, string | undefined>, cores?: number, dev?: boolean): number;
/** The workers' environment: machine-wide limits divided among them unless set. */
export function workerEnv(env: Record<string, string | undefined>, workers: number, cores?: number): Record<string, string | undefined>;
/** Restart delay of a worker after `crashes` short-lived crashes in a row. */
export function restartDelayMs(crashes: number): number;
/** The cluster primary: forks `workers` web workers on `port` (tests pass a stand-in worker script as `exec`). */
export function runPrimary(workers: number, port: number, options?: { exec?: string; args?: string[] }): void;
