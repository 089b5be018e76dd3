/**
 * The tracking grant: after a look-up by tracking number and access code (or right after submitting), the
 * portal remembers "this browser may see case X until T" in a short-lived httpOnly cookie, so the applicant
 * can open the case page, act on it and download its documents without an account, and the access code
 * never travels in a URL.
 *
 * The cookie is sealed with the server key (AES-256-GCM, lib/crypto.ts): unreadable and tamper-proof for the
 * browser. Each grant holds the case id, the tracking number, the access code (so lib functions that take
 * `{ trackingNo, accessCode }` can re-verify it, as lib/attachments does) and an expiry. A forged, altered
 * or expired grant is ignored. Pure: sealing and `now` are passed in, so it is unit-tested.
 */

export const TRACK_GRANT_COOKIE = 'gk_track';
/** How long a look-up stays valid; the page says so. */
export const TRACK_GRANT_SECONDS = 30 * 60;
/** Cases one browser may hold at once (oldest dropped first). */
export const MAX_GRANTS = 10;

export interface Sealer {
  seal(plaintext: string): string;
  /** Throws on anything not sealed by `seal` with the same key. */
  open(sealed: string): string;
}

export interface TrackGrant {
  caseId: string;
  trackingNo: string;
  accessCode: string;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isGrant(g: unknown): g is TrackGrant {
  if (typeof g !== 'object' || g === null) return false;
  const x = g as Record<string, unknown>;
  return (
    typeof x.caseId === 'string' &&
    UUID.test(x.caseId) &&
    typeof x.trackingNo === 'string' &&
    typeof x.accessCode === 'string' &&
    typeof x.expiresAt === 'number'
  );
}

/** The unexpired grants of a cookie value; [] for anything malformed, forged or sealed with another key. */
export function readGrants(value: string | undefined, sealer: Sealer, nowSeconds: number): TrackGrant[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(sealer.open(value));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isGrant).filter((g) => g.expiresAt > nowSeconds);
  } catch {
    return [];
  }
}

/** The grant for the case, if the cookie holds a live one. */
export function grantFor(value: string | undefined, caseId: string, sealer: Sealer, nowSeconds: number): TrackGrant | null {
  return readGrants(value, sealer, nowSeconds).find((g) => g.caseId === caseId) ?? null;
}

/** The cookie value with a fresh grant for the case added (or renewed), keeping at most MAX_GRANTS. */
export function addGrant(
  value: string | undefined,
  grant: { caseId: string; trackingNo: string; accessCode: string },
  sealer: Sealer,
  nowSeconds: number,
): string {
  if (!UUID.test(grant.caseId)) throw new Error('addGrant: not a case id');
  const kept = readGrants(value, sealer, nowSeconds).filter((g) => g.caseId !== grant.caseId);
  const grants = [...kept, { ...grant, expiresAt: nowSeconds + TRACK_GRANT_SECONDS }].slice(-MAX_GRANTS);
  return sealer.seal(JSON.stringify(grants));
}
