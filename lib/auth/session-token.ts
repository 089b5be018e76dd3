/**
 * The session token (next-auth's JWE in the session cookie): decoded once per value, and renewed on use.
 * No server-only imports: lib/auth/session.ts (pages, actions, routes) and proxy.ts (every request) use it.
 */
import { decode, encode, type JWT } from 'next-auth/jwt';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from './session-epoch';

const DECODED_TTL_MS = 60_000;
const DECODED_MAX = 10_000;
const decoded = new Map<string, { token: JWT | null; until: number }>();

const secretOf = (env: NodeJS.ProcessEnv): string | undefined => env.NEXTAUTH_SECRET ?? env.AUTH_SECRET;

/**
 * The token `raw` decoded with next-auth's own `decode` (key derivation + JWE decryption), remembered per
 * value for a minute and never past the token's expiry; a forged, foreign or expired token is null (and not
 * remembered). Whether the session is still current (epoch, active, absolute lifetime) is the caller's check.
 */
export async function decodeSessionToken(raw: string, now = Date.now(), env: NodeJS.ProcessEnv = process.env): Promise<JWT | null> {
  const hit = decoded.get(raw);
  if (hit && now < hit.until) return hit.token;
  const secret = secretOf(env);
  if (!secret) return null;
  let token: JWT | null;
  try {
    token = await decode({ token: raw, secret });
  } catch {
    token = null; // expired, tampered with, or under another secret: no session
  }
  const exp = typeof token?.exp === 'number' ? token.exp * 1000 : now;
  if (decoded.size >= DECODED_MAX) decoded.clear();
  decoded.set(raw, { token, until: Math.min(now + DECODED_TTL_MS, exp) });
  return token;
}

/**
 * The idle timeout is renewed on use (docs/decisions.md, "sessions"): once more than half of a token's idle
 * window has passed, the next request gets it re-issued for a full window — the same claims (user, epoch,
 * sign-in time, so the absolute lifetime still counts from the sign-in), a new expiry. At most one encryption
 * per user per half window. Null when nothing is to be renewed: no valid token, still fresh, or past the
 * absolute lifetime (that session is over whatever the cookie says).
 */
export async function renewedSessionToken(raw: string, now = Date.now(), env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const token = await decodeSessionToken(raw, now, env);
  if (!token || typeof token.exp !== 'number' || typeof token.authTime !== 'number') return null;
  if (token.exp * 1000 - now > (SESSION_IDLE_SECONDS * 1000) / 2) return null;
  if (now / 1000 - token.authTime > SESSION_ABSOLUTE_SECONDS) return null;
  const secret = secretOf(env);
  if (!secret) return null;
  // next-auth's encode sets a new iat, exp and jti.
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
  return encode({ token: claims, secret, maxAge: SESSION_IDLE_SECONDS });
}
