import 'server-only';
import { headers } from 'next/headers';
import { clientIp } from '@/lib/auth/client-ip';
import { invalidTextState } from '@/lib/actions/run-action';
import { grantTrackAccess } from '@/lib/portal/access';
import { trackLookup } from '@/lib/portal/track-lookup';
import { normalizeTrackingNo } from '@/lib/portal/tracking-no';

/** A refused look-up: the message key, the fields' errors and the tracking number to show again. */
export type TrackState = {
  ok: false;
  messageKey: string;
  fieldErrors?: Record<string, string[]>;
  values?: { trackingNo: string };
} | null;

/**
 * The /track form (tracking number + access code, no account), for the server action of
 * app/(public)/track/actions.ts and the route app/api/portal/track that the page posts to. Tracking numbers
 * are not secret (they travel in SMS, e-mail and URLs), so the throttles are keyed so that a stranger cannot
 * lock the owner out (lib/portal/track-lookup.ts): per address; per tracking number and address (hard); per
 * tracking number from anywhere, growing delays per address beyond a soft ceiling. The counters are taken
 * before the code is verified, so a burst of parallel guesses makes at most the limit's verifications and a
 * right code inside a throttled burst fails too. "Wrong" is the same message for an unknown number and a
 * wrong code. On success this browser gets a sealed, short-lived tracking grant (cookie) and the caller sends
 * it to the case page: the code never appears in a URL.
 */
export async function lookupFromForm(form: FormData): Promise<{ ok: true; trackingNo: string } | NonNullable<TrackState>> {
  // The text rule (lib/validation/text.ts): a NUL byte or a lone surrogate is refused before anything else.
  const refused = invalidTextState({ trackingNo: form.get('trackingNo'), accessCode: form.get('accessCode') });
  if (refused) return { ok: false, messageKey: refused.messageKey, fieldErrors: refused.fieldErrors, values: { trackingNo: '' } };
  const trackingNo = normalizeTrackingNo(String(form.get('trackingNo') ?? ''));
  const accessCode = String(form.get('accessCode') ?? '').trim().slice(0, 64);
  const values = { trackingNo };
  const fieldErrors: Record<string, string[]> = {};
  if (!trackingNo) fieldErrors.trackingNo = ['validation.required'];
  if (!accessCode) fieldErrors.accessCode = ['validation.required'];
  if (Object.keys(fieldErrors).length) return { ok: false, messageKey: 'errors.validation', fieldErrors, values };

  const ip = clientIp(await headers());
  const result = await trackLookup(trackingNo, accessCode, ip);
  if (result.status === 'throttled') return { ok: false, messageKey: 'portal.track.throttled', values };
  if (result.status === 'wrong') return { ok: false, messageKey: 'portal.track.wrong', values };
  await grantTrackAccess({ caseId: result.value, trackingNo, accessCode });
  return { ok: true, trackingNo };
}

/** The case page a successful look-up leads to. */
export function trackedCasePath(trackingNo: string): string {
  return `/track/${encodeURIComponent(trackingNo)}`;
}
