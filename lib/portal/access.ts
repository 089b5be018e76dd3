import 'server-only';
import { cookies } from 'next/headers';
import { decrypt, encrypt } from '@/lib/crypto';
import { getActor, type SessionUser } from '@/lib/auth/session';
import { TRACK_GRANT_COOKIE, TRACK_GRANT_SECONDS, addGrant, grantFor, type Sealer, type TrackGrant } from './track-grant';

/**
 * Who may see a case on the portal (pages, actions and downloads all ask here, each for itself):
 * - a signed-in applicant, for their own applications (queries scope by `applicantUserId`);
 * - a browser holding a tracking grant for that case (lib/portal/track-grant.ts), obtained by a look-up
 *   with tracking number and access code, or by submitting the application.
 * Anyone else gets "not found", never "forbidden" (STYLE §5).
 */
export type PortalAccess = { kind: 'account'; actor: SessionUser } | { kind: 'grant'; grant: TrackGrant; actor: SessionUser | null };

const sealer: Sealer = { seal: encrypt, open: decrypt };
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Secure cookies when the site is served over HTTPS (as next-auth decides for its own cookies). */
function isSecureSite(): boolean {
  return (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
}

export async function trackGrantFor(caseId: string): Promise<TrackGrant | null> {
  const value = (await cookies()).get(TRACK_GRANT_COOKIE)?.value;
  return grantFor(value, caseId, sealer, nowSeconds());
}

/**
 * Adds a grant for the case to this browser's cookie. Only in server actions and route handlers (Next
 * allows setting cookies there, not while rendering a page).
 */
export async function grantTrackAccess(grant: { caseId: string; trackingNo: string; accessCode: string }): Promise<void> {
  const store = await cookies();
  const value = addGrant(store.get(TRACK_GRANT_COOKIE)?.value, grant, sealer, nowSeconds());
  store.set(TRACK_GRANT_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureSite(),
    path: '/',
    maxAge: TRACK_GRANT_SECONDS,
  });
}

/**
 * How the current request may reach the case, or null. `ownerUserId` is the case's applicant account
 * (null for an anonymous application), loaded by the caller; null access must be answered "not found".
 */
export async function portalAccessFor(caseId: string, ownerUserId: string | null): Promise<PortalAccess | null> {
  const actor = await getActor();
  if (actor && actor.role === 'applicant' && ownerUserId !== null && ownerUserId === actor.id) return { kind: 'account', actor };
  const grant = await trackGrantFor(caseId);
  if (grant) return { kind: 'grant', grant, actor };
  return null;
}
