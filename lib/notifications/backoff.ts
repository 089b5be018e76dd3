/**
 * When a notification whose send failed is tried again: exponential back-off, 30 s after the first failure,
 * doubling up to one hour between tries, for at least 24 hours before the message is given up (`failed`,
 * which an admin can requeue from the outbox). Pure; unit-tested (backoff.test.ts).
 */
export const FIRST_RETRY_DELAY_MS = 30_000;
export const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** The tries are spread over at least this long (not counting the random part). */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;

/** Delay before the next try after `failedAttempts` (≥ 1) failed tries, without jitter. */
export function baseRetryDelayMs(failedAttempts: number): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  return Math.min(FIRST_RETRY_DELAY_MS * 2 ** Math.min(n - 1, 30), MAX_RETRY_DELAY_MS);
}

/** With up to +20 % jitter, so many messages that failed together do not all retry at the same instant. */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = baseRetryDelayMs(failedAttempts);
  return Math.round(base * (1 + 0.2 * random()));
}

/** The smallest number of tries whose back-off (without jitter) spans RETRY_WINDOW_MS: 31. */
export const MAX_ATTEMPTS = (() => {
  let total = 0;
  let attempts = 1;
  while (total < RETRY_WINDOW_MS) {
    total += baseRetryDelayMs(attempts);
    attempts++;
  }
  return attempts;
})();
