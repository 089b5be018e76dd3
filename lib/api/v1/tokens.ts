/**
 * Machine tokens of the integration API (/api/v1; docs/api.md, issue 10 item 7).
 *
 * - A token is `gk_` + 43 base64url characters (256 random bits). It is shown once, when it is created,
 *   and stored only as a keyed hash (`hmac1$` + HMAC-SHA256 under the stable api-token-hash key, as the
 *   access codes: lib/privacy/stable-keys.ts). A slow password hash adds nothing for a 256-bit random secret;
 *   the keyed hash also means a stolen database alone cannot test guesses. A rotation of
 *   GONGKAI_ENCRYPTION_KEY re-wraps the stable key without changing it, so every token keeps working; a
 *   token hashed under a data key's own subkey (before stable keys) still verifies while that key is
 *   configured and is re-stored under the stable key.
 * - A token is scoped to one organisation's subtree and to a set of operations (SCOPES). It acts as its
 *   own service account: a User row with the clerk role in that organisation, inactive (never assignable,
 *   not in pickers, work queues or the admin's user list) and without a usable password, so the case
 *   history names the token (CaseEvent.actor) and every workflow rule applies to it as to a clerk.
 * - Revoking a token stamps revokedAt (audited); a revoked token answers 401 like an unknown one.
 * - Created and revoked by an admin (/admin/api-tokens) or by `npm run cli -- api-token create|revoke|list`
 *   (actor null in the audit: the operator at the server).
 */
import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { keyedDigest, keyring, type DataKey } from '@/lib/crypto';
import { stableKey } from '@/lib/privacy/hash-keys';
import { recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/cases/actor';
import { zLine } from '@/lib/validation/text';

/** Operations a token may be granted (docs/api.md "Scopes"). */
export const API_SCOPES = ['read', 'register', 'transition'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const TOKEN_PREFIX = 'gk_';
const TOKEN_PATTERN = /^gk_[A-Za-z0-9_-]{43}$/;
const KEYED_PREFIX = 'hmac1$';
/** Characters of the token kept in clear for lists (`gk_` + 6): not enough to guess the rest. */
const SHOWN_PREFIX_LENGTH = 9;

export interface ApiPrincipal {
  tokenId: string;
  name: string;
  scopes: readonly ApiScope[];
  /** The service account the token acts as (role clerk, scope = the token's organisation subtree). */
  actor: Actor;
}

/** The stored hash of a token: under the stable key, or (`legacyKey`) under a data key's subkey as before. */
export async function hashApiToken(token: string, legacyKey?: DataKey): Promise<string> {
  const digest = legacyKey ? keyedDigest('api-token', token, legacyKey) : createHmac('sha256', await stableKey('api-token-hash')).update(token, 'utf8').digest();
  return KEYED_PREFIX + digest.toString('base64url');
}

export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export const createApiTokenSchema = z.object({
  // An empty organisation box submits '' (→ 0): told as a missing choice.
  orgId: z.coerce.number().int().min(1, 'validation.required').max(2_147_483_647),
  name: zLine({ requiredMessage: 'validation.required' }).min(1, 'validation.required').max(100, 'validation.too_long'),
  scopes: z.array(z.enum(API_SCOPES, { error: 'validation.option.invalid' })).min(1, 'admin.apiTokens.scopesRequired').max(API_SCOPES.length),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

export interface CreatedApiToken {
  id: string;
  /** Shown once; only its hash is stored. */
  token: string;
  name: string;
  orgCode: string;
  scopes: ApiScope[];
}

/**
 * Creates a token and its service account in one transaction with its audit event. `createdBy` is the
 * admin (null from the CLI). Throws VALIDATION (bad input, unknown organisation) or FORBIDDEN (not an admin).
 */
export async function createApiToken(createdBy: Actor | null, input: CreateApiTokenInput, now = new Date()): Promise<CreatedApiToken> {
  if (createdBy && createdBy.role !== 'admin') throw new DomainError('FORBIDDEN', 'errors.forbidden');
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('VALIDATION', 'errors.validation', {
      fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '_form', [i.message]])),
    });
  }
  const { orgId, name } = parsed.data;
  const scopes = API_SCOPES.filter((s) => parsed.data.scopes.includes(s));
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, code: true, retiredAt: true } });
  if (!org) throw new DomainError('VALIDATION', 'case.org_not_found', { orgId });
  // A retired (停用) organisation takes no new cases; a system connected to it belongs to its successor.
  if (org.retiredAt) throw new DomainError('VALIDATION', 'case.org_retired', { orgId });
  const token = generateApiToken();
  const id = await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { role: 'clerk', name: `API：${name}`, passwordHash: '!api-token', orgId: org.id, isActive: false },
      select: { id: true },
    });
    const row = await tx.apiToken.create({
      data: {
        name,
        orgId: org.id,
        scopes,
        tokenHash: await hashApiToken(token),
        tokenPrefix: token.slice(0, SHOWN_PREFIX_LENGTH),
        userId: user.id,
        createdById: createdBy?.id ?? null,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit({ actorId: createdBy?.id ?? null, type: 'api_token.created', data: { tokenId: row.id, name, org: org.code, scopes } }, tx);
    return row.id;
  });
  return { id, token, name, orgCode: org.code, scopes };
}

/** Creates a token for an organisation given by its code (the CLI). */
export async function createApiTokenForOrgCode(createdBy: Actor | null, input: { orgCode: string; name: string; scopes: string[] }): Promise<CreatedApiToken> {
  const org = await db.organisation.findUnique({ where: { code: input.orgCode }, select: { id: true } });
  if (!org) throw new DomainError('VALIDATION', 'case.org_not_found', { org: input.orgCode });
  return createApiToken(createdBy, { orgId: org.id, name: input.name, scopes: input.scopes as ApiScope[] });
}

/** Revokes a token (idempotent: a revoked token stays revoked with its first date). */
export async function revokeApiToken(revokedBy: Actor | null, tokenId: string, now = new Date()): Promise<void> {
  if (revokedBy && revokedBy.role !== 'admin') throw new DomainError('FORBIDDEN', 'errors.forbidden');
  if (!z.uuid().safeParse(tokenId).success) throw new DomainError('NOT_FOUND', 'errors.notFound');
  await db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, name: true, revokedAt: true } });
    if (!row) throw new DomainError('NOT_FOUND', 'errors.notFound');
    if (row.revokedAt) return;
    const changed = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: now, revokedById: revokedBy?.id ?? null } });
    if (changed.count === 1) await recordAudit({ actorId: revokedBy?.id ?? null, type: 'api_token.revoked', data: { tokenId, name: row.name } }, tx);
  });
}

export interface ApiTokenRow {
  id: string;
  name: string;
  org: { id: number; code: string; name: string };
  scopes: string[];
  tokenPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every token, newest first (admin page, CLI list). */
export async function listApiTokens(admin: Actor | null): Promise<ApiTokenRow[]> {
  if (admin && admin.role !== 'admin') throw new DomainError('FORBIDDEN', 'errors.forbidden');
  return db.apiToken.findMany({
    select: { id: true, name: true, org: { select: { id: true, code: true, name: true } }, scopes: true, tokenPrefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
}

/** lastUsedAt is written at most once a minute per token (no write on every request). */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The principal of a bearer token, or null when the token is malformed, unknown or revoked. Looks the
 * token up by its keyed hash under the stable key, then under the configured data keys' subkeys (hashes
 * stored before stable keys existed), re-storing such a hash under the stable key.
 */
export async function authenticateApiToken(token: string, now = new Date()): Promise<ApiPrincipal | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const ring = keyring();
  const current = await hashApiToken(token);
  for (const [i, key] of [null, ring.current, ...ring.previous].entries()) {
    const hash = key ? await hashApiToken(token, key) : current;
    const row = await db.apiToken.findUnique({
      where: { tokenHash: hash },
      select: { id: true, name: true, scopes: true, revokedAt: true, lastUsedAt: true, tokenHash: true, userId: true, org: { select: { id: true, path: true } } },
    });
    if (!row) continue;
    // The index found it; compare once more in constant time (defence in depth).
    const a = Buffer.from(row.tokenHash);
    const b = Buffer.from(hash);
    if (a.length !== b.length || !timingSafeEqual(a, b) || row.revokedAt) return null;
    const stale = !row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS;
    if (i > 0 || stale) {
      await db.apiToken.updateMany({
        where: { id: row.id, tokenHash: row.tokenHash },
        data: { ...(stale ? { lastUsedAt: now } : {}), ...(i > 0 ? { tokenHash: current } : {}) },
      });
    }
    return {
      tokenId: row.id,
      name: row.name,
      scopes: API_SCOPES.filter((s) => row.scopes.includes(s)),
      actor: { id: row.userId, role: 'clerk', orgId: row.org.id, orgPath: row.org.path },
    };
  }
  return null;
}
