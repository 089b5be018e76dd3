/**
 * Outbox rows are written with the change and sent after commit; without a transport they are held.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { db } from '@/lib/db';
import { createOrgTree, ensureTestEncryptionKey } from '@/lib/cases/int-fixtures';
import { dispatchOutbox, MAX_ATTEMPTS } from '@/lib/notifications/dispatch';
import { buildMessage } from '@/lib/notifications/messages';
import { queueNotification } from '@/lib/notifications/outbox';
import type { OutgoingMessage, Transport } from '@/lib/notifications/transports';

let caseId: string;

beforeAll(async () => {
  ensureTestEncryptionKey();
  const orgs = await createOrgTree();
  const c = await db.case.create({
    data: {
      trackingNo: `GK2026-T${Date.now().toString(36).toUpperCase()}`,
      orgId: orgs.dept.id,
      applicantType: 'natural_person',
      applicantName: '赵六',
      description: '测试',
      channel: 'online',
      status: 'pending_confirmation',
    },
  });
  caseId = c.id;
});

async function queue(template: 'answer_issued' | 'withdrawn', recipient: { email: string | null; mobile: string | null; locale: string | null }) {
  await db.$transaction(async (tx) => {
    if (template === 'answer_issued') {
      await queueNotification(tx, { caseId, ...recipient }, 'answer_issued', { trackingNo: 'GK2026-ABCDEFGH', orgName: '示范市交通运输局', docNumber: '示范交答〔2026〕3号', outcomeLabel: '予以公开' });
    } else {
      await queueNotification(tx, { caseId, ...recipient }, 'withdrawn', { trackingNo: 'GK2026-ABCDEFGH', orgName: '示范市交通运输局' });
    }
  });
  return db.outboxMessage.findMany({ where: { caseId }, orderBy: { createdAt: 'desc' }, take: 2 });
}

describe('messages', () => {
  it('are Chinese, with English added for an English locale', () => {
    const params = { trackingNo: 'GK2026-ABCDEFGH', orgName: '示范市交通运输局', receivedOn: '2026-03-03', answerDueOn: '2026-03-31' };
    const zh = buildMessage('receipt_confirmed', params, { locale: 'zh-CN', channel: 'email' });
    expect(zh.body).toContain('收到申请之日为2026-03-03');
    expect(zh.body).not.toContain('receipt');
    const en = buildMessage('receipt_confirmed', params, { locale: 'en', channel: 'email' });
    expect(en.body).toContain('收到申请之日');
    expect(en.body).toContain('legal receipt date is 2026-03-03');
    expect(buildMessage('receipt_confirmed', params, { locale: 'zh-CN', channel: 'sms' }).body.length).toBeLessThan(70);
  });
});

describe('dispatch', () => {
  it('holds messages without a transport, sends with one, and gives up after repeated failures', async () => {
    const rows = await queue('answer_issued', { email: 'a@example.cn', mobile: '13800138000', locale: null });
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    await dispatchOutbox({ transports: {}, limit: 100_000 }); // other test files leave pending rows in the shared database
    expect(await db.outboxMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { status: true } })).toEqual([{ status: 'held' }, { status: 'held' }]);

    const sent: OutgoingMessage[] = [];
    const email: Transport = { channel: 'email', name: 'memory', send: async (m) => void sent.push(m) };
    const [row] = await queue('withdrawn', { email: 'b@example.cn', mobile: null, locale: 'en-US' });
    await dispatchOutbox({ transports: { email }, limit: 100_000 });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sent.find((m) => m.recipient === 'b@example.cn')?.body).toContain('withdrawn');

    const broken: Transport = { channel: 'email', name: 'broken', send: async () => { throw new Error('SMTP 421'); } };
    const [bad] = await queue('withdrawn', { email: 'c@example.cn', mobile: null, locale: null });
    // Each failure schedules the next try later (back-off); a run before then leaves the row alone.
    let clock = Date.now();
    await dispatchOutbox({ transports: { email: broken }, only: [bad.id], now: () => new Date(clock) });
    const afterFirst = await db.outboxMessage.findUniqueOrThrow({ where: { id: bad.id } });
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMTP 421', leaseExpiresAt: null });
    await dispatchOutbox({ transports: { email: broken }, only: [bad.id], now: () => new Date(clock) });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: bad.id } })).attempts).toBe(1);
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      clock += 2 * 3600_000; // past any delay
      await dispatchOutbox({ transports: { email: broken }, only: [bad.id], now: () => new Date(clock) });
    }
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: bad.id } })).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'SMTP 421' });
  });

  it('never sends a row twice when dispatchers run at once', async () => {
    const calls: string[] = [];
    const email: Transport = { channel: 'email', name: 'slow', send: async (m) => { calls.push(m.recipient); await new Promise((r) => setTimeout(r, 20)); } };
    for (let i = 0; i < 3; i++) await queue('withdrawn', { email: `p${i}@example.cn`, mobile: null, locale: null });
    await Promise.all([dispatchOutbox({ transports: { email } }), dispatchOutbox({ transports: { email } })]);
    const mine = calls.filter((r) => /^p\d@example\.cn$/.test(r));
    expect(mine.sort()).toEqual(['p0@example.cn', 'p1@example.cn', 'p2@example.cn']);
  });
});
