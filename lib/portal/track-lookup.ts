import 'server-only';
import { verifyAccessCode } from '@/lib/cases/access-code';
import { LIMITS, guardedAttempt, ipKey, targetKey, type AttemptResult } from '@/lib/rate-limit';

/**
 * The throttled access-code check behind the tracking look-up (app/(public)/track/actions.ts): counters per
 * address, per tracking number and address (hard) and per tracking number (soft ceiling with growing delays
 * per address), all taken before the argon2 verification. Returns the case id on success.
 */
export function trackLookup(trackingNo: string, accessCode: string, ip: string): Promise<AttemptResult<string>> {
  const number = targetKey(`track:${trackingNo}`);
  const addr = ipKey(ip);
  return guardedAttempt(
    {
      counters: [
        { limit: LIMITS.trackPerIp, key: addr },
        { limit: LIMITS.trackPerTrackingNoAndIp, key: `${number}:${addr}` },
      ],
      ceiling: { limit: LIMITS.trackPerTrackingNo, key: number, address: ip },
    },
    () => verifyAccessCode(trackingNo, accessCode),
  );
}
