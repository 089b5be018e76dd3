/**
 * Admin outbox: requeueing a failed or held message (audited, compare-and-set, admins only), requeueing all
 * failed ones, and the detail view's Message-ID and next try.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { createActor, createOrgTree } from '@/lib/cases/int-fixtures';
import { getOutboxMessage, requeueFailedOutbox, requeueOutboxMessage } from '@/lib/admin/outbox';
import { sealRecipient } from '@/lib/privacy/personal-data';

let admin: Actor;
let clerk: Actor;

beforeAll(async () => {
  const tree = await createOrgTree();
  admin = await createActor('admin', null);
  clerk = await createActor('clerk', tree.dept);
});

async function message(status: 'failed' | 'held' | 'sent' | 'pending', attempts = 31) {
  return db.outboxMessage.create({
    data: { channel: 'email', recipientEnc: sealRecipient('requeue@example.cn'), subject: '测试', body: '正文', template: 'withdrawn', status, attempts, lastError: status === 'failed' ? 'SMTP 421' : null },
  });
}

const audits = (id: string) =>
  db.auditEvent.count({ where: { type: 'outbox.requeued', data: { path: ['messageId'], equals: id } } });

describe('requeue', () => {
  it('puts a failed message back in the queue with a fresh series of tries, audited once', async () => {
    const m = await message('failed');
    const before = await getOutboxMessage(admin, m.id);
    expect(before).toMatchObject({ canRequeue: true, messageId: `<${m.id}@gongkai.invalid>`, nextAttemptAt: null });
    // a double click: one wins, the other is a conflict
    const results = await Promise.allSettled([requeueOutboxMessage(admin, m.id), requeueOutboxMessage(admin, m.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT', messageKey: 'admin.outbox.requeueConflict' } });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(await audits(m.id)).toBe(1);
    const after = await getOutboxMessage(admin, m.id);
    expect(after.canRequeue).toBe(false);
    expect(after.nextAttemptAt).not.toBeNull();
  });

  it('requeues a held message; refuses sent or pending ones and changes nothing', async () => {
    const held = await message('held', 0);
    await requeueOutboxMessage(admin, held.id);
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: held.id } })).status).toBe('pending');
    for (const status of ['sent', 'pending'] as const) {
      const m = await message(status, 1);
      await expect(requeueOutboxMessage(admin, m.id)).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status, attempts: 1 });
      expect(await audits(m.id)).toBe(0);
    }
  });

  it('is for admins only, and an unknown or malformed id is not found', async () => {
    const m = await message('failed');
    await expect(requeueOutboxMessage(clerk, m.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(requeueFailedOutbox(clerk)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('failed');
    await expect(requeueOutboxMessage(admin, 'x\u0000y')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(requeueOutboxMessage(admin, '00000000-0000-7000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('requeues every failed message at once, audited as one act', async () => {
    const ms = await Promise.all([message('failed'), message('failed')]);
    const n = await requeueFailedOutbox(admin);
    expect(n).toBeGreaterThanOrEqual(2);
    expect(await db.outboxMessage.count({ where: { id: { in: ms.map((m) => m.id) }, status: 'pending', attempts: 0 } })).toBe(2);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: 'outbox.requeued_failed', actorId: admin.id }, orderBy: { id: 'desc' } });
    expect(event.data).toEqual({ count: n });
    expect(await requeueFailedOutbox(admin)).toBe(0);
  });
});
