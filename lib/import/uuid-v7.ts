/**
 * UUID version 7 (RFC 9562): 48-bit Unix time in milliseconds, then random bits. Cases created by Prisma
 * get `@default(uuid(7))` from the client; bulk inserts in raw SQL bypass the client, so they make the same
 * kind of id here (time-ordered, which keeps the primary-key index compact and the drill-down's keyset
 * order close to creation order).
 */
import { randomBytes } from 'node:crypto';

export function uuidV7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6] & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
