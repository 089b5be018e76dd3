/**
 * The tracking grant: after a look-up by tracking number and access code (or right after submitting), the
 * portal remembers "this browser may see case X until T" in a short-lived, signed, httpOnly cookie, so the
 * applicant can open the case page, act on it and download its documents without an account — and the
 * access code never travels in a URL and is not kept anywhere in the clear.
 *
 * The cookie holds case ids and expiry times only (no code, no personal data), signed with HMAC-SHA256
 * under a key derived from the server key (lib/crypto.ts keyedDigest). A forged, altered or expired grant
 * is simply ignored. Pure: the signing function and `now` are passed in, so it is unit-tested.
 */

export const TRACK_GRANT_COOKIE = 'gk_track';
/** How long a look-up stays valid; the page says so. */
export const TRACK_GRANT_SECONDS = 30 * 60;
/** Cases one browser may hold at once (oldest dropped first). */
export const MAX_GRANTS = 10;

export type Sign = (payload: string) => string;

interface Grant {
  /** Case id. */
  c: string;
  /** Expiry, seconds since the epoch. */
  e: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Constant-time string comparison (both are base64url HMACs of the same length when genuine). */
function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function encodePayload(grants: Grant[]): string {
  return Buffer.from(JSON.stringify(grants), 'utf8').toString('base64url');
}

/** The valid, unexpired grants of a cookie value; [] for anything malformed or forged. */
export function readGrants(value: string | undefined, sign: Sign, nowSeconds: number): Grant[] {
  if (!value) return [];
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return [];
  const payload = value.slice(0, dot);
  const mac = value.slice(dot + 1);
  if (!safeEqual(mac, sign(payload))) return [];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (g): g is Grant =>
        typeof g === 'object' && g !== null && typeof g.c === 'string' && UUID.test(g.c) && typeof g.e === 'number' && g.e > nowSeconds,
    );
  } catch {
    return [];
  }
}

/** Whether the cookie grants access to the case now. */
export function hasGrant(value: string | undefined, caseId: string, sign: Sign, nowSeconds: number): boolean {
  return readGrants(value, sign, nowSeconds).some((g) => g.c === caseId);
}

/** The cookie value with a fresh grant for `caseId` added (or renewed), keeping at most MAX_GRANTS. */
export function addGrant(value: string | undefined, caseId: string, sign: Sign, nowSeconds: number): string {
  if (!UUID.test(caseId)) throw new Error('addGrant: not a case id');
  const kept = readGrants(value, sign, nowSeconds).filter((g) => g.c !== caseId);
  const grants = [...kept, { c: caseId, e: nowSeconds + TRACK_GRANT_SECONDS }].slice(-MAX_GRANTS);
  const payload = encodePayload(grants);
  return `${payload}.${sign(payload)}`;
}
