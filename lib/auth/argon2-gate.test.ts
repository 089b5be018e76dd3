import { describe, expect, it } from 'vitest';
import { Semaphore } from './argon2-gate';
import { delayAfter } from '@/lib/rate-limit';

describe('Semaphore', () => {
  it('runs at most `concurrency` at once and refuses beyond the waiting room', async () => {
    const gate = new Semaphore(2, 3);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => releases.push(r));
        running--;
      });
    const accepted = Array.from({ length: 5 }, task);
    await expect(task()).rejects.toMatchObject({ messageKey: 'errors.rateLimited' });
    while (releases.length || running) {
      await new Promise((r) => setTimeout(r, 1));
      releases.shift()?.();
    }
    await Promise.all(accepted);
    expect(peak).toBe(2);
    expect(gate.active).toBe(0);
  });

  it('frees the slot when the task throws', async () => {
    const gate = new Semaphore(1, 1);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 7)).resolves.toBe(7);
  });
});

describe('delayAfter', () => {
  it('grows as 2^n beyond the soft ceiling, capped', () => {
    expect(delayAfter(20, 20, 900)).toBe(0);
    expect(delayAfter(21, 20, 900)).toBe(2);
    expect(delayAfter(25, 20, 900)).toBe(32);
    expect(delayAfter(40, 20, 900)).toBe(900);
    expect(delayAfter(10_000, 20, 900)).toBe(900);
  });
});
