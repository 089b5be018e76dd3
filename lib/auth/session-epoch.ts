import 'server-only';
import { db, type Tx } from '@/lib/db';

/**
 * Ending sessions (issue 8 item 6). Sessions are JWTs; each carries the user's session epoch at sign-in.
 * Raising users.session_epoch ends every session of that user at its next request: the jwt callback
 * (lib/auth/options.ts) compares, with a per-process cache of SESSION_STATE_TTL_MS, and getActor
 * (lib/auth/session.ts) compares on every request against the row it reads anyway.
 */
export const SESSION_STATE_TTL_MS = 5_000;

/** Ends every session of the user (inside the caller's transaction when given). */
export async function endAllSessions(userId: string, tx?: Tx): Promise<void> {
  await (tx ?? db).user.update({ where: { id: userId }, data: { sessionEpoch: { increment: 1 } } });
  stateCache.delete(userId);
}

interface SessionState {
  epoch: number;
  isActive: boolean;
}
const stateCache = new Map<string, { state: SessionState | null; at: number }>();

/** The user's current epoch and active flag, cached briefly per process. */
export async function sessionState(userId: string, now = Date.now()): Promise<SessionState | null> {
  const hit = stateCache.get(userId);
  if (hit && now - hit.at < SESSION_STATE_TTL_MS) return hit.state;
  const row = await db.user.findUnique({ where: { id: userId }, select: { sessionEpoch: true, isActive: true } });
  const state = row ? { epoch: row.sessionEpoch, isActive: row.isActive } : null;
  if (stateCache.size > 10_000) stateCache.clear();
  stateCache.set(userId, { state, at: now });
  return state;
}

/** Hours from the environment: idle timeout (GONGKAI_SESSION_HOURS, default 8) and absolute lifetime (default 12). */
function hours(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
export const SESSION_IDLE_SECONDS = Math.round(hours(process.env.GONGKAI_SESSION_HOURS, 8) * 3600);
export const SESSION_ABSOLUTE_SECONDS = Math.round(hours(process.env.GONGKAI_SESSION_ABSOLUTE_HOURS, 12) * 3600);

/**
 * Whether a session token is still good: issued under the current epoch, for an active user, and younger
 * than the absolute lifetime (authTime = seconds since 1970 at sign-in). Pure apart from the state look-up.
 */
export async function isSessionCurrent(token: { uid?: unknown; epoch?: unknown; authTime?: unknown }, nowMs = Date.now()): Promise<boolean> {
  if (typeof token.uid !== 'string' || typeof token.epoch !== 'number' || typeof token.authTime !== 'number') return false;
  if (nowMs / 1000 - token.authTime > SESSION_ABSOLUTE_SECONDS) return false;
  const state = await sessionState(token.uid, nowMs);
  return !!state && state.isActive && state.epoch === token.epoch;
}
