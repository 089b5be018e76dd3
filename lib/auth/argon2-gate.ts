/**
 * A small semaphore around every Argon2 computation (password and access-code hashes and verifications),
 * so a flood of sign-in or tracking guesses queues instead of taking every core (issue 8 item 2).
 * GONGKAI_ARGON2_CONCURRENCY (default: the number of cores, at least 1) run at once; at most
 * GONGKAI_ARGON2_QUEUE (default 100) wait; beyond that the request is refused as "too many attempts".
 */
import os from 'node:os';
import { DomainError } from '@/lib/errors';

export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.running;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new DomainError('LOCKED', 'errors.rateLimited');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes to the next waiter
      else this.running--;
    }
  }
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const globalForGate = globalThis as unknown as { gongkaiArgon2Gate?: Semaphore };
export const argon2Gate: Semaphore = (globalForGate.gongkaiArgon2Gate ??= new Semaphore(
  positive(process.env.GONGKAI_ARGON2_CONCURRENCY, Math.max(1, os.availableParallelism())),
  positive(process.env.GONGKAI_ARGON2_QUEUE, 100),
));
