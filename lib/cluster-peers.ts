/**
 * Notices between the web workers of one server (scripts/server.mjs runs one Node process per core, issue
 * 13). A worker that changes data behind a per-process cache tells its siblings, through the cluster
 * primary, to drop theirs at once instead of when the cache's time runs out. Best effort only: every such
 * cache must still be correct on its own terms (a TTL or a database generation) — a notice can arrive after
 * a sibling has already served one view, and other servers sharing the database get no notice at all.
 *
 * Only a worker started by scripts/server.mjs (GONGKAI_WEB_WORKER_SLOT set, an IPC channel to the primary)
 * sends or listens; anywhere else (a single-process server, the background worker, tests) these do nothing.
 */
import { componentLog, errorFields } from '@/lib/log';

export const PEER_NOTICE_TYPE = 'gongkai:invalidate'; // scripts/server.mjs relays messages of this type

export type PeerNotice = 'calendar';

function inClusterWorker(): boolean {
  return !!process.env.GONGKAI_WEB_WORKER_SLOT && typeof process.send === 'function' && process.connected;
}

/** Tells the other web workers that `what` changed (after the change committed). */
export function notifyPeers(what: PeerNotice): void {
  if (!inClusterWorker()) return;
  try {
    process.send!({ type: PEER_NOTICE_TYPE, what });
  } catch (e) {
    componentLog('cluster').warn(errorFields(e), `[cluster] could not tell the other web workers that ${what} changed`);
  }
}

/** Runs `drop` whenever another web worker announces that `what` changed. */
export function onPeerNotice(what: PeerNotice, drop: () => void): void {
  if (!inClusterWorker()) return;
  process.on('message', (m: unknown) => {
    if (m && typeof m === 'object' && (m as { type?: unknown }).type === PEER_NOTICE_TYPE && (m as { what?: unknown }).what === what) drop();
  });
}
