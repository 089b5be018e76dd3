import 'server-only';
import { hash, verify } from '@node-rs/argon2';
import { argon2Gate } from './argon2-gate';

/** Argon2id (the @node-rs/argon2 defaults: m=19 MiB, t=2, p=1, OWASP's minimum), at bounded concurrency. */
export function hashPassword(password: string): Promise<string> {
  return argon2Gate.run(() => hash(password));
}

/** False for a wrong password or a malformed hash; throws DomainError('LOCKED') when the gate's queue is full. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  return argon2Gate.run(async () => {
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  });
}

/** A real hash of a random secret: verifying against it costs what a real account costs (no user enumeration by timing). */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hash(crypto.randomUUID());
  return dummy;
}
