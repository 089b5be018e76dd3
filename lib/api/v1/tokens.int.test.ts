/**
 * API tokens on a real PostgreSQL (lib/api/v1/tokens.ts): only admins (or the CLI) create and revoke them,
 * each act is audited once, the secret is never stored, service accounts stay out of the people lists, a
 * revoked token stops at once, and a token survives a key rotation (re-stored under the current key).
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createActor, createOrgTree, ensureTestEncryptionKey, type OrgTree } from '@/lib/cases/int-fixtures';
import { listStaffUsers } from '@/lib/admin/users';
import { authenticateApiToken, createApiToken, hashApiToken, listApiTokens, revokeApiToken } from '@/lib/api/v1/tokens';
import { parseKey } from '@/lib/crypto';

let tree: OrgTree;

beforeAll(async () => {
  ensureTestEncryptionKey();
  tree = await createOrgTree();
});

describe('API tokens', () => {
  it('are created by admins only, audited, stored as a keyed hash, with an inactive clerk service account', async () => {
    const clerk = await createActor('clerk', tree.dept);
    const reviewer = await createActor('reviewer', tree.root);
    for (const actor of [clerk, reviewer]) {
      await expect(createApiToken(actor, { orgId: tree.dept.id, name: 'x', scopes: ['read'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const admin = await createActor('admin', null);
    const created = await createApiToken(admin, { orgId: tree.dept.id, name: '省政务服务平台', scopes: ['transition', 'read', 'read'] });
    expect(created.token).toMatch(/^gk_[A-Za-z0-9_-]{43}$/);
    expect(created.scopes).toEqual(['read', 'transition']);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id }, include: { user: true } });
    expect(row.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(3));
    expect(row.tokenPrefix).toBe(created.token.slice(0, 9));
    expect(row.user).toMatchObject({ role: 'clerk', orgId: tree.dept.id, isActive: false, name: 'API：省政务服务平台', emailBidx: null, mobileBidx: null });
    const audits = await db.auditEvent.findMany({ where: { type: 'api_token.created', data: { path: ['tokenId'], equals: created.id } } });
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBe(admin.id);
    expect(JSON.stringify(audits[0].data)).not.toContain(created.token.slice(3));
    // The service account is not a person in the admin's user list.
    const people = await listStaffUsers(admin, { orgId: tree.dept.id });
    expect(people.map((u) => u.id)).not.toContain(row.userId);
    expect((await listApiTokens(admin)).map((t) => t.id)).toContain(created.id);
    await expect(listApiTokens(clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses invalid input without creating anything', async () => {
    const before = await db.apiToken.count();
    const bad = [
      { orgId: tree.dept.id, name: '', scopes: ['read'] },
      { orgId: tree.dept.id, name: 'a\u0000b', scopes: ['read'] },
      { orgId: tree.dept.id, name: 'x'.repeat(101), scopes: ['read'] },
      { orgId: tree.dept.id, name: 'x', scopes: [] },
      { orgId: tree.dept.id, name: 'x', scopes: ['admin'] },
      { orgId: 2_000_000_000, name: 'x', scopes: ['read'] },
      { orgId: -1, name: 'x', scopes: ['read'] },
    ];
    const retired = await createOrgTree();
    await db.organisation.update({ where: { id: retired.dept.id }, data: { retiredAt: new Date() } });
    bad.push({ orgId: retired.dept.id, name: 'x', scopes: ['read'] });
    for (const input of bad) {
      await expect(createApiToken(null, input as Parameters<typeof createApiToken>[1])).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(await db.apiToken.count()).toBe(before);
  });

  it('authenticates until revoked; revoking twice audits once', async () => {
    const admin = await createActor('admin', null);
    const created = await createApiToken(admin, { orgId: tree.root.id, name: 'revoke-me', scopes: ['read'] });
    const principal = await authenticateApiToken(created.token);
    expect(principal).toMatchObject({ tokenId: created.id, scopes: ['read'], actor: { role: 'clerk', orgId: tree.root.id, orgPath: tree.root.path } });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
    expect(await authenticateApiToken(`${created.token.slice(0, -1)}${created.token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    await Promise.all([revokeApiToken(admin, created.id), revokeApiToken(admin, created.id)]).catch(() => undefined);
    await revokeApiToken(admin, created.id);
    expect(await authenticateApiToken(created.token)).toBeNull();
    expect(await db.auditEvent.count({ where: { type: 'api_token.revoked', data: { path: ['tokenId'], equals: created.id } } })).toBe(1);
    await expect(revokeApiToken(admin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeApiToken(admin, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps working across a key rotation and is re-stored under the new key', async () => {
    const created = await createApiToken(null, { orgId: tree.dept.id, name: 'rotation', scopes: ['read'] });
    const oldKey = process.env.GONGKAI_ENCRYPTION_KEY!;
    const newKey = randomBytes(32).toString('base64');
    process.env.GONGKAI_ENCRYPTION_KEY = newKey;
    process.env.GONGKAI_PREVIOUS_ENCRYPTION_KEYS = oldKey;
    try {
      expect(await authenticateApiToken(created.token)).toMatchObject({ tokenId: created.id });
      const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.tokenHash).toBe(hashApiToken(created.token, parseKey(newKey, 'new')));
      process.env.GONGKAI_PREVIOUS_ENCRYPTION_KEYS = '';
      expect(await authenticateApiToken(created.token)).toMatchObject({ tokenId: created.id });
    } finally {
      process.env.GONGKAI_ENCRYPTION_KEY = oldKey;
      delete process.env.GONGKAI_PREVIOUS_ENCRYPTION_KEYS;
    }
  });
});
