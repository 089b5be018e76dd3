import { describe, expect, it } from 'vitest';
import { baseRetryDelayMs, MAX_ATTEMPTS, MAX_RETRY_DELAY_MS, retryDelayMs, RETRY_WINDOW_MS } from './backoff';

describe('notification back-off', () => {
  it('doubles from 30 s and is capped at one hour', () => {
    expect([1, 2, 3, 4, 5].map(baseRetryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(baseRetryDelayMs(8)).toBe(MAX_RETRY_DELAY_MS);
    expect(baseRetryDelayMs(1000)).toBe(MAX_RETRY_DELAY_MS);
    expect(baseRetryDelayMs(0)).toBe(30_000);
  });

  it('spreads the tries over at least 24 hours before giving up', () => {
    let total = 0;
    for (let failed = 1; failed < MAX_ATTEMPTS; failed++) total += baseRetryDelayMs(failed);
    expect(total).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(RETRY_WINDOW_MS).toBe(24 * 3600_000);
    // and not much longer: one try fewer would fall short
    expect(total - baseRetryDelayMs(MAX_ATTEMPTS - 1)).toBeLessThan(RETRY_WINDOW_MS);
    expect(MAX_ATTEMPTS).toBe(31);
  });

  it('adds at most 20 % jitter and never shortens the delay', () => {
    expect(retryDelayMs(3, () => 0)).toBe(120_000);
    expect(retryDelayMs(3, () => 0.999999)).toBeLessThanOrEqual(144_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(132_000);
  });
});
